"""Draws the monitor's charts as PNG with matplotlib's headless Agg backend (the only matplotlib importer).

The Agg canvas is used directly (no pyplot): no global figure state, so ticks in several threads cannot
draw into each other's charts.
"""

from __future__ import annotations

import io

from commands.catalogue import t
from commands.monitor.cells import SUPPRESSED
from commands.monitor.charts import Chart

WIDTH, HEIGHT, DPI = 8.0, 4.5, 100
COLOUR = "#1f5f8b"


class MatplotlibCharts:
    def png(self, chart: Chart) -> bytes:
        # Imported when a report is drawn (monthly), not at start-up: matplotlib would be a third of what an
        # idle `erbij serve` holds in memory.
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
