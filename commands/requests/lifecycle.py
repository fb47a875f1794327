"""After the match: status, withdrawing a request, and checking out of a case (by the expert or the lead)."""

from __future__ import annotations

from datetime import datetime

from commands.cases import feed
from commands.cases.card import CardVersion, VersionInfo
from commands.cases.codes import InvalidCaseCode, parse_code
from commands.cases.editing import CardRuleBroken
from commands.cases.fields import label
from commands.cases.form import Form
from commands.cases.model import Case, EndReason
from commands.catalogue import t
from commands.errors import UserError
from commands.inbound import CommandRequest, DialogSubmission
from commands.monitor.family import family_field, read_family
from commands.monitor.model import FamilyAnswer
from commands.numbers import record_id
from commands.outbox import direct_message
from commands.ports import AuditEvent, UnitOfWork
from commands.registry import ERBIJ, Context
from commands.replies import Button, Dialog, DialogField, DialogResult, Message, OpenDialog, Option, Reply
from commands.requests import handback, messages
from commands.requests.escalations import close_for_request
from commands.requests.model import EscalationStatus, OfferStatus, RequestStatus
from commands.requests.rounds import RequestSettings, close_offer_posts
from commands.requests.status import Forecasts, status_text
from commands.roster.model import OrganisationKind

CHECKOUT_CALLBACK = "involvement.checkout"
CHECKOUT_ACCESS_POINT = f"/{ERBIJ} uitchecken"
CHECKOUT_REASONS = (
    EndReason.SAFETY_RESTORED,
    EndReason.GOAL_REACHED,
    EndReason.HANDED_OVER,
    EndReason.NO_ROLE,
)


