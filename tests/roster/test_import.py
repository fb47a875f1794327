"""Importing and exporting the roster on the database under test (SQLite or PostgreSQL)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from commands.clock import ManualClock
from commands.roster.exporting import export_roster
from commands.roster.importing import import_roster
from commands.roster.model import Absence, AbsenceSource, OrganisationKind, Role
from commands.roster.roster_file import RosterFile, RosterFileError, load_roster_file
from storage.models import AuditRow
from storage.roster_models import ProfessionalRow
from storage.uow import SqlUnitOfWorkFactory
from tests.roster.fakes import FakeDirectory, user_id

TODAY = date(2026, 11, 23)


def without(example_text: str, username: str) -> str:
    """The example file with one person's entry removed."""
    blocks = example_text.split("\n  - username: ")
    kept = [b for b in blocks if not b.startswith(username + "\n")]
    assert len(kept) == len(blocks) - 1
    return "\n  - username: ".join(kept)


def test_a_valid_roster_is_imported(
    uow: SqlUnitOfWorkFactory, directory: FakeDirectory, example: RosterFile, clock: ManualClock
) -> None:
    report = import_roster(uow, directory, example, clock.now())
    assert len(report.added) == 25 and report.organisations_changed and report.vocabulary_changed
    assert directory.lookups == 1  # one bulk lookup, not one per person
    with uow() as tx:
        sanne = tx.roster.professional(user_id("sanne.devries"))
        experts = tx.roster.active_experts()
        organisations = tx.roster.organisations()
        vocabulary = tx.roster.expertise_areas()
    assert sanne is not None
    assert sanne.display_name == "Sanne de Vries"
    assert sanne.organisation.kind is OrganisationKind.VT
    assert sanne.roles == {Role.EXPERT}
    assert sanne.expertise == {"huiselijk_geweld", "kindermishandeling", "eergerelateerd_geweld"}
    assert sanne.municipalities == {"Roosendaal", "Bergen op Zoom", "Woensdrecht"}
    assert (sanne.capacity, sanne.capacity_in_roster) == (4, 4)
    assert sanne.working_time.days == {0, 1, 2, 3}
    assert (sanne.working_time.start, sanne.working_time.end) == (time(8, 30), time(17, 0))
    assert len(experts) == 13 and all(Role.EXPERT in p.roles for p in experts)
    assert len(organisations) == 9
    assert vocabulary[0].key == "huiselijk_geweld" and vocabulary[0].label == "huiselijk geweld"
    with uow() as tx:
        lotte = tx.roster.professional(user_id("lotte.jansen"))
    assert lotte is not None
    assert lotte.absences == (
        Absence(date(2026, 12, 21), date(2027, 1, 1), "kerstvakantie", AbsenceSource.ROSTER),
    )


def test_re_importing_the_same_file_changes_nothing(
    uow: SqlUnitOfWorkFactory,
    directory: FakeDirectory,
    example: RosterFile,
    clock: ManualClock,
    imported: None,
) -> None:
    with uow() as tx:
        before = tx.roster.professionals(include_inactive=True)
        stamps = dict(tx.session.execute(select(ProfessionalRow.user_id, ProfessionalRow.updated_at)).all())
    clock.advance(timedelta(days=1))
    report = import_roster(uow, directory, example, clock.now())
    assert not report.changed and report.unchanged == 25
    with uow() as tx:
        assert tx.roster.professionals(include_inactive=True) == before
        assert (
            dict(tx.session.execute(select(ProfessionalRow.user_id, ProfessionalRow.updated_at)).all())
            == stamps
        )


def test_people_who_left_are_deactivated_and_can_come_back(
    uow: SqlUnitOfWorkFactory,
    directory: FakeDirectory,
    example_text: str,
    example: RosterFile,
    clock: ManualClock,
    imported: None,
) -> None:
    report = import_roster(uow, directory, load_roster_file(without(example_text, "bart.smits")), clock.now())
    assert report.deactivated == ("bart.smits",) and report.unchanged == 24
    with uow() as tx:
        bart = tx.roster.professional(user_id("bart.smits"))
        assert bart is not None and not bart.active  # kept, with his history
        assert bart.roles == {Role.EXPERT}
        assert user_id("bart.smits") not in {p.user_id for p in tx.roster.active_experts()}
        assert user_id("bart.smits") not in {p.user_id for p in tx.roster.professionals()}
        assert tx.session.scalar(select(func.count()).select_from(ProfessionalRow)) == 25
    report = import_roster(uow, directory, example, clock.now())
    assert report.reactivated == ("bart.smits",)
    with uow() as tx:
        bart = tx.roster.professional(user_id("bart.smits"))
        assert bart is not None and bart.active


def test_changes_in_the_file_are_applied(
    uow: SqlUnitOfWorkFactory, directory: FakeDirectory, example_text: str, clock: ManualClock, imported: None
) -> None:
    text = example_text.replace(
        "    expertise: [juridisch_kader, complexe_scheiding]\n    capacity: 3",
        "    expertise: [juridisch_kader]\n    capacity: 5",
    ).replace("name: Sociaal Team Zundert", "name: Sociaal Team Zundert-Rucphen")
    report = import_roster(uow, directory, load_roster_file(text), clock.now())
    assert report.updated == ("marloes.hendriks",) and report.organisations_changed
    with uow() as tx:
        marloes = tx.roster.professional(user_id("marloes.hendriks"))
        kim = tx.roster.professional(user_id("kim.aerts"))
    assert marloes is not None and kim is not None
    assert marloes.expertise == {"juridisch_kader"} and marloes.capacity == 5
    assert kim.organisation.name == "Sociaal Team Zundert-Rucphen"


