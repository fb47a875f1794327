"""Each figure on the constructed November history (tests/monitor/history.py), answers worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from commands.monitor import figures
from commands.monitor.cells import Spread
from commands.monitor.model import CaseFact, History, InvolvementFact, Scope, Score
from tests.monitor.history import CALENDAR, HISTORY, NOVEMBER, NOW, VOLUNTARY, local_lead, z


def test_the_period_is_november_in_amsterdam() -> None:
    assert NOVEMBER.start == z("2026-10-31T23:00") and NOVEMBER.end == z("2026-11-30T23:00")
    assert NOVEMBER.label == "november 2026"


@pytest.mark.parametrize(
    ("asked", "urgency", "deadline"),
    [
        # "vandaag": the end of the local day asked, even when asked in the evening.
        ("2026-11-02T08:00", "vandaag", "2026-11-02T23:00"),
        ("2026-11-02T22:30", "vandaag", "2026-11-02T23:00"),
        # Monday 30 November: Tuesday, Wednesday, Thursday → end of Thursday 3 December.
        ("2026-11-30T20:00", "binnen_3_werkdagen", "2026-12-03T23:00"),
        # Asked on Saturday: Monday, Tuesday, Wednesday.
        ("2026-11-21T10:00", "binnen_3_werkdagen", "2026-11-25T23:00"),
        ("2026-11-10T09:00", "deze_week", "2026-11-13T23:00"),
        ("2026-11-20T09:00", "deze_week", "2026-11-20T23:00"),
        # Asked on Saturday: no working day of this week left, so next Friday.
        ("2026-11-21T10:00", "deze_week", "2026-11-27T23:00"),
        # Asked Thursday 24 December: 25, 26 are holidays, 27 a Sunday, so 28, 29, 30 December.
        ("2026-12-24T09:00", "binnen_3_werkdagen", "2026-12-30T23:00"),
    ],
)
def test_a_request_has_its_own_deadline(asked: str, urgency: str, deadline: str) -> None:
    assert figures.request_deadline(z(asked), urgency, CALENDAR) == z(deadline)


def test_time_to_pick_up_counts_requests_in_the_month_asked() -> None:
    result = figures.pickup(HISTORY, NOVEMBER, NOW, CALENDAR)
    total = result.total
    # Requests 1, 2 (picked up in December), 4, 5, 6, 7, 8, 9; request 3 was asked in October.
    assert total.asked == 8
    # Picked up after 3, 37, 24, 1 and 120 hours: median 24, p90 (nearest rank 5 of 5) 120.
    assert total.picked_up == Spread(5, 24.0, 120.0)
    # Joined after 3, 37, 24, 2 (an hour after the pick-up) and 120 hours.
    assert total.joined == Spread(5, 24.0, 120.0)
    # In time: 1, 2, 6, 8. Late: 5 (escalated, never picked up), 7 (withdrawn after its deadline),
    # 9 (picked up the Monday after "deze week"). Request 4 was withdrawn before its deadline: not counted.
    assert (total.in_time, total.decided) == (4, 7)


def test_time_to_pick_up_per_urgency_organisation_and_expertise() -> None:
    result = figures.pickup(HISTORY, NOVEMBER, NOW, CALENDAR)
    by_urgency = {g.key: (g.asked, g.in_time, g.decided) for g in result.by_urgency}
    assert by_urgency == {"vandaag": (3, 2, 3), "binnen_3_werkdagen": (2, 2, 2), "deze_week": (3, 0, 2)}
    assert [g.key for g in result.by_urgency] == ["vandaag", "binnen_3_werkdagen", "deze_week"]
    by_org = {g.key: g.asked for g in result.by_organisation}
    assert by_org == {"": 3, "gi-wb": 1, "rvdk-zw": 1, "vt-wb": 3}
    by_expertise = {g.key: g.asked for g in result.by_expertise}
    assert by_expertise == {"huiselijk_geweld": 3, "juridisch_kader": 1, "lvb": 2, "trauma": 2}
    # Fewer than five values: no median is shown for a group.
    assert all(g.picked_up.median is None for g in result.by_organisation)


def test_deadline_outcome_waits_while_the_deadline_has_not_passed() -> None:
    request = HISTORY.requests[3]  # withdrawn request 4, asked Tuesday 10 November, "deze week"
    open_request = request._replace(status="open", closed_at=None)
    deadline = figures.request_deadline(request.asked_at, request.urgency, CALENDAR)
    assert figures.deadline_outcome(open_request, deadline, z("2026-11-12T09:00")) is None
    assert figures.deadline_outcome(open_request, deadline, z("2026-11-14T09:00")) is False
    assert figures.deadline_outcome(request, deadline, NOW) is None


def test_escalations_and_how_they_ended() -> None:
    result = figures.escalations(HISTORY, NOVEMBER)
    # Escalated: 5 (nobody), 6 (picked up after all), 7 (withdrawn).
    assert result == figures.EscalationFigures(requests=8, escalated=3, picked_up=1, withdrawn=1, nobody=1)


def test_involvement_length_and_long_open_involvements() -> None:
    result = figures.involvement_length(HISTORY, NOVEMBER, NOW, weeks=12)
    # Ended in November: 10, 7 + 1/24, 21, 3 and 40 days → median 10, p90 40.
    assert result.ended == Spread(5, 10.0, 40.0)
    # At the end of November (earlier than now): 5, 6 and 9 are aboard; 9 since July, over 12 weeks.
    assert result.open_at == NOVEMBER.end
    assert (result.open, result.open_older) == (3, 1)


def test_open_involvements_are_counted_now_when_the_period_has_not_ended() -> None:
    mid = z("2026-11-10T09:00")
    result = figures.involvement_length(HISTORY, NOVEMBER, mid, weeks=12)
    # On 10 November 09:00: 1, 4, 5, 8 ended later or is open; 10 ended at 12:00 that day; 9 since July.
    assert result.open_at == mid
    assert (result.open, result.open_older) == (5, 1)


def test_reengagements_after_a_check_out() -> None:
    result = figures.reengagements(HISTORY, NOVEMBER, NOW)
    # Check-outs in November: case 1 (12 Nov, e1), case 5 (30 Nov, e4), case 2 (6 Nov, e3). Ends by
    # closing the case (involvements 2 and 10) are no check-outs.
    # Case 1: e1 back on 19 Nov (same expert); case 5: e2 joined 2 Dec (another); case 2: none.
    assert result == figures.ReengagementFigures(
        cases=3, within_6=2, within_12=2, same_expert=1, open_6=3, open_12=3
    )
    later = figures.reengagements(HISTORY, NOVEMBER, z("2027-08-01T00:00"))
    assert (later.open_6, later.open_12) == (0, 3)


def test_a_reengagement_after_six_months_counts_only_for_twelve() -> None:
    history = History(
        cases=(CaseFact(1, "Roosendaal", "West-Brabant", z("2026-01-01T00:00"), leads=(local_lead(),)),),
        involvements=(
            InvolvementFact(1, 1, "e1", "vt-wb", "VT", z("2026-10-01T08:00"), None, z("2026-11-05T08:00")),
            # 5 November + 6 months = 5 May; 6 May is past it.
            InvolvementFact(2, 1, "e9", "vt-wb", "VT", z("2027-05-06T08:00")),
        ),
    )
    result = figures.reengagements(history, NOVEMBER, z("2028-01-01T00:00"))
    assert (result.cases, result.within_6, result.within_12, result.same_expert) == (1, 0, 1, 0)


def test_add_months_clamps_the_day() -> None:
    assert figures.add_months(z("2026-08-31T10:00"), 6) == z("2027-02-28T10:00")
    assert figures.add_months(z("2026-11-05T08:00"), 12) == z("2027-11-05T08:00")


def test_kept_in_the_voluntary_framework() -> None:
    result = figures.voluntary(HISTORY, NOVEMBER)
    # Closed in November: 1, 2 (drang, still voluntary), 3 (OTS in October), 4 (OTS from the start).
    # Case 7 closed at 23:30 local on 31 October, case 6 in December.
    assert result == figures.VoluntaryFigures(closed=4, kept=2, drang=1, started_with_measure=1)


def test_a_reopened_case_counts_at_its_last_closing() -> None:
    """Storage gives the last closing; a case open again (no closing now) is not among the closed."""
    reopened = HISTORY.cases[0]._replace(closed_at=None, close_reason=None)
    history = replace(HISTORY, cases=(reopened, *HISTORY.cases[1:]))
    assert figures.voluntary(history, NOVEMBER).closed == 3


def test_handovers_avoided() -> None:
    result = figures.handovers(HISTORY, NOVEMBER, NOW)
    # Case 5: the Raad aboard, regie stayed local (avoided). Case 8: GI aboard, regie moved to the GI.
    # Case 9 was already led by the GI; case 5's GI expert joined in December.
    assert result == figures.HandoverFigures(brought_in=2, kept_regie=1, handed_over=1)


def test_safety_scale_at_check_out_and_closing() -> None:
    changes = {(c.perspective, c.moment): c.n for c in figures.safety(HISTORY, NOVEMBER, CALENDAR)}
    # Case 1: checked out 12 Nov (regiehouder 3 → 6, ouder 4 → 4), closed 26 Nov (3 → 8, 4 → 4).
    # Case 5's only score is after its check-out; cases 2, 3, 4 have no scores.
    assert changes == {
        ("ouder", "afsluiten"): 1,
        ("ouder", "uitchecken"): 1,
        ("regiehouder", "afsluiten"): 1,
        ("regiehouder", "uitchecken"): 1,
    }


def test_safety_means_over_five_closed_cases() -> None:
    def case(number: int, start: int, end: int) -> CaseFact:
        scores = (Score("ouder", start, date(2026, 10, 1)), Score("ouder", end, date(2026, 11, 2)))
        return CaseFact(number, "Roosendaal", "West-Brabant", z("2026-09-01T08:00"), z("2026-11-20T10:00"),
                        "doel_bereikt", VOLUNTARY, (local_lead(),), scores)  # fmt: skip

    history = History(
        cases=tuple(case(n, s, e) for n, (s, e) in enumerate([(2, 6), (3, 7), (4, 8), (5, 9), (1, 5)]))
    )
    (change,) = figures.safety(history, NOVEMBER, CALENDAR)
    assert (change.perspective, change.moment, change.n) == ("ouder", "afsluiten", 5)
    assert (change.start, change.at_moment) == (3.0, 7.0)


def test_safety_takes_the_latest_score_given_by_the_day_of_the_moment() -> None:
    """Per perspective: the first score, and the last one given on or before the day of closing (the day
    itself included, a later score not); another perspective's scores in between change nothing."""

    def case(number: int) -> CaseFact:
        scores = (
            Score("ouder", 2, date(2026, 10, 1)),
            Score("kind", 9, date(2026, 10, 2)),
            Score("ouder", 4, date(2026, 11, 2)),
            Score("ouder", 5, date(2026, 11, 20)),  # the day it closed
            Score("ouder", 8, date(2026, 11, 21)),  # after: not at the moment of closing
        )
        return CaseFact(number, "Roosendaal", "West-Brabant", z("2026-09-01T08:00"), z("2026-11-20T15:00"),
                        "doel_bereikt", VOLUNTARY, (local_lead(),), scores)  # fmt: skip

    history = History(cases=tuple(case(n) for n in range(5)))
    kind, ouder = figures.safety(history, NOVEMBER, CALENDAR)
    assert (ouder.perspective, ouder.n, ouder.start, ouder.at_moment) == ("ouder", 5, 2.0, 5.0)
    assert (kind.perspective, kind.n, kind.start, kind.at_moment) == ("kind", 5, 9.0, 9.0)


