"""Pure edits of the safety card: each returns the new card and a description of what changed.

Descriptions name fields, never their free text, so history can be shown to everyone entitled and logged.
Rules the card must keep (at most three unsafe situations, a reason when a score or judgement changes) are
enforced here and raised as `CardRuleBroken` with the catalogue key of the message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from commands.cases.card import (
    LIST_MAX,
    Change,
    ChangeKind,
    FieldChange,
    Judgement,
    RiskFactor,
    SafetyCard,
    ScaleScore,
    UnsafeSituation,
)
from commands.cases.codec import to_json

TOP3_MAX = 3
# Fields whose content is free text: a change names them but never copies their value into the history.
FREE_TEXT = frozenset(
    {"description", "situation", "agreement", "who", "when", "checked_by", "step", "factor", "person",
     "reasoning", "danger_statement", "safety_goal", "safety_conditions", "what_works", "what_does_not_work",
     "occasion", "family", "help", "target", "future_plan"}
)  # fmt: skip
LISTS = {
    "worries": "zorgsignaal",
    "strengths": "positief_signaal",
    "top3": "situatie",
    "agreements": "afspraak",
    "steps": "stap",
    "help_plan": "hulp",
}

Item = TypeVar("Item")


class CardRuleBroken(ValueError):
    """An edit would break a rule of the card; `key` names the Dutch message, `field` the dialog field."""

    def __init__(self, key: str, field: str | None = None, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.field = field
        self.values = values


@dataclass(frozen=True)
class Edit:
    card: SafetyCard
    changes: tuple[Change, ...]

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def field_changes(
    before: Any, after: Any, skip: frozenset[str] = frozenset({"id"})
) -> tuple[FieldChange, ...]:
    """The fields that differ between two values of the same dataclass."""
    out: list[FieldChange] = []
    for f in dataclasses.fields(before):
        if f.name in skip:
            continue
        old, new = getattr(before, f.name), getattr(after, f.name)
        if old == new:
            continue
        if f.name in FREE_TEXT or isinstance(old, tuple):
            out.append(FieldChange(f.name))
        else:
            out.append(FieldChange(f.name, _plain(old), _plain(new)))
    return tuple(out)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(to_json(value))


def _items(card: SafetyCard, attr: str) -> tuple[Any, ...]:
    items: tuple[Any, ...] = getattr(card, attr)
    return items


def _with(card: SafetyCard, attr: str, items: tuple[Any, ...]) -> SafetyCard:
    values: dict[str, Any] = {attr: items}
    return replace(card, **values)


def position_of(card: SafetyCard, attr: str, item_id: str) -> int:
    """1-based position of an item, or CardRuleBroken if it was removed in the meantime."""
    for i, item in enumerate(_items(card, attr)):
        if item.id == item_id:
            return i + 1
    raise CardRuleBroken("kaart.fout.item_weg")


def add_item(card: SafetyCard, attr: str, make: Callable[[str], Item], position: int | None = None) -> Edit:
    """Append (or insert at 1-based `position`) a new item made with a fresh id."""
    items = _items(card, attr)
    limit = TOP3_MAX if attr == "top3" else LIST_MAX
    if len(items) >= limit:
        raise CardRuleBroken("kaart.fout.lijst_vol", max=limit)
    item = make(str(card.next_id))
    index = len(items) if position is None else max(0, min(position - 1, len(items)))
    new_items = (*items[:index], item, *items[index:])
    new_card = replace(_with(card, attr, new_items), next_id=card.next_id + 1)
    return Edit(new_card, (Change(ChangeKind.ADDED, LISTS[attr], index + 1),))


def edit_item(card: SafetyCard, attr: str, item: Any, position: int | None = None) -> Edit:
    """Replace the item with the same id; `position` (1-based) moves it, as ranking the TOP-3 does."""
    items = list(_items(card, attr))
    old_position = position_of(card, attr, item.id)
    old = items.pop(old_position - 1)
    index = old_position - 1 if position is None else max(0, min(position - 1, len(items)))
    items.insert(index, item)
    fields = field_changes(old, item)
    if index != old_position - 1:
        fields = (FieldChange("rank", str(old_position), str(index + 1)), *fields)
    if not fields:
        return Edit(card, ())
    return Edit(_with(card, attr, tuple(items)), (Change(ChangeKind.EDITED, LISTS[attr], index + 1, fields),))


def remove_item(card: SafetyCard, attr: str, item_id: str) -> Edit:
    position = position_of(card, attr, item_id)
    items = tuple(i for i in _items(card, attr) if i.id != item_id)
    return Edit(_with(card, attr, items), (Change(ChangeKind.REMOVED, LISTS[attr], position),))


def set_fields(card: SafetyCard, subject: str, **values: Any) -> Edit:
    """Set plain card fields (danger statement, what works, goal…) as one change of `subject`."""
    new_card = replace(card, **values)
    fields = tuple(f for f in field_changes(card, new_card) if f.name in values)
    if not fields:
        return Edit(card, ())
    return Edit(new_card, (Change(ChangeKind.EDITED, subject, None, fields),))


def put_risk_factor(card: SafetyCard, situation_id: str, factor: RiskFactor | None, make: Any = None) -> Edit:
    """Add (`factor` None, `make` given) or replace a risk factor of one unsafe situation."""
    parent = position_of(card, "top3", situation_id)
    situation: UnsafeSituation = card.top3[parent - 1]
    factors = list(situation.risk_factors)
    next_id = card.next_id
    if factor is None:
        if len(factors) >= LIST_MAX:
            raise CardRuleBroken("kaart.fout.lijst_vol", max=LIST_MAX)
        factors.append(make(str(next_id)))
        next_id += 1
        change = Change(ChangeKind.ADDED, "risicofactor", len(factors), (), parent)
    else:
        index = next((i for i, f in enumerate(factors) if f.id == factor.id), None)
        if index is None:
            raise CardRuleBroken("kaart.fout.item_weg")
        fields = field_changes(factors[index], factor)
        if not fields:
            return Edit(card, ())
        factors[index] = factor
        change = Change(ChangeKind.EDITED, "risicofactor", index + 1, fields, parent)
    top3 = list(card.top3)
    top3[parent - 1] = replace(situation, risk_factors=tuple(factors))
    return Edit(replace(card, top3=tuple(top3), next_id=next_id), (change,))


def remove_risk_factor(card: SafetyCard, situation_id: str, factor_id: str) -> Edit:
    parent = position_of(card, "top3", situation_id)
    situation = card.top3[parent - 1]
    index = next((i for i, f in enumerate(situation.risk_factors) if f.id == factor_id), None)
    if index is None:
        raise CardRuleBroken("kaart.fout.item_weg")
    factors = tuple(f for f in situation.risk_factors if f.id != factor_id)
    top3 = list(card.top3)
    top3[parent - 1] = replace(situation, risk_factors=factors)
    return Edit(
        replace(card, top3=tuple(top3)), (Change(ChangeKind.REMOVED, "risicofactor", index + 1, (), parent),)
    )


def record_score(card: SafetyCard, score: ScaleScore, today: date) -> Edit:
    """Add a 0–10 score for one perspective; a changed score needs a reason, a future date is refused."""
    if not 0 <= score.score <= 10:
        raise CardRuleBroken("kaart.fout.schaal_bereik", field="score")
    if score.on > today:
        raise CardRuleBroken("kaart.fout.datum_toekomst", field="datum")
    previous = card.latest_scores().get(score.perspective)
    before = previous[0].score if previous else None
    if before is not None and before != score.score and not score.reason.strip():
        raise CardRuleBroken("kaart.fout.reden_nodig", field="reden")
    fields = (FieldChange("score", "" if before is None else str(before), str(score.score)),)
    change = Change(ChangeKind.SCORED, f"schaal.{score.perspective}", None, fields)
    return Edit(replace(card, scores=(*card.scores, score)), (change,))


JUDGEMENT_FIELDS = ("direct_safety", "future_risk", "acute_unsafety", "structural_unsafety")


def set_judgement(card: SafetyCard, judgement: Judgement) -> Edit:
    """Replace the weighed judgement; when the judgement itself changes its reasoning must change too."""
    old = card.judgement
    judged = any(getattr(old, f) != getattr(judgement, f) for f in JUDGEMENT_FIELDS)
    if judged and (not judgement.reasoning.strip() or judgement.reasoning.strip() == old.reasoning.strip()):
        raise CardRuleBroken("kaart.fout.onderbouwing_nodig", field="onderbouwing")
    fields = field_changes(old, judgement, skip=frozenset({"judged_by", "on"}))
    if not fields:
        return Edit(card, ())
    return Edit(replace(card, judgement=judgement), (Change(ChangeKind.EDITED, "oordeel", None, fields),))
