"""Contract of `RosterRepository`, on the fake and on SQL: imports touch what they name, chat writes too."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from commands.clock import ManualClock
from commands.ports import UnitOfWorkFactory
from commands.roster.model import (
    Absence,
    AbsenceSource,
    ExpertiseArea,
    Organisation,
    OrganisationKind,
    Professional,
    Role,
    RosterChanges,
)
from tests.contracts.conftest import uid
from tests.support.people import ORGANISATIONS

VT, GI, ST = ORGANISATIONS["vt"], ORGANISATIONS["gi"], ORGANISATIONS["st"]
HOLIDAY = Absence(date(2026, 12, 21), date(2026, 12, 24), "vakantie", AbsenceSource.ROSTER)
DENTIST = Absence(date(2026, 12, 2), date(2026, 12, 2), "tandarts", AbsenceSource.CHAT)


def expert(name: str, org: Organisation = VT, **changes: object) -> Professional:
    person = Professional(
        user_id=uid(name), username=name, display_name=name.title(), organisation=org,
        roles=frozenset({Role.EXPERT}), expertise=frozenset({"huiselijk_geweld"}), capacity=3,
        capacity_in_roster=3,
    )  # fmt: skip
    return replace(person, **changes)  # type: ignore[arg-type]


def test_an_import_adds_people_with_only_the_rosters_absences(
    uow: UnitOfWorkFactory, clock: ManualClock
) -> None:
    vocabulary = (
        ExpertiseArea("huiselijk_geweld", "Huiselijk geweld"),
        ExpertiseArea("scheiding", "Scheiding"),
    )
    sanne = expert(
        "sanne", absences=(DENTIST, HOLIDAY), paused=True, municipalities=frozenset({"Roosendaal"})
    )
    kees = expert("Kees", org=GI)
    with uow() as tx:
        tx.roster.apply(
            RosterChanges(vocabulary=vocabulary, organisations=(VT, GI, ST), added=(sanne, kees)), clock.now()
        )
        tx.commit()
    with uow() as tx:
        assert tx.roster.professional(uid("sanne")) == replace(sanne, absences=(HOLIDAY,), paused=False)
        assert [p.username for p in tx.roster.professionals()] == ["Kees", "sanne"]  # by username
        assert tx.roster.professional_by_username("kees") == kees
        assert (
            tx.roster.professional(uid("nobody")) is None and tx.roster.professional_by_username("x") is None
        )
        assert tx.roster.professionals_by_ids([uid("sanne"), uid("nobody")]) == {
            uid("sanne"): replace(sanne, absences=(HOLIDAY,), paused=False)
        }
        assert tx.roster.professionals_by_ids([]) == {}
        assert tx.roster.organisations() == sorted([VT, GI, ST], key=lambda o: o.key)
        assert tx.roster.expertise_areas() == list(vocabulary)


def test_a_later_import_keeps_pause_capacity_and_chat_absences(
    uow: UnitOfWorkFactory, clock: ManualClock
) -> None:
    sanne, kees = expert("sanne", absences=(HOLIDAY,)), expert("kees")
    with uow() as tx:
        tx.roster.apply(RosterChanges(organisations=(VT, GI), added=(sanne, kees)), clock.now())
        tx.commit()
    with uow() as tx:
        tx.roster.set_paused(uid("sanne"), True, clock.now())
        tx.roster.set_capacity(uid("sanne"), 1, clock.now())
        tx.roster.set_capacity(uid("kees"), 1, clock.now())
        tx.roster.add_absence(uid("sanne"), DENTIST, clock.now())
        tx.commit()
    moved = replace(
        sanne, organisation=GI, roles=frozenset({Role.EXPERT, Role.CHAIR}), absences=(), capacity=5
    )
    kees_new = replace(kees, capacity=4, capacity_in_roster=4, display_name="Kees Smit")
    with uow() as tx:
        tx.roster.apply(
            RosterChanges(updated=(moved, kees_new), capacity_reset=frozenset({uid("kees")})), clock.now()
        )
        tx.commit()
    with uow() as tx:
        assert tx.roster.professional(uid("sanne")) == replace(
            moved, paused=True, capacity=1, absences=(DENTIST,)
        )
        assert tx.roster.professional(uid("kees")) == kees_new


def test_leavers_are_kept_inactive_and_a_username_prefers_the_active_person(
    uow: UnitOfWorkFactory, clock: ManualClock
) -> None:
    leaver = expert("sanne")
    newcomer = replace(expert("Sanne"), user_id=uid("sanne-2"))
    with uow() as tx:
        tx.roster.apply(RosterChanges(organisations=(VT,), added=(leaver,)), clock.now())
        tx.commit()
    with uow() as tx:
        tx.roster.apply(RosterChanges(added=(newcomer,), deactivated=(uid("sanne"),)), clock.now())
        tx.commit()
    with uow() as tx:
        assert tx.roster.professional(uid("sanne")) == replace(leaver, active=False)
        assert tx.roster.professional_by_username("SANNE") == newcomer
        assert [p.user_id for p in tx.roster.professionals()] == [uid("sanne-2")]
        assert len(tx.roster.professionals(include_inactive=True)) == 2
        assert tx.roster.active_experts() == [newcomer]


def test_organisations_and_vocabulary_are_replaced_whole(uow: UnitOfWorkFactory, clock: ManualClock) -> None:
    first = (ExpertiseArea("a", "A"), ExpertiseArea("b", "B"), ExpertiseArea("c", "C"))
    with uow() as tx:
        tx.roster.apply(
            RosterChanges(vocabulary=first, organisations=(VT, GI), added=(expert("sanne"),)), clock.now()
        )
        tx.commit()
    renamed = replace(VT, name="Veilig Thuis Brabant", region="West-Brabant")
    second = (ExpertiseArea("c", "C nieuw"), ExpertiseArea("a", "A"))
    with uow() as tx:
        tx.roster.apply(RosterChanges(vocabulary=second, organisations=(renamed,)), clock.now())
        tx.commit()
    with uow() as tx:
        assert tx.roster.expertise_areas() == list(second)
        assert tx.roster.organisations() == [renamed]
        sanne = tx.roster.professional(uid("sanne"))
    assert sanne is not None and sanne.organisation == renamed


def test_candidates_are_active_unpaused_or_not_experts_of_a_wanted_kind_in_the_area(
    uow: UnitOfWorkFactory, clock: ManualClock
) -> None:
    people = (
        expert("anna", municipalities=frozenset({"Roosendaal"})),
        expert("bert"),  # region-wide: no municipalities
        expert("carla", municipalities=frozenset({"Breda"})),
        expert("dirk", org=GI),
        expert("eva", expertise=frozenset({"scheiding"})),
        expert("fleur", roles=frozenset({Role.LEAD})),
        expert("gijs", active=False),
        expert("hanna", org=ST),
    )
    with uow() as tx:
        tx.roster.apply(RosterChanges(organisations=(VT, GI, ST), added=people), clock.now())
        tx.commit()
    with uow() as tx:

        def names(
            kinds: frozenset[OrganisationKind], place: str | None, known: frozenset[str] = frozenset()
        ) -> list[str]:
            found = tx.roster.candidate_experts("huiselijk_geweld", kinds, place, known)
            return sorted(p.username for p in found)

        assert names(frozenset({OrganisationKind.VT}), "Roosendaal") == ["anna", "bert"]
        assert names(frozenset(), "Roosendaal") == ["anna", "bert", "dirk"]  # any expert organisation
        assert names(frozenset(), None) == ["anna", "bert", "carla", "dirk"]
        assert names(frozenset(), "Roosendaal", frozenset({uid("eva"), uid("gijs"), uid("nobody")})) == [
            "anna", "bert", "dirk", "eva"
        ]  # fmt: skip
        assert [p.username for p in tx.roster.active_experts()] == [
            "anna",
            "bert",
            "carla",
            "dirk",
            "eva",
            "hanna",
        ]


def test_chat_absences_are_added_and_removed_by_period_and_source(
    uow: UnitOfWorkFactory, clock: ManualClock
) -> None:
    later = Absence(date(2026, 12, 28), date(2026, 12, 31), "", AbsenceSource.CHAT)
    with uow() as tx:
        tx.roster.apply(
            RosterChanges(organisations=(VT,), added=(expert("sanne", absences=(HOLIDAY,)),)), clock.now()
        )
        tx.roster.add_absence(uid("sanne"), later, clock.now())
        tx.roster.add_absence(uid("sanne"), DENTIST, clock.now())
        tx.commit()
    with uow() as tx:
        sanne = tx.roster.professional(uid("sanne"))
        assert sanne is not None and sanne.absences == (DENTIST, HOLIDAY, later)  # sorted
        # The same period from the other source, or with another note: by period and source only.
        tx.roster.remove_absences(
            uid("sanne"),
            [replace(DENTIST, note="anders"), replace(HOLIDAY, source=AbsenceSource.CHAT)],
            clock.now(),
        )
        tx.commit()
    with uow() as tx:
        sanne = tx.roster.professional(uid("sanne"))
    assert sanne is not None and sanne.absences == (HOLIDAY, later)
