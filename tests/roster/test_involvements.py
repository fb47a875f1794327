"""The roster reads load and case codes from the cases feature's involvements (on the database under test)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from commands.cases.lifecycle import create_case
from commands.cases.model import EndReason, Framework
from commands.clock import ManualClock
from commands.roster.involvements import CaseInvolvements
from storage.uow import SqlUnitOfWorkFactory
from tests.roster.fakes import user_id

pytestmark = pytest.mark.usefixtures("imported")


def test_codes_and_load_come_from_active_involvements(uow: SqlUnitOfWorkFactory, clock: ManualClock) -> None:
    sanne, lotte = user_id("sanne.devries"), user_id("lotte.jansen")
    with uow() as tx:
        lead = tx.roster.professional(user_id("jeroen.peeters"))
        assert lead is not None
        first = create_case(
            tx, lead, "Roosendaal", clock.now(), access_point="test", framework=Framework.VOLUNTARY
        )
        second = create_case(
            tx, lead, "Roosendaal", clock.now(), access_point="test", framework=Framework.VOLUNTARY
        )
        tx.cases.start_involvement(first.id, sanne, lead.organisation.kind, clock.now())
        tx.cases.start_involvement(second.id, sanne, lead.organisation.kind, clock.now())
        ended = tx.cases.start_involvement(first.id, lotte, lead.organisation.kind, clock.now())
        tx.cases.end_involvement(ended.id, clock.now() + timedelta(hours=1), next(iter(EndReason)))
        tx.commit()
    reader = CaseInvolvements()
    with uow() as tx:
        assert reader.case_codes(tx, sanne) == tuple(sorted((first.code, second.code)))
        assert reader.case_codes(tx, lotte) == ()
        assert reader.counts(tx, [sanne, lotte]) == {sanne: 2, lotte: 0}
