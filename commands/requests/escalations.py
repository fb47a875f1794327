"""Escalations with hands: the coordinators' buttons on an escalated request, and the next-morning re-post.

*Ik zoek iemand* claims the escalation (a conditional update: of two coordinators clicking at once, one
wins). *Toewijzen* offers the request to an expert a coordinator picks, *Breder uitzetten* runs matching
again on a wider search, *Niet meer nodig* ends it. Every step updates the post in place (through the
outbox) and tells the lead by DM; only coordinators may click.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from commands.cases.fields import label
from commands.cases.model import Case
from commands.catalogue import t
from commands.errors import UserError
from commands.inbound import ActionRequest, DialogSubmission
from commands.outbox import channel_message, direct_message
from commands.ports import AuditEvent, UnitOfWork, UnitOfWorkFactory
from commands.registry import Context
from commands.replies import ActionResult, Dialog, DialogField, DialogResult, Option
from commands.requests import messages
from commands.requests.dialog import ANY_ORGANISATION, ORGANISATIONS
from commands.requests.model import (
    Escalation,
    EscalationStatus,
    HelpRequest,
    NewOffer,
    RequestStatus,
    Widening,
)
from commands.requests.rounds import (
    RequestSettings,
    candidates_for,
    escalation_post,
    send_offers,
    start_round,
)
from commands.roster.expertise import default_vocabulary
from commands.roster.expertise import label as expertise_label
from commands.roster.model import OrganisationKind, Professional, Role

ASSIGN_CALLBACK = "escalation.assign"
WIDEN_CALLBACK = "escalation.widen"
ACCESS_POINT = "coordinatiekanaal"
MAX_CHOICES = 100  # a select stays usable; the best candidates come first
REASONS_IN_OPTION = 120


@dataclass(frozen=True)
class Loaded:
    escalation: Escalation
    request: HelpRequest
    case: Case


class EscalationHandlers:
    def __init__(self, settings: RequestSettings) -> None:
        self.settings = settings

    # --- the buttons -------------------------------------------------------------------------------------
    def claim(self, ctx: Context, action: ActionRequest) -> ActionResult:
        now = ctx.clock.now()
        with ctx.uow() as uow:
            me = _coordinator(uow, action.user_id)
            loaded = _load(uow, action.data.get("escalation", ""))
            if not loaded.escalation.open:
                return ActionResult(ephemeral=t("escalation.closed"))
            if not uow.requests.claim_escalation(loaded.escalation.id, me.user_id, now):
                uow.rollback()
                return ActionResult(ephemeral=_taken(ctx, loaded.escalation.id))
            _audit(uow, now, me, loaded, "escalatie.oppakken")
            self._step(uow, loaded, now, "escalation.lead.claimed", name=messages.person(me))
            uow.commit()
        return ActionResult(ephemeral=t("escalation.claim.done", code=loaded.case.code, id=loaded.request.id))

    def assign(self, ctx: Context, action: ActionRequest) -> ActionResult:
        now = ctx.clock.now()
        with ctx.uow() as uow:
            _coordinator(uow, action.user_id)
            loaded = _load(uow, action.data.get("escalation", ""))
            if not loaded.escalation.open:
                return ActionResult(ephemeral=t("escalation.closed"))
            candidates = candidates_for(
                uow, loaded.request, loaded.case, now, self.settings, MAX_CHOICES, ctx.presence
            )
            options = [
                Option(_option_label(c.professional, "; ".join(c.reasons)), c.professional.user_id)
                for c in candidates
            ]
            offered = {c.professional.user_id for c in candidates}
            for expert in uow.roster.active_experts():
                if len(options) >= MAX_CHOICES:
                    break
                if expert.user_id not in offered and Role.EXPERT in expert.roles:
                    options.append(
                        Option(_option_label(expert, t("escalation.assign.roster")), expert.user_id)
                    )
        if not options:
            return ActionResult(ephemeral=t("escalation.assign.nobody"))
        return ActionResult(
            open_dialog=Dialog(
                callback=ASSIGN_CALLBACK,
                title=t("escalation.assign.title"),
                introduction=t("escalation.assign.intro", code=loaded.case.code, id=loaded.request.id),
                fields=(
                    DialogField(
                        "expert", t("escalation.assign.field"), kind="select", options=tuple(options)
                    ),
                ),
                submit_label=t("escalation.assign.submit"),
                state={"escalation": str(loaded.escalation.id)},
            )
        )

    def widen(self, ctx: Context, action: ActionRequest) -> ActionResult:
        with ctx.uow() as uow:
            _coordinator(uow, action.user_id)
            loaded = _load(uow, action.data.get("escalation", ""))
            if not loaded.escalation.open:
                return ActionResult(ephemeral=t("escalation.closed"))
            areas = list(uow.roster.expertise_areas()) or list(default_vocabulary())
        request = loaded.request
        kinds = sorted(request.organisation_kinds)
        return ActionResult(
            open_dialog=Dialog(
                callback=WIDEN_CALLBACK,
                title=t("escalation.widen.title"),
                introduction=t("escalation.widen.intro", code=loaded.case.code, id=request.id),
                fields=(
                    DialogField(
                        "organisation",
                        t("request.field.organisation"),
                        kind="select",
                        options=(
                            *(Option(label(k), k.value) for k in ORGANISATIONS),
                            Option(t("request.org.any"), ANY_ORGANISATION),
                        ),
                        default=kinds[0].value if len(kinds) == 1 else ANY_ORGANISATION,
                    ),
                    DialogField(
                        "expertise",
                        t("request.field.expertise"),
                        kind="select",
                        options=tuple(Option(a.label, a.key) for a in areas),
                        default=request.expertise,
                    ),
                    DialogField(
                        "region",
                        t("escalation.widen.region"),
                        kind="bool",
                        default="true" if request.region_wide else "false",
                        help=t("escalation.widen.region.help"),
                        optional=True,
                    ),
                ),
                submit_label=t("escalation.widen.submit"),
                state={"escalation": str(loaded.escalation.id)},
            )
        )

    def close(self, ctx: Context, action: ActionRequest) -> ActionResult:
        now = ctx.clock.now()
        with ctx.uow() as uow:
            me = _coordinator(uow, action.user_id)
            loaded = _load(uow, action.data.get("escalation", ""), lock=True)
            request = loaded.request
            if not loaded.escalation.open or not uow.requests.set_status(
                request.id, RequestStatus.WITHDRAWN.value, now, expected=RequestStatus.ESCALATED.value
            ):
                uow.rollback()
                return ActionResult(ephemeral=t("escalation.closed"))
            uow.requests.close_escalation(loaded.escalation.id, EscalationStatus.NOT_NEEDED, me.user_id, now)
            _audit(uow, now, me, loaded, "escalatie.niet_nodig")
            self._step(uow, loaded, now, "escalation.lead.not_needed", name=messages.person(me))
            uow.commit()
        return ActionResult(ephemeral=t("escalation.close.done", id=request.id))

    # --- the dialogs -------------------------------------------------------------------------------------
    def submit_assign(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        now = ctx.clock.now()
        with ctx.uow() as uow:
            me = _coordinator(uow, submission.user_id)
            expert = uow.roster.professional(str(submission.submission.get("expert") or ""))
            if expert is None or not expert.active or Role.EXPERT not in expert.roles:
                return DialogResult(field_errors={"expert": t("request.error.choose")})
            loaded = _load(uow, submission.state.get("escalation", ""), lock=True)
            request = loaded.request
            if not loaded.escalation.open or not uow.requests.reopen(request.id):
                raise UserError(t("escalation.closed"))
            uow.requests.close_escalation(loaded.escalation.id, EscalationStatus.ASSIGNED, me.user_id, now)
            uow.requests.claim_round(request.id, request.round, None)
            offer = uow.requests.offer_again(
                NewOffer(
                    request.id,
                    expert.user_id,
                    request.round + 1,
                    1,
                    (t("match.reason.assigned", name=messages.person(me)),),
                    now,
                    assigned_by=me.user_id,
                )
            )
            uow.requests.set_round_due(
                request.id, self.settings.policy.round_deadline(now, request.urgency, self.settings.calendar)
            )
            fresh = uow.requests.get(request.id)
            assert fresh is not None
            note = t("offer.assigned_note", name=messages.person(me))
            send_offers(uow, fresh, loaded.case, [offer], now, note)
            _audit(uow, now, me, loaded, "escalatie.toewijzen", aan=expert.user_id)
            self._step(
                uow,
                loaded,
                now,
                "escalation.lead.assigned",
                detail=messages.person(expert),
                name=messages.person(me),
                expert=messages.person(expert),
                organisation=messages.organisation_of(expert),
            )
            uow.commit()
        return DialogResult()

    def submit_widen(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        now = ctx.clock.now()
        values = submission.submission
        organisation = str(values.get("organisation") or ANY_ORGANISATION)
        kinds: frozenset[OrganisationKind] = frozenset()
        if organisation != ANY_ORGANISATION:
            if organisation not in {k.value for k in ORGANISATIONS}:
                return DialogResult(field_errors={"organisation": t("request.error.choose")})
            kinds = frozenset({OrganisationKind(organisation)})
        region = values.get("region") in (True, "true", "True", "1")
        with ctx.uow() as uow:
            me = _coordinator(uow, submission.user_id)
            areas = list(uow.roster.expertise_areas()) or list(default_vocabulary())
            expertise = str(values.get("expertise") or "")
            if expertise not in {a.key for a in areas}:
                return DialogResult(field_errors={"expertise": t("request.error.choose")})
            loaded = _load(uow, submission.state.get("escalation", ""), lock=True)
            request = loaded.request
            widening = Widening(expertise, kinds, region or request.region_wide)
            if not loaded.escalation.open or not uow.requests.reopen(request.id, widening):
                raise UserError(t("escalation.closed"))
            uow.requests.close_escalation(loaded.escalation.id, EscalationStatus.WIDENED, me.user_id, now)
            what = t(
                "escalation.widened.what",
                expertise=expertise_label(expertise, areas),
                organisation=", ".join(label(k) for k in sorted(kinds)) or t("request.org.any"),
                region=t("escalation.widened.region") if widening.region_wide else "",
            )
            _audit(uow, now, me, loaded, "escalatie.breder")
            self._step(
                uow, loaded, now, "escalation.lead.widened", detail=what, name=messages.person(me), what=what
            )
            uow.requests.claim_round(request.id, request.round, None)
            fresh = uow.requests.get(request.id)
            assert fresh is not None
            start_round(uow, fresh, loaded.case, now, self.settings, ctx.presence)
            uow.commit()
        return DialogResult()

    # --- the tick ----------------------------------------------------------------------------------------
    def tick(self, ctx: Context, now: datetime) -> int:
        return repost_unclaimed(ctx.uow, now, self.settings)

    # --- helpers ------------------------------------------------------------------------------------------
    def _step(
        self, uow: UnitOfWork, loaded: Loaded, now: datetime, lead_key: str, detail: str = "", **values: str
    ) -> None:
        """Update the post in place and tell the lead what happened, in the caller's transaction."""
        update_post(uow, loaded.escalation.id, now, self.settings, detail)
        version = uow.requests.next_escalation_version(loaded.escalation.id)
        uow.outbox.add(
            direct_message(
                f"escalation:{loaded.escalation.id}:lead:{version}",
                loaded.case.lead_id,
                t(lead_key, id=loaded.request.id, code=loaded.case.code, **values),
            ),
            now,
        )


