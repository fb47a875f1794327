"""Catching the roster snapshot up with a few changed people gives the snapshot a full rebuild gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from commands.roster.model import Organisation, OrganisationKind, Professional, Role
from storage.roster_cache import RosterSnapshot

VT = Organisation("vt", OrganisationKind.VT, "Veilig Thuis")
GI = Organisation("gi", OrganisationKind.GI, "Jeugdbescherming")
TAGS = ("huiselijk_geweld", "verslaving", "radicalisering")
ROLES = (frozenset({Role.EXPERT}), frozenset({Role.LEAD}), frozenset({Role.EXPERT, Role.LEAD}))


@st.composite
def people(draw: st.DrawFn, ids: st.SearchStrategy[int]) -> Professional:
    number = draw(ids)
    return Professional(
        user_id=f"u{number}",
        username=draw(st.sampled_from([f"p{number}", f"q{number}", f"a{number}"])),  # a rename moves her
        display_name=f"Persoon {number}",
        organisation=draw(st.sampled_from([VT, GI])),
        roles=draw(st.sampled_from(ROLES)),
        expertise=frozenset(draw(st.lists(st.sampled_from(TAGS), max_size=3))),
        paused=draw(st.booleans()),
        active=draw(st.booleans()),
    )


def _unique(found: list[Professional]) -> list[Professional]:
    return list({p.user_id: p for p in found}.values())


@given(
    st.lists(people(st.integers(0, 30)), max_size=25).map(_unique),
    st.lists(people(st.integers(0, 40)), max_size=4).map(_unique),
)
def test_updating_with_changed_people_equals_rebuilding(
    before: list[Professional], changed: list[Professional]
) -> None:
    snapshot = RosterSnapshot.build(1, before)
    merged = {p.user_id: p for p in before} | {p.user_id: p for p in changed}
    expected = RosterSnapshot.build(2, merged.values())
    updated = snapshot.updated(2, changed, {"vt": VT, "gi": GI})
    assert updated == expected
    assert [p.username for p in updated.people] == sorted(p.username for p in merged.values())


def test_a_changed_organisation_reaches_everyone_of_it() -> None:
    people = [Professional(f"u{n}", f"p{n}", f"P {n}", VT, frozenset({Role.EXPERT})) for n in range(3)]
    renamed = Organisation("vt", OrganisationKind.VT, "Veilig Thuis West-Brabant")
    updated = RosterSnapshot.build(1, people).updated(2, [], {"vt": renamed, "gi": GI})
    assert {p.organisation for p in updated.people} == {renamed}
