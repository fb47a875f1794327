"""Multi-item dialogs: one dialog per part of the card, every list as lines (one item per line).

The dialog opens prefilled with today's items (`commands.cases.lines` renders them), so editing is changing
lines: a line whose text is unchanged keeps its item (and its history), a changed line at the same place is
an edit, a new line is added and a deleted line removes its item. Every line is read on its own; one bad line
keeps the dialog open with "Regel n: …" and nothing is stored.

The privacy guard sees each line's free text (not its tags or dates, which the guard would take for a date of
birth) in `refusals`, before the handler opens a transaction; the other fields the facade guards as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from commands.cases import card as c
from commands.cases import editing as e
from commands.cases import fields as f
from commands.cases import lines as ln
from commands.cases import parts
from commands.cases.form import Form
from commands.cases.roles import NotARole, check_role
from commands.catalogue import t
from commands.privacy import find_identifiers, refusal
from commands.replies import Dialog, DialogField

CALLBACK = "kaart.onderdeel"
PARTS = ("zorgen", "goed", "top3", "plan", "oordeel")
LINES_FIELD_MAX = 3000  # Mattermost's limit for a textarea


def dialog_for(
    card: c.SafetyCard, part: str, code: str, today: date, perspective: c.Perspective | None
) -> Dialog:
    fields = _FIELDS[part](card, today, perspective)
    return Dialog(
        callback=CALLBACK,
        title=t(f"kaart.onderdeel.{part}.titel"),
        introduction=t(f"kaart.onderdeel.{part}.intro", code=code),
        fields=fields,
        submit_label=t("kaart.dialoog.opslaan"),
        state={"code": code, "deel": part},
    )


def lines_field(name: str, lines: Sequence[str]) -> DialogField:
    # Guarded line by line in `refusals` (free text only), not as a whole by the facade.
    return DialogField(
        name=name,
        label=t(f"kaart.onderdeel.veld.{name}"),
        kind="textarea",
        default="\n".join(lines),
        optional=True,
        max_length=LINES_FIELD_MAX,
        help=t(f"kaart.onderdeel.hulp.{name}"),
        free_text=False,
    )


def _worries_fields(card: c.SafetyCard, today: date, p: c.Perspective | None) -> tuple[DialogField, ...]:
    return (
        f.textarea("aanleiding", card.occasion, optional=True),
        lines_field("gezin", card.family),
        lines_field("zorgen", [ln.worry_line(w) for w in card.worries]),
        f.textarea("gevaarformulering", card.danger_statement, optional=True),
    )


def _strengths_fields(card: c.SafetyCard, today: date, p: c.Perspective | None) -> tuple[DialogField, ...]:
    return (
        lines_field("goed", [ln.strength_line(s) for s in card.strengths]),
        f.textarea("wat_werkt", "\n".join(card.what_works), optional=True, max_length=LINES_FIELD_MAX),
        f.textarea(
            "wat_werkt_niet", "\n".join(card.what_does_not_work), optional=True, max_length=LINES_FIELD_MAX
        ),
    )


def _top3_fields(card: c.SafetyCard, today: date, p: c.Perspective | None) -> tuple[DialogField, ...]:
    lines: list[str] = []
    for s in card.top3:
        lines.append(ln.situation_line(s))
        lines += [f"- {ln.risk_line(r)}" for r in s.risk_factors]
    return (lines_field("top3", lines),)


def _plan_fields(card: c.SafetyCard, today: date, p: c.Perspective | None) -> tuple[DialogField, ...]:
    return (
        lines_field("afspraken", [ln.agreement_line(a) for a in card.agreements]),
        f.textarea("veiligheidsdoel", card.safety_goal, optional=True),
        f.textarea(
            "voorwaarden", "\n".join(card.safety_conditions), optional=True, max_length=LINES_FIELD_MAX
        ),
        f.text("evaluatiedatum", f.date_text(card.evaluation_date), optional=True, free_text=False),
        lines_field("stappen", [ln.step_line(s) for s in card.steps]),
        lines_field("hulp", [ln.help_line(h) for h in card.help_plan]),
        f.textarea("toekomstplan", "\n".join(card.future_plan), optional=True, max_length=LINES_FIELD_MAX),
    )


def _judgement_fields(card: c.SafetyCard, today: date, p: c.Perspective | None) -> tuple[DialogField, ...]:
    scales = [ln.scale_line(latest) for latest, _ in card.latest_scores().values()]
    return (*parts.judgement_fields(card), lines_field("schaal", scales))


_FIELDS: dict[str, Callable[[c.SafetyCard, date, c.Perspective | None], tuple[DialogField, ...]]] = {
    "zorgen": _worries_fields,
    "goed": _strengths_fields,
    "top3": _top3_fields,
    "plan": _plan_fields,
    "oordeel": _judgement_fields,
}


# --- the privacy guard, per line ------------------------------------------------------------------------

# Per lines field: which parts of a line are free text. "head": before the first `|` (the rest are tags,
# months or dates); "all": every part (who, when, who checks; a risk factor's person; a scale's reason).
GUARDED_PARTS = {"zorgen": "head", "goed": "head", "top3": "head", "afspraken": "all", "stappen": "head",
                 "schaal": "all", "gezin": "all", "hulp": "two"}  # fmt: skip
LINE_FIELDS = {"zorgen": ("zorgen", "gezin"), "goed": ("goed",), "top3": ("top3",),
               "plan": ("afspraken", "stappen", "hulp"), "oordeel": ("schaal",)}  # fmt: skip


def refusals(part: str, submission: Mapping[str, object]) -> dict[str, str]:
    """Per lines field, 'Regel n: <refusal>' for every line whose free text holds a direct identifier."""
    errors: dict[str, str] = {}
    for name in LINE_FIELDS.get(part, ()):
        value = submission.get(name)
        if not isinstance(value, str):
            continue
        problems: list[str] = []
        for number, content, nested in ln.items_of(value):
            whole = GUARDED_PARTS[name] == "all" or (name == "top3" and nested)
            head, rest = ln.split_line(content)
            if GUARDED_PARTS[name] == "two" and rest:
                head = f"{head} {rest[0]}"
            findings = find_identifiers(content if whole else head)
            if findings:
                problems.append(t("kaart.regels.regel", n=number, message=refusal(findings)))
        if problems:
            errors[name] = " ".join(problems)
    return errors


# --- reading lines -----------------------------------------------------------------------------------------


@dataclass
class Lines:
    """The errors of one textarea, collected line by line ("Regel 3: …")."""

    form: Form
    name: str

    def __post_init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, number: int, message: str) -> None:
        self.problems.append(t("kaart.regels.regel", n=number, message=message))

    def done(self) -> None:
        if self.problems:
            self.form.error(self.name, " ".join(self.problems))


def _read_list(
    form: Form,
    name: str,
    old: Sequence[Any],
    text_of: Callable[[Any], str],
    read: Callable[[str, str, Any], Any],
) -> list[tuple[Any, Any]] | None:
    """Lines → (item with a placeholder id, the old item it continues or None); None on any error."""
    lines = ln.items_of(form.raw(name))
    errors = Lines(form, name)
    if len(lines) > c.LIST_MAX:
        form.error(name, t("kaart.invoer.te_veel_regels", max=c.LIST_MAX))
        return None
    heads = [ln.split_line(content)[0] for _, content, _ in lines]
    matched = match_items([text_of(o) for o in old], heads)
    out: list[tuple[Any, Any]] = []
    for (number, content, _), index in zip(lines, matched, strict=True):
        previous = old[index] if index is not None else None
        try:
            item = read(content, "", previous)
        except ln.LineError as err:
            errors.fail(number, str(err))
            continue
        out.append((item, previous))
    errors.done()
    return out if not errors.problems else None


def match_items(old: Sequence[str], new: Sequence[str]) -> list[int | None]:
    """For each new line, the index of the old item it continues: same text first, else the same place."""
    by_text: dict[str, list[int]] = {}
    for i, text in enumerate(old):
        by_text.setdefault(ln.normal(text), []).append(i)
    used: set[int] = set()
    result: list[int | None] = []
    for text in new:
        queue = by_text.get(ln.normal(text))
        if queue:
            index = queue.pop(0)
            used.add(index)
            result.append(index)
        else:
            result.append(None)
    for position, found in enumerate(result):
        if found is None and position < len(old) and position not in used:
            used.add(position)
            result[position] = position
    return result


def replace_list(card: c.SafetyCard, attr: str, drafts: list[tuple[Any, Any]]) -> e.Edit:
    """Make `attr` hold the drafts (in typed order), reusing the ids of the items they continue."""
    limit = e.TOP3_MAX if attr == "top3" else c.LIST_MAX
    if len(drafts) > limit:
        raise e.CardRuleBroken("kaart.fout.lijst_vol", max=limit)
    old: tuple[Any, ...] = getattr(card, attr)
    old_position = {item.id: n for n, item in enumerate(old, 1)}
    next_id = card.next_id
    items: list[Any] = []
    changes: list[c.Change] = []
    subject = e.LISTS[attr]
    kept: set[str] = set()
    for position, (draft, previous) in enumerate(drafts, 1):
        if previous is None:
            item = replace(draft, id=str(next_id))
            next_id += 1
            changes.append(c.Change(c.ChangeKind.ADDED, subject, position))
        else:
            item = replace(draft, id=previous.id)
            kept.add(previous.id)
            fields = e.field_changes(previous, item)
            moved = old_position[previous.id] != position and attr == "top3"
            if moved:
                fields = (c.FieldChange("rank", str(old_position[previous.id]), str(position)), *fields)
            if fields:
                changes.append(c.Change(c.ChangeKind.EDITED, subject, position, fields))
        items.append(item)
    removed = [
        c.Change(c.ChangeKind.REMOVED, subject, n) for n, item in enumerate(old, 1) if item.id not in kept
    ]
    values: dict[str, Any] = {attr: tuple(items)}
    new_card = replace(card, next_id=next_id, **values)
    return e.Edit(new_card, (*removed, *changes))


def _combine(*edits: e.Edit) -> e.Edit:
    card = edits[-1].card
    return e.Edit(card, tuple(ch for edit in edits for ch in edit.changes))


def _chain(card: c.SafetyCard, steps: Sequence[Callable[[c.SafetyCard], e.Edit]]) -> e.Edit:
    edits: list[e.Edit] = []
    for step in steps:
        edit = step(card)
        card = edit.card
        edits.append(edit)
    return _combine(*edits) if edits else e.Edit(card, ())


# --- applying a part ---------------------------------------------------------------------------------------


def apply(card: c.SafetyCard, part: str, form: Form, today: date, user_id: str) -> e.Edit | None:
    """The edit this part's submission makes, or None when any field or line has an error."""
    return _APPLY[part](card, form, today, user_id)


