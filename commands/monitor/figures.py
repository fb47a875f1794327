"""The monitor's figures as pure functions of a period's `History` (definitions: docs/monitor.md).

Each function takes plain facts, the period and `now` (what is known at the moment of computing), never reads
a clock or a database, and returns raw counts. Suppression of small cells happens when figures are shown
(`cells`, `render`, `charts`, `export`), so the raw counts here can be checked to add up.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from operator import attrgetter

from commands.calendar import WorkCalendar
from commands.monitor.cells import Spread, mean
from commands.monitor.model import (
    ALL,
    CaseFact,
    FamilyAnswer,
    History,
    InvolvementFact,
    Period,
    RequestFact,
    Scope,
    Score,
)

HOUR = 3600.0
DAY = 86400.0
EXPERT_KINDS_WITH_REGIE = frozenset({"GI", "RVDK"})
NO_MEASURE = "geen"
COMPULSORY = "gedwongen"
DRANG = "drang"
WITHDRAWN = "ingetrokken"
URGENCIES = ("vandaag", "binnen_3_werkdagen", "deze_week")


# --- deadlines and months ----------------------------------------------------------------------------
def _end_of_day(day: date, calendar: WorkCalendar) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=calendar.zone).astimezone(UTC)


def request_deadline(asked_at: datetime, urgency: str, calendar: WorkCalendar) -> datetime:
    """The request's own deadline: the end of the day asked ("vandaag"), of the third working day after
    the day asked ("binnen 3 werkdagen"), or of the last working day of the week asked ("deze week"; asked
    when no working day of that week is left: the next week's)."""
    day = calendar.local(asked_at).date()
    if urgency == "vandaag":
        return _end_of_day(day, calendar)
    if urgency == "binnen_3_werkdagen":
        for _ in range(3):
            day = calendar.next_working_day(day)
        return _end_of_day(day, calendar)
    week_end = day + timedelta(days=6 - day.weekday())
    last = next((d for d in _days_back(week_end, day) if calendar.is_working_day(d)), None)
    if last is None:
        next_week_end = week_end + timedelta(days=7)
        last = next(
            d for d in _days_back(next_week_end, week_end + timedelta(days=1)) if calendar.is_working_day(d)
        )
    return _end_of_day(last, calendar)


def _days_back(last: date, first: date) -> Iterable[date]:
    day = last
    while day >= first:
        yield day
        day -= timedelta(days=1)


def add_months(at: datetime, months: int) -> datetime:
    """The same moment `months` calendar months later; the day is clamped (31 August + 6 → 28/29 February)."""
    index = at.month - 1 + months
    year, month = at.year + index // 12, index % 12 + 1
    for day in range(at.day, 27, -1):
        try:
            return at.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return at.replace(year=year, month=month, day=min(at.day, 28))


# --- scope ---------------------------------------------------------------------------------------------
def in_scope(history: History, scope: Scope) -> History:
    """Only the facts of cases in `scope`; an organisation's are the cases it led or was involved in."""
    if scope.kind == "alles":
        return history
    if scope.kind == "gemeente":
        keep = {c.id for c in history.cases if c.municipality == scope.value}
    elif scope.kind == "regio":
        keep = {c.id for c in history.cases if c.region == scope.value}
    elif scope.kind == "organisatie":
        assert scope.needs_involved_before
        if history.involved_before is None:
            raise ValueError("the scope 'organisatie' needs a history read with involved_before")
        keep = {c.id for c in history.cases if any(s.organisation == scope.value for s in c.leads)}
        keep |= {i.case_id for i in history.involvements if i.organisation == scope.value}
        keep |= {case_id for case_id, org in history.involved_before if org == scope.value}
    else:
        raise ValueError(f"unknown scope {scope.kind!r}")
    return History(
        cases=tuple(c for c in history.cases if c.id in keep),
        requests=tuple(r for r in history.requests if r.case_id in keep),
        involvements=tuple(i for i in history.involvements if i.case_id in keep),
        consults=tuple(
            c._replace(items=tuple(i for i in c.items if i.case_id in keep)) for c in history.consults
        ),
        actions=tuple(a for a in history.actions if a.case_id in keep),
        organisation_names=history.organisation_names,
        involved_before=None
        if history.involved_before is None
        else frozenset(p for p in history.involved_before if p[0] in keep),
    )


def _asked_in(history: History, period: Period) -> list[RequestFact]:
    start, end = period.start, period.end
    return [r for r in history.requests if start <= r.asked_at < end]


def _ended_in(involvements: Iterable[InvolvementFact], period: Period) -> list[InvolvementFact]:
    """Involvements that ended in the period (the cheap test first: a quarter holds tens of thousands)."""
    start, end = period.start, period.end
    return [i for i in involvements if i.ended_at is not None and start <= i.ended_at < end]


# --- 1. time to pick-up and to joined --------------------------------------------------------------------
@dataclass(frozen=True)
class PickupGroup:
    key: str  # organisation key, expertise key, urgency value; "" for the total
    asked: int
    picked_up: Spread  # hours from asked to the first "ik pak het op"
    joined: Spread  # hours from asked to the first expert aboard
    in_time: int  # picked up within the request's own deadline
    decided: int  # requests whose deadline outcome is known (see `deadline_outcome`)


@dataclass(frozen=True)
class PickupFigures:
    total: PickupGroup
    by_organisation: tuple[PickupGroup, ...]  # by the organisation of the expert who picked it up first
    by_expertise: tuple[PickupGroup, ...]
    by_urgency: tuple[PickupGroup, ...]


def first_involvements(involvements: Iterable[InvolvementFact]) -> dict[int, InvolvementFact]:
    """Per request id, the involvement that started first from it."""
    first: dict[int, InvolvementFact] = {}
    for inv in involvements:
        if inv.request_id is None:
            continue
        known = first.get(inv.request_id)
        if known is None or (inv.started_at, inv.id) < (known.started_at, known.id):
            first[inv.request_id] = inv
    return first


def deadline_outcome(request: RequestFact, deadline: datetime, now: datetime) -> bool | None:
    """True: picked up by its deadline; False: not; None: not counted (still within its deadline and not
    picked up, or withdrawn before its deadline without anyone picking it up)."""
    if request.accepted_at is not None:
        return request.accepted_at <= deadline
    if request.status == WITHDRAWN and request.closed_at is not None and request.closed_at < deadline:
        return None
    return False if now >= deadline else None


class _PickupTally:
    """A group's part of the pick-up figures: filled request by request for each (organisation, expertise,
    urgency) that occurs, then merged into the groups shown (a few dozen merges instead of four additions
    per request)."""

    __slots__ = ("asked", "decided", "in_time", "joined", "picked")

    def __init__(self) -> None:
        self.asked = self.in_time = self.decided = 0
        self.picked: list[float] = []  # hours asked → accepted
        self.joined: list[float] = []  # hours asked → first expert aboard

    def merge(self, other: _PickupTally) -> None:
        self.asked += other.asked
        self.in_time += other.in_time
        self.decided += other.decided
        self.picked += other.picked
        self.joined += other.joined

    def group(self, key: str) -> PickupGroup:
        return PickupGroup(
            key=key,
            asked=self.asked,
            picked_up=Spread.of(self.picked),
            joined=Spread.of(self.joined),
            in_time=self.in_time,
            decided=self.decided,
        )


def deadline_outcomes(
    requests: Iterable[RequestFact], now: datetime, calendar: WorkCalendar
) -> dict[int, bool | None]:
    """`deadline_outcome` per request id; a deadline depends only on the local day asked and the urgency, so
    it is computed once per (day, urgency) rather than once per request."""
    deadlines: dict[tuple[date, str], datetime] = {}
    outcomes: dict[int, bool | None] = {}
    zone = calendar.zone
    for r in requests:
        key = (r.asked_at.astimezone(zone).date(), r.urgency)
        deadline = deadlines.get(key)
        if deadline is None:
            deadline = deadlines[key] = request_deadline(r.asked_at, r.urgency, calendar)
        outcomes[r.id] = deadline_outcome(r, deadline, now)
    return outcomes


def pickup(history: History, period: Period, now: datetime, calendar: WorkCalendar) -> PickupFigures:
    """Requests count in the period they were asked in, wherever their pick-up falls."""
    asked = _asked_in(history, period)
    first = first_involvements(history.involvements)
    outcomes = deadline_outcomes(asked, now, calendar)
    cells: dict[tuple[str, str, str], _PickupTally] = defaultdict(_PickupTally)  # (org, expertise, urgency)
    for r in asked:
        inv = first.get(r.id)
        tally = cells[(inv.organisation if inv is not None else "", r.expertise, r.urgency)]
        tally.asked += 1
        if r.accepted_at is not None:
            tally.picked.append((r.accepted_at - r.asked_at).total_seconds() / HOUR)
        if inv is not None:
            tally.joined.append((inv.started_at - r.asked_at).total_seconds() / HOUR)
        outcome = outcomes[r.id]
        if outcome is not None:
            tally.decided += 1
            tally.in_time += outcome
    total = _PickupTally()
    by: tuple[dict[str, _PickupTally], ...] = (
        defaultdict(_PickupTally),
        defaultdict(_PickupTally),
        defaultdict(_PickupTally),
    )
    for key, tally in cells.items():
        total.merge(tally)
        for groups, part in zip(by, key, strict=True):
            groups[part].merge(tally)
    by_organisation, by_expertise, by_urgency = by
    urgencies = [u for u in URGENCIES if u in by_urgency] + sorted(
        k for k in by_urgency if k not in URGENCIES
    )
    return PickupFigures(
        total=total.group(""),
        by_organisation=tuple(by_organisation[k].group(k) for k in sorted(by_organisation)),
        by_expertise=tuple(by_expertise[k].group(k) for k in sorted(by_expertise)),
        by_urgency=tuple(by_urgency[k].group(k) for k in urgencies),
    )


# --- 2. escalations --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EscalationFigures:
    requests: int  # asked in the period
    escalated: int  # of those, escalated at some time (whenever)
    picked_up: int  # escalated, then picked up after all
    withdrawn: int  # escalated, then withdrawn without anyone picking it up
    nobody: int  # escalated, and nobody (yet)


def escalations(history: History, period: Period) -> EscalationFigures:
    asked = _asked_in(history, period)
    escalated = [r for r in asked if r.escalated_at is not None]
    picked = sum(r.accepted_at is not None for r in escalated)
    withdrawn = sum(r.accepted_at is None and r.status == WITHDRAWN for r in escalated)
    return EscalationFigures(
        len(asked), len(escalated), picked, withdrawn, len(escalated) - picked - withdrawn
    )


# --- 3. involvement length and long-running involvements ------------------------------------------------
@dataclass(frozen=True)
class InvolvementFigures:
    ended: Spread  # days from joining to checking out, of involvements that ended in the period
    open_at: datetime  # the moment open involvements are counted: the period's end, or now if earlier
    open: int
    open_older: int  # of those, aboard for at least `weeks` weeks
    weeks: int


def involvement_length(
    history: History, period: Period, now: datetime, weeks: int = 12
) -> InvolvementFigures:
    days = [
        (i.ended_at - i.started_at).total_seconds() / DAY
        for i in _ended_in(history.involvements, period)
        if i.ended_at is not None
    ]
    at = min(period.end, now)
    open_ = [
        i for i in history.involvements if i.started_at <= at and (i.ended_at is None or i.ended_at > at)
    ]
    joined_by = at - timedelta(weeks=weeks)  # aboard at least `weeks` weeks at `at`: joined on or before
    older = sum(i.started_at <= joined_by for i in open_)
    return InvolvementFigures(Spread.of(days), at, len(open_), older, weeks)


# --- 4. bijschalen -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReengagementFigures:
    cases: int  # cases with a check-out in the period (the cohort)
    within_6: int  # of those, an expert aboard again within 6 months of the (first) check-out
    within_12: int
    same_expert: int  # of those re-engaged within 12 months: the expert who checked out came back
    open_6: int  # cohort cases whose 6-month window has not passed yet (so the count may still grow)
    open_12: int


def is_checkout(inv: InvolvementFact, case: CaseFact | None) -> bool:
    """An involvement that ended while the case went on (not ended by closing the case)."""
    if inv.ended_at is None:
        return False
    return case is None or case.closed_at is None or inv.ended_at < case.closed_at


def checkouts(history: History, period: Period) -> list[tuple[InvolvementFact, CaseFact | None]]:
    """The check-outs in the period (see `is_checkout`), each with its case: bijschalen, safety and the
    family's answer all start from these, so `compute` finds them once."""
    cases = {c.id: c for c in history.cases}
    found = []
    for inv in _ended_in(history.involvements, period):
        case = cases.get(inv.case_id)
        if is_checkout(inv, case):
            found.append((inv, case))
    return found


def reengagements(history: History, period: Period, now: datetime) -> ReengagementFigures:
    return _reengagements(history, checkouts(history, period), now)


def _reengagements(
    history: History, outs: list[tuple[InvolvementFact, CaseFact | None]], now: datetime
) -> ReengagementFigures:
    first_checkout: dict[int, InvolvementFact] = {}
    for inv, _case in outs:
        known = first_checkout.get(inv.case_id)
        if known is None or (inv.ended_at, inv.id) < (known.ended_at, known.id):
            first_checkout[inv.case_id] = inv
    by_case: dict[int, list[InvolvementFact]] = defaultdict(list)
    for inv in history.involvements:
        if inv.case_id in first_checkout:
            by_case[inv.case_id].append(inv)
    within_6 = within_12 = same = open_6 = open_12 = 0
    for case_id, out in first_checkout.items():
        assert out.ended_at is not None
        limit_6, limit_12 = add_months(out.ended_at, 6), add_months(out.ended_at, 12)
        later = [i for i in by_case[case_id] if out.ended_at < i.started_at]
        within_6 += any(i.started_at <= limit_6 for i in later)
        back = [i for i in later if i.started_at <= limit_12]
        within_12 += bool(back)
        same += any(i.expert_id == out.expert_id for i in back)
        open_6 += now < limit_6
        open_12 += now < limit_12
    return ReengagementFigures(len(first_checkout), within_6, within_12, same, open_6, open_12)


# --- 5. kept in the voluntary framework ---------------------------------------------------------------
@dataclass(frozen=True)
class VoluntaryFigures:
    closed: int  # cases closed in the period (their last closing)
    kept: int  # of those, never under a measure or in the compulsory framework while open
    drang: int  # of the kept ones, in drang at some point
    started_with_measure: int  # of the not-kept ones, already under a measure when created


def reached_measure(case: CaseFact) -> bool:
    until = case.closed_at
    return any(
        (e.framework == COMPULSORY or e.measure != NO_MEASURE) and (until is None or e.at <= until)
        for e in case.frameworks
    )


def voluntary(history: History, period: Period) -> VoluntaryFigures:
    closed = [c for c in history.cases if period.contains(c.closed_at)]
    kept = [c for c in closed if not reached_measure(c)]
    drang = sum(any(e.framework == DRANG for e in c.frameworks) for c in kept)
    started = sum(
        bool(c.frameworks)
        and (c.frameworks[0].framework == COMPULSORY or c.frameworks[0].measure != NO_MEASURE)
        for c in closed
    )
    return VoluntaryFigures(len(closed), len(kept), drang, started)


# --- 6. handovers avoided ----------------------------------------------------------------------------
@dataclass(frozen=True)
class HandoverFigures:
    brought_in: int  # cases where a GI or RvdK expert joined in the period, led locally at that moment
    kept_regie: int  # of those: the regie stayed local while she was aboard (a handover avoided)
    handed_over: int  # of those: the regie moved to a GI or the Raad while she was aboard


def _lead_kind_at(case: CaseFact, at: datetime) -> str | None:
    kind = None
    for spell in case.leads:
        if spell.since <= at:
            kind = spell.organisation_kind
    return kind


def handovers(history: History, period: Period, now: datetime) -> HandoverFigures:
    cases = {c.id: c for c in history.cases}
    outcome: dict[int, bool] = {}  # case id → regie kept local throughout (over all such involvements)
    start, end = period.start, period.end
    brought_in = [
        i
        for i in history.involvements
        if i.organisation_kind in EXPERT_KINDS_WITH_REGIE and start <= i.started_at < end
    ]
    for inv in brought_in:
        case = cases.get(inv.case_id)
        if case is None:
            continue
        if _lead_kind_at(case, inv.started_at) in EXPERT_KINDS_WITH_REGIE:
            continue  # already led by a GI or the Raad: nothing to avoid
        until = now
        if inv.ended_at is not None and inv.ended_at < until:
            until = inv.ended_at
        if case.closed_at is not None and case.closed_at < until:
            until = case.closed_at
        moved = any(
            inv.started_at < s.since <= until and s.organisation_kind in EXPERT_KINDS_WITH_REGIE
            for s in case.leads
        )
        outcome[case.id] = outcome.get(case.id, True) and not moved
    kept = sum(outcome.values())
    return HandoverFigures(len(outcome), kept, len(outcome) - kept)


# --- 7. safety development ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ScaleChange:
    perspective: str
    moment: str  # "uitchecken" or "afsluiten"
    n: int  # pairs: a start score and a score at the moment, from this perspective
    start: float | None  # mean of the first scores (None below 5 pairs)
    at_moment: float | None  # mean of the latest score on or before the moment


_DAY_OF_SCORE = attrgetter("on")


def _first_and_latest(days: list[date], scores: list[int], day: date) -> tuple[int, int] | None:
    """Of one perspective's scores (sorted by the day they are about), the first and the last one on or
    before `day`."""
    latest = bisect_right(days, day)
    if latest == 0:
        return None
    return scores[0], scores[latest - 1]


def safety(history: History, period: Period, calendar: WorkCalendar) -> tuple[ScaleChange, ...]:
    """Per perspective: first score against the score at each check-out in the period, and at each closing."""
    return _safety(history, checkouts(history, period), period, calendar)


def _safety(
    history: History,
    outs: list[tuple[InvolvementFact, CaseFact | None]],
    period: Period,
    calendar: WorkCalendar,
) -> tuple[ScaleChange, ...]:
    moments: list[tuple[str, CaseFact, date]] = []
    for inv, case in outs:
        if case is not None and case.scores:
            assert inv.ended_at is not None
            moments.append(("uitchecken", case, calendar.local(inv.ended_at).date()))
    for case in history.cases:
        if case.scores and period.contains(case.closed_at):
            assert case.closed_at is not None
            moments.append(("afsluiten", case, calendar.local(case.closed_at).date()))
    pairs: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    # per case, per perspective (sorted): the days its scores are about and the scores, by that day
    own: dict[int, list[tuple[str, list[date], list[int]]]] = {}
    for moment, case, day in moments:
        per_case = own.get(case.id)
        if per_case is None:
            # By the day a score is about, not the order entered (a score can be backdated); on one day,
            # the one entered last counts as the latest (the sort is stable).
            per: dict[str, list[Score]] = defaultdict(list)
            for score in sorted(case.scores, key=_DAY_OF_SCORE):
                per[score.perspective].append(score)
            per_case = own[case.id] = [
                (p, [s.on for s in own_scores], [s.score for s in own_scores])
                for p, own_scores in sorted(per.items())
            ]
        for perspective, days, values in per_case:
            pair = _first_and_latest(days, values, day)
            if pair is not None:
                pairs[(perspective, moment)].append(pair)
    return tuple(
        ScaleChange(p, m, len(v), mean([a for a, _ in v]), mean([b for _, b in v]))
        for (p, m), v in sorted(pairs.items())
    )


# --- 8. consults ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConsultFigures:
    held: int  # consults in the period that were not cancelled and have started by now
    cases: int  # agenda items of those consults that were not withdrawn
    discussed: int
    carried: int  # not discussed, carried over to a later consult
    with_decision: int  # discussed items with a recorded decision
    actions_due: int  # action items due in the period whose due date has passed (or that are done)
    actions_on_time: int  # of those, done on or before the due date

    @property
    def cases_per_consult(self) -> float | None:
        return self.cases / self.held if self.held else None


def consults(history: History, period: Period, now: datetime, calendar: WorkCalendar) -> ConsultFigures:
    held = [
        c for c in history.consults if not c.cancelled and period.contains(c.starts_at) and c.starts_at <= now
    ]
    items = [i for c in held for i in c.items if i.status != "afgemeld"]
    today = calendar.local(now).date()
    first_day = calendar.local(period.start).date()
    last_day = calendar.local(period.end - timedelta(microseconds=1)).date()
    due = [
        a for a in history.actions if first_day <= a.due_on <= last_day and (a.due_on < today or a.done_on)
    ]
    return ConsultFigures(
        held=len(held),
        cases=len(items),
        discussed=sum(i.status == "besproken" for i in items),
        carried=sum(i.status == "doorgeschoven" for i in items),
        with_decision=sum(i.status == "besproken" and i.has_decision for i in items),
        actions_due=len(due),
        actions_on_time=sum(a.done_on is not None and a.done_on <= a.due_on for a in due),
    )


# --- 9. family experience -----------------------------------------------------------------------------
@dataclass(frozen=True)
class FamilyFigures:
    moment: str  # "uitchecken" or "afsluiten"
    answers: dict[str, int]  # per FamilyAnswer value, every value present (zeros included)
    not_recorded: int  # moments in the period with no answer recorded

    @property
    def asked(self) -> int:
        return sum(n for k, n in self.answers.items() if k != FamilyAnswer.NOT_ASKED.value)


def family(history: History, period: Period) -> tuple[FamilyFigures, FamilyFigures]:
    return _family(history, checkouts(history, period), period)


def _family(
    history: History, outs: list[tuple[InvolvementFact, CaseFact | None]], period: Period
) -> tuple[FamilyFigures, FamilyFigures]:
    at_checkout = [i.family_at_checkout for i, _case in outs]
    at_close = [c.family_at_close for c in history.cases if period.contains(c.closed_at)]

    def tally(moment: str, answers: list[FamilyAnswer | None]) -> FamilyFigures:
        counts = {a.value: sum(x is a for x in answers) for a in FamilyAnswer}
        return FamilyFigures(moment, counts, sum(x is None for x in answers))

    return tally("uitchecken", at_checkout), tally("afsluiten", at_close)


# --- all together ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figures:
    period: Period
    scope: Scope
    computed_at: datetime
    pickup: PickupFigures
    escalations: EscalationFigures
    involvements: InvolvementFigures
    reengagements: ReengagementFigures
    voluntary: VoluntaryFigures
    handovers: HandoverFigures
    safety: tuple[ScaleChange, ...]
    consults: ConsultFigures
    family: tuple[FamilyFigures, FamilyFigures]


def compute(
    history: History,
    period: Period,
    now: datetime,
    calendar: WorkCalendar,
    scope: Scope = ALL,
    open_weeks: int = 12,
) -> Figures:
    scoped = in_scope(history, scope)
    outs = checkouts(scoped, period)
    return Figures(
        period=period,
        scope=scope,
        computed_at=now,
        pickup=pickup(scoped, period, now, calendar),
        escalations=escalations(scoped, period),
        involvements=involvement_length(scoped, period, now, open_weeks),
        reengagements=_reengagements(scoped, outs, now),
        voluntary=voluntary(scoped, period),
        handovers=handovers(scoped, period, now),
        safety=_safety(scoped, outs, period, calendar),
        consults=consults(scoped, period, now, calendar),
        family=_family(scoped, outs, period),
    )
