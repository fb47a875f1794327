"""Use cases of erbij halen as the router calls them: the dialog, answers to offers, the rounds tick."""

from __future__ import annotations

from datetime import datetime

from commands.cases.codes import InvalidCaseCode, parse_code
from commands.cases.lifecycle import create_case
from commands.cases.model import Case, Measure
from commands.cases.sharing import SHARE_ACTION, CardShare, ShareTarget, audit_detail, basis_text
from commands.catalogue import t
from commands.errors import UserError
from commands.inbound import ActionRequest, CommandRequest, DialogSubmission
from commands.numbers import record_id
from commands.outbox import direct_message
from commands.ports import AuditEvent, UnitOfWork
from commands.registry import Context
from commands.replies import (
    ActionResult,
    Dialog,
    DialogField,
    DialogResult,
    Message,
    OpenDialog,
    Option,
    Reply,
)
from commands.requests import messages
from commands.requests.dialog import ANY_ORGANISATION, Draft, read_submission, request_dialog
from commands.requests.early import rank_early
from commands.requests.model import HelpRequest, NewOffer, Offer, OfferStatus, RequestStatus
from commands.requests.rounds import (
    RequestSettings,
    close_offer_posts,
    run_due_rounds,
    send_offers,
    start_round,
)
from commands.roster.expertise import default_vocabulary
from commands.roster.model import ExpertiseArea, Professional, Role

DECLINE_CALLBACK = "offer.decline"
DECLINE_REASONS = ("geen_capaciteit", "andere_expertise", "hoort_bij_collega", "anders")
ACCESS_POINT = "/erbij"


