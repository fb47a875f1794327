"""The monthly report's charts as plain specifications; the bot draws them (`bot/charts.py`, matplotlib).

Suppression happens here, before anything is drawn: a count under 5 becomes None, which the renderer shows as
an empty slot labelled "<5"; a median or share over fewer than 5 values is None as well.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from commands.catalogue import t
from commands.monitor.cells import share_percent, shown_count
from commands.monitor.figures import Figures, first_involvements
from commands.monitor.model import History, Period


@dataclass(frozen=True)
class Chart:
    """One chart: `kind` "line" (a trend over months) or "bar" (counts per category)."""

    name: str  # file name stem, e.g. "tijd-tot-oppakken"
    kind: str
    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]  # None: suppressed or unknown; drawn as a gap labelled "<5"
    unit: str = ""


class ChartRenderer(Protocol):
    def pngs(self, charts: Sequence[Chart]) -> list[bytes]:
        """The charts as PNG bytes, in order (drawn together: the bot draws them in one child process)."""
        ...


def _short(label: str) -> str:
    """ "november 2026" → "nov 2026": month labels that fit under a chart."""
    month, _, year = label.partition(" ")
    return f"{month[:3]} {year}".strip()


def trend_charts(months: Sequence[Figures]) -> list[Chart]:
    """Per month, oldest first: median time to pick-up, share kept voluntary, cases per consult."""
    labels = tuple(_short(f.period.label) for f in months)
    pickup = tuple(f.pickup.total.picked_up.median for f in months)
    voluntary = tuple(
        None if (pct := share_percent(f.voluntary.kept, f.voluntary.closed)) is None else float(pct)
        for f in months
    )
    per_consult = tuple(
        f.consults.cases / f.consults.held if shown_count(f.consults.held) else None for f in months
    )
    return [
        Chart("tijd-tot-oppakken", "line", t("monitor.grafiek.oppakken"), labels, pickup, "uur"),
        Chart("vrijwillig-kader", "line", t("monitor.grafiek.vrijwillig"), labels, voluntary, "%"),
        Chart("mdo-belasting", "line", t("monitor.grafiek.mdo"), labels, per_consult, "casussen"),
    ]


def request_charts(
    history: History,
    period: Period,
    organisation_names: Mapping[str, str],
    expertise_labels: Mapping[str, str],
) -> list[Chart]:
    """Requests asked in `period` per organisation of the first expert aboard, and per expertise."""
    asked = [r for r in history.requests if period.contains(r.asked_at)]
    first = first_involvements(history.involvements)
    by_org = Counter(first[r.id].organisation if r.id in first else "" for r in asked)
    by_expertise = Counter(r.expertise for r in asked)

    def bars(name: str, title: str, counts: Counter[str], label: Mapping[str, str]) -> Chart:
        keys = sorted(counts, key=lambda k: (-counts[k], k))
        names = tuple(label.get(k, k) if k else t("monitor.detail.niet_opgepakt") for k in keys)
        values = tuple(None if (n := shown_count(counts[k])) is None else float(n) for k in keys)
        return Chart(name, "bar", title, names, values, "vragen")

    return [
        bars("vragen-per-organisatie", t("monitor.grafiek.organisatie"), by_org, organisation_names),
        bars("vragen-per-expertise", t("monitor.grafiek.expertise"), by_expertise, expertise_labels),
    ]
