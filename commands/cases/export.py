"""The card as a Markdown document for a warm handover: attached in the receiving organisation's own file.

Everything on the card, the framework history, who was involved, and a summary of every version. Like the
card itself it holds no direct identifiers; the case code links it to the family in the lead's own system.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from commands.cases.card import CardVersion, NamedBy, SafetyCard, VersionInfo
from commands.cases.fields import assessed, assessed_label, date_text, label, month_text
from commands.cases.history import local, name_of, version_line
from commands.cases.model import Case, FrameworkChange, Involvement, MeasureKind
from commands.cases.sharing import CardShare, share_lines
from commands.cases.summary import trend
from commands.cases.view import background, plans, worry_tags
from commands.catalogue import t
from commands.consults.model import ActionItem, PastDecision


def export_filename(case: Case, version: CardVersion) -> str:
    return f"veiligheidskaart-{case.code}-v{version.info.number}.md"


def export_markdown(
    case: Case,
    version: CardVersion,
    frameworks: list[FrameworkChange],
    involvements: list[Involvement],
    history: list[VersionInfo],
    names: Mapping[str, str],
    *,
    now: datetime,
    timezone: str,
    decisions: Sequence[PastDecision] = (),
    actions: Sequence[ActionItem] = (),
    shares: Sequence[CardShare] = (),
    consults: Mapping[int, str] | None = None,
) -> str:
    card = version.card
    out: list[str] = [
        t("kaart.export.titel", code=case.code),
        "",
        t(
            "kaart.export.kop",
            version=version.info.number,
            at=local(version.info.at, timezone),
            exported=local(now, timezone),
            lead=name_of(case.lead_id, names),
            municipality=case.municipality,
            status=label(case.status),
        ),
        "",
        t("kaart.export.privacy"),
        "",
        f"## {t('kaart.export.kader')}",
        *[_framework_line(fc, names, timezone) for fc in frameworks],
        "",
        t("kaart.export.fase", phase=label(card.phase)),
        "",
        *_worries(card),
        *_strengths(card),
        *_top3(card),
        *_plan(card),
        *_steps(card),
        *_judgement(card, names),
        *_consults(decisions, actions, names, timezone),
        f"## {t('kaart.export.betrokken')}",
        *([_involvement_line(i, names, timezone) for i in involvements] or [t("kaart.export.niemand")]),
        "",
        f"## {t('delen.export.titel')}",
        t("delen.export.uitleg"),
        "",
        *(share_lines(shares, names, consults or {}, timezone) or [t("delen.niemand")]),
        "",
        f"## {t('kaart.export.geschiedenis')}",
        *[f"- {version_line(v, names, timezone)}" for v in history],
        "",
    ]
    return "\n".join(out)


def export_pdf_filename(case: Case, version: CardVersion) -> str:
    return f"veiligheidskaart-{case.code}-v{version.info.number}.pdf"


def _consults(
    decisions: Sequence[PastDecision], actions: Sequence[ActionItem], names: Mapping[str, str], timezone: str
) -> list[str]:
    """What the MDO decided on the case, and the actions that are still open."""
    lines = [f"- {local(d.at, timezone)[:10]}: {d.decision}" for d in decisions]
    lines += ["", f"**{t('kaart.export.open_acties')}**"] if actions else []
    lines += [
        t("kaart.export.actie", description=a.description, who=name_of(a.owner_id, names),
          due=a.due_on.strftime("%d-%m-%Y"))
        for a in actions
    ]  # fmt: skip
    return _section(t("kaart.export.mdo"), lines)


def _framework_line(change: FrameworkChange, names: Mapping[str, str], timezone: str) -> str:
    measure = ""
    if change.measure.kind is not MeasureKind.NONE:
        since = f" {t('kaart.sinds', since=month_text(change.measure.since))}" if change.measure.since else ""
        measure = f" — {label(change.measure.kind)}{since}"
    note = f" ({change.note})" if change.note else ""
    who = name_of(change.by, names)
    return f"- {local(change.at, timezone)}: {label(change.framework)}{measure}{note} · {who}"


def _involvement_line(involvement: Involvement, names: Mapping[str, str], timezone: str) -> str:
    end = (
        t(
            "kaart.export.tot",
            until=local(involvement.ended_at, timezone),
            reason=label(involvement.end_reason),
        )
        if involvement.ended_at
        else t("kaart.export.nog_betrokken")
    )
    who = name_of(involvement.expert_id, names)
    since = local(involvement.started_at, timezone)
    return f"- {who} ({label(involvement.organisation_kind)}): {since} {end}"


def _known(values: tuple[str, ...]) -> str:
    """Every known tag; an item nobody assessed further says so instead of showing blanks."""
    present = [v for v in values if v]
    return " · ".join(present) if present else t("kaart.niet_beoordeeld")


def _named(by: NamedBy | None) -> str:
    return t("kaart.weergave.benoemd", by=label(by).lower()) if by else ""


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"## {title}", *(lines or [t("kaart.export.leeg")]), ""]


def _worries(card: SafetyCard) -> list[str]:
    lines = [f"{n}. {w.description}  \n   _{_known(worry_tags(w))}_" for n, w in enumerate(card.worries, 1)]
    if card.danger_statement:
        lines += ["", f"**{t('kaart.veld.danger_statement').capitalize()}:** {card.danger_statement}"]
    before = background(card)
    return _section(t("kaart.weergave.zorgen_titel"), [*before, *([""] if before else []), *lines])


def _strengths(card: SafetyCard) -> list[str]:
    lines = [
        f"{n}. {s.description} _({_known((label(s.kind) if s.kind else '', _named(s.named_by)))})_"
        for n, s in enumerate(card.strengths, 1)
    ]
    if card.what_works:
        lines += ["", f"**{t('kaart.veld.what_works').capitalize()}:**", *[f"- {w}" for w in card.what_works]]
    if card.what_does_not_work:
        lines += [
            "",
            f"**{t('kaart.veld.what_does_not_work').capitalize()}:**",
            *[f"- {w}" for w in card.what_does_not_work],
        ]
    return _section(t("kaart.weergave.goed_titel"), lines)


def _top3(card: SafetyCard) -> list[str]:
    lines: list[str] = []
    for n, s in enumerate(card.top3, 1):
        last = (
            f" · {t('kaart.weergave.laatste', when=month_text(s.last_incident))}" if s.last_incident else ""
        )
        lines.append(f"{n}. {s.situation} _({assessed_label(s.frequency)}{last})_")
        for r in s.risk_factors:
            modifiable = {
                True: t("kaart.export.beinvloedbaar"),
                False: t("kaart.export.vast"),
                None: t("kaart.niet_beoordeeld"),
            }[r.modifiable]
            lines.append(f"   - {r.factor} — {r.person or t('kaart.leeg')} ({modifiable})")
    return _section(t("kaart.weergave.top3_titel"), lines)


def _plan(card: SafetyCard) -> list[str]:
    lines: list[str] = []
    if card.safety_goal:
        lines.append(f"**{t('kaart.veld.safety_goal').capitalize()}:** {card.safety_goal}")
    if card.safety_conditions:
        lines += [
            f"**{t('kaart.veld.safety_conditions').capitalize()}:**",
            *[f"- {c}" for c in card.safety_conditions],
        ]
    if card.agreements:
        lines += ["", f"| # | {t('kaart.export.afspraken_kop')} |", "|---|---|---|---|---|---|"]
        lines += [
            f"| {n} | {_cell(a.agreement)} | {_cell(a.who)} | {_cell(a.when)} | {_cell(a.checked_by)} "
            f"| {label(a.status)} |"
            for n, a in enumerate(card.agreements, 1)
        ]
    if card.evaluation_date:
        lines += ["", t("kaart.weergave.evaluatie", on=date_text(card.evaluation_date))]
    more = plans(card)
    return _section(t("kaart.weergave.plan_titel"), [*lines, *([""] if more else []), *more])


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: a pipe would end the cell, a line break the row."""
    return " ".join(text.split()).replace("|", "\\|")


