"""A pure parser for the periods people type in Dutch: `24-12 t/m 2-1`, `morgen`, `vrijdag tot en met di`.

Days are resolved relative to `today` (the local date in the team's time zone):
- a date without a year is the nearest such date to today (so `2-1` typed in November is next January);
- the end of a range without a year is on or after the start (`24-12 t/m 2-1` crosses the new year),
  unless that would make the absence implausibly long, which is then reported as a range that ends
  before it starts;
- a weekday is the first such day on or after today (for the start) or on or after the start (for the end).
`tot` alone is refused on purpose: people read it both as inclusive and exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from commands.catalogue import t
from commands.roster.formatting import format_day

MAX_DAYS = 366
# How far an end date without a year may roll over into the next year (a Christmas holiday, not a typo).
ROLLOVER_DAYS = 92

RELATIVE = {"gisteren": -1, "vandaag": 0, "morgen": 1, "overmorgen": 2}
WEEKDAYS = {
    **dict.fromkeys(("maandag", "ma"), 0),
    **dict.fromkeys(("dinsdag", "di"), 1),
    **dict.fromkeys(("woensdag", "wo"), 2),
    **dict.fromkeys(("donderdag", "do"), 3),
    **dict.fromkeys(("vrijdag", "vr", "vrij"), 4),
    **dict.fromkeys(("zaterdag", "za"), 5),
    **dict.fromkeys(("zondag", "zo"), 6),
}
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WRITTEN = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?$")
_SEPARATOR = re.compile(r"\s*(?:\bt/m\b|\bt\.m\.|\btm\b|\btot en met\b)\s*|\s+-\s+")
_BARE_TOT = re.compile(r"(?:^|\s)tot(?:\s|$)")


class PeriodError(ValueError):
    """Input that is not a period; `message` is the Dutch explanation with an example that works."""

    def __init__(self, key: str, **values: object) -> None:
        self.message = t(key, **values) + "\n" + t("roster.period_examples")
        super().__init__(self.message)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def parse_period(text: str, today: date) -> Period:
    """A single day or a range `<van> t/m <tot>`; raises PeriodError with a Dutch message."""
    cleaned = " ".join(text.lower().replace("–", "-").replace("—", "-").split())
    if cleaned.startswith("van "):
        cleaned = cleaned[4:]
    if not cleaned:
        raise PeriodError("roster.period.missing")
    parts = _SEPARATOR.split(cleaned)
    if len(parts) > 2:
        raise PeriodError("roster.period.too_many_parts", text=text.strip())
    if _BARE_TOT.search(cleaned) and len(parts) == 1:
        raise PeriodError("roster.period.bare_tot")
    first_text = parts[0].strip()
    if len(parts) == 1:
        start = parse_day(first_text, today)
        end = start
    else:
        last_text = parts[1].strip()
        if not first_text or not last_text:
            raise PeriodError("roster.period.half_range", text=text.strip())
        start = parse_day(first_text, today)
        end = parse_day(last_text, today, after=start)
    if end < start:
        raise PeriodError("roster.period.ends_before_start", start=format_day(start), end=format_day(end))
    if end < today:
        raise PeriodError("roster.period.over", end=format_day(end))
    period = Period(start, end)
    if period.days > MAX_DAYS:
        raise PeriodError("roster.period.too_long", days=period.days)
    return period


def parse_day(text: str, today: date, *, after: date | None = None) -> date:
    """One day. With `after` set (the end of a range), open forms resolve on or after that day."""
    base = after or today
    word = text.rstrip(".")
    if word in RELATIVE:
        return today + timedelta(days=RELATIVE[word])
    if word in WEEKDAYS:
        return base + timedelta(days=(WEEKDAYS[word] - base.weekday()) % 7)
    first, _, rest = text.partition(" ")
    if first.rstrip(".,") in WEEKDAYS and rest:
        # "vrijdag 27-11": the date decides; the weekday is a check on it.
        checked = parse_day(rest.strip(), today, after=after)
        if checked.weekday() != WEEKDAYS[first.rstrip(".,")]:
            raise PeriodError("roster.period.weekday_mismatch", day=format_day(checked), text=text)
        return checked
    if match := _ISO.match(text):
        return _exact(text, int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(text):
        day, month, year = int(match[1]), int(match[2]), match[3]
        if year is not None:
            return _exact(text, 2000 + int(year) if len(year) == 2 else int(year), month, day)
        return _without_year(text, month, day, today, after)
    if match := _WRITTEN.match(text):
        month_number = MONTHS.get(match[2])
        if month_number is None:
            raise PeriodError("roster.period.unknown_month", text=text)
        if match[3] is not None:
            return _exact(text, int(match[3]), month_number, int(match[1]))
        return _without_year(text, month_number, int(match[1]), today, after)
    raise PeriodError("roster.period.not_a_day", text=text)


def _exact(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise PeriodError("roster.period.no_such_day", text=text) from None


def _candidates(month: int, day: int, years: range) -> list[date]:
    found = []
    for year in years:
        try:
            found.append(date(year, month, day))
        except ValueError:
            continue  # 29-2 outside a leap year
    return found


def _without_year(text: str, month: int, day: int, today: date, after: date | None) -> date:
    if after is None:
        candidates = _candidates(month, day, range(today.year - 1, today.year + 2))
        if not candidates:
            raise PeriodError("roster.period.no_such_day", text=text)
        return min(candidates, key=lambda d: abs((d - today).days))
    candidates = _candidates(month, day, range(after.year, after.year + 2))
    if not candidates:
        raise PeriodError("roster.period.no_such_day", text=text)
    same_year = candidates[0]
    if same_year.year == after.year and same_year >= after:
        return same_year
    rolled = next((d for d in candidates if d.year > after.year), None)
    if rolled is not None and (rolled - after).days <= ROLLOVER_DAYS:
        return rolled
    return same_year  # before the start: the caller reports a range that ends before it starts