def _apply_worries(card: c.SafetyCard, form: Form, today: date, user_id: str) -> e.Edit | None:
    drafts = _read_list(
        form, "zorgen", card.worries, lambda w: w.description,
        lambda line, i, _old: ln.read_worry(line, i),
    )  # fmt: skip
    danger = form.text("gevaarformulering", max_length=c.TEXT_MAX, required=False)
    occasion = form.text("aanleiding", max_length=c.TEXT_MAX, required=False)
    family = _read_family(form)
    if drafts is None or family is None or not form.ok:
        return None
    return _chain(
        card,
        [
            lambda k: e.set_fields(k, "aanleiding", occasion=occasion),
            lambda k: e.set_fields(k, "gezin", family=family),
            lambda k: replace_list(k, "worries", drafts),
            lambda k: e.set_fields(k, "gevaarformulering", danger_statement=danger),
        ],
    )


def _read_family(form: Form) -> tuple[str, ...] | None:
    """One family member per line, by role only ("Kind 1 (8)", "moeder"); a name is refused."""
    errors = Lines(form, "gezin")
    members: list[str] = []
    lines = ln.items_of(form.raw("gezin"))
    if len(lines) > c.LIST_MAX:
        form.error("gezin", t("kaart.invoer.te_veel_regels", max=c.LIST_MAX))
        return None
    for number, content, _ in lines:
        try:
            _role(content)
        except ln.LineError as err:
            errors.fail(number, str(err))
            continue
        members.append(content[: c.SHORT_MAX])
    errors.done()
    return None if errors.problems else tuple(members)


