"""Consult outcomes, pure: reading action lines, when to remind, the decision list and the lead's outcome.

Action items are typed one per line as `@gebruikersnaam wat er moet gebeuren uiterlijk <dag>`, the way a
minute-taker writes them; each line is checked on its own so the chair sees exactly which one to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from commands.calendar import WorkCalendar
from commands.catalogue import t
from commands.consults.model import ActionItem, AgendaItem, Consult, NewAction
from commands.roster.formatting import format_day
from commands.roster.periods import PeriodError, parse_day

ACTIONS_MAX = 10
DESCRIPTION_MAX = 200
DECISION_MAX = 1000
DUE_MAX_DAYS = 366
_LINE = re.compile(r"^@?([\w.\-]+):?\s+(.+)\s+uiterlijk\s+(.+?)\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedActions:
    actions: tuple[NewAction, ...]
    problems: tuple[str, ...]


def parse_actions(text: str, consult_day: date, resolve: Callable[[str], str | None]) -> ParsedActions:
    """Action lines → actions; `resolve` turns a username into the user id of an active professional."""
    lines = [line.strip().lstrip("-•*").strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    problems: list[str] = []
    actions: list[NewAction] = []
    if len(lines) > ACTIONS_MAX:
        return ParsedActions((), (t("overleg.actie.te_veel", max=ACTIONS_MAX),))
    for number, line in enumerate(lines, 1):
        match = _LINE.match(line)
        if match is None:
            problems.append(t("overleg.actie.vorm", n=number))
            continue
        username, description, due_text = (
            match.group(1),
            match.group(2).strip(" -—–,;"),
            match.group(3).strip(),
        )
        owner = resolve(username.lower())
        if owner is None:
            problems.append(t("overleg.actie.onbekend", n=number, username=username))
            continue
        if len(description) > DESCRIPTION_MAX:
            problems.append(t("overleg.actie.te_lang", n=number, max=DESCRIPTION_MAX))
            continue
        try:
            due = parse_day(due_text.lower(), consult_day, after=consult_day)
        except PeriodError:
            problems.append(t("overleg.actie.datum", n=number, text=due_text))
            continue
        if due < consult_day or (due - consult_day).days > DUE_MAX_DAYS:
            problems.append(t("overleg.actie.datum_bereik", n=number, due=format_day(due)))
            continue
        actions.append(NewAction(owner, description, due))
    return ParsedActions(tuple(actions), tuple(problems))


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
    consult: Consult, outcomes: Sequence[ItemOutcome], names: Mapping[str, str], when: str
) -> str:
    """The besluitenlijst for the channel: codes, decisions and action owners, nothing from the card."""
    lines = [t("overleg.besluiten.titel", title=consult.title, when=when)]
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
