"""Small-cell suppression and the few statistics the monitor uses, in one place.

Every count a person, a chart or an export sees goes through `count_text` (or `shown_count`): a count under
`SMALL` is "<5", zero included, so a figure can never single out a family or a professional. A share, a median
or a percentile is only computed over at least `SMALL` values; below that it is not shown at all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SMALL = 5
SUPPRESSED = "<5"


def suppressed(count: int) -> bool:
    return count < SMALL


def shown_count(count: int) -> int | None:
    """The count if it may be shown, else None (exports write None as the "<5" marker)."""
    return None if suppressed(count) else count


def count_text(count: int) -> str:
    return SUPPRESSED if suppressed(count) else str(count)


def percent(part: int, whole: int) -> int:
    """`part` of `whole` in whole percent, rounded half up (58 of 62 → 94), in exact integer arithmetic."""
    if whole <= 0:
        raise ValueError("percent of an empty whole")
    return (200 * part + whole) // (2 * whole)


def share_percent(part: int, whole: int) -> int | None:
    """The percentage, or None when either count is small (the percentage would reveal it)."""
    if suppressed(part) or suppressed(whole):
        return None
    return percent(part, whole)


def share_text(part: int, whole: int) -> str:
    """JeugdLink's form: "58 van 62 (94%)"; small counts as "<5", with no percentage then."""
    pct = share_percent(part, whole)
    text = f"{count_text(part)} van {count_text(whole)}"
    return f"{text} ({pct}%)" if pct is not None else text


def median(values: Sequence[float]) -> float:
    """The middle value; for an even number of values the mean of the two middle ones."""
    if not values:
        raise ValueError("median of nothing")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def nearest_rank(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `fraction` of the values at or below it."""
    if not values:
        raise ValueError("percentile of nothing")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered) - 1e-9))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Spread:
    """Median and p90 of a set of durations, with how many there were; None when too few to show."""

    n: int
    median: float | None
    p90: float | None

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if suppressed(len(values)):
            return cls(len(values), None, None)
        ordered = sorted(values)  # once: sorting the sorted list again in each statistic is close to free
        return cls(len(values), median(ordered), nearest_rank(ordered, 0.9))


def mean(values: Sequence[float]) -> float | None:
    """The mean, or None over fewer than `SMALL` values."""
    if suppressed(len(values)):
        return None
    return sum(values) / len(values)
