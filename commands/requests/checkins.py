"""Check-in: "zo lang als nodig" asked again. After N weeks aboard, the expert and the lead each get one DM.

*Blijft nodig* keeps her aboard (the question comes back after another N weeks); *Uitchecken* opens the
check-out dialog. Due check-ins are read from the database by the tick and claimed with a conditional update,
so a restart or a second bot process never sends the same question twice.
"""

from __future__ import annotations

from datetime import datetime

from commands.catalogue import t
from commands.inbound import ActionRequest, CommandRequest
from commands.outbox import direct_message
from commands.ports import AuditEvent, UnitOfWork, UnitOfWorkFactory
from commands.registry import ERBIJ, Context
from commands.replies import ActionResult, Button, Message, OpenDialog
from commands.requests import messages
from commands.requests.lifecycle import RequestLifecycle
from commands.requests.model import DueCheckin
from commands.requests.rounds import RequestSettings


class CheckinHandlers:
    def __init__(self, settings: RequestSettings, lifecycle: RequestLifecycle) -> None:
        self.settings = settings
        self.lifecycle = lifecycle

    def tick(self, ctx: Context, now: datetime) -> int:
        return run_due_checkins(ctx.uow, now, self.settings)

    def keep(self, ctx: Context, action: ActionRequest) -> ActionResult:
        now = ctx.clock.now()
        with ctx.uow() as uow:
            case = uow.cases.by_id(int(action.data.get("case", "0") or 0))
            active = {str(i.id): i for i in uow.cases.active_for_case(case.id)} if case else {}
            involvement = active.get(action.data.get("involvement", ""))
            if case is None or involvement is None:
                return ActionResult(update=Message(t("checkin.gone")), ephemeral=t("checkin.gone"))
            by_lead = action.user_id == case.lead_id
            if not by_lead and action.user_id != involvement.expert_id:
                return ActionResult(ephemeral=t("checkin.not_yours"))
            uow.audit.record(
                AuditEvent(
                    now,
                    action.user_id,
                    "checkin.blijft_nodig",
                    case.code,
                    authorisation="regiehouder" if by_lead else "betrokken_expert",
                    access_point="knop",
                    detail={"expert": involvement.expert_id},
                )
            )
            uow.commit()
        weeks = self.settings.policy.checkin_weeks
        return ActionResult(update=Message(t("checkin.kept", code=case.code, weeks=weeks)))

    def checkout(self, ctx: Context, action: ActionRequest) -> ActionResult:
        """The usual check-out dialog, as if `/erbij uitchecken <code>` had been typed."""
        with ctx.uow() as uow:
            case = uow.cases.by_id(int(action.data.get("case", "0") or 0))
        if case is None:
            return ActionResult(ephemeral=t("checkin.gone"))
        typed = CommandRequest(
            ERBIJ,
            f"uitchecken {case.code}",
            action.user_id,
            action.user_name,
            action.channel_id,
            trigger_id=action.trigger_id,
        )
        result = self.lifecycle.checkout(ctx, typed)
        if isinstance(result, OpenDialog):
            return ActionResult(open_dialog=result.dialog)
        return ActionResult(ephemeral=result.message.text)


def run_due_checkins(
    factory: UnitOfWorkFactory, now: datetime, settings: RequestSettings, limit: int = 50
) -> int:
    """Ask every due check-in once; involvements that ended meanwhile are dropped from the schedule."""
    with factory() as uow:
        due = uow.requests.due_checkins(now, limit)
    asked = 0
    for item in due:
        with factory() as uow:
            case = uow.cases.by_id(item.case_id)
            active = not item.ended and case is not None and not case.closed
            next_due = settings.policy.next_checkin(now) if active else None
            if not uow.requests.claim_checkin(item.involvement_id, item.due_at, next_due, now):
                continue  # another process asked it (or dropped it) first
            if active and case is not None:
                _ask(uow, item, case.code, case.lead_id, now)
                asked += 1
            uow.commit()
    return asked


def _ask(uow: UnitOfWork, item: DueCheckin, code: str, lead_id: str, now: datetime) -> None:
    expert = uow.roster.professional(item.expert_id)
    lead = uow.roster.professional(lead_id)
    weeks = max(1, (now - item.started_at).days // 7)
    data = {"case": str(item.case_id), "involvement": str(item.involvement_id)}
    buttons = (
        Button(t("checkin.button.keep"), "checkin.keep", data, "primary"),
        Button(t("checkin.button.checkout"), "checkin.checkout", data),
    )
    stamp = int(item.due_at.timestamp())
    texts = (
        (item.expert_id, t("checkin.to_expert", code=code, weeks=weeks, lead=messages.person(lead))),
        (lead_id, t("checkin.to_lead", code=code, weeks=weeks, name=messages.person(expert))),
    )
    for user_id, text in texts:
        uow.outbox.add(
            direct_message(
                f"checkin:{item.involvement_id}:{stamp}:{user_id}", user_id, Message(text, buttons=buttons)
            ),
            now,
        )