def update_post(
    uow: UnitOfWork, escalation_id: int, now: datetime, settings: RequestSettings, detail: str = ""
) -> None:
    """Re-render the coordinators' post as it stands now and replace it (the outbox keeps the order)."""
    escalation = uow.requests.escalation(escalation_id)
    assert escalation is not None
    request = uow.requests.get(escalation.request_id)
    case = uow.cases.by_id(request.case_id) if request else None
    assert request is not None and case is not None
    version = uow.requests.next_escalation_version(escalation.id)
    uow.outbox.add(
        channel_message(
            f"escalation:{escalation.id}:v{version}",
            settings.coordinators_channel,
            escalation_post(uow, request, case, escalation, detail),
            replaces=escalation.post_key,
        ),
        now,
    )


def close_for_request(
    uow: UnitOfWork,
    request_id: int,
    status: EscalationStatus,
    by: str | None,
    now: datetime,
    settings: RequestSettings,
) -> None:
    """The request ended elsewhere (the lead withdrew it): its open escalation ends too, visibly."""
    for escalation in uow.requests.escalations_for(request_id):
        if escalation.open and uow.requests.close_escalation(escalation.id, status, by, now):
            update_post(uow, escalation.id, now, settings)


def repost_unclaimed(
    factory: UnitOfWorkFactory, now: datetime, settings: RequestSettings, limit: int = 50
) -> int:
    """Post every escalation nobody claimed once more, the next working morning; exactly once.

    `claim_repost` is a conditional update that clears the due time, so a restart or a second bot process
    never posts it twice; the old post loses its buttons and points to the new one.
    """
    with factory() as uow:
        due = uow.requests.due_reposts(now, limit)
    done = 0
    for escalation in due:
        with factory() as uow:
            request = uow.requests.get(escalation.request_id)
            case = uow.cases.by_id(request.case_id) if request else None
            assert request is not None and case is not None
            if case.closed:
                # The family's case ended meanwhile: the search ends too, visibly, instead of a re-post
                # (both changes are conditional, so a second process changes nothing).
                uow.requests.set_status(
                    request.id, RequestStatus.WITHDRAWN.value, now, expected=RequestStatus.ESCALATED.value
                )
                close_for_request(uow, request.id, EscalationStatus.WITHDRAWN, None, now, settings)
                uow.commit()
                continue
            new_key = f"escalation:{escalation.id}:repost"
            if not uow.requests.claim_repost(escalation.id, now, new_key):
                continue
            fresh = uow.requests.escalation(escalation.id)
            assert fresh is not None
            uow.outbox.add(
                channel_message(
                    f"{escalation.post_key}:moved",
                    settings.coordinators_channel,
                    t("escalation.moved", code=case.code, id=request.id),
                    replaces=escalation.post_key,
                ),
                now,
            )
            uow.outbox.add(
                channel_message(
                    new_key,
                    settings.coordinators_channel,
                    escalation_post(uow, request, case, fresh, reposted=True),
                ),
                now,
            )
            uow.commit()
            done += 1
    return done


