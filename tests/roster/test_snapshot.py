"""The per-process roster snapshot: always current after a commit, never polluted by a rolled-back change."""

from __future__ import annotations

from sqlalchemy import Engine

from commands.clock import ManualClock
from commands.roster.importing import import_roster
from commands.roster.model import Absence, AbsenceSource, ExpertiseArea, OrganisationKind, RosterChanges
from commands.roster.roster_file import load_roster_file
from storage.uow import SqlUnitOfWorkFactory
from tests.roster.fakes import FakeDirectory, user_id


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


def test_catching_up_after_a_change_reloads_only_the_people_it_changed(
    uow: SqlUnitOfWorkFactory, imported: None, clock: ManualClock
) -> None:
    with uow() as tx:
        before = {p.user_id: p for p in tx.roster.active_experts()}
    with uow() as tx:
        tx.roster.set_paused(user_id("sanne.devries"), True, clock.now())
        tx.commit()
    with uow() as tx:
        after = {p.user_id: p for p in tx.roster.active_experts()}
    assert after.keys() == before.keys()
    assert after[user_id("sanne.devries")].paused is True
    unchanged = [uid for uid in before if uid != user_id("sanne.devries")]
    assert unchanged and all(after[uid] is before[uid] for uid in unchanged)  # kept, not loaded again


def test_a_renamed_organisation_reaches_everyone_in_the_cached_roster(
    uow: SqlUnitOfWorkFactory,
    imported: None,
    clock: ManualClock,
    example_text: str,
    directory: FakeDirectory,
) -> None:
    assert _organisation_name(uow, "sanne.devries") == "Veilig Thuis West-Brabant"  # cached now
    renamed = load_roster_file(example_text.replace("Veilig Thuis West-Brabant", "Veilig Thuis WB"))
    import_roster(uow, directory, renamed, clock.now())
    assert _organisation_name(uow, "sanne.devries") == "Veilig Thuis WB"


def test_a_transaction_sees_its_own_roster_writes_in_the_expert_list(
    uow: SqlUnitOfWorkFactory, imported: None, clock: ManualClock
) -> None:
    absence = Absence(clock.now().date(), clock.now().date(), "", AbsenceSource.CHAT)
    with uow() as tx:
        tx.roster.active_experts()  # the shared snapshot, before the change
        tx.roster.add_absence(user_id("kees.vanderberg"), absence, clock.now())
        mine = {p.user_id: p for p in tx.roster.active_experts()}
        assert absence in mine[user_id("kees.vanderberg")].absences
        tx.rollback()
    with uow() as tx:
        shared = {p.user_id: p for p in tx.roster.active_experts()}
    assert absence not in shared[user_id("kees.vanderberg")].absences


def _organisation_name(uow: SqlUnitOfWorkFactory, name: str) -> str:
    with uow.read() as tx:
        people = tx.roster.professionals_by_ids([user_id(name), "nobody-knows-this-id"])
    assert list(people) == [user_id(name)]
    return people[user_id(name)].organisation.name


def test_the_expertise_vocabulary_is_kept_with_the_snapshot_and_follows_an_import(
    engine: Engine, uow: SqlUnitOfWorkFactory, imported: None, clock: ManualClock
) -> None:
    with uow.read() as tx:
        before = tx.roster.expertise_areas()  # kept from here on
    assert before
    fewer = (before[0], ExpertiseArea("nieuw_gebied", "Nieuw gebied"))
    with uow() as tx:
        tx.roster.apply(RosterChanges(vocabulary=fewer), clock.now())
        assert tx.roster.expertise_areas() == list(fewer)  # its own write, not the kept one
        tx.rollback()
    with uow.read() as tx:
        assert tx.roster.expertise_areas() == before
    with uow() as tx:
        tx.roster.apply(RosterChanges(vocabulary=fewer), clock.now())
        tx.commit()
    for process in (uow, SqlUnitOfWorkFactory(engine)):  # this process's kept copy, and another process
        with process.read() as tx:
            assert tx.roster.expertise_areas() == list(fewer)
