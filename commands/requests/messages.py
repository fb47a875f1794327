"""What the people involved read about a request: pure builders of neutral messages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from commands.cases.fields import label
from commands.cases.sharing import basis_text
from commands.catalogue import t
from commands.replies import Button, Message, Section
from commands.requests.matching import Candidate
from commands.requests.model import Escalation, EscalationStatus, HelpRequest, Offer, OfferStatus
from commands.roster.formatting import weekday_short
from commands.roster.model import Professional


def when(at: datetime, tz: ZoneInfo) -> str:
    local = at.astimezone(tz)
    return f"{weekday_short(local.weekday())} {local:%d-%m %H:%M}"


def when_words(at: datetime, now: datetime, tz: ZoneInfo) -> str:
    """A moment as people say it: "vandaag om 14:30", "morgen om 9:00", "maandag 7-12 om 9:00"."""
    local, today = at.astimezone(tz), now.astimezone(tz).date()
    clock = f"{local.hour}:{local.minute:02d}"
    days = (local.date() - today).days
    if days <= 0:
        return t("when.today", time=clock)
    if days == 1:
        return t("when.tomorrow", time=clock)
    return t(
        "when.day", day=t(f"when.weekday.{local.weekday()}"), date=f"{local.day}-{local.month}", time=clock
    )


def names(people: list[Professional | None]) -> str:
    """ "Kees", "Kees en Fatima", "Kees, Ahmed en Fatima": first names, as colleagues speak."""
    first = [p.display_name.split(" ")[0] if p else t("request.names.unknown") for p in people]
    if len(first) <= 1:
        return "".join(first)
    return ", ".join(first[:-1]) + t("request.names.and") + first[-1]


def person(professional: Professional | None) -> str:
    return professional.display_name if professional else t("request.names.unknown")


def organisation_of(professional: Professional | None) -> str:
    return professional.organisation.name if professional else t("request.names.unknown")


def organisations_wanted(request: HelpRequest) -> str:
    if not request.organisation_kinds:
        return t("request.org.any")
    return ", ".join(label(kind) for kind in sorted(request.organisation_kinds))


def offer_message(
    request: HelpRequest,
    offer: Offer,
    code: str,
    lead: Professional | None,
    expertise: str,
    card: Section | None,
    note: str = "",
) -> Message:
    fields = [
        (t("offer.field.form"), t(f"request.form.{request.form.value}")),
        (t("offer.field.urgency"), t(f"request.urgency.{request.urgency.value}")),
        (t("offer.field.lead"), f"{person(lead)} ({organisation_of(lead)})"),
    ]
    if request.experts_wanted > 1:
        fields.append((t("offer.field.duo"), t("request.experts.2")))
    if request.share_card:  # the card summary comes along: the expert sees on what basis
        fields.append((t("delen.veld.grondslag"), basis_text(request.share_basis)))
    sections = [
        Section(
            t("offer.section.title", id=request.id, urgency=t(f"request.urgency.{request.urgency.value}")),
            t("offer.question", question=request.question) + "\n\n" + t("offer.advice_note"),
            tuple(fields),
        )
    ]
    if card is not None and request.share_card:
        sections.append(card)
    elif not request.share_card:
        sections.append(Section("", t("offer.anonymous")))
    data = {"offer": str(offer.id)}
    text = t("offer.text", code=code, lead=person(lead), expertise=expertise)
    return Message(
        f"{text}\n{note}" if note else text,
        sections=tuple(sections),
        buttons=(
            Button(t("offer.button.accept"), "offer.accept", data, "primary"),
            Button(t("offer.button.decline"), "offer.decline", data),
        ),
    )


def closed_offer_text(status: OfferStatus, request_id: int, code: str, who: str = "") -> str:
    """The text an offer post is replaced with once it can no longer be answered."""
    key = {
        OfferStatus.TAKEN: "offer.taken.update",
        OfferStatus.EXPIRED: "offer.expired.update",
        OfferStatus.WITHDRAWN: "offer.withdrawn.update",
        OfferStatus.DECLINED: "offer.declined.update",
    }[status]
    return t(key, id=request_id, code=code, who=who)


def late_answer(offer: Offer, who: str) -> str:
    """Why a click on an offer that is no longer open changes nothing (double and late clicks)."""
    return {
        OfferStatus.ACCEPTED: t("offer.late.yours"),
        OfferStatus.DECLINED: t("offer.late.declined"),
        OfferStatus.TAKEN: t("offer.late.taken", who=who),
        OfferStatus.EXPIRED: t("offer.late.expired"),
        OfferStatus.WITHDRAWN: t("offer.late.withdrawn"),
        OfferStatus.PENDING: t("offer.late.taken", who=who),
    }[offer.status]


def ranking_lines(candidates: list[Candidate]) -> str:
    return "\n".join(
        t(
            "lead.offered.line",
            rank=i,
            name=c.professional.display_name,
            organisation=c.professional.organisation.name,
            reasons="; ".join(c.reasons),
        )
        for i, c in enumerate(candidates, start=1)
    )


ESCALATION_BUTTONS = (
    ("escalation.button.claim", "escalation.claim", "primary"),
    ("escalation.button.assign", "escalation.assign", "default"),
    ("escalation.button.widen", "escalation.widen", "default"),
    ("escalation.button.close", "escalation.close", "danger"),
)


def escalation_message(
    request: HelpRequest,
    code: str,
    lead: Professional | None,
    expertise: str,
    escalation: Escalation,
    claimer: Professional | None,
    closer: Professional | None,
    detail: str = "",
    reposted: bool = False,
) -> Message:
    """The coordinators' post: what is asked (never the question), who is on it, and the next buttons."""
    text = t(
        "coordinators.escalated",
        code=code,
        id=request.id,
        expertise=expertise,
        organisation=organisations_wanted(request),
        form=t(f"request.form.{request.form.value}"),
        urgency=t(f"request.urgency.{request.urgency.value}"),
        lead=lead.username if lead else t("request.names.unknown"),
    )
    state = t(
        f"escalation.state.{escalation.status.value}",
        claimer=person(claimer),
        closer=person(closer),
        detail=detail,
    )
    if reposted:
        text = t("escalation.reposted") + "\n" + text
    buttons: tuple[Button, ...] = ()
    if escalation.open:
        data = {"escalation": str(escalation.id)}
        buttons = tuple(
            Button(t(label), action, data, style)  # type: ignore[arg-type]
            for label, action, style in ESCALATION_BUTTONS
            if not (action == "escalation.claim" and escalation.status is EscalationStatus.CLAIMED)
        )
    return Message(f"{text}\n{state}", buttons=buttons)