def _role(person: str) -> None:
    try:
        check_role(person)
    except NotARole as err:
        raise ln.LineError(str(err)) from None


def _apply_strengths(card: c.SafetyCard, form: Form, today: date, user_id: str) -> e.Edit | None:
    drafts = _read_list(
        form, "goed", card.strengths, lambda s: s.description,
        lambda line, i, _old: ln.read_strength(line, i),
    )  # fmt: skip
    works = form.lines("wat_werkt", max_items=parts.LINES_MAX, max_length=c.TEXT_MAX)
    not_works = form.lines("wat_werkt_niet", max_items=parts.LINES_MAX, max_length=c.TEXT_MAX)
    if drafts is None or not form.ok:
        return None
    return _chain(
        card,
        [
            lambda k: replace_list(k, "strengths", drafts),
            lambda k: e.set_fields(k, "wat_werkt", what_works=works, what_does_not_work=not_works),
        ],
    )


def _apply_top3(card: c.SafetyCard, form: Form, today: date, user_id: str) -> e.Edit | None:
    """Situations are plain lines; a line starting with `-` (or indented) is a risk factor of the one
    above it."""
    lines = ln.items_of(form.raw("top3"))
    errors = Lines(form, "top3")
    groups: list[tuple[int, str, list[tuple[int, str]]]] = []
    for number, content, nested in lines:
        if nested:
            if not groups:
                errors.fail(number, t("kaart.regels.risico_zonder_situatie"))
                continue
            groups[-1][2].append((number, content))
        else:
            groups.append((number, content, []))
    if len(groups) > e.TOP3_MAX:
        form.error("top3", t("kaart.regels.top3_max", max=e.TOP3_MAX))
        return None
    heads = [ln.split_line(content)[0] for _, content, _ in groups]
    matched = match_items([s.situation for s in card.top3], heads)
    drafts: list[tuple[Any, Any]] = []
    for (number, content, risks), index in zip(groups, matched, strict=True):
        previous: c.UnsafeSituation | None = card.top3[index] if index is not None else None
        try:
            situation = ln.read_situation(content, "")
        except ln.LineError as err:
            errors.fail(number, str(err))
            continue
        old_factors = previous.risk_factors if previous else ()
        factor_heads = [ln.split_line(text)[0] for _, text in risks]
        factor_match = match_items([r.factor for r in old_factors], factor_heads)
        factors: list[c.RiskFactor] = []
        for (risk_number, text), risk_index in zip(risks, factor_match, strict=True):
            try:
                factor = ln.read_risk(
                    text, old_factors[risk_index].id if risk_index is not None else "", _role
                )
            except ln.LineError as err:
                errors.fail(risk_number, str(err))
                continue
            factors.append(factor)
        drafts.append((replace(situation, risk_factors=tuple(factors)), previous))
    errors.done()
    if errors.problems or not form.ok:
        return None
    edit = replace_list(card, "top3", drafts)
    # Risk factors typed on new lines get their ids after the situations got theirs.
    next_id = edit.card.next_id
    top3: list[c.UnsafeSituation] = []
    for situation in edit.card.top3:
        fresh = []
        for factor in situation.risk_factors:
            if not factor.id:
                factor = replace(factor, id=str(next_id))
                next_id += 1
            fresh.append(factor)
        top3.append(replace(situation, risk_factors=tuple(fresh)))
    return e.Edit(replace(edit.card, top3=tuple(top3), next_id=next_id), edit.changes)