class RequestLifecycle:
    def __init__(self, settings: RequestSettings) -> None:
        self.settings = settings
        self.forecasts = Forecasts()  # who each request's next round would ask, kept a minute

    def status(self, ctx: Context, req: CommandRequest) -> Reply:
        only_code = _code(req.rest) if req.rest else None
        with ctx.uow.read() as uow:
            text = status_text(uow, req.user_id, only_code, ctx.clock.now(), self.settings, self.forecasts)
        return Reply.text(text)

    def withdraw(self, ctx: Context, req: CommandRequest) -> Reply:
        raw = req.rest.strip().lstrip("#")
        request_id = record_id(raw)
        if request_id is None:
            return Reply.text(t("withdraw.usage"))
        now = ctx.clock.now()
        with ctx.uow() as uow:
            request = uow.requests.get(request_id)
            case = uow.cases.by_id(request.case_id) if request else None
            # Only the case's current lead may withdraw (after a handover, the new one); others learn nothing.
            if request is None or case is None or req.user_id != case.lead_id:
                return Reply.text(t("withdraw.unknown", id=request_id))
            withdrawn = RequestStatus.WITHDRAWN.value
            if uow.requests.set_status(request.id, withdrawn, now, expected=RequestStatus.ESCALATED.value):
                # The coordinators were looking for someone: their post says the search is over.
                ended = EscalationStatus.WITHDRAWN
                close_for_request(uow, request.id, ended, req.user_id, now, self.settings)
            elif not uow.requests.set_status(request.id, withdrawn, now):
                return Reply.text(
                    t("withdraw.not_open", id=request_id, status=t(f"request.status.{request.status.value}"))
                )
            pending = uow.requests.close_pending_offers(request.id, OfferStatus.WITHDRAWN, now)
            close_offer_posts(uow, pending, OfferStatus.WITHDRAWN, case.code, now)
            uow.audit.record(
                AuditEvent(
                    now,
                    req.user_id,
                    "erbij.intrekken",
                    case.code,
                    authorisation="regiehouder",
                    access_point="/erbij intrekken",
                    detail={"verzoek": str(request.id)},
                )
            )
            uow.commit()
        return Reply.text(t("withdraw.done", id=request_id, count=len(pending)))

    def checkout(self, ctx: Context, req: CommandRequest) -> OpenDialog | Reply:
        if not req.rest:
            return Reply.text(t("checkout.usage"))
        code = _code(req.rest.split()[0])
        with ctx.uow() as uow:
            case = uow.cases.by_code(code)
            active = uow.cases.active_for_case(case.id) if case else []
            if case is not None and case.lead_id == req.user_id:
                choices = [(i, uow.roster.professional(i.expert_id)) for i in active]
            else:
                choices = [(i, None) for i in active if i.expert_id == req.user_id]
        if case is None or not choices:
            return Reply.text(t("checkout.none", code=code))
        fields = []
        if case.lead_id == req.user_id:
            fields.append(
                DialogField(
                    "involvement",
                    t("checkout.field.expert"),
                    kind="select",
                    options=tuple(
                        Option(f"{messages.person(p)} ({messages.organisation_of(p)})", str(i.id))
                        for i, p in choices
                    ),
                    default=str(choices[0][0].id) if len(choices) == 1 else "",
                )
            )
        fields.append(
            DialogField(
                "reason",
                t("checkout.field.reason"),
                kind="radio",
                options=tuple(Option(label(r), r.value) for r in CHECKOUT_REASONS),
            )
        )
        fields.extend(handback.fields())
        if case.lead_id == req.user_id:
            fields.append(family_field())  # the lead asks the family (monitor, issue 10)
        state = {"case": str(case.id)}
        if case.lead_id != req.user_id:
            state["involvement"] = str(choices[0][0].id)
        return OpenDialog(
            Dialog(
                callback=CHECKOUT_CALLBACK,
                title=t("checkout.title"),
                introduction=t("checkout.intro"),
                fields=tuple(fields),
                submit_label=t("checkout.submit"),
                state=state,
            )
        )

    def submit_checkout(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        now = ctx.clock.now()
        raw_reason = str(submission.submission.get("reason") or "")
        try:
            reason = EndReason(raw_reason)
        except ValueError:
            return DialogResult(field_errors={"reason": t("request.error.choose")})
        involvement_id = submission.state.get("involvement") or str(
            submission.submission.get("involvement") or ""
        )
        form = Form(submission.submission)
        handed_back = handback.Handback(
            form.lines("agreements", max_items=handback.MAX_AGREEMENTS, max_length=handback.AGREEMENT_MAX),
            form.text("watch", max_length=handback.WATCH_MAX, required=False),
        )
        family = read_family(submission.submission)
        if isinstance(family, dict):
            form.errors.update(family)
        if form.errors:
            return DialogResult(field_errors=dict(form.errors))
        with ctx.uow() as uow:
            case = uow.cases.by_id(record_id(submission.state.get("case", "")) or 0)
            active = {str(i.id): i for i in uow.cases.active_for_case(case.id)} if case else {}
            involvement = active.get(involvement_id)
            if case is None or involvement is None:
                raise UserError(t("checkout.none", code=case.code if case else "?"))
            by_lead = submission.user_id == case.lead_id
            if not by_lead and involvement.expert_id != submission.user_id:
                raise UserError(t("checkout.none", code=case.code))
            uow.cases.end_involvement(involvement.id, now, reason)
            if by_lead and isinstance(family, FamilyAnswer):
                uow.monitor.record_checkout_answer(involvement.id, family)
            uow.requests.schedule_checkin(involvement.id, None)  # no more "still needed?" questions
            expert = uow.roster.professional(involvement.expert_id)
            if not handed_back.empty and (by_lead or involvement.card_access):
                _hand_back(uow, case, involvement.organisation_kind, messages.person(expert), handed_back,
                           submission.user_id, now, self.settings)  # fmt: skip
            lead = uow.roster.professional(case.lead_id)
            values = {
                "code": case.code,
                "reason": label(reason).lower(),
                "name": messages.person(expert),
                "organisation": messages.organisation_of(expert),
                "lead": messages.person(lead),
            }
            # Both sides hear of it: the one who did it privately, the other by DM.
            notices = [
                (case.lead_id, "checkout.notice.to_lead" if not by_lead else "checkout.done.lead"),
                (
                    involvement.expert_id,
                    "checkout.done.expert" if not by_lead else "checkout.notice.to_expert",
                ),
            ]
            again = Button(
                t("request.again.button"),
                "request.again",
                {
                    "case": str(case.id),
                    "expert": involvement.expert_id,
                    "request": str(involvement.help_request_id or ""),
                },
            )
            for user_id, key in notices:
                buttons = (again,) if user_id == case.lead_id else ()
                extra = handback.lead_lines(handed_back) if user_id == case.lead_id else ""
                uow.outbox.add(
                    direct_message(
                        f"involvement:{involvement.id}:checkout:{user_id}",
                        user_id,
                        Message(t(key, **values) + extra, buttons=buttons),
                    ),
                    now,
                )
            uow.audit.record(
                AuditEvent(
                    now,
                    submission.user_id,
                    "uitchecken",
                    case.code,
                    authorisation="regiehouder" if by_lead else "betrokken_expert",
                    access_point=CHECKOUT_ACCESS_POINT,
                    detail={"expert": involvement.expert_id, "reden": reason.value},
                )
            )
            uow.commit()
        return DialogResult()


def _hand_back(
    uow: UnitOfWork,
    case: Case,
    kind: OrganisationKind,
    expert_name: str,
    handed_back: handback.Handback,
    author_id: str,
    now: datetime,
    settings: RequestSettings,
) -> None:
    """The agreements that keep running become a new card version whose history names the check-out."""
    current = uow.cases.latest_card(case.id)
    try:
        edit = handback.handback_edit(
            current.card, handed_back, expert_name, kind, settings.calendar.local(now).date()
        )
    except CardRuleBroken as err:
        raise UserError(t(err.key, **err.values), field="agreements") from None
    number = current.info.number + 1
    day = settings.calendar.local(now).date()
    origin = feed.source(handback.PART, kind.value, day)  # the history says where these came from
    uow.cases.append_version(
        case.id,
        CardVersion(VersionInfo(number, now, author_id, handback.PART, edit.changes, origin), edit.card),
    )
    detail = {"onderdeel": handback.PART, "versie": str(number)}
    uow.audit.record(
        AuditEvent(now, author_id, "kaart.wijzigen", case.code, authorisation="uitchecken",
                   access_point=CHECKOUT_ACCESS_POINT, detail=detail)
    )  # fmt: skip


def _code(text: str) -> str:
    try:
        return parse_code(text.strip())
    except InvalidCaseCode:
        raise UserError(t("kaart.code_ongeldig", code=text.strip()[:40])) from None
