"""The card's parts and their dialogs: which dialog `/kaart <code> bewerken <deel> …` opens, and what its
submission does to the card. One dialog cannot hold the card, so each list is edited item by item.

A `Target` names one dialog (`form`) and, when editing, the stable id of the item; it travels in the signed
dialog state, so a submission edits the item that was opened even if others were added or removed meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NoReturn

from commands.cases import card as c
from commands.cases import editing as e
from commands.cases import fields as f
from commands.cases.form import Form
from commands.catalogue import t
from commands.errors import UserError
from commands.numbers import bounded_int
from commands.replies import Dialog, DialogField

PARTS = ("zorgen", "goed", "top3", "plan", "oordeel", "stappen")
ALIASES = {"zorg": "zorgen", "top-3": "top3", "afspraken": "plan", "stap": "stappen", "afspraak": "plan"}
PART_OF_FORM = {
    "zorg": "zorgen", "gevaar": "zorgen", "goed": "goed", "werkt": "goed", "situatie": "top3",
    "risico": "top3", "afspraak": "plan", "doel": "plan", "oordeel": "oordeel", "schaal": "oordeel",
    "stap": "stappen",
}  # fmt: skip
LIST_OF_FORM = {
    "zorg": "worries",
    "goed": "strengths",
    "situatie": "top3",
    "afspraak": "agreements",
    "stap": "steps",
}
LINES_MAX = 10


@dataclass(frozen=True)
class Target:
    form: str
    item: str = ""  # id of the item being edited; empty for a new one
    parent: str = ""  # id of the unsafe situation a risk factor belongs to

    @property
    def part(self) -> str:
        return PART_OF_FORM[self.form]

    def state(self, code: str) -> dict[str, str]:
        return {"code": code, "form": self.form, "item": self.item, "parent": self.parent}

    @classmethod
    def from_state(cls, state: dict[str, str]) -> Target:
        form = state.get("form", "")
        if form not in PART_OF_FORM:
            raise UserError(t("general.expired"))
        return cls(form, state.get("item", ""), state.get("parent", ""))


def target_for(card: c.SafetyCard, part: str, args: list[str], code: str) -> Target:
    """The dialog meant by `bewerken <part> <args…>`, or a UserError explaining what can be edited."""
    part = ALIASES.get(part, part)
    words = [a.lower() for a in args]
    if part == "schaal" or (part == "oordeel" and words[:1] == ["schaal"]):
        return Target("schaal")
    first = words[0] if words else "nieuw"
    named = {("zorgen", "gevaar"): "gevaar", ("goed", "werkt"): "werkt", ("plan", "doel"): "doel"}
    if (part, first) in named and len(words) == 1:
        return Target(named[(part, first)])
    if part == "oordeel" and not words:
        return Target("oordeel")
    form = {"zorgen": "zorg", "goed": "goed", "top3": "situatie", "plan": "afspraak", "stappen": "stap"}.get(
        part
    )
    if form is None:
        raise UserError(t("kaart.bewerken.uitleg", code=code))
    if first == "nieuw" and len(words) <= 1:
        return Target(form)
    item = _item_at(card, LIST_OF_FORM[form], words[0], form, code)
    if form == "situatie" and len(words) >= 2 and words[1] == "risico":
        situation = next(s for s in card.top3 if s.id == item)
        if len(words) == 2 or words[2] == "nieuw":
            return Target("risico", parent=item)
        factor = _position(words[2], len(situation.risk_factors), "risico", code)
        return Target("risico", item=situation.risk_factors[factor - 1].id, parent=item)
    if len(words) > 1:
        raise UserError(t("kaart.bewerken.uitleg", code=code))
    return Target(form, item=item)


def _item_at(card: c.SafetyCard, attr: str, word: str, form: str, code: str) -> str:
    items = getattr(card, attr)
    return str(items[_position(word, len(items), form, code) - 1].id)


def _position(word: str, count: int, form: str, code: str) -> int:
    position = bounded_int(word, 1, count)
    if position is None:
        raise UserError(t("kaart.bewerken.geen_item", what=t(f"kaart.formulier.{form}"), n=word, code=code))
    return position


# --- dialogs -----------------------------------------------------------------------------------------------


def dialog_for(
    card: c.SafetyCard, target: Target, code: str, today: date, perspective: c.Perspective | None
) -> Dialog:
    item = _find(card, target)
    editing = bool(target.item)
    fields = _FIELDS[target.form](card, item, today, perspective)
    if editing and target.form in (*LIST_OF_FORM, "risico"):
        fields = (*fields, f.remove_flag())
    title_key = "bewerken" if editing else "nieuw"
    return Dialog(
        callback=CALLBACK,
        title=t(f"kaart.formulier.{target.form}.{title_key}"),
        introduction=t(f"kaart.formulier.{target.form}.intro", code=code),
        fields=fields,
        submit_label=t("kaart.dialoog.opslaan"),
        state=target.state(code),
    )


CALLBACK = "kaart.deel"


def _find(card: c.SafetyCard, target: Target) -> object | None:
    if target.form == "risico":
        situation = next((s for s in card.top3 if s.id == target.parent), None)
        if situation is None:
            raise e.CardRuleBroken("kaart.fout.item_weg")
        if not target.item:
            return None
        return next((r for r in situation.risk_factors if r.id == target.item), None) or _gone()
    if target.form in LIST_OF_FORM and target.item:
        items = getattr(card, LIST_OF_FORM[target.form])
        found: object | None = next((i for i in items if i.id == target.item), None)
        return found or _gone()
    return None


def _gone() -> NoReturn:
    raise e.CardRuleBroken("kaart.fout.item_weg")


def _worry_fields(
    card: c.SafetyCard, w: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    worry = w if isinstance(w, c.Worry) else None
    return (
        f.textarea("omschrijving", worry.description if worry else ""),
        f.select("soort", c.WorryKind, worry.kind if worry else None),
        f.select("categorie", c.WorryCategory, worry.category if worry else None),
        f.select("zekerheid", c.Certainty, worry.certainty if worry else None),
        f.select("ernst", c.Level, worry.severity if worry else None),
        f.select("benoemd_door", c.NamedBy, worry.named_by if worry else c.NamedBy.PROFESSIONAL),
        f.text("sinds", f.month_text(worry.since) if worry else "", optional=True, free_text=False),
    )


def _danger_fields(
    card: c.SafetyCard, _: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    return (f.textarea("gevaarformulering", card.danger_statement, optional=True),)


def _strength_fields(
    card: c.SafetyCard, s: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    strength = s if isinstance(s, c.Strength) else None
    return (
        f.textarea("omschrijving", strength.description if strength else ""),
        f.select("soort_goed", c.StrengthKind, strength.kind if strength else None),
        f.select("benoemd_door", c.NamedBy, strength.named_by if strength else c.NamedBy.PROFESSIONAL),
    )


def _works_fields(
    card: c.SafetyCard, _: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    return (
        f.textarea("wat_werkt", "\n".join(card.what_works), optional=True, max_length=3000),
        f.textarea("wat_werkt_niet", "\n".join(card.what_does_not_work), optional=True, max_length=3000),
    )


def _situation_fields(
    card: c.SafetyCard, s: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    situation = s if isinstance(s, c.UnsafeSituation) else None
    count = len(card.top3)
    rank = [x.id for x in card.top3].index(situation.id) + 1 if situation else min(count + 1, e.TOP3_MAX)
    return (
        f.numbered("rang", range(1, (count if situation else min(count + 1, e.TOP3_MAX)) + 1), rank),
        f.textarea("situatie", situation.situation if situation else ""),
        f.select("frequentie", c.Frequency, situation.frequency if situation else None),
        f.text(
            "laatste_voorval",
            f.month_text(situation.last_incident) if situation else "",
            optional=True,
            free_text=False,
        ),
    )


def _risk_fields(
    card: c.SafetyCard, r: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    factor = r if isinstance(r, c.RiskFactor) else None
    return (
        f.text("factor", factor.factor if factor else "", max_length=150),
        f.text("persoon", factor.person if factor else ""),
        f.flag("beinvloedbaar", factor.modifiable is not False if factor else True),
    )


def _goal_fields(
    card: c.SafetyCard, _: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    return (
        f.textarea("veiligheidsdoel", card.safety_goal, optional=True),
        f.textarea("voorwaarden", "\n".join(card.safety_conditions), optional=True, max_length=3000),
        f.text("evaluatiedatum", f.date_text(card.evaluation_date), optional=True, free_text=False),
    )


def _agreement_fields(
    card: c.SafetyCard, a: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    agreement = a if isinstance(a, c.Agreement) else None
    return (
        f.textarea("afspraak", agreement.agreement if agreement else ""),
        f.text("wie", agreement.who if agreement else ""),
        f.text("wanneer", agreement.when if agreement else "", max_length=150),
        f.text("controle_door", agreement.checked_by if agreement else ""),
        f.select(
            "afspraakstatus", c.AgreementStatus, agreement.status if agreement else c.AgreementStatus.NEW
        ),
    )


def _step_fields(
    card: c.SafetyCard, s: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    step = s if isinstance(s, c.Step) else None
    return (
        f.text("datum", f.date_text(step.on if step else today), free_text=False),
        f.textarea("stap", step.step if step else ""),
        f.select("door", c.StepBy, step.by if step else None),
    )


def _judgement_fields(
    card: c.SafetyCard, _: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    return judgement_fields(card)


def judgement_fields(card: c.SafetyCard) -> tuple[DialogField, ...]:
    """Phase and the weighed judgement; acute/structural are ja/nee/open (a checkbox cannot say 'open')."""
    j = card.judgement
    return (
        f.select("fase", c.Phase, card.phase, optional=True),
        f.select("directe_veiligheid", c.DirectSafety, j.direct_safety, optional=True),
        f.select("risico_toekomst", c.Level, j.future_risk, optional=True),
        f.yes_no("acuut", j.acute_unsafety),
        f.yes_no("structureel", j.structural_unsafety),
        f.select("instrument", c.Instrument, j.instrument),
        f.textarea("onderbouwing", j.reasoning, optional=True),
    )


def _scale_fields(
    card: c.SafetyCard, _: object, today: date, p: c.Perspective | None
) -> tuple[DialogField, ...]:
    return (
        f.select("perspectief", c.Perspective, p),
        f.numbered("score", range(0, 11)),
        f.text("datum", f.date_text(today), free_text=False),
        f.textarea("reden", optional=True),
    )


_FIELDS = {
    "zorg": _worry_fields, "gevaar": _danger_fields, "goed": _strength_fields, "werkt": _works_fields,
    "situatie": _situation_fields, "risico": _risk_fields, "doel": _goal_fields,
    "afspraak": _agreement_fields, "stap": _step_fields, "oordeel": _judgement_fields,
    "schaal": _scale_fields,
}  # fmt: skip


# --- submissions -------------------------------------------------------------------------------------------


def apply(card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str) -> e.Edit | None:
    """The edit a submission makes, or None when the form has field errors (then nothing may be stored)."""
    _find(card, target)  # the item may have been removed since the dialog opened
    if target.item and form.flag("verwijderen"):
        if target.form == "risico":
            return e.remove_risk_factor(card, target.parent, target.item)
        return e.remove_item(card, LIST_OF_FORM[target.form], target.item)
    return _APPLY[target.form](card, target, form, today, user_id)


def _list_edit(card: c.SafetyCard, target: Target, make: object, position: int | None = None) -> e.Edit:
    attr = LIST_OF_FORM[target.form]
    if target.item:
        return e.edit_item(card, attr, make(target.item), position)  # type: ignore[operator]
    return e.add_item(card, attr, make, position)  # type: ignore[arg-type]


def _apply_worry(card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str) -> e.Edit | None:
    description = form.text("omschrijving", max_length=c.TEXT_MAX)
    kind = form.choice("soort", c.WorryKind)
    category = form.choice("categorie", c.WorryCategory)
    certainty = form.choice("zekerheid", c.Certainty)
    severity = form.choice("ernst", c.Level)
    named_by = form.choice("benoemd_door", c.NamedBy)
    since = form.month("sinds")
    if not form.ok or not (kind and category and certainty and severity and named_by):
        return None
    return _list_edit(
        card, target, lambda i: c.Worry(i, description, kind, category, certainty, severity, named_by, since)
    )


def _apply_danger(card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str) -> e.Edit | None:
    statement = form.text("gevaarformulering", max_length=c.TEXT_MAX, required=False)
    return e.set_fields(card, "gevaarformulering", danger_statement=statement) if form.ok else None


def _apply_strength(
    card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str
) -> e.Edit | None:
    description = form.text("omschrijving", max_length=c.TEXT_MAX)
    kind = form.choice("soort_goed", c.StrengthKind)
    named_by = form.choice("benoemd_door", c.NamedBy)
    if not form.ok or not (kind and named_by):
        return None
    return _list_edit(card, target, lambda i: c.Strength(i, description, kind, named_by))


def _apply_works(card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str) -> e.Edit | None:
    works = form.lines("wat_werkt", max_items=LINES_MAX, max_length=c.TEXT_MAX)
    not_works = form.lines("wat_werkt_niet", max_items=LINES_MAX, max_length=c.TEXT_MAX)
    if not form.ok:
        return None
    return e.set_fields(card, "wat_werkt", what_works=works, what_does_not_work=not_works)


def _apply_situation(
    card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str
) -> e.Edit | None:
    rank = form.number("rang", 1, e.TOP3_MAX)
    situation = form.text("situatie", max_length=c.TEXT_MAX)
    frequency = form.choice("frequentie", c.Frequency)
    last = form.month("laatste_voorval")
    if not form.ok or frequency is None:
        return None
    old = next((s for s in card.top3 if s.id == target.item), None)
    factors = old.risk_factors if old else ()
    return _list_edit(card, target, lambda i: c.UnsafeSituation(i, situation, frequency, last, factors), rank)


def _apply_risk(card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str) -> e.Edit | None:
    factor = form.text("factor", max_length=150)
    person = form.text("persoon", max_length=c.SHORT_MAX)
    modifiable = form.flag("beinvloedbaar")
    if not form.ok:
        return None
    if target.item:
        return e.put_risk_factor(card, target.parent, c.RiskFactor(target.item, factor, person, modifiable))
    return e.put_risk_factor(card, target.parent, None, lambda i: c.RiskFactor(i, factor, person, modifiable))


def _apply_goal(card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str) -> e.Edit | None:
    goal = form.text("veiligheidsdoel", max_length=c.TEXT_MAX, required=False)
    conditions = form.lines("voorwaarden", max_items=LINES_MAX, max_length=c.TEXT_MAX)
    evaluation = form.date("evaluatiedatum", today)
    if not form.ok:
        return None
    return e.set_fields(
        card, "plan", safety_goal=goal, safety_conditions=conditions, evaluation_date=evaluation
    )


def _apply_agreement(
    card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str
) -> e.Edit | None:
    agreement = form.text("afspraak", max_length=c.TEXT_MAX)
    who = form.text("wie", max_length=c.SHORT_MAX)
    when = form.text("wanneer", max_length=150)
    checked_by = form.text("controle_door", max_length=c.SHORT_MAX)
    status = form.choice("afspraakstatus", c.AgreementStatus, default=c.AgreementStatus.NEW)
    if not form.ok or status is None:
        return None
    return _list_edit(card, target, lambda i: c.Agreement(i, agreement, who, when, checked_by, status))


def _apply_step(card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str) -> e.Edit | None:
    on = form.date("datum", today, required=True, not_future=True)
    step = form.text("stap", max_length=c.TEXT_MAX)
    by = form.choice("door", c.StepBy)
    if not form.ok or on is None or by is None:
        return None
    return _list_edit(card, target, lambda i: c.Step(i, on, step, by))


def _apply_judgement(
    card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str
) -> e.Edit | None:
    return apply_judgement(card, form, today, user_id)


def apply_judgement(card: c.SafetyCard, form: Form, today: date, user_id: str) -> e.Edit | None:
    phase = form.choice("fase", c.Phase, default=None) if form.raw("fase") else None
    direct = form.choice("directe_veiligheid", c.DirectSafety) if form.raw("directe_veiligheid") else None
    risk = form.choice("risico_toekomst", c.Level) if form.raw("risico_toekomst") else None
    instrument = form.choice("instrument", c.Instrument, default=c.Instrument.NONE) or c.Instrument.NONE
    reasoning = form.text("onderbouwing", max_length=c.TEXT_MAX, required=False)
    if not form.ok:
        return None
    old = card.judgement
    judged_by = old.judged_by if user_id in old.judged_by else (*old.judged_by, user_id)
    judgement = c.Judgement(
        direct,
        risk,
        form.yes_no("acuut"),
        form.yes_no("structureel"),
        reasoning,
        instrument,
        judged_by,
        today,
    )
    first = e.set_fields(card, "fase", phase=phase)
    second = e.set_judgement(first.card, judgement)
    if not second.changed:
        return first
    return e.Edit(second.card, first.changes + second.changes)


def _apply_scale(card: c.SafetyCard, target: Target, form: Form, today: date, user_id: str) -> e.Edit | None:
    perspective = form.choice("perspectief", c.Perspective)
    score = form.number("score", 0, 10)
    on = form.date("datum", today, required=True, not_future=True)
    reason = form.text("reden", max_length=c.TEXT_MAX, required=False)
    if not form.ok or perspective is None or score is None or on is None:
        return None
    return e.record_score(card, c.ScaleScore(perspective, score, on, user_id, reason), today)


_APPLY = {
    "zorg": _apply_worry, "gevaar": _apply_danger, "goed": _apply_strength, "werkt": _apply_works,
    "situatie": _apply_situation, "risico": _apply_risk, "doel": _apply_goal, "afspraak": _apply_agreement,
    "stap": _apply_step, "oordeel": _apply_judgement, "schaal": _apply_scale,
}  # fmt: skip
