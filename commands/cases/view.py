"""The full card as an ephemeral message for those entitled, and the status-only view for coordinators."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum

from commands.cases.card import CardVersion, SafetyCard, Worry
from commands.cases.fields import assessed, assessed_label, date_text, label, month_text
from commands.cases.history import local, name_of
from commands.cases.model import Case, Involvement, MeasureKind
from commands.cases.sharing import CardShare, share_lines
from commands.cases.summary import trend
from commands.catalogue import t
from commands.replies import Message, Section

SECTION_MAX = 2000  # characters per block in chat; the export has no such limit


def full_view(
    case: Case,
    version: CardVersion,
    involvements: list[Involvement],
    names: Mapping[str, str],
    timezone: str,
    shares: Sequence[CardShare] = (),
    consults: Mapping[int, str] | None = None,
) -> Message:
    card, info = version.card, version.info
    header = t(
        "kaart.weergave.kop",
        code=case.code,
        version=info.number,
        at=local(info.at, timezone),
        who=name_of(info.author_id, names),
        lead=name_of(case.lead_id, names),
        municipality=case.municipality,
    )
    sections = (
        Section(t("kaart.weergave.kader_titel"), _aboard(involvements, names, timezone), _facts(case, card)),
        Section(t("kaart.weergave.zorgen_titel"), _cap(_worries(card), case.code)),
        Section(t("kaart.weergave.goed_titel"), _cap(_strengths(card), case.code)),
        Section(t("kaart.weergave.top3_titel"), _cap(_top3(card), case.code)),
        Section(t("kaart.weergave.plan_titel"), _cap(_plan(card), case.code)),
        Section(t("kaart.weergave.stappen_titel"), _cap(_steps(card), case.code)),
        Section(t("kaart.weergave.oordeel_titel"), _cap(_judgement(card, names), case.code)),
        Section(t("delen.titel"), _cap(_shares(shares, names, consults or {}, timezone), case.code)),
    )
    footer = t("kaart.weergave.voet", code=case.code)
    return Message(f"{header}\n{footer}", sections)


def status_view(case: Case) -> str:
    """What a coordinator may see: status and framework, nothing of the card or who works on it."""
    return t("kaart.weergave.status", code=case.code, status=label(case.status), framework=_framework(case))


def _framework(case: Case) -> str:
    text = label(case.framework)
    if case.measure.kind is not MeasureKind.NONE:
        since = f" {t('kaart.sinds', since=month_text(case.measure.since))}" if case.measure.since else ""
        text += f" — {label(case.measure.kind)}{since}"
    return text


def _facts(case: Case, card: SafetyCard) -> tuple[tuple[str, str], ...]:
    return (
        (t("kaart.weergave.status_veld"), label(case.status)),
        (t("kaart.weergave.kader_veld"), _framework(case)),
        (t("kaart.weergave.fase_veld"), label(card.phase)),
    )


def _aboard(involvements: list[Involvement], names: Mapping[str, str], timezone: str) -> str:
    if not involvements:
        return t("kaart.weergave.niemand_aangeschoven")
    people = ", ".join(
        t(
            "kaart.weergave.aangeschoven_persoon",
            who=name_of(i.expert_id, names),
            organisation=label(i.organisation_kind),
            since=local(i.started_at, timezone)[:10],
        )
        for i in involvements
    )
    return t("kaart.weergave.aangeschoven", people=people)


def _shares(
    shares: Sequence[CardShare], names: Mapping[str, str], consults: Mapping[int, str], timezone: str
) -> str:
    """With whom the card was shared and on what basis, newest first (chat shows the latest; the export
    holds them all)."""
    lines = share_lines(list(reversed(shares)), names, consults, timezone)
    return "\n".join(lines) or t("delen.niemand")


def _empty(part: str) -> str:
    return t("kaart.weergave.leeg", part=part)


def tags(*values: str) -> str:
    """What is known about an item, in italics; nothing at all when nothing is known."""
    present = [v for v in values if v]
    return f"\n    _{' · '.join(present)}_" if present else ""


def _opt(value: StrEnum | None, lower: bool = True) -> str:
    if value is None:
        return ""
    return label(value).lower() if lower else label(value)


def worry_tags(w: Worry) -> tuple[str, ...]:
    return (
        _opt(w.kind, lower=False),
        _opt(w.category, lower=False),
        _opt(w.certainty),
        t("kaart.weergave.ernst", level=_opt(w.severity)) if w.severity else "",
        t("kaart.weergave.benoemd", by=_opt(w.named_by)) if w.named_by else "",
        t("kaart.sinds", since=month_text(w.since)) if w.since else "",
    )


def _worries(card: SafetyCard) -> str:
    lines = [
        t("kaart.weergave.zorg", n=n, text=w.description) + tags(*worry_tags(w))
        for n, w in enumerate(card.worries, 1)
    ] or [_empty("zorgen")]
    lines = background(card) + lines
    if card.danger_statement:
        lines.append(t("kaart.weergave.gevaar", text=card.danger_statement))
    return "\n".join(lines)


def _strengths(card: SafetyCard) -> str:
    lines = [
        t("kaart.weergave.goed", n=n, text=s.description)
        + tags(
            _opt(s.kind, lower=False), t("kaart.weergave.benoemd", by=_opt(s.named_by)) if s.named_by else ""
        )
        for n, s in enumerate(card.strengths, 1)
    ] or [_empty("goed")]
    if card.what_works:
        lines.append(t("kaart.weergave.werkt", items="; ".join(card.what_works)))
    if card.what_does_not_work:
        lines.append(t("kaart.weergave.werkt_niet", items="; ".join(card.what_does_not_work)))
    return "\n".join(lines)


def _top3(card: SafetyCard) -> str:
    lines: list[str] = []
    for n, s in enumerate(card.top3, 1):
        last = (
            f" · {t('kaart.weergave.laatste', when=month_text(s.last_incident))}" if s.last_incident else ""
        )
        frequency = label(s.frequency) if s.frequency else t("kaart.niet_beoordeeld")
        lines.append(t("kaart.weergave.situatie", n=n, text=s.situation, frequency=frequency, last=last))
        for m, r in enumerate(s.risk_factors, 1):
            key = {True: "beinvloedbaar", False: "vast", None: "open"}[r.modifiable]
            person = r.person or t("kaart.leeg")
            lines.append(t(f"kaart.weergave.risico_{key}", m=m, factor=r.factor, person=person))
    return "\n".join(lines) or _empty("top3")


def _plan(card: SafetyCard) -> str:
    lines: list[str] = []
    if card.safety_goal:
        lines.append(t("kaart.weergave.doel", text=card.safety_goal))
    if card.safety_conditions:
        lines.append(t("kaart.weergave.voorwaarden", items="; ".join(card.safety_conditions)))
    lines += [
        t(
            "kaart.weergave.afspraak",
            n=n,
            text=a.agreement,
            who=a.who,
            when=a.when,
            checked_by=a.checked_by,
            status=label(a.status).lower(),
        )
        for n, a in enumerate(card.agreements, 1)
    ]
    if card.evaluation_date:
        lines.append(t("kaart.weergave.evaluatie", on=date_text(card.evaluation_date)))
    lines += plans(card)
    return "\n".join(lines) or _empty("plan")


def background(card: SafetyCard) -> list[str]:
    """Aanleiding and who is in the family (roles only), above the worries."""
    lines = [t("kaart.weergave.aanleiding", text=card.occasion)] if card.occasion else []
    if card.family:
        lines.append(t("kaart.weergave.gezin", members=", ".join(card.family)))
    return lines


def plans(card: SafetyCard) -> list[str]:
    """The TOP-3 method's hulpverleningsplan and toekomstplan."""
    lines: list[str] = []
    if card.help_plan:
        lines.append(t("kaart.weergave.hulp_kop"))
        for h in card.help_plan:
            known = [h.target, label(h.provider) if h.provider else ""]
            known += [f"{t('kaart.veld.requested_on')} {date_text(h.requested_on)}" if h.requested_on else ""]
            known += [f"{t('kaart.veld.started_on')} {date_text(h.started_on)}" if h.started_on else ""]
            present = [k for k in known if k]
            lines.append(
                t("kaart.weergave.hulp", help=h.help, details=f" ({' · '.join(present)})" if present else "")
            )
    if card.future_plan:
        lines.append(t("kaart.weergave.toekomst", items="; ".join(card.future_plan)))
    return lines