def _coordinator(uow: UnitOfWork, user_id: str) -> Professional:
    me = uow.roster.professional(user_id)
    if me is None or not me.active or Role.COORDINATOR not in me.roles:
        raise UserError(t("escalation.only_coordinators"))
    return me


def _load(uow: UnitOfWork, raw_id: str, lock: bool = False) -> Loaded:
    escalation = uow.requests.escalation(int(raw_id)) if raw_id.isdigit() else None
    if escalation is None:
        raise UserError(t("escalation.unknown"))
    if lock:
        # The request row first, as every change of a request does (one lock order, no deadlocks).
        uow.requests.lock(escalation.request_id)
        escalation = uow.requests.escalation(escalation.id)
        assert escalation is not None
    request = uow.requests.get(escalation.request_id)
    case = uow.cases.by_id(request.case_id) if request else None
    if request is None or case is None:
        raise UserError(t("escalation.unknown"))
    if case.closed and escalation.open:
        raise UserError(t("escalation.case_closed", code=case.code))
    return Loaded(escalation, request, case)


def _taken(ctx: Context, escalation_id: int) -> str:
    with ctx.uow() as uow:
        escalation = uow.requests.escalation(escalation_id)
        who = uow.roster.professional(escalation.claimed_by) if escalation and escalation.claimed_by else None
    if escalation is None or escalation.claimed_by is None:
        return t("escalation.closed")
    return t("escalation.claim.taken", name=messages.person(who))


def _option_label(expert: Professional, reasons: str) -> str:
    text = f"{expert.display_name} ({expert.organisation.name}) — {reasons}"
    return text if len(text) <= REASONS_IN_OPTION else text[: REASONS_IN_OPTION - 1] + "…"


def _audit(
    uow: UnitOfWork, now: datetime, me: Professional, loaded: Loaded, action: str, **detail: str
) -> None:
    uow.audit.record(
        AuditEvent(
            now,
            me.user_id,
            action,
            loaded.case.code,
            authorisation="coordinator",
            access_point=ACCESS_POINT,
            detail={"verzoek": str(loaded.request.id), **detail},
        )
    )