def _no_check(_person: str) -> None:
    return None


def _apply_plan(card: c.SafetyCard, form: Form, today: date, user_id: str) -> e.Edit | None:
    agreements = _read_list(
        form, "afspraken", card.agreements, lambda a: a.agreement,
        lambda line, i, _old: ln.read_agreement(line, i, _no_check),
    )  # fmt: skip
    steps = _read_list(
        form, "stappen", card.steps, lambda s: s.step,
        lambda line, i, old: ln.read_step(line, i, today, old.on if old else None),
    )  # fmt: skip
    help_plan = _read_list(
        form, "hulp", card.help_plan, lambda h: h.help, lambda line, i, _old: ln.read_help(line, i, today)
    )
    future = form.lines("toekomstplan", max_items=parts.LINES_MAX, max_length=c.TEXT_MAX)
    goal = form.text("veiligheidsdoel", max_length=c.TEXT_MAX, required=False)
    conditions = form.lines("voorwaarden", max_items=parts.LINES_MAX, max_length=c.TEXT_MAX)
    evaluation = form.date("evaluatiedatum", today)
    if agreements is None or steps is None or help_plan is None or not form.ok:
        return None
    return _chain(
        card,
        [
            lambda k: replace_list(k, "agreements", agreements),
            lambda k: e.set_fields(
                k, "plan", safety_goal=goal, safety_conditions=conditions, evaluation_date=evaluation
            ),
            lambda k: replace_list(k, "steps", steps),
            lambda k: replace_list(k, "help_plan", help_plan),
            lambda k: e.set_fields(k, "toekomstplan", future_plan=future),
        ],
    )