def _steps(card: SafetyCard) -> str:
    lines = [
        t(
            "kaart.weergave.stap",
            n=n,
            on=date_text(s.on),
            by=label(s.by) if s.by else t("kaart.leeg"),
            text=s.step,
        )
        for n, s in enumerate(card.steps, 1)
    ]
    return "\n".join(lines) or _empty("stappen")


def _judgement(card: SafetyCard, names: Mapping[str, str]) -> str:
    lines: list[str] = []
    for perspective, (latest, previous) in card.latest_scores().items():
        reason = f" — {latest.reason}" if latest.reason else ""
        lines.append(
            t(
                "kaart.weergave.schaal",
                perspective=label(perspective),
                score=latest.score,
                trend=trend(latest, previous),
                on=date_text(latest.on),
                reason=reason,
            )
        )
    if not lines:
        lines.append(t("kaart.weergave.geen_schaal"))
    j = card.judgement
    if j.direct_safety or j.future_risk or j.reasoning or j.acute_unsafety is not None:
        lines.append(
            t(
                "kaart.weergave.oordeel",
                direct=assessed_label(j.direct_safety),
                risk=assessed_label(j.future_risk),
                acute=assessed(j.acute_unsafety),
                structural=assessed(j.structural_unsafety),
                instrument=label(j.instrument),
            )
        )
        if j.reasoning:
            lines.append(t("kaart.weergave.onderbouwing", text=j.reasoning))
        if j.judged_by:
            lines.append(
                t(
                    "kaart.weergave.beoordeeld",
                    who=", ".join(name_of(u, names) for u in j.judged_by),
                    on=date_text(j.on),
                )
            )
    return "\n".join(lines)


def _cap(text: str, code: str) -> str:
    if len(text) <= SECTION_MAX:
        return text
    return text[:SECTION_MAX].rstrip() + "\n" + t("kaart.weergave.ingekort", code=code)
