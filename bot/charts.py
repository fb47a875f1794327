"""Draws the monitor's charts as PNG with matplotlib's headless Agg backend (the only matplotlib importer).

Drawn in a short-lived child process (`python -m bot.charts`), once a month: importing matplotlib costs about
40 MB that a long-running `erbij serve` would otherwise keep for the rest of its life. The child reads the
chart specifications as JSON on stdin and writes the PNGs, base64 in JSON, on stdout; it reads nothing else
(no database, no settings), and the charts hold suppressed aggregates only.

The Agg canvas is used directly (no pyplot): no global figure state.
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict

from commands.catalogue import t
from commands.monitor.cells import SUPPRESSED
from commands.monitor.charts import Chart

WIDTH, HEIGHT, DPI = 8.0, 4.5, 100
COLOUR = "#1f5f8b"
CHILD_TIMEOUT_SECONDS = 300


class MatplotlibCharts:
    def pngs(self, charts: Sequence[Chart]) -> list[bytes]:
        """The charts as PNG bytes, in order, drawn by one child process."""
        if not charts:
            return []
        specification = json.dumps([asdict(chart) for chart in charts])
        done = subprocess.run(
            [sys.executable, "-m", "bot.charts"],
            input=specification.encode(),
            capture_output=True,
            timeout=CHILD_TIMEOUT_SECONDS,
            check=False,
        )
        if done.returncode != 0:
            last = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
            raise RuntimeError(f"drawing the charts failed ({done.returncode}): {last[0][:300]}")
        return [base64.b64decode(png) for png in json.loads(done.stdout)]

    def png(self, chart: Chart) -> bytes:
        return self.pngs([chart])[0]


def draw(chart: Chart) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(chart.title, fontsize=12)
    positions = list(range(len(chart.labels)))
    shown = [(x, v) for x, v in zip(positions, chart.values, strict=True) if v is not None]
    if chart.kind == "bar":
        axes.bar([x for x, _ in shown], [v for _, v in shown], color=COLOUR)
    elif shown:
        axes.plot([x for x, _ in shown], [v for _, v in shown], marker="o", color=COLOUR)
    for x, value in zip(positions, chart.values, strict=True):
        if value is None:  # a suppressed or unknown cell: no bar or point, just the marker text
            axes.annotate(SUPPRESSED, (x, 0), ha="center", va="bottom", fontsize=9, color="#666666")
    axes.set_xticks(positions, chart.labels, rotation=30 if len(chart.labels) > 4 else 0, ha="right")
    axes.set_ylabel(chart.unit)
    axes.set_ylim(bottom=0)
    if not chart.labels:
        axes.text(0.5, 0.5, t("monitor.grafiek.geen"), ha="center", va="center", transform=axes.transAxes)
    if any(v is None for v in chart.values):
        figure.text(0.01, 0.01, t("monitor.grafiek.onderdrukt"), fontsize=8, color="#666666")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _chart(raw: dict[str, object]) -> Chart:
    values = raw["values"]
    labels = raw["labels"]
    assert isinstance(values, list) and isinstance(labels, list)
    return Chart(
        name=str(raw["name"]),
        kind=str(raw["kind"]),
        title=str(raw["title"]),
        labels=tuple(str(label) for label in labels),
        values=tuple(None if v is None else float(v) for v in values),
        unit=str(raw.get("unit", "")),
    )


def main() -> None:
    charts = [_chart(raw) for raw in json.loads(sys.stdin.buffer.read())]
    sys.stdout.write(json.dumps([base64.b64encode(draw(chart)).decode() for chart in charts]))


if __name__ == "__main__":
    main()
