"""Consult outcomes, pure: reading action lines, when to remind, the decision list and the lead's outcome.

Action items are typed one per line the way a minute-taker writes them ("Jeroen belt school voor vrijdag",
see commands.consults.minutes); each line is checked on its own so the chair sees exactly which one to fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from commands.calendar import WorkCalendar
from commands.catalogue import t
from commands.consults.minutes import LineProblem, Participant, parse_action_line
from commands.consults.model import ActionItem, AgendaItem, Attendance, Consult, NewAction
from commands.privacy import Allowlist, find_identifiers, refusal
from commands.roster.formatting import format_day

ACTIONS_MAX = 10
DESCRIPTION_MAX = 200
DECISION_MAX = 1000
DUE_MAX_DAYS = 366


@dataclass(frozen=True)
class ParsedActions:
    actions: tuple[NewAction, ...]
    problems: tuple[str, ...]


def parse_actions(
    text: str, consult_day: date, people: Sequence[Participant], known: Mapping[str, Participant]
) -> ParsedActions:
    """Action lines → actions (commands.consults.minutes reads each line); the privacy guard sees each
    action's description, not the owner's name or the deadline (a date is no date of birth here)."""
    lines = [line.strip().lstrip("-•*").strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    problems: list[str] = []
    actions: list[NewAction] = []
    colleagues = Allowlist(people=tuple(p.display_name for p in people))  # "Sanne belt de school" may stay
    if len(lines) > ACTIONS_MAX:
        return ParsedActions((), (t("overleg.actie.te_veel", max=ACTIONS_MAX),))
    for number, line in enumerate(lines, 1):
        parsed = parse_action_line(line, consult_day, people, known)
        if isinstance(parsed, LineProblem):
            problems.append(_problem(number, parsed))
            continue
        if len(parsed.description) > DESCRIPTION_MAX:
            problems.append(t("overleg.actie.te_lang", n=number, max=DESCRIPTION_MAX))
            continue
        findings = find_identifiers(parsed.description, colleagues)
        if findings:
            problems.append(t("overleg.actie.privacy", n=number, refusal=refusal(findings)))
            continue
        if parsed.due_on < consult_day or (parsed.due_on - consult_day).days > DUE_MAX_DAYS:
            problems.append(t("overleg.actie.datum_bereik", n=number, due=format_day(parsed.due_on)))
            continue
        actions.append(NewAction(parsed.owner_id, parsed.description, parsed.due_on))
    return ParsedActions(tuple(actions), tuple(problems))


def _problem(number: int, problem: LineProblem) -> str:
    if problem.kind == "dubbelzinnig":
        candidates = t("overleg.actie.of").join(
            t("overleg.actie.kandidaat", username=p.username, name=p.display_name) for p in problem.candidates
        )
        return t("overleg.actie.dubbelzinnig", n=number, text=problem.text, candidates=candidates)
    if problem.kind == "geen_eigenaar" and problem.text:
        return t("overleg.actie.geen_deelnemer", n=number, text=problem.text)
    return t(f"overleg.actie.{problem.kind}", n=number, text=problem.text)


def format_actions(actions: Sequence[ActionItem | NewAction], usernames: Mapping[str, str]) -> str:
    """Back to the typed form, to prefill the dialog when the chair edits an outcome."""
    return "\n".join(
        f"@{usernames.get(a.owner_id, a.owner_id)} {a.description} uiterlijk {a.due_on.strftime('%d-%m-%Y')}"
        for a in actions
    )


def reminder_at(due_on: date, now: datetime, calendar: WorkCalendar, at: time) -> datetime | None:
    """The working day before the due date at `at`; None if that moment has passed already (an action
    agreed that late is fresh news: the owner's "new action" message is reminder enough)."""
    remind = datetime.combine(calendar.previous_working_day(due_on), at, tzinfo=calendar.zone).astimezone(UTC)
    return remind if remind > now else None


@dataclass(frozen=True)
class ItemOutcome:
    """One agenda item after the consult, ready to report."""

    item: AgendaItem
    lead_id: str
    actions: tuple[ActionItem, ...]
    next_consult: Consult | None  # where it returns or is carried over to

    @property
    def discussed(self) -> bool:
        return self.item.decision is not None


def decision_list(
    consult: Consult,
    outcomes: Sequence[ItemOutcome],
    names: Mapping[str, str],
    when: str,
    attendance: Mapping[str, Attendance] | None = None,
) -> str:
    """The besluitenlijst for the channel: who was there, codes, decisions and action owners; nothing from
    the card."""
    lines = [t("overleg.besluiten.titel", title=consult.title, when=when)]
    for status in Attendance:
        people = [names.get(u, "") for u, s in (attendance or {}).items() if s is status]
        if people:
            lines.append(t(f"overleg.besluiten.{status.value}", names=", ".join(people)))
    for outcome in outcomes:
        code = outcome.item.case_code
        if not outcome.discussed:
            lines.append(t("overleg.besluiten.niet_besproken", code=code))
            continue
        lines.append(t("overleg.besluiten.besluit", code=code, decision=outcome.item.decision))
        owners = [
            t("overleg.besluiten.eigenaar", name=names.get(a.owner_id, ""), due=a.due_on.strftime("%d-%m"))
            for a in outcome.actions
        ]
        if owners:
            lines.append(t("overleg.besluiten.acties", owners=", ".join(owners)))
        if outcome.item.returns:
            lines.append(t("overleg.besluiten.komt_terug"))
    if not outcomes:
        lines.append(t("overleg.besluiten.leeg"))
    return "\n".join(lines)


def lead_outcome(outcome: ItemOutcome, names: Mapping[str, str], when: str, next_when: str | None) -> str:
    """What the lead reads about their case: the decision, every action in full, and what comes next."""
    code = outcome.item.case_code
    if not outcome.discussed:
        lines = [t("overleg.uitkomst.niet_besproken", code=code, when=when)]
    else:
        lines = [
            t("overleg.uitkomst.titel", code=code, when=when),
            t("overleg.uitkomst.besluit", decision=outcome.item.decision),
        ]
        for action in outcome.actions:
            lines.append(
                t(
                    "overleg.uitkomst.actie",
                    description=action.description,
                    owner=names.get(action.owner_id, ""),
                    due=format_day(action.due_on),
                )
            )
    if next_when is not None:
        lines.append(t("overleg.uitkomst.volgende", when=next_when))
    return "\n".join(lines)


def due_phrase(due_on: date, today: date) -> str:
    """'morgen', 'vandaag' or the day itself, for reminders."""
    if due_on == today:
        return t("overleg.dag.vandaag")
    if due_on == today + timedelta(days=1):
        return t("overleg.dag.morgen", day=format_day(due_on))
    return format_day(due_on)