def test_a_case_scored_only_after_the_moment_gives_no_pair() -> None:
    late = (Score("ouder", 3, date(2026, 11, 27)),)
    case = CaseFact(1, "Roosendaal", "West-Brabant", z("2026-09-01T08:00"), z("2026-11-20T15:00"),
                    "doel_bereikt", VOLUNTARY, (local_lead(),), late)  # fmt: skip
    assert figures.safety(History(cases=(case,)), NOVEMBER, CALENDAR) == ()


def test_a_backdated_score_counts_by_its_day_not_by_when_it_was_entered() -> None:
    """Entered in this order: 1 Oct → 2, 25 Nov → 8, then 10 Nov → 4 (backdated). Closed 20 Nov: the latest
    score by then is the backdated 4, not the 2 entered before it. A second perspective's first score is
    backdated before its other one: the start is the earlier day's, whatever the order entered."""

    def case(number: int) -> CaseFact:
        scores = (
            Score("ouder", 2, date(2026, 10, 1)),
            Score("ouder", 8, date(2026, 11, 25)),
            Score("ouder", 4, date(2026, 11, 10)),
            Score("kind", 6, date(2026, 11, 5)),
            Score("kind", 3, date(2026, 10, 1)),
        )
        return CaseFact(number, "Roosendaal", "West-Brabant", z("2026-09-01T08:00"), z("2026-11-20T15:00"),
                        "doel_bereikt", VOLUNTARY, (local_lead(),), scores)  # fmt: skip

    kind, ouder = figures.safety(History(cases=tuple(case(n) for n in range(5))), NOVEMBER, CALENDAR)
    assert (ouder.start, ouder.at_moment) == (2.0, 4.0)
    assert (kind.start, kind.at_moment) == (3.0, 6.0)


