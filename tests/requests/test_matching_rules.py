"""`matching.rank` tested directly: who may be asked, and each criterion of the order, as documented.

Table tests put two experts side by side who differ in one criterion (and, for the order, in two); a
property test checks the whole ranking of random rosters against the documented order, written out here
independently of the code.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commands.requests.matching import rank
from commands.requests.model import ExpertLoad, MatchSpec
from commands.roster.model import Organisation, OrganisationKind, Professional, Role

VT = Organisation("vt-wb", OrganisationKind.VT, "Veilig Thuis West-Brabant")
GI = Organisation("gi-wb", OrganisationKind.GI, "William Schrikker Stichting")
TEAM = Organisation("st-roosendaal", OrganisationKind.LOKAAL_TEAM, "Sociaal Team Roosendaal")
SPEC = MatchSpec("huiselijk_geweld", frozenset(), "Roosendaal", case_id=7)
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def expert(name: str, **changes: object) -> Professional:
    """An available VT expert in huiselijk geweld, region-wide, capacity 4: the baseline each row varies."""
    base = Professional(
        user_id=f"u-{name}",
        username=name,
        display_name=name.title(),
        organisation=VT,
        roles=frozenset({Role.EXPERT}),
        expertise=frozenset({"huiselijk_geweld"}),
        capacity=4,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def order(
    *experts: Professional,
    loads: dict[str, ExpertLoad] | None = None,
    now: frozenset[str] = frozenset(),
    before: frozenset[str] = frozenset(),
    soft: dict[str, str] | None = None,
    spec: MatchSpec = SPEC,
    exclude: frozenset[str] = frozenset(),
    limit: int | None = None,
) -> list[str]:
    ranked = rank(
        spec,
        experts,
        loads=loads or {},
        involved_now=now,
        involved_before=before,
        is_available=lambda _e, _active: True,
        soft=soft,
        exclude=exclude,
        limit=limit,
    )
    return [c.professional.username for c in ranked]


def load(active: int = 0, asked: datetime | None = None) -> ExpertLoad:
    return ExpertLoad(active_involvements=active, last_asked_at=asked)


# --- who may be asked ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "eligible"),
    [
        ({}, True),
        ({"active": False}, False),
        ({"roles": frozenset({Role.LEAD})}, False),
        ({"roles": frozenset({Role.LEAD, Role.EXPERT})}, True),
        ({"organisation": TEAM}, False),  # a local team is not an expert organisation
        ({"organisation": GI}, True),
        ({"expertise": frozenset({"verslaving"})}, False),
        ({"municipalities": frozenset({"Breda"})}, False),
        ({"municipalities": frozenset({"Breda", "Roosendaal"})}, True),
        ({"municipalities": frozenset()}, True),  # region-wide
    ],
)
def test_who_is_eligible(changes: dict[str, object], eligible: bool) -> None:
    assert order(expert("a", **changes)) == (["a"] if eligible else [])


def test_a_wanted_organisation_kind_limits_the_experts() -> None:
    spec = replace(SPEC, organisation_kinds=frozenset({OrganisationKind.GI}))
    assert order(expert("vt"), expert("gi", organisation=GI), spec=spec) == ["gi"]


def test_known_to_the_case_beats_the_expertise_label_but_not_the_other_rules() -> None:
    other = frozenset({"verslaving"})
    assert order(expert("a", expertise=other), now=frozenset({"u-a"})) == ["a"]
    assert order(expert("a", expertise=other), before=frozenset({"u-a"})) == ["a"]
    assert order(expert("a", expertise=other, active=False), now=frozenset({"u-a"})) == []
    assert order(expert("a", expertise=other, organisation=TEAM), now=frozenset({"u-a"})) == []


def test_excluded_and_unavailable_experts_are_not_asked() -> None:
    assert order(expert("a"), expert("b"), exclude=frozenset({"u-a"})) == ["b"]
    ranked = rank(
        SPEC, [expert("a"), expert("b")], loads={}, is_available=lambda e, _active: e.username == "b"
    )
    assert [c.professional.username for c in ranked] == ["b"]


def test_availability_is_asked_with_the_experts_active_involvements() -> None:
    seen: dict[str, int] = {}

    def available(e: Professional, active: int) -> bool:
        seen[e.username] = active
        return True

    rank(SPEC, [expert("a"), expert("b")], loads={"u-a": load(3)}, is_available=available)
    assert seen == {"a": 3, "b": 0}


# --- each criterion on its own: the first of the pair is asked first ----------------------------------------
# (name of the criterion, first, second, keyword arguments for `order`)
EARLIER = datetime(2026, 10, 1, tzinfo=UTC)
LATER = datetime(2026, 11, 1, tzinfo=UTC)
SINGLE = [
    ("continuity: involved now before involved earlier", expert("a"), expert("b"),
     {"now": frozenset({"u-a"}), "before": frozenset({"u-b"})}),
    ("continuity: involved earlier before new", expert("a"), expert("b"), {"before": frozenset({"u-a"})}),
    ("available in chat before out of office", expert("a"), expert("b"), {"soft": {"u-b": "ooo"}}),
    ("available in chat before do-not-disturb", expert("a"), expert("b"), {"soft": {"u-b": "dnd"}}),
    ("expertise before none (known to the case)", expert("a"), expert("b", expertise=frozenset({"x"})),
     {"before": frozenset({"u-a", "u-b"})}),
    ("serves the municipality before region-wide", expert("a", municipalities=frozenset({"Roosendaal"})),
     expert("b"), {}),
    ("specialist before generalist", expert("a"),
     expert("b", expertise=frozenset({"huiselijk_geweld", "verslaving"})), {}),
    ("lower workload before higher", expert("a"), expert("b"), {"loads": {"u-a": load(1), "u-b": load(2)}}),
    ("workload relative to capacity", expert("a", capacity=8), expert("b", capacity=2),
     {"loads": {"u-a": load(2), "u-b": load(1)}}),
    ("never asked before asked", expert("a"), expert("b"), {"loads": {"u-b": load(0, LATER)}}),
    ("least recently asked before recently asked", expert("a"), expert("b"),
     {"loads": {"u-a": load(0, EARLIER), "u-b": load(0, LATER)}}),
    ("username settles a full tie", expert("a"), expert("b"), {}),
]  # fmt: skip


@pytest.mark.parametrize(("criterion", "first", "second", "kwargs"), SINGLE, ids=[row[0] for row in SINGLE])
def test_each_criterion_alone(
    criterion: str, first: Professional, second: Professional, kwargs: dict[str, Any]
) -> None:
    assert order(first, second, **kwargs) == [first.username, second.username]
    assert order(second, first, **kwargs) == [first.username, second.username]  # input order is irrelevant


# --- the documented order: each criterion outweighs every later one ----------------------------------------
# Each row: `a` wins on the earlier criterion and loses on the later one (for the last row, the later
# criterion is the username, which favours `a`: so `b`, never asked, must win on fairness).
OUTWEIGHS = [
    ("continuity over chat status", {"now": frozenset({"u-a"}), "soft": {"u-a": "ooo"}}, {}, {}, "a"),
    ("chat status over expertise", {"soft": {"u-b": "dnd"}, "before": frozenset({"u-a", "u-b"})},
     {"expertise": frozenset({"x"})}, {}, "a"),
    ("expertise over municipality", {"before": frozenset({"u-a", "u-b"})}, {},
     {"expertise": frozenset({"x"}), "municipalities": frozenset({"Roosendaal"})}, "a"),
    ("municipality over specialism", {},
     {"municipalities": frozenset({"Roosendaal"}), "expertise": frozenset({"huiselijk_geweld", "x"})}, {},
     "a"),
    ("specialism over workload", {"loads": {"u-a": load(3), "u-b": load(0)}}, {},
     {"expertise": frozenset({"huiselijk_geweld", "x"})}, "a"),
    ("workload over fairness", {"loads": {"u-a": load(0, LATER), "u-b": load(1, None)}}, {}, {}, "a"),
    ("fairness over username", {"loads": {"u-a": load(0, LATER)}}, {}, {}, "b"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "kwargs", "a", "b", "winner"), OUTWEIGHS, ids=[r[0] for r in OUTWEIGHS])
def test_each_criterion_outweighs_the_later_ones(
    rule: str,
    kwargs: dict[str, Any],
    a: dict[str, object],
    b: dict[str, object],
    winner: str,
) -> None:
    assert order(expert("a", **a), expert("b", **b), **kwargs)[0] == winner, rule
    assert order(expert("b", **b), expert("a", **a), **kwargs)[0] == winner, rule


def test_limit_gives_the_best_few_in_the_same_order() -> None:
    experts = [expert(f"e{i}") for i in range(12)]
    loads = {f"u-e{i}": load(i % 4, T0 + timedelta(days=i)) for i in range(12)}
    full = order(*experts, loads=loads)
    assert order(*experts, loads=loads, limit=3) == full[:3]


def test_reasons_say_why_in_dutch() -> None:
    (candidate,) = rank(
        SPEC,
        [expert("a", municipalities=frozenset({"Roosendaal"}))],
        loads={"u-a": load(1)},
        involved_before=frozenset({"u-a"}),
        is_available=lambda _e, _active: True,
        soft={"u-a": "ooo"},
    )
    text = " ".join(candidate.reasons)
    assert "Roosendaal" in text and "1" in text and "4" in text
    assert len(candidate.reasons) == 6  # before, expertise, municipality, load, never asked, ooo


# --- the whole ranking of random rosters follows the documented order --------------------------------------
AREAS = ["huiselijk_geweld", "verslaving", "scheiding"]


@st.composite
def rosters(draw: st.DrawFn) -> tuple[list[Professional], dict[str, ExpertLoad], dict[str, frozenset[str]]]:
    count = draw(st.integers(2, 9))
    experts, loads = [], {}
    for i in range(count):
        name = f"e{i}"
        experts.append(
            expert(
                name,
                capacity=draw(st.integers(1, 5)),
                expertise=frozenset(draw(st.sets(st.sampled_from(AREAS), min_size=1))),
                municipalities=frozenset(draw(st.sets(st.sampled_from(["Roosendaal", "Breda"]), max_size=2))),
            )
        )
        asked = draw(st.none() | st.integers(0, 60).map(lambda d: T0 + timedelta(days=d)))
        loads[f"u-{name}"] = load(draw(st.integers(0, 5)), asked)
    ids = [e.user_id for e in experts]
    now = frozenset(draw(st.sets(st.sampled_from(ids), max_size=2)))
    before = frozenset(draw(st.sets(st.sampled_from(ids), max_size=2))) - now
    soft = frozenset(draw(st.sets(st.sampled_from(ids), max_size=2)))
    return experts, loads, {"now": now, "before": before, "soft": soft}


def documented_key(
    e: Professional, loads: dict[str, ExpertLoad], sets: dict[str, frozenset[str]]
) -> tuple[object, ...]:
    """The order as documented in `matching`'s docstring, written out independently."""
    continuity = 0 if e.user_id in sets["now"] else 1 if e.user_id in sets["before"] else 2
    asked = loads[e.user_id].last_asked_at
    return (
        continuity,
        e.user_id in sets["soft"],
        SPEC.expertise not in e.expertise,
        "Roosendaal" not in e.municipalities,
        len(e.expertise),
        loads[e.user_id].active_involvements / e.capacity,
        (0, T0) if asked is None else (1, asked),
        e.username,
    )


@settings(max_examples=150, deadline=None, database=None)
@given(rosters())
def test_random_rosters_are_ranked_in_the_documented_order(
    roster: tuple[list[Professional], dict[str, ExpertLoad], dict[str, frozenset[str]]],
) -> None:
    experts, loads, sets = roster
    ranked = order(
        *experts,
        loads=loads,
        now=sets["now"],
        before=sets["before"],
        soft=dict.fromkeys(sets["soft"], "ooo"),
    )
    known = sets["now"] | sets["before"]
    eligible = [
        e
        for e in experts
        if (SPEC.expertise in e.expertise or e.user_id in known)
        and (not e.municipalities or "Roosendaal" in e.municipalities)
    ]
    expected = [e.username for e in sorted(eligible, key=lambda e: documented_key(e, loads, sets))]
    assert ranked == expected