def _apply_judgement(card: c.SafetyCard, form: Form, today: date, user_id: str) -> e.Edit | None:
    scales = _read_scales(form, card)
    judged = parts.apply_judgement(card, form, today, user_id)
    if scales is None or judged is None or not form.ok:
        return None
    edits = [judged]
    current = judged.card
    for line in scales:
        try:
            edit = e.record_score(
                current, c.ScaleScore(line.perspective, line.score, today, user_id, line.reason), today
            )
        except e.CardRuleBroken as err:
            raise e.CardRuleBroken(err.key, field="schaal", **err.values) from None
        current = edit.card
        edits.append(edit)
    return _combine(*edits)


def _read_scales(form: Form, card: c.SafetyCard) -> list[ln.ScaleLine] | None:
    """Only lines that change something: a perspective's new score or new reason (history keeps the old)."""
    errors = Lines(form, "schaal")
    latest = card.latest_scores()
    seen: set[c.Perspective] = set()
    out: list[ln.ScaleLine] = []
    for number, content, _ in ln.items_of(form.raw("schaal")):
        try:
            line = ln.read_scale(content)
        except ln.LineError as err:
            errors.fail(number, str(err))
            continue
        if line.perspective in seen:
            errors.fail(number, t("kaart.regels.perspectief_dubbel", perspective=f.label(line.perspective)))
            continue
        seen.add(line.perspective)
        before = latest.get(line.perspective)
        if before is not None and before[0].score == line.score and before[0].reason == line.reason:
            continue
        if before is not None and before[0].score != line.score and line.reason in ("", before[0].reason):
            errors.fail(number, t("kaart.fout.reden_nodig"))
            continue
        out.append(line)
    errors.done()
    return None if errors.problems else out


_APPLY: dict[str, Callable[[c.SafetyCard, Form, date, str], e.Edit | None]] = {
    "zorgen": _apply_worries,
    "goed": _apply_strengths,
    "top3": _apply_top3,
    "plan": _apply_plan,
    "oordeel": _apply_judgement,
}
