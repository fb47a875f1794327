"""Action lines as minute-takers write them: who, what, by when, in their own words. Pure.

"Jeroen bespreekt de afspraken met ouders voor vrijdag", "@san belt school uiterlijk 4 december",
"Navragen bij de huisarts door Pieter, over 2 weken", "Karin: terugkoppeling aan VT volgende week".
The owner is a participant of the consult, named by first name (optionally with the last name), by username
or by the start of a username after `@`; the deadline is a marker word (uiterlijk, voor, vóór, op, per,
binnen, over) followed by a day, or a day at the end. A name that fits several participants is asked back
with the candidates; nothing is guessed.

Linear in the line: one split into words, a bounded look at the first words and at the last few words.
"""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from commands.roster.periods import WEEKDAYS, PeriodError, parse_day

DATE_WORDS_MAX = 5  # "dinsdag 4 december 2026" and "eind van de volgende week" are the longest forms
MARKERS = ("uiterlijk", "voor", "vóór", "op", "per", "deadline", "binnen", "over", "rond", "tegen")
OWNER_LEADS = ("actie", "actiehouder", "wie")  # "Actie Jeroen: …", "Actiehouder: @jeroen …"
NUMBERS = {
    "een": 1, "één": 1, "1": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "twaalf": 12,
}  # fmt: skip
UNITS = {
    "dag": 1, "dagen": 1, "week": 7, "weken": 7, "maand": 30, "maanden": 30, "werkdag": 1, "werkdagen": 1,
}  # fmt: skip
FRIDAY = 4


@dataclass(frozen=True)
class Participant:
    user_id: str
    username: str
    display_name: str

    @property
    def first_name(self) -> str:
        return _fold(self.display_name.split(" ", 1)[0]) if self.display_name else ""

    @property
    def last_name(self) -> str:
        parts = self.display_name.split()
        return _fold(parts[-1]) if len(parts) > 1 else ""


@dataclass(frozen=True)
class ActionLine:
    owner_id: str
    description: str
    due_on: date


@dataclass(frozen=True)
class LineProblem:
    """Why a line cannot be read: `kind` names the Dutch message; `candidates` for an ambiguous name."""

    kind: str  # "geen_eigenaar", "dubbelzinnig", "geen_datum", "datum", "geen_omschrijving"
    text: str = ""
    candidates: tuple[Participant, ...] = ()


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _bare(word: str) -> str:
    return _fold(word).strip(".,:;!?()[]\"'")


# --- the owner ----------------------------------------------------------------------------------------------


def _by_username_start(token: str, people: Sequence[Participant]) -> list[Participant]:
    """`@jer`: whose username (or a part of it, split on . _ -) starts with it; an exact username wins."""
    exact = [p for p in people if p.username.lower() == token]
    if exact:
        return exact
    if len(token) < 2:
        return []
    found = []
    for p in people:
        name = p.username.lower()
        parts = name.replace("_", ".").replace("-", ".").split(".")
        if name.startswith(token) or any(part.startswith(token) for part in parts):
            found.append(p)
    return found


def _by_name(word: str, people: Sequence[Participant]) -> list[Participant]:
    """A plain word: a participant's first name or their whole username (never a part of it)."""
    return [p for p in people if word in (p.first_name, p.username.lower())]


@dataclass(frozen=True)
class _Owner:
    start: int  # word index where the owner's words begin
    end: int  # one past the last owner word
    matches: tuple[Participant, ...]


def _owner_at(
    words: list[str], index: int, people: Sequence[Participant], known: Mapping[str, Participant]
) -> _Owner | None:
    word = words[index]
    if word.startswith("@"):
        token = _bare(word[1:])
        matches = _by_username_start(token, people)
        if not matches and token in known:  # an exact username of anyone in the roster, as before
            matches = [known[token]]
        return _Owner(index, index + 1, tuple(matches)) if len(word) > 1 else None
    matches = _by_name(_bare(word), people)
    if not matches:
        return None
    end = index + 1
    if end < len(words) and len(matches) >= 1:
        surname = _bare(words[end])
        narrowed = [p for p in matches if p.last_name and p.last_name == surname]
        if narrowed:
            return _Owner(index, end + 1, tuple(narrowed))
    return _Owner(index, end, tuple(matches))


