"""Properties over any history: totals add up, shares stay within 0–100%, no count under 5 is ever shown."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from commands.monitor import figures, render
from commands.monitor.cells import SMALL, count_text, percent, share_percent, share_text
from commands.monitor.model import (
    ActionFact,
    AgendaItemFact,
    CaseFact,
    ConsultFact,
    FamilyAnswer,
    FrameworkEntry,
    History,
    InvolvementFact,
    LeadSpell,
    RequestFact,
    Scope,
    Score,
)
from tests.monitor.history import CALENDAR, NOVEMBER, z

BASE = z("2026-09-01T00:00")
HOURS = 24 * 150  # September to January
CASES = 8

instants = st.integers(0, HOURS).map(lambda h: BASE + timedelta(hours=h))
maybe_instants = st.none() | instants
answers = st.none() | st.sampled_from(list(FamilyAnswer))
FRAMEWORKS = st.sampled_from(["vrijwillig", "drang", "gedwongen"])
EXPERTS = st.sampled_from(["e1", "e2", "e3"])
kinds = st.sampled_from(["LOKAAL_TEAM", "VT", "GI", "RVDK"])
organisations = st.sampled_from(["st-a", "vt-wb", "gi-wb", "rvdk-zw"])


def _later(start: datetime, end: datetime | None) -> datetime | None:
    return None if end is None else max(start, end)


@st.composite
def cases(draw: st.DrawFn, number: int) -> CaseFact:
    created = draw(instants)
    closed = _later(created, draw(maybe_instants))
    frameworks = tuple(
        FrameworkEntry(created + timedelta(days=i), draw(FRAMEWORKS), draw(st.sampled_from(["geen", "ots"])))
        for i in range(draw(st.integers(1, 3)))
    )  # fmt: skip
    leads = tuple(
        LeadSpell(created + timedelta(days=7 * i), draw(kinds), draw(organisations))
        for i in range(draw(st.integers(1, 3)))
    )
    scores = tuple(  # in the order entered: the dates need not rise (a score can be backdated)
        Score(draw(st.sampled_from(["regiehouder", "ouder", "kind"])), draw(st.integers(0, 10)),
              date(2026, 9, 1) + timedelta(days=draw(st.integers(0, 150))))
        for _ in range(draw(st.integers(0, 4)))
    )  # fmt: skip
    return CaseFact(
        number, draw(st.sampled_from(["Roosendaal", "Bergen op Zoom"])), "West-Brabant", created, closed,
        "doel_bereikt" if closed else None, frameworks, leads, scores, draw(answers) if closed else None,
    )  # fmt: skip


@st.composite
def histories(draw: st.DrawFn) -> History:
    case_facts = tuple(draw(cases(n)) for n in range(1, CASES + 1))
    requests = []
    for number in range(1, draw(st.integers(0, 25)) + 1):
        asked = draw(instants)
        accepted = _later(asked, draw(maybe_instants))
        escalated = _later(asked, draw(maybe_instants))
        status = "gekoppeld" if accepted else draw(st.sampled_from(["open", "geescaleerd", "ingetrokken"]))
        requests.append(
            RequestFact(
                number, draw(st.integers(1, CASES)), draw(st.sampled_from(["trauma", "lvb"])),
                draw(st.sampled_from(figures.URGENCIES)), asked, status, accepted, escalated,
                _later(asked, draw(maybe_instants)) if status != "open" else None,
            )
        )  # fmt: skip
    involvements = []
    for number in range(1, draw(st.integers(0, 20)) + 1):
        started = draw(instants)
        involvements.append(
            InvolvementFact(
                number, draw(st.integers(1, CASES)), draw(EXPERTS), draw(organisations),
                draw(kinds), started, draw(st.none() | st.integers(1, max(1, len(requests)))),
                _later(started, draw(maybe_instants)), draw(answers),
            )
        )  # fmt: skip
    statuses = st.sampled_from(["gepland", "afgemeld", "besproken", "doorgeschoven"])
    consults = tuple(
        ConsultFact(n, draw(instants), draw(st.booleans()),
                    tuple(AgendaItemFact(draw(st.integers(1, CASES)), draw(statuses), draw(st.booleans()))
                          for _ in range(draw(st.integers(0, 6)))))
        for n in range(draw(st.integers(0, 8)))
    )  # fmt: skip
    actions = tuple(
        ActionFact(draw(st.integers(1, CASES)), date(2026, 9, 1) + timedelta(days=draw(st.integers(0, 150))),
                   draw(st.none() | st.just(date(2026, 9, 1) + timedelta(days=draw(st.integers(0, 150))))))
        for _ in range(draw(st.integers(0, 10)))
    )  # fmt: skip
    return History(case_facts, tuple(requests), tuple(involvements), consults, actions, {}, frozenset())


NOW = st.integers(0, HOURS).map(lambda h: BASE + timedelta(hours=h))


@settings(max_examples=60, deadline=None)
@given(histories(), NOW)
def test_totals_add_up(history: History, now: datetime) -> None:
    result = figures.compute(history, NOVEMBER, now, CALENDAR)
    p = result.pickup
    for breakdown in (p.by_organisation, p.by_expertise, p.by_urgency):
        assert sum(g.asked for g in breakdown) == p.total.asked
        assert sum(g.in_time for g in breakdown) == p.total.in_time
        assert sum(g.decided for g in breakdown) == p.total.decided
    assert 0 <= p.total.in_time <= p.total.decided <= p.total.asked
    e = result.escalations
    assert e.picked_up + e.withdrawn + e.nobody == e.escalated <= e.requests == p.total.asked
    assert min(e.picked_up, e.withdrawn, e.nobody) >= 0
    v = result.voluntary
    assert 0 <= v.drang <= v.kept <= v.closed and v.started_with_measure <= v.closed - v.kept
    h = result.handovers
    assert h.kept_regie + h.handed_over == h.brought_in
    r = result.reengagements
    assert 0 <= r.same_expert <= r.within_12 and r.within_6 <= r.within_12 <= r.cases
    assert r.open_6 <= r.open_12 <= r.cases
    i = result.involvements
    assert i.open_older <= i.open
    c = result.consults
    assert c.discussed + c.carried <= c.cases and c.with_decision <= c.discussed
    assert c.actions_on_time <= c.actions_due
    for tally in result.family:
        assert tally.asked <= sum(tally.answers.values())
        assert set(tally.answers) == {a.value for a in FamilyAnswer}
    closed = sum(NOVEMBER.contains(case.closed_at) for case in history.cases)
    assert sum(result.family[1].answers.values()) + result.family[1].not_recorded == closed


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_shares_stay_within_0_and_100(part: int, whole: int) -> None:
    part = min(part, whole)
    assert 0 <= percent(part, whole) <= 100
    shown = share_percent(part, whole)
    assert shown is None or 0 <= shown <= 100


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_a_share_never_shows_a_small_count(part: int, whole: int) -> None:
    text = share_text(part, whole)
    numbers = [int(n) for n in re.findall(r"\d+", text.split("(")[0])]
    assert all(n >= SMALL for n in numbers)
    if part < SMALL or whole < SMALL:
        assert "%" not in text


def test_the_jeugdlink_form() -> None:
    assert share_text(58, 62) == "58 van 62 (94%)"
    assert share_text(3, 62) == "<5 van 62"
    assert share_text(0, 4) == "<5 van <5"
    assert count_text(4) == "<5" and count_text(0) == "<5" and count_text(5) == "5"


# Numbers in the rendered text that are no counts: decimals ("3,5 uur", "6,0"), percentages, dates, the
# period's year and quarter, fixed windows from the templates ("6 maanden", "12 weken", "0–10") and the
# urgency "binnen 3 werkdagen".
NOT_COUNTS = re.compile(
    r"\d+,\d+|\d+%|\d{2}-\d{2}-\d{4} \d{2}:\d{2}|\b\d+ (?:uur|dagen|maanden|weken)\b|K\d|\b\d{4}\b|0–10"
    r"|binnen 3 werkdagen"
)


@settings(max_examples=60, deadline=None)
@given(
    histories(),
    NOW,
    st.sampled_from([Scope(), Scope("gemeente", "Roosendaal"), Scope("organisatie", "gi-wb")]),
)
def test_no_count_under_five_is_ever_shown(history: History, now: datetime, scope: Scope) -> None:
    result = figures.compute(history, NOVEMBER, now, CALENDAR, scope)
    text = render.summary(result, CALENDAR) + "\n" + render.detail(result, {}, {})
    for number in re.findall(r"\b\d+\b", NOT_COUNTS.sub(" ", text)):
        assert int(number) >= SMALL, f"count {number} shown in:\n{text}"


@settings(max_examples=60, deadline=None)
@given(histories(), NOW)
def test_charts_never_draw_a_small_count(history: History, now: datetime) -> None:
    from commands.monitor.charts import request_charts, trend_charts

    bars = request_charts(history, NOVEMBER, {}, {})
    for chart in bars:
        assert all(v is None or v >= SMALL for v in chart.values)
        asked = sum(NOVEMBER.contains(r.asked_at) for r in history.requests)
        assert sum(v or 0 for v in chart.values) <= asked
    (months,) = [figures.compute(history, NOVEMBER, now, CALENDAR)]
    for chart in trend_charts([months]):
        assert len(chart.values) == 1
        if chart.name == "vrijwillig-kader" and chart.values[0] is not None:
            assert months.voluntary.closed >= SMALL and months.voluntary.kept >= SMALL
