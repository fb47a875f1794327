"""The per-process roster snapshot: always current after a commit, never polluted by a rolled-back change."""

from __future__ import annotations

from sqlalchemy import Engine

from commands.clock import ManualClock
from commands.roster.model import OrganisationKind
from storage.uow import SqlUnitOfWorkFactory
from tests.roster.fakes import user_id


def _paused(uow: SqlUnitOfWorkFactory, name: str) -> bool:
    with uow() as tx:
        person = tx.roster.professional(user_id(name))
    assert person is not None
    return person.paused


def test_a_committed_change_is_seen_by_the_next_transaction(
    uow: SqlUnitOfWorkFactory, imported: None, clock: ManualClock
) -> None:
    assert _paused(uow, "sanne.devries") is False  # the snapshot is built and cached here
    with uow() as tx:
        tx.roster.set_paused(user_id("sanne.devries"), True, clock.now())
        tx.commit()
    assert _paused(uow, "sanne.devries") is True
    with uow() as tx:
        candidates = tx.roster.candidate_experts("huiselijk_geweld", frozenset({OrganisationKind.VT}), None)
    assert user_id("sanne.devries") in {p.user_id for p in candidates}  # paused is matching's business


def test_a_transaction_reads_its_own_roster_writes(
    uow: SqlUnitOfWorkFactory, imported: None, clock: ManualClock
) -> None:
    with uow() as tx:
        assert tx.roster.professional(user_id("kees.vanderberg")).paused is False  # type: ignore[union-attr]
        tx.roster.set_paused(user_id("kees.vanderberg"), True, clock.now())
        assert tx.roster.professional(user_id("kees.vanderberg")).paused is True  # type: ignore[union-attr]
        tx.rollback()
    # the rolled-back pause never reached the shared snapshot
    assert _paused(uow, "kees.vanderberg") is False


def test_processes_share_nothing_but_the_database(
    engine: Engine, uow: SqlUnitOfWorkFactory, imported: None, clock: ManualClock
) -> None:
    other_process = SqlUnitOfWorkFactory(engine)  # its own cache, as a second bot process would have
    assert _paused(other_process, "ahmed.elamrani") is False
    with uow() as tx:
        tx.roster.set_paused(user_id("ahmed.elamrani"), True, clock.now())
        tx.commit()
    assert _paused(other_process, "ahmed.elamrani") is True