def test_compute_gives_the_same_figures_as_each_function_alone() -> None:
    """`compute` finds the period's check-outs once and shares them; each figure must come out as when its
    function is asked alone."""
    result = figures.compute(HISTORY, NOVEMBER, NOW, CALENDAR)
    assert result.reengagements == figures.reengagements(HISTORY, NOVEMBER, NOW)
    assert result.safety == figures.safety(HISTORY, NOVEMBER, CALENDAR)
    assert result.family == figures.family(HISTORY, NOVEMBER)
    assert result.pickup == figures.pickup(HISTORY, NOVEMBER, NOW, CALENDAR)


def test_consults() -> None:
    result = figures.consults(HISTORY, NOVEMBER, NOW, CALENDAR)
    # Held: 2 Nov and 16 Nov (9 Nov was cancelled, 7 Dec is in December). Items: 3 + 2 (one withdrawn).
    # Actions due in November: 5 Nov (on time), 10 Nov (done 12th), 30 Nov (open, past), 20 Nov (early).
    assert result == figures.ConsultFigures(
        held=2, cases=5, discussed=4, carried=1, with_decision=3, actions_due=4, actions_on_time=2
    )
    assert result.cases_per_consult == 2.5


def test_an_action_due_later_this_month_waits() -> None:
    result = figures.consults(HISTORY, NOVEMBER, z("2026-11-25T09:00"), CALENDAR)
    # On 25 November: only the 2 Nov and 16 Nov consults; the 30 Nov action is not yet due.
    assert (result.actions_due, result.actions_on_time) == (3, 2)