def resolve(word: str, people: Sequence[Participant], known: Mapping[str, Participant]) -> list[Participant]:
    """Who a single word names: `@start-of-username` or a first name, as in action lines."""
    owner = _owner_at([word], 0, people, known)
    return list(owner.matches) if owner is not None else []


def find_owner(
    words: list[str], people: Sequence[Participant], known: Mapping[str, Participant]
) -> _Owner | None:
    """The owner: the first word (after 'Actie'), an `@name` anywhere, or the word after 'door'."""
    start = 0
    while start < len(words) and _bare(words[start]) in OWNER_LEADS and start < 2:
        start += 1
    if start < len(words):
        owner = _owner_at(words, start, people, known)
        if owner is not None:
            return _Owner(0, owner.end, owner.matches)  # "Actie Karin:" is all owner, none of it the action
    for index, word in enumerate(words):
        if word.startswith("@") and len(word) > 1:
            return _owner_at(words, index, people, known)
        if _bare(word) == "door" and index + 1 < len(words):
            owner = _owner_at(words, index + 1, people, known)
            if owner is not None:
                return _Owner(index, owner.end, owner.matches)
    return None


# --- the deadline -------------------------------------------------------------------------------------------


def _end_of_week(day: date) -> date:
    return day + timedelta(days=(FRIDAY - day.weekday()) % 7)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_working_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def read_due(words: list[str], consult_day: date) -> date | None:
    """A day from a few words after the marker: 'vrijdag', '4 december', 'over 2 weken', 'volgende week',
    'dinsdag volgende week', 'eind van de maand'. None if these words are not a day."""
    text = [_bare(w) for w in words if _bare(w)]
    if not text:
        return None
    joined = " ".join(text)
    if joined in (
        "deze week",
        "eind deze week",
        "eind van de week",
        "einde van de week",
        "eind van deze week",
    ):
        return _end_of_week(consult_day)
    if joined in (
        "volgende week",
        "eind volgende week",
        "eind van volgende week",
        "eind van de volgende week",
    ):
        return _end_of_week(consult_day) + timedelta(days=7)
    if joined in ("eind van de maand", "einde van de maand", "eind deze maand", "eind van deze maand"):
        return date(
            consult_day.year, consult_day.month, calendar.monthrange(consult_day.year, consult_day.month)[1]
        )
    if joined in (
        "het volgende overleg",
        "volgend overleg",
        "het volgende mdo",
        "volgend mdo",
        "volgende mdo",
    ):
        return consult_day + timedelta(days=7)
    if len(text) == 3 and text[0] in WEEKDAYS and text[1:] == ["volgende", "week"]:
        text = ["volgende", "week", text[0]]
    if len(text) == 3 and text[:2] == ["volgende", "week"] and text[2] in WEEKDAYS:
        monday = consult_day - timedelta(days=consult_day.weekday()) + timedelta(days=7)
        return monday + timedelta(days=WEEKDAYS[text[2]])
    if len(text) == 2 and text[0] == "volgende" and text[1] in WEEKDAYS:
        return _next_weekday(consult_day, WEEKDAYS[text[1]]) + timedelta(days=7)
    if len(text) in (2, 3) and text[-1] in UNITS:
        amount = NUMBERS.get(text[0]) if len(text) == 2 else None
        if len(text) == 2 and amount is None and text[0].isdigit():
            amount = int(text[0])
        if amount is None or len(text) == 3:
            return None
        unit = text[-1]
        if unit.startswith("maand"):
            return _add_months(consult_day, amount)
        if unit.startswith("werkdag"):
            return _add_working_days(consult_day, amount)
        return consult_day + timedelta(days=amount * UNITS[unit])
    if len(text) == 1 and text[0] in WEEKDAYS:
        return _next_weekday(consult_day, WEEKDAYS[text[0]])
    phrase = " ".join(text)
    if not any(ch.isdigit() for ch in phrase) and phrase not in ("vandaag", "morgen", "overmorgen"):
        return None
    try:
        return parse_day(phrase, consult_day, after=consult_day)
    except PeriodError:
        return None