class RequestHandlers:
    def __init__(self, settings: RequestSettings) -> None:
        self.settings = settings

    # --- asking ------------------------------------------------------------------------------------------
    def ask(self, ctx: Context, req: CommandRequest) -> OpenDialog | Reply:
        """`/erbij` or `/erbij <code>`: open the dialog (prefilled with the code when given)."""
        code = ""
        if req.sub:
            try:
                code = parse_code(req.words[0])
            except InvalidCaseCode:
                return Reply.text(t("general.unknown_sub", command=req.command, sub=req.sub))
        with ctx.uow() as uow:
            lead = _lead(uow, req.user_id)
            areas = _areas(uow)
            if code:
                case = uow.cases.by_code(code)
                if case is None or case.lead_id != req.user_id:
                    # Same answer for an unknown code and someone else's case: existence stays private.
                    return Reply.text(t("request.error.not_lead", code=code))
                if case.closed:
                    return Reply.text(t("request.error.case_closed", code=code))
        return OpenDialog(request_dialog(areas, sorted(lead.municipalities), code))

    def again(self, ctx: Context, action: ActionRequest) -> ActionResult:
        """*Opnieuw erbij halen* after a check-out: the dialog prefilled as before, the same expert first."""
        with ctx.uow() as uow:
            case = uow.cases.by_id(int(action.data.get("case", "0") or 0))
            code = case.code if case else "?"
            if case is None or case.lead_id != action.user_id:
                return ActionResult(ephemeral=t("request.error.not_lead", code=code))
            if case.closed:
                return ActionResult(ephemeral=t("request.error.case_closed", code=code))
            lead = _lead(uow, action.user_id)
            areas = _areas(uow)
            expert = uow.roster.professional(action.data.get("expert", ""))
            earlier = uow.requests.get(int(action.data.get("request", "0") or 0))
        defaults = {}
        if earlier is not None and earlier.case_id == case.id:
            kinds = sorted(earlier.organisation_kinds)
            defaults = {
                "expertise": earlier.expertise,
                "form": earlier.form.value,
                "organisation": kinds[0].value if len(kinds) == 1 else ANY_ORGANISATION,
            }
        intro = t("request.again.intro", name=messages.person(expert))
        basis = earlier.share_basis if earlier is not None and earlier.case_id == case.id else None
        return ActionResult(
            open_dialog=request_dialog(areas, sorted(lead.municipalities), case.code, defaults, intro, basis)
        )

    def submit(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        now = ctx.clock.now()
        ranked = rank_early(ctx, submission, now, self.settings)  # the slow part, before the write lock
        with ctx.uow() as uow:
            lead = _lead(uow, submission.user_id)
            areas = _areas(uow)
            draft = read_submission(submission.submission, areas, sorted(lead.municipalities))
            if isinstance(draft, dict):
                return DialogResult(field_errors=draft)
            case = self._case(uow, draft, lead, now, ctx.config.case_code_prefix)
            first_round_at = self.settings.policy.first_round_at(now, draft.urgency, self.settings.calendar)
            request = uow.requests.add(draft.request(case.id, lead.user_id, now, first_round_at))
            uow.audit.record(
                AuditEvent(
                    now,
                    lead.user_id,
                    "erbij.vragen",
                    case.code,
                    authorisation="regiehouder",
                    access_point=ACCESS_POINT,
                    detail={"verzoek": str(request.id)},
                )
            )
            if first_round_at <= now:
                uow.requests.claim_round(request.id, 0, None)
                start_round(uow, request, case, now, self.settings, ctx.presence, ranked)
            else:
                uow.outbox.add(
                    direct_message(
                        f"request:{request.id}:waiting",
                        lead.user_id,
                        t(
                            "lead.waiting",
                            id=request.id,
                            code=case.code,
                            when=messages.when(first_round_at, self.settings.calendar.zone),
                        ),
                    ),
                    now,
                )
            uow.commit()
        return DialogResult()

    def _case(self, uow: UnitOfWork, draft: Draft, lead: Professional, now: datetime, prefix: str) -> Case:
        if not draft.case_text:
            # "nieuw": a new case gets the region's prefix, as with `/kaart nieuw`.
            assert draft.framework is not None, "read_submission asks a new case's framework"
            return create_case(
                uow, lead, draft.municipality, now, access_point=ACCESS_POINT, prefix=prefix,
                framework=draft.framework, measure=draft.measure or Measure(),
            )  # fmt: skip
        try:
            code = parse_code(draft.case_text)
        except InvalidCaseCode:
            raise UserError(t("kaart.code_ongeldig", code=draft.case_text[:40]), field="case") from None
        case = uow.cases.by_code(code)
        if case is None or case.lead_id != lead.user_id:
            raise UserError(t("request.error.not_lead", code=code), field="case")
        if case.closed:
            raise UserError(t("request.error.case_closed", code=code), field="case")
        return case

    # --- answering an offer -----------------------------------------------------------------------------
    def accept(self, ctx: Context, action: ActionRequest) -> ActionResult:
        now = ctx.clock.now()
        offer_id = record_id(action.data.get("offer", "")) or 0
        with ctx.uow() as uow:
            offer = uow.requests.offer(offer_id)
            if offer is None or offer.expert_id != action.user_id:
                return ActionResult(ephemeral=t("offer.not_yours"))
            request = uow.requests.get(offer.request_id)
            case = uow.cases.by_id(request.case_id) if request else None
            if request is None or case is None:
                return ActionResult(ephemeral=t("offer.not_yours"))
            if case.closed:
                return ActionResult(
                    update=Message(messages.closed_offer_text(OfferStatus.WITHDRAWN, request.id, case.code)),
                    ephemeral=t("offer.late.case_closed", code=case.code),
                )
            # The request row first, then the offer: every accept takes its locks in the same order, so
            # simultaneous clicks queue on the request instead of deadlocking on each other's offers.
            accepted = uow.requests.claim_slot(request.id)
            if accepted is None or not uow.requests.answer_offer(
                offer.id, action.user_id, OfferStatus.ACCEPTED, now
            ):
                uow.rollback()
                return self._late(ctx, offer.id, request.id, case.code)
            expert = uow.roster.professional(action.user_id)
            if expert is None or not expert.active:
                uow.rollback()
                return ActionResult(ephemeral=t("general.not_registered"))
            # The lead *now*: the case may have been handed over since the request was made.
            lead = uow.roster.professional(case.lead_id)
            involvement = uow.cases.start_involvement(
                case.id,
                action.user_id,
                expert.organisation.kind,
                now,
                request.id,
                card_access=request.share_card,
            )
            if request.share_card:
                _record_share(uow, request, case, expert, now)
            # "Zo lang als nodig" is asked again after N weeks (the check-in tick).
            uow.requests.schedule_checkin(involvement.id, self.settings.policy.next_checkin(now))
            if accepted >= request.experts_wanted:
                uow.requests.set_status(request.id, RequestStatus.MATCHED.value, now)
                taken = uow.requests.close_pending_offers(request.id, OfferStatus.TAKEN, now)
                close_offer_posts(uow, taken, OfferStatus.TAKEN, case.code, now, _names(uow, request.id))
            remaining = request.experts_wanted - accepted
            uow.outbox.add(
                direct_message(
                    f"{offer.message_key}:accepted:lead",
                    case.lead_id,
                    t(
                        "lead.accepted",
                        name=messages.person(expert),
                        organisation=messages.organisation_of(expert),
                        id=request.id,
                        code=case.code,
                        username=expert.username,
                        remaining=t("lead.accepted.remaining", count=remaining) if remaining else "",
                    ),
                ),
                now,
            )
            uow.audit.record(
                AuditEvent(
                    now,
                    action.user_id,
                    "aanschuiven",
                    case.code,
                    authorisation="betrokken_expert",
                    access_point="knop",
                    detail={"verzoek": str(request.id)},
                )
            )
            uow.commit()
        lead_name = messages.person(lead)
        lead_username = lead.username if lead else case.lead_id
        key = "offer.accepted.ephemeral" if request.share_card else "offer.accepted.ephemeral.anonymous"
        ephemeral = t(key, lead=lead_name, lead_username=lead_username, code=case.code)
        if request.share_card:  # she handles the card knowing why she may see it
            ephemeral += "\n" + t("delen.expert.grondslag", basis=basis_text(request.share_basis))
        return ActionResult(
            update=Message(t("offer.accepted.update", code=case.code, lead=lead_username)),
            ephemeral=ephemeral,
        )

    def _late(self, ctx: Context, offer_id: int, request_id: int, code: str) -> ActionResult:
        with ctx.uow() as uow:
            offer = uow.requests.offer(offer_id)
            who = _names(uow, request_id)
        assert offer is not None
        status = offer.status
        update = None
        if status is not OfferStatus.PENDING and status is not OfferStatus.ACCEPTED:
            update = Message(messages.closed_offer_text(status, request_id, code, who))
        return ActionResult(update=update, ephemeral=messages.late_answer(offer, who))

    def decline(self, ctx: Context, action: ActionRequest) -> ActionResult:
        """Ask for an optional reason first; the offer is declined when the dialog is sent."""
        offer_id = action.data.get("offer", "")
        with ctx.uow() as uow:
            offer = uow.requests.offer(record_id(offer_id or "") or 0)
            if offer is None or offer.expert_id != action.user_id:
                return ActionResult(ephemeral=t("offer.not_yours"))
            if offer.status is not OfferStatus.PENDING:
                return ActionResult(ephemeral=messages.late_answer(offer, _names(uow, offer.request_id)))
        reasons = tuple(Option(t(f"offer.decline.reason.{r}"), r) for r in DECLINE_REASONS)
        return ActionResult(
            open_dialog=Dialog(
                callback=DECLINE_CALLBACK,
                title=t("offer.decline.title"),
                introduction=t("offer.decline.intro"),
                fields=(
                    DialogField(
                        "reason", t("offer.decline.reason"), kind="select", options=reasons, optional=True
                    ),
                    DialogField(
                        "colleague",
                        t("offer.forward.field"),
                        kind="select",
                        data_source="users",
                        optional=True,
                        help=t("offer.forward.help"),
                        free_text=False,
                    ),
                ),
                submit_label=t("offer.decline.submit"),
                state={"offer": offer_id, "post": action.post_id},
            )
        )

    def submit_decline(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        now = ctx.clock.now()
        reason = str(submission.submission.get("reason") or "")
        if reason and reason not in DECLINE_REASONS:
            return DialogResult(field_errors={"reason": t("request.error.choose")})
        colleague_id = str(submission.submission.get("colleague") or "")
        if colleague_id:
            reason = "hoort_bij_collega"
        with ctx.uow() as uow:
            offer = uow.requests.offer(record_id(submission.state.get("offer", "")) or 0)
            if offer is None or offer.expert_id != submission.user_id:
                raise UserError(t("offer.not_yours"))
            colleague = _colleague(uow, colleague_id, submission.user_id) if colleague_id else None
            uow.requests.lock(offer.request_id)
            request = uow.requests.get(offer.request_id)
            assert request is not None
            case = uow.cases.by_id(request.case_id)
            code = case.code if case else "?"
            if not uow.requests.answer_offer(offer.id, submission.user_id, OfferStatus.DECLINED, now, reason):
                raise UserError(messages.late_answer(offer, _names(uow, offer.request_id)))
            close_offer_posts(uow, [offer], OfferStatus.DECLINED, code, now)
            if colleague is not None and case is not None and request.status is RequestStatus.OPEN:
                self._forward(uow, request, case, offer, colleague, now)
            pending = [o for o in uow.requests.offers_for(request.id) if o.status is OfferStatus.PENDING]
            if not pending and request.status is RequestStatus.OPEN:
                # Nobody left in this round: move on at the next tick instead of waiting for the deadline.
                uow.requests.set_round_due(request.id, now)
            uow.commit()
        return DialogResult()

    def _forward(
        self,
        uow: UnitOfWork,
        request: HelpRequest,
        case: Case,
        offer: Offer,
        colleague: Professional,
        now: datetime,
    ) -> None:
        """The colleague gets the same request, in the same round: one request to the lead and the monitor."""
        me = uow.roster.professional(offer.expert_id)
        if any(o.expert_id == colleague.user_id and o.status is OfferStatus.PENDING
               for o in uow.requests.offers_for(request.id)):  # fmt: skip
            return  # she has it already
        forwarded = uow.requests.offer_again(
            NewOffer(
                request.id,
                colleague.user_id,
                offer.round,
                offer.rank,
                (t("match.reason.forwarded", name=messages.person(me)),),
                now,
                forwarded_by=offer.expert_id,
            )
        )
        send_offers(uow, request, case, [forwarded], now, t("offer.forwarded_note", name=messages.person(me)))
        uow.outbox.add(
            direct_message(
                f"{forwarded.message_key}:forwarded:lead",
                case.lead_id,
                t(
                    "lead.forwarded",
                    name=messages.person(me),
                    colleague=messages.person(colleague),
                    organisation=messages.organisation_of(colleague),
                    id=request.id,
                    code=case.code,
                ),
            ),
            now,
        )

    # --- the scheduler -----------------------------------------------------------------------------------
    def tick(self, ctx: Context, now: datetime) -> int:
        return run_due_rounds(ctx.uow, now, self.settings, ctx.presence)


def _record_share(
    uow: UnitOfWork, request: HelpRequest, case: Case, expert: Professional, now: datetime
) -> None:
    """The card goes to the expert who picked up: recorded with the basis the lead gave when she asked
    (none for a request from before the basis was asked; it shows as such, never as a guess)."""
    share = uow.cases.add_share(
        CardShare(
            case_id=case.id,
            target=ShareTarget.EXPERT,
            basis=request.share_basis,
            shared_by=request.asked_by,
            shared_at=now,
            expert_id=expert.user_id,
            organisation_kind=expert.organisation.kind,
            help_request_id=request.id,
        )
    )
    uow.audit.record(
        AuditEvent(
            now, request.asked_by, SHARE_ACTION, case.code, authorisation="regiehouder",
            access_point=ACCESS_POINT, detail=audit_detail(share),
        )
    )  # fmt: skip


def _lead(uow: UnitOfWork, user_id: str) -> Professional:
    professional = uow.roster.professional(user_id)
    if professional is None or not professional.active:
        raise UserError(t("general.not_registered"))
    if Role.LEAD not in professional.roles:
        raise UserError(t("request.error.not_a_lead"))
    return professional


def _colleague(uow: UnitOfWork, user_id: str, me: str) -> Professional:
    """Whom an expert forwards an offer to: an active expert of the roster, not herself."""
    colleague = uow.roster.professional(user_id)
    if colleague is None or not colleague.active or Role.EXPERT not in colleague.roles:
        raise UserError(t("offer.forward.not_expert"), field="colleague")
    if colleague.user_id == me:
        raise UserError(t("offer.forward.self"), field="colleague")
    return colleague


def _areas(uow: UnitOfWork) -> list[ExpertiseArea]:
    return list(uow.roster.expertise_areas()) or list(default_vocabulary())


def _names(uow: UnitOfWork, request_id: int) -> str:
    """Who picked up a request, for the other experts' offer posts ("al opgepakt door …")."""
    accepted = [o for o in uow.requests.offers_for(request_id) if o.status is OfferStatus.ACCEPTED]
    people = [uow.roster.professional(o.expert_id) for o in accepted]
    return t("request.names.and").join(
        f"{messages.person(p)} ({messages.organisation_of(p)})" for p in people
    ) or t("request.names.unknown")
