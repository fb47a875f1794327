"""The compact summary of a card: what a chair or an expert needs to decide, within a phone's screen.

Framework and phase, the danger (or the most serious worry), what goes well, the TOP-3 with risk factors, the
latest scale per perspective with its trend and the open agreements. A pure function, reused in offers to
experts and on consult agendas.
"""

from __future__ import annotations

from commands.cases.card import Level, SafetyCard, ScaleScore
from commands.cases.fields import label
from commands.cases.model import Case, MeasureKind
from commands.catalogue import t
from commands.replies import Section

SNIPPET = 70  # characters of a situation or agreement shown in a summary
SNIPPETS = (SNIPPET, 50, 35, 25)  # shorter and shorter until the summary fits its budget
BUDGET = 700  # characters of summary text: about a phone screen (some 12 lines of 60)
AGREEMENTS_SHOWN = 3
GOOD_SHOWN = 2
RISKS_SHOWN = 2
RISK_SNIPPET = 30


def compact_summary(card: SafetyCard, case: Case) -> Section:
    """A titled block with the card at a glance; says nothing more than the card does (no verdict).

    What helps decide, in this order: the danger statement (else the most serious worry), what goes well,
    the TOP-3 with their risk factors, the scale per perspective and the open agreements. Parts nobody
    filled in are left out; an empty card is one line. The text stays within `BUDGET` characters, so it
    reads on a phone: snippets get shorter until it fits."""
    framework = label(case.framework)
    if case.measure.kind is not MeasureKind.NONE:
        framework = f"{framework} ({label(case.measure.kind)})"
    fields = (
        (t("kaart.samenvatting.kader"), framework),
        (t("kaart.samenvatting.fase"), label(card.phase)),
    )
    head = [t("kaart.samenvatting.afgesloten")] if case.closed else []
    text = "\n".join([*head, t("kaart.samenvatting.leeg")])
    for length in SNIPPETS:
        lines = [line for line in _lines(card, length) if line]
        if not lines:
            break
        text = "\n".join(head + lines)
        if len(text) <= BUDGET:
            break
    if len(text) > BUDGET:
        text = text[: BUDGET - 1].rstrip() + "…"
    return Section(title=t("kaart.samenvatting.titel", code=case.code), text=text, fields=fields)


def _lines(card: SafetyCard, length: int) -> list[str]:
    return [
        _worry_line(card, length),
        _good_line(card, length),
        _top3_line(card, length),
        _scale_line(card),
        _agreements_line(card, length),
    ]


def _worry_line(card: SafetyCard, length: int) -> str:
    if card.danger_statement:
        return t("kaart.samenvatting.gevaar", text=snippet(card.danger_statement, length))
    if not card.worries:
        return ""
    rank = {Level.HIGH: 0, Level.MEDIUM: 1, Level.LOW: 2, None: 3}
    top = min(card.worries, key=lambda w: rank[w.severity])  # the first of the most serious
    more = t("kaart.samenvatting.meer", more=len(card.worries) - 1) if len(card.worries) > 1 else ""
    return t("kaart.samenvatting.zorg", text=snippet(top.description, length), more=more)


def _good_line(card: SafetyCard, length: int) -> str:
    if not card.strengths:
        return ""
    shown = "; ".join(snippet(s.description, length) for s in card.strengths[:GOOD_SHOWN])
    more = len(card.strengths) - GOOD_SHOWN
    return t(
        "kaart.samenvatting.goed", items=shown + (t("kaart.samenvatting.meer", more=more) if more > 0 else "")
    )


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
        return ""
    parts = [
        f"{label(p)} {latest.score}{trend(latest, previous)}" for p, (latest, previous) in scores.items()
    ]
    return t("kaart.samenvatting.schaal", scores=" · ".join(parts))


def _top3_line(card: SafetyCard, length: int) -> str:
    if not card.top3:
        return ""
    items = []
    for i, s in enumerate(card.top3, 1):
        known = [label(s.frequency)] if s.frequency else []
        known += [snippet(r.factor, RISK_SNIPPET) for r in s.risk_factors[:RISKS_SHOWN]]
        detail = f" ({'; '.join(known)})" if known else ""
        items.append(f"{i}. {snippet(s.situation, length)}{detail}")
    return t("kaart.samenvatting.top3", items=" ".join(items))


def _agreements_line(card: SafetyCard, length: int) -> str:
    open_ = card.open_agreements()
    if not open_:
        return ""
    items = "; ".join(snippet(a.agreement, length) for a in open_[:AGREEMENTS_SHOWN])
    if len(open_) > AGREEMENTS_SHOWN:
        items += t("kaart.samenvatting.meer", more=len(open_) - AGREEMENTS_SHOWN)
    return t("kaart.samenvatting.afspraken", count=len(open_), items=items)


def snippet(text: str, length: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
