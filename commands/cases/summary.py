"""The compact summary of a card: framework, phase, latest scale per perspective with its trend, the TOP-3 and
the open agreements. A pure function, reused in offers to experts and on consult agendas.
"""

from __future__ import annotations

from commands.cases.card import SafetyCard, ScaleScore
from commands.cases.fields import label
from commands.cases.model import Case, MeasureKind
from commands.catalogue import t
from commands.replies import Section

SNIPPET = 70  # characters of a situation or agreement shown in a summary
AGREEMENTS_SHOWN = 3


def compact_summary(card: SafetyCard, case: Case) -> Section:
    """A titled block with the card at a glance; says nothing more than the card does (no verdict)."""
    framework = label(case.framework)
    if case.measure.kind is not MeasureKind.NONE:
        framework = f"{framework} ({label(case.measure.kind)})"
    fields = (
        (t("kaart.samenvatting.kader"), framework),
        (t("kaart.samenvatting.fase"), label(card.phase)),
    )
    lines = [_scale_line(card), _top3_line(card), _agreements_line(card)]
    if case.closed:
        lines.insert(0, t("kaart.samenvatting.afgesloten"))
    return Section(title=t("kaart.samenvatting.titel", code=case.code), text="\n".join(lines), fields=fields)


def compact_summary_text(card: SafetyCard, case: Case) -> str:
    """The same summary as Markdown text, for places that take a message rather than a section."""
    section = compact_summary(card, case)
    facts = " · ".join(f"{name}: {value}" for name, value in section.fields)
    return f"**{section.title}** — {facts}\n{section.text}"


def trend(latest: ScaleScore, previous: ScaleScore | None) -> str:
    if previous is None:
        return ""
    if latest.score > previous.score:
        return t("kaart.trend.op", before=previous.score)
    if latest.score < previous.score:
        return t("kaart.trend.neer", before=previous.score)
    return t("kaart.trend.gelijk")


def _scale_line(card: SafetyCard) -> str:
    scores = card.latest_scores()
    if not scores:
        return t("kaart.samenvatting.schaal", scores=t("kaart.samenvatting.nog_geen"))
    parts = [
        f"{label(p)} {latest.score}{trend(latest, previous)}" for p, (latest, previous) in scores.items()
    ]
    return t("kaart.samenvatting.schaal", scores=" · ".join(parts))


def _top3_line(card: SafetyCard) -> str:
    if not card.top3:
        return t("kaart.samenvatting.top3", items=t("kaart.samenvatting.nog_geen"))
    items = [f"{i}. {snippet(s.situation)} ({label(s.frequency)})" for i, s in enumerate(card.top3, 1)]
    return t("kaart.samenvatting.top3", items=" ".join(items))


def _agreements_line(card: SafetyCard) -> str:
    open_ = card.open_agreements()
    if not open_:
        return t("kaart.samenvatting.afspraken", count=0, items=t("kaart.samenvatting.geen_open"))
    items = "; ".join(snippet(a.agreement) for a in open_[:AGREEMENTS_SHOWN])
    if len(open_) > AGREEMENTS_SHOWN:
        items += t("kaart.samenvatting.meer", more=len(open_) - AGREEMENTS_SHOWN)
    return t("kaart.samenvatting.afspraken", count=len(open_), items=items)


def snippet(text: str, length: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