def _steps(card: SafetyCard) -> list[str]:
    lines = [
        f"{n}. {date_text(s.on)} · {assessed_label(s.by)} · {s.step}" for n, s in enumerate(card.steps, 1)
    ]
    return _section(t("kaart.weergave.stappen_titel"), lines)


def _judgement(card: SafetyCard, names: Mapping[str, str]) -> list[str]:
    lines: list[str] = [f"**{t('kaart.export.schaal')}**", ""]
    previous: dict[str, int] = {}
    for s in card.scores:
        before = previous.get(s.perspective)
        change = f" ({before} → {s.score})" if before is not None and before != s.score else ""
        reason = f" — {s.reason}" if s.reason else ""
        who = name_of(s.recorded_by, names)
        lines.append(f"- {date_text(s.on)} · {label(s.perspective)}: **{s.score}**{change}{reason} _({who})_")
        previous[s.perspective] = s.score
    if not card.scores:
        lines.append(t("kaart.weergave.geen_schaal"))
    latest = card.latest_scores()
    if latest:
        now_line = " · ".join(f"{label(p)} {a.score}{trend(a, b)}" for p, (a, b) in latest.items())
        lines += ["", t("kaart.export.schaal_nu", scores=now_line)]
    j = card.judgement
    lines += [
        "",
        t(
            "kaart.weergave.oordeel",
            direct=assessed_label(j.direct_safety),
            risk=assessed_label(j.future_risk),
            acute=assessed(j.acute_unsafety),
            structural=assessed(j.structural_unsafety),
            instrument=label(j.instrument),
        ),
    ]
    if j.reasoning:
        lines.append(t("kaart.weergave.onderbouwing", text=j.reasoning))
    if j.judged_by:
        who = ", ".join(name_of(u, names) for u in j.judged_by)
        lines.append(t("kaart.weergave.beoordeeld", who=who, on=date_text(j.on)))
    lines.append(t("kaart.export.geen_verdict"))
    return _section(t("kaart.weergave.oordeel_titel"), lines)
