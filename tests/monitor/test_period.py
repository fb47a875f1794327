"""The words people use for a period, and words that name none (a Dutch message, never an internal error)."""

from __future__ import annotations

import pytest

from commands.monitor.period import PeriodError, month, parse, quarter, year_period
from tests.monitor.history import CALENDAR, NOW, z


@pytest.mark.parametrize(
    ("words", "label"),
    [
        ([], "K4 2026"),
        (["maand"], "december 2026"),
        (["vorige", "maand"], "november 2026"),
        (["vorig", "kwartaal"], "K3 2026"),
        (["jaar"], "2026"),
        (["2026-11"], "november 2026"),
        (["K4", "2026"], "K4 2026"),
        (["2027-k1"], "K1 2027"),
        (["2025"], "2025"),
    ],
)
def test_periods_people_name(words: list[str], label: str) -> None:
    assert parse(words, NOW, CALENDAR).label == label


@pytest.mark.parametrize(
    "text", ["gisteren", "2026-13", "0000", "9999", "9999-12", "k4-9999", "2026-00", "k5 2026"]
)
def test_words_that_name_no_period(text: str) -> None:
    with pytest.raises(PeriodError):
        parse(text.split(), NOW, CALENDAR)


def test_bounds_are_local_midnights() -> None:
    assert month(2026, 12, CALENDAR).end == z("2026-12-31T23:00")
    assert quarter(2026, 4, CALENDAR).start == z("2026-09-30T22:00")  # summer time ends in October
    assert year_period(2027, CALENDAR).start == z("2026-12-31T23:00")