def test_family_experience_at_check_out_and_closing() -> None:
    checkout, close = figures.family(HISTORY, NOVEMBER)
    assert checkout.answers == {"ja": 1, "deels": 0, "nee": 1, "niet_gevraagd": 1}
    assert (checkout.asked, checkout.not_recorded) == (2, 0)
    assert close.answers == {"ja": 1, "deels": 1, "nee": 0, "niet_gevraagd": 1}
    assert (close.asked, close.not_recorded) == (2, 1)


def test_scope_by_municipality_and_organisation() -> None:
    roosendaal = figures.in_scope(HISTORY, Scope("gemeente", "Roosendaal"))
    assert {c.id for c in roosendaal.cases} == {1, 3, 4, 5, 6, 7}
    assert {r.id for r in roosendaal.requests} == {1, 2, 3, 6, 9}
    gi = figures.in_scope(HISTORY, Scope("organisatie", "gi-wb"))
    # Cases the GI led (8 after the handover, 9) or was involved in (5, 8).
    assert {c.id for c in gi.cases} == {5, 8, 9}
    # Agenda items of cases 5 and 8 (withdrawn, still an item) on 2 Nov, 5 and 9 on 16 Nov.
    assert [len(c.items) for c in gi.consults] == [2, 0, 2, 0]


def test_the_scope_organisation_needs_who_was_involved_before() -> None:
    """Storage reads who was involved before the period only when asked (None: not read); the scope
    "organisatie" then refuses rather than silently leave out the cases only those involvements link."""
    unread = replace(HISTORY, involved_before=None)
    with pytest.raises(ValueError, match="involved_before"):
        figures.in_scope(unread, Scope("organisatie", "gi-wb"))
    municipality = Scope("gemeente", "Roosendaal")
    assert figures.in_scope(unread, municipality).cases == figures.in_scope(HISTORY, municipality).cases


def test_compute_puts_it_together() -> None:
    result = figures.compute(HISTORY, NOVEMBER, NOW, CALENDAR, Scope("regio", "West-Brabant"))
    assert result.voluntary.closed == 4 and result.pickup.total.asked == 8
    assert figures.compute(HISTORY, NOVEMBER, NOW, CALENDAR, Scope("regio", "Elders")).pickup.total.asked == 0


def test_an_unknown_scope_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown scope"):
        figures.in_scope(HISTORY, Scope("provincie", "Brabant"))


def test_now_is_utc() -> None:
    assert datetime(2026, 12, 10, 9, 0, tzinfo=UTC) == NOW


def test_the_summary_reads_like_a_factsheet() -> None:
    from commands.monitor import render

    text = render.summary(figures.compute(HISTORY, NOVEMBER, NOW, CALENDAR), CALENDAR)
    assert (
        text.splitlines()[0]
        == "**Monitor erbij halen — november 2026** (alle casussen; stand 10-12-2026 10:00)"
    )
    assert "- **Erbij gehaald:** 8 vragen; opgepakt binnen de eigen termijn: <5 van 7" in text
    assert (
        "**Tijd tot oppakken:** mediaan 24 uur (90% binnen 5 dagen); tot de expert aanschoof: mediaan 24 uur"
        in text
    )
    assert "**In het vrijwillig kader gebleven:** <5 van <5 afgesloten casussen" in text
    assert "**Betrokkenheid:** uitgecheckt na mediaan 10 dagen (90% binnen 40 dagen)" in text