def _next_weekday(day: date, weekday: int) -> date:
    """The first such weekday after the consult (a consult on Friday saying 'vrijdag' means next Friday)."""
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


@dataclass(frozen=True)
class _Due:
    start: int  # word index where the deadline phrase (with its marker) begins
    on: date


def find_due(words: list[str], consult_day: date, not_before: int) -> _Due | None:
    """The deadline among the last words: a marker and a day after it, or a day alone at the end."""
    first = max(not_before, len(words) - DATE_WORDS_MAX - 1)
    for start in range(first, len(words)):
        word = _bare(words[start])
        if word in MARKERS:
            after = words[start + 1 :]
            if word in ("over", "binnen") and after:
                on = read_due(after, consult_day)
            elif after and _bare(after[0]) in ("of", "het", "uiterlijk"):
                on = read_due([w for w in after if _bare(w) not in ("of", "op", "uiterlijk")], consult_day)
            else:
                on = read_due(after, consult_day)
            if on is not None:
                if (
                    start - 1 >= not_before
                    and _bare(words[start - 1]) in ("uiterlijk", "voor")
                    and word == "op"
                ):
                    start -= 1  # "uiterlijk op vrijdag": both words belong to the deadline
                return _Due(start, on)
    for start in range(max(not_before, len(words) - DATE_WORDS_MAX), len(words)):
        on = read_due(words[start:], consult_day)
        if on is not None:
            return _Due(start, on)
    return None


# --- the whole line -----------------------------------------------------------------------------------------

JOINERS = " ,;:-—–"


def parse_action_line(
    line: str,
    consult_day: date,
    people: Sequence[Participant],
    known: Mapping[str, Participant] | None = None,
) -> ActionLine | LineProblem:
    """One action line; `people` are the consult's participants, `known` every active professional by
    username (an exact `@username` of someone else still works, as it always did)."""
    words = line.split()
    if not words:
        return LineProblem("geen_omschrijving")
    owner = find_owner(words, people, known or {})
    if owner is None:
        return LineProblem("geen_eigenaar")
    if len(owner.matches) == 0:
        return LineProblem("geen_eigenaar", words[owner.start])
    if len(owner.matches) > 1:
        return LineProblem("dubbelzinnig", " ".join(words[owner.start : owner.end]), owner.matches)
    if owner.end + 1 < len(words) and _bare(words[owner.end]) == "en":
        other = _owner_at(words, owner.end + 1, people, known or {})
        if other is not None and other.matches:
            return LineProblem("twee_eigenaren", " ".join(words[owner.start : other.end]))
    due = find_due(words, consult_day, owner.end if owner.start == 0 else 0)
    if due is None:
        return LineProblem("geen_datum")
    kept = [w for i, w in enumerate(words) if not (owner.start <= i < owner.end) and i < due.start]
    if due.start < owner.start:  # "… voor vrijdag door Jeroen" is not written; keep what follows the owner
        kept += words[owner.end :]
    description = _clean(" ".join(kept))
    if not description:
        return LineProblem("geen_omschrijving")
    return ActionLine(owner.matches[0].user_id, description, due.on)


def _clean(text: str) -> str:
    text = text.strip(JOINERS)
    if text.startswith("(") and ")" in text[:12]:
        text = text[text.index(")") + 1 :].strip(JOINERS)  # "Sanne (VT): …"
    return text