def test_what_people_set_in_chat_survives_a_re_import(
    uow: SqlUnitOfWorkFactory,
    directory: FakeDirectory,
    example_text: str,
    example: RosterFile,
    clock: ManualClock,
    imported: None,
) -> None:
    sanne = user_id("sanne.devries")
    own = Absence(date(2026, 12, 1), date(2026, 12, 2), "tandarts", AbsenceSource.CHAT)
    with uow() as tx:
        tx.roster.set_paused(sanne, True, clock.now())
        tx.roster.set_capacity(sanne, 2, clock.now())
        tx.roster.add_absence(sanne, own, clock.now())
        tx.commit()
    assert not import_roster(uow, directory, example, clock.now()).changed
    with uow() as tx:
        after = tx.roster.professional(sanne)
    assert after is not None
    assert after.paused and after.capacity == 2 and after.absences == (own,)
    # When the file itself changes her capacity, the file wins.
    text = example_text.replace(
        "    capacity: 4\n    working_days: ma-do", "    capacity: 5\n    working_days: ma-do"
    )
    import_roster(uow, directory, load_roster_file(text), clock.now())
    with uow() as tx:
        after = tx.roster.professional(sanne)
    assert after is not None
    assert after.capacity == 5 and after.paused and after.absences == (own,)


def test_an_unknown_username_stops_the_whole_import(
    uow: SqlUnitOfWorkFactory, example: RosterFile, clock: ManualClock
) -> None:
    directory = FakeDirectory.with_users(
        *(p.username for p in example.professionals if p.username != "kim.aerts")
    )
    with pytest.raises(RosterFileError) as raised:
        import_roster(uow, directory, example, clock.now())
    assert raised.value.problems == [
        "regel 240, professionals #25 (kim.aerts) · username: "
        "geen Mattermost-gebruiker met de naam 'kim.aerts'"
    ]
    with uow() as tx:
        assert tx.roster.professionals(include_inactive=True) == []
        assert tx.roster.organisations() == []


def test_a_failing_write_leaves_nothing_behind(
    uow: SqlUnitOfWorkFactory,
    directory: FakeDirectory,
    example: RosterFile,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storage.roster import SqlRosterRepository

    real = SqlRosterRepository._insert_children

    def broken(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        real(self, *args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(SqlRosterRepository, "_insert_children", broken)
    with pytest.raises(RuntimeError):
        import_roster(uow, directory, example, clock.now())
    with uow() as tx:
        assert tx.roster.professionals(include_inactive=True) == []
        assert tx.roster.organisations() == []


def test_a_dry_run_writes_nothing(
    uow: SqlUnitOfWorkFactory, directory: FakeDirectory, example: RosterFile, clock: ManualClock
) -> None:
    report = import_roster(uow, directory, example, clock.now(), dry_run=True)
    assert report.dry_run and len(report.added) == 25
    with uow() as tx:
        assert tx.roster.professionals() == []


def test_the_import_is_audited(uow: SqlUnitOfWorkFactory, imported: None) -> None:
    with uow() as tx:
        details = tx.session.scalars(
            select(AuditRow.detail).where(AuditRow.action == "rooster.importeren")
        ).all()
    assert details == [{"toegevoegd": "25", "gewijzigd": "0", "gedeactiveerd": "0"}]


def test_the_export_imports_back_to_the_same_state(
    uow: SqlUnitOfWorkFactory, directory: FakeDirectory, clock: ManualClock, imported: None
) -> None:
    sanne = user_id("sanne.devries")
    with uow() as tx:
        tx.roster.add_absence(sanne, Absence(date(2026, 12, 1), date(2026, 12, 2), "tandarts"), clock.now())
        tx.roster.add_absence(sanne, Absence(date(2026, 1, 1), date(2026, 1, 2), "oud"), clock.now())
        tx.commit()
    with uow() as tx:
        before = tx.roster.professionals(include_inactive=True)
    exported = export_roster(uow, TODAY)
    assert "tandarts" not in exported  # a note someone typed in chat is theirs alone
    assert "kerstvakantie" in exported  # a note from the roster file stays in the file
    assert "2026-01-01" not in exported  # past absences are left out
    report = import_roster(uow, directory, load_roster_file(exported), clock.now())
    assert not report.changed
    with uow() as tx:
        assert tx.roster.professionals(include_inactive=True) == before


def test_a_custom_vocabulary_is_stored_and_exported(uow: SqlUnitOfWorkFactory, clock: ManualClock) -> None:
    text = (
        "expertise:\n  huiselijk_geweld:\n  pleegzorg: Pleegzorg en netwerk\n"
        "organisations:\n  - {key: vt, kind: VT, name: VT}\n"
        "professionals:\n  - {username: sanne.devries, organisation: vt, roles: [expert], capacity: 2,"
        " expertise: [pleegzorg]}\n"
    )
    import_roster(uow, FakeDirectory.with_users("sanne.devries"), load_roster_file(text), clock.now())
    with uow() as tx:
        assert [(a.key, a.label) for a in tx.roster.expertise_areas()] == [
            ("huiselijk_geweld", "huiselijk geweld"),
            ("pleegzorg", "Pleegzorg en netwerk"),
        ]
    exported = load_roster_file(export_roster(uow, TODAY))
    assert exported.expertise == {"huiselijk_geweld": "huiselijk geweld", "pleegzorg": "Pleegzorg en netwerk"}
