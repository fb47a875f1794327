"""Repository queries beyond the import: lookups by name and the narrowed candidate list for matching."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from commands.clock import ManualClock
from commands.roster.importing import import_roster
from commands.roster.model import OrganisationKind, Professional
from commands.roster.roster_file import RosterFile, load_roster_file
from storage.uow import SqlUnitOfWorkFactory
from tests.roster.fakes import FakeDirectory, user_id

pytestmark = pytest.mark.usefixtures("imported")


def names(people: Sequence[Professional]) -> set[str]:
    return {p.username for p in people}


def test_candidate_experts_are_narrowed_by_expertise_kind_and_area(uow: SqlUnitOfWorkFactory) -> None:
    with uow() as tx:
        roosendaal = tx.roster.candidate_experts("huiselijk_geweld", frozenset(), "Roosendaal")
        moerdijk = tx.roster.candidate_experts("huiselijk_geweld", frozenset(), "Moerdijk")
        raad = tx.roster.candidate_experts("juridisch_kader", frozenset({OrganisationKind.RVDK}), None)
        known = tx.roster.candidate_experts(
            "huiselijk_geweld", frozenset(), "Roosendaal", frozenset({user_id("eva.kuijpers")})
        )
    assert names(roosendaal) == {"sanne.devries", "ahmed.elamrani", "kees.vanderberg"}
    assert names(moerdijk) == {"ahmed.elamrani", "kees.vanderberg"}  # Sanne serves other municipalities
    assert names(raad) == {"marloes.hendriks", "bart.smits", "fatima.bouzid"}
    assert names(known) == names(roosendaal) | {"eva.kuijpers"}  # one face for the family


def test_a_username_finds_the_active_person_first(
    uow: SqlUnitOfWorkFactory, example_text: str, directory: FakeDirectory, clock: ManualClock
) -> None:
    # Bart leaves; a new colleague later gets his old username in Mattermost.
    text = example_text.replace("username: bart.smits", "username: bart.smits2")
    directory.add("bart.smits2")
    import_roster(uow, directory, load_roster_file(text), clock.now())
    with uow() as tx:
        old = tx.roster.professional(user_id("bart.smits"))
        assert old is not None and not old.active
        found = tx.roster.professional_by_username("BART.SMITS2")
        assert found is not None and found.active
        assert tx.roster.professional_by_username("bart.smits") == old
        assert tx.roster.professional_by_username("niemand") is None


def test_deactivated_people_are_not_candidates(
    uow: SqlUnitOfWorkFactory, example: RosterFile, directory: FakeDirectory, clock: ManualClock
) -> None:
    staying = [p for p in example.professionals if p.username != "ahmed.elamrani"]
    smaller = example.model_copy(update={"professionals": staying})
    import_roster(uow, directory, smaller, clock.now())
    with uow() as tx:
        candidates = tx.roster.candidate_experts("huiselijk_geweld", frozenset(), None)
    assert "ahmed.elamrani" not in names(candidates)
