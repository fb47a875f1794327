"""Reading a dialog submission field by field, collecting Dutch per-field errors.

The privacy guard has already run on every typed field before a handler reads it (commands.privacy_fields,
outside any transaction); one refused field means the handler never runs and nothing is stored.
Values arrive as strings (booleans for checkboxes, sometimes numbers from mobile clients): parse defensively.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from commands.catalogue import t
from commands.numbers import bounded_int
from commands.replies import DialogResult

E = TypeVar("E", bound=StrEnum)
WHOLE_WITH_FRACTION = re.compile(r"([0-9]{1,9})(?:[.,][0-9]{0,9})?")

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4, "mei": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip


def parse_month(text: str) -> str | None:
    """'2025-03', '03-2025', '3/2025' or 'maart 2025' → '2025-03'; None if it is not a month."""
    text = text.strip().lower()
    m = re.fullmatch(r"(\d{4})[-/](\d{1,2})", text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(r"(\d{1,2})[-/](\d{4})", text):
        year, month = int(m.group(2)), int(m.group(1))
    elif (m := re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", text)) and m.group(1) in MONTHS:
        year, month = int(m.group(2)), MONTHS[m.group(1)]
    else:
        return None
    if not (1 <= month <= 12 and 1900 <= year <= 2100):
        return None
    return f"{year:04d}-{month:02d}"


def parse_date(text: str, today: date) -> date | None:
    """'2026-11-23', '23-11-2026', '23-11' (this year), 'vandaag' or 'gisteren'; None if not a date."""
    text = text.strip().lower()
    if text == "vandaag":
        return today
    if text == "gisteren":
        return today - timedelta(days=1)
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})", text):
            return date(today.year, int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


class Form:
    """One submission being read; ask for each field, then `result()` says whether it may be stored."""

    def __init__(self, submission: Mapping[str, object]) -> None:
        self.submission = submission
        self.errors: dict[str, str] = {}

    def raw(self, name: str) -> str:
        value = self.submission.get(name)
        if value is None or isinstance(value, bool):
            return ""
        return str(value).strip()

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def text(self, name: str, *, max_length: int, required: bool = True) -> str:
        value = self.raw(name)
        if not value:
            if required:
                self.error(name, t("kaart.invoer.verplicht"))
            return ""
        if len(value) > max_length:
            self.error(name, t("kaart.invoer.te_lang", max=max_length, length=len(value)))
        return value

    def lines(self, name: str, *, max_items: int, max_length: int) -> tuple[str, ...]:
        """A textarea read as a list, one item per line (empty lines and bullets are ignored)."""
        value = self.raw(name)
        items = tuple(
            stripped for line in value.splitlines() if (stripped := line.strip().lstrip("-•*").strip())
        )
        if len(items) > max_items:
            self.error(name, t("kaart.invoer.te_veel_regels", max=max_items))
        if any(len(item) > max_length for item in items):
            self.error(name, t("kaart.invoer.regel_te_lang", max=max_length))
        return items

    def choice(self, name: str, enum: type[E], *, default: E | None = None) -> E | None:
        value = self.raw(name)
        if not value:
            if default is None:
                self.error(name, t("kaart.invoer.kies"))
            return default
        try:
            return enum(value)
        except ValueError:
            self.error(name, t("kaart.invoer.kies"))
            return default

    def flag(self, name: str) -> bool:
        value = self.submission.get(name)
        return value is True or str(value).strip().lower() in ("true", "ja", "1")

    def yes_no(self, name: str) -> bool | None:
        """A ja/nee select (or a checkbox from an older dialog); None when left open."""
        value = self.submission.get(name)
        if value is True or value is False:
            return value
        text = str(value or "").strip().lower()
        if text in ("ja", "true", "1"):
            return True
        if text in ("nee", "false", "0"):
            return False
        if text:
            self.error(name, t("kaart.invoer.kies"))
        return None

    def month(self, name: str, *, required: bool = False) -> str | None:
        value = self.raw(name)
        if not value:
            if required:
                self.error(name, t("kaart.invoer.verplicht"))
            return None
        month = parse_month(value)
        if month is None:
            self.error(name, t("kaart.invoer.maand"))
        return month

    def date(
        self, name: str, today: date, *, required: bool = False, not_future: bool = False
    ) -> date | None:
        value = self.raw(name)
        if not value:
            if required:
                self.error(name, t("kaart.invoer.verplicht"))
            return None
        parsed = parse_date(value, today)
        if parsed is None:
            self.error(name, t("kaart.invoer.datum"))
        elif not_future and parsed > today:
            self.error(name, t("kaart.fout.datum_toekomst"))
        return parsed

    def number(self, name: str, low: int, high: int) -> int | None:
        """A whole number in [low, high]; "7,5" and "7.5" count as 7 (a scale answer typed with a half)."""
        match = WHOLE_WITH_FRACTION.fullmatch(self.raw(name).strip())
        number = bounded_int(match[1], low, high) if match else None
        if number is None:
            self.error(name, t("kaart.invoer.getal", low=low, high=high))
        return number

    @property
    def ok(self) -> bool:
        return not self.errors

    def result(self) -> DialogResult:
        return DialogResult(field_errors=dict(self.errors))
