"""Action items after a consult: `/overleg acties` with a *Klaar* button, and the reminders.

A reminder goes out the working day before the due date; the claim on the action row (`remind_at` cleared
in the same transaction that queues the DM) makes it exactly once. Only the owner marks an action done; the
lead of the case hears about it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from commands.catalogue import t
from commands.consults.model import ActionItem
from commands.consults.outcomes import due_phrase
from commands.consults.recording import done_button
from commands.consults.service import registered
from commands.errors import AccessDenied, UserError
from commands.inbound import ActionRequest, CommandRequest
from commands.numbers import record_id
from commands.outbox import direct_message
from commands.ports import UnitOfWork
from commands.registry import Context
from commands.replies import ActionResult, Message, Reply
from commands.roster.formatting import format_day

REMINDERS_PER_TICK = 200


def action_list(actions: list[ActionItem], today: date) -> Message:
    if not actions:
        return Message(t("overleg.acties.geen"))
    lines = [t("overleg.acties.titel", count=len(actions))]
    for number, action in enumerate(actions, 1):
        lines.append(
            t(
                "overleg.acties.regel",
                n=number,
                code=action.case_code,
                description=action.description,
                due=format_day(action.due_on),
                late=t("overleg.acties.te_laat") if action.due_on < today else "",
            )
        )
    buttons = tuple(
        done_button(action.id, "lijst", t("overleg.acties.klaar_nummer", n=number))
        for number, action in enumerate(actions, 1)
    )
    return Message("\n".join(lines), buttons=buttons)


class Actions:
    def list(self, ctx: Context, req: CommandRequest) -> Reply:
        now = ctx.clock.now()
        with ctx.uow() as uow:
            registered(uow, req.user_id)
            actions = uow.actions.open_actions(req.user_id)
        return Reply(action_list(actions, _today(ctx, now)))

    def done(self, ctx: Context, req: ActionRequest) -> ActionResult:
        now = ctx.clock.now()
        with ctx.uow() as uow:
            action = uow.actions.action(record_id(req.data.get("action", "")) or 0)
            if action is None or action.owner_id != req.user_id:
                raise AccessDenied(t("overleg.acties.niet_van_jou"))
            if not uow.actions.mark_done(action.id, req.user_id, now):
                raise UserError(t("overleg.acties.al_klaar"))
            self._tell_lead(uow, action, req.user_id, now)
            remaining = uow.actions.open_actions(req.user_id) if req.data.get("van") == "lijst" else None
            uow.commit()
        confirmation = t("overleg.acties.afgerond", description=action.description, code=action.case_code)
        if remaining is not None:
            return ActionResult(update=action_list(remaining, _today(ctx, now)), ephemeral=confirmation)
        done_post = t("overleg.acties.afgerond_post", code=action.case_code, description=action.description)
        return ActionResult(update=Message(done_post), ephemeral=confirmation)

    @staticmethod
    def _tell_lead(uow: UnitOfWork, action: ActionItem, owner_id: str, now: datetime) -> None:
        item = uow.agenda_items.item(action.agenda_item_id)
        case = uow.cases.by_id(item.case_id) if item is not None else None
        if case is None or case.lead_id == owner_id:
            return
        owner = uow.roster.professional(owner_id)
        uow.outbox.add(
            direct_message(
                f"overleg-actie-klaar:{action.id}",
                case.lead_id,
                t(
                    "overleg.acties.lead_bericht",
                    code=action.case_code,
                    description=action.description,
                    owner=owner.display_name if owner else t("overleg.onbekend"),
                ),
            ),
            now,
        )


def send_reminder(uow: UnitOfWork, action: ActionItem, now: datetime, timezone: str) -> bool:
    """Claim and queue one reminder; False if another transaction did, or the action is done."""
    if not uow.actions.claim_reminder(action.id, now):
        return False
    today = now.astimezone(ZoneInfo(timezone)).date()
    owner = uow.roster.professional(action.owner_id)
    uow.outbox.add(
        direct_message(
            f"overleg-herinnering:{action.id}",
            action.owner_id,
            Message(
                t(
                    "overleg.herinnering",
                    description=action.description,
                    code=action.case_code,
                    name=owner.display_name.split(" ")[0] if owner else "",
                    due=due_phrase(action.due_on, today),
                ),
                buttons=(done_button(action.id, "dm"),),
            ),
        ),
        now,
    )
    return True


def _today(ctx: Context, now: datetime) -> date:
    return now.astimezone(ZoneInfo(ctx.config.timezone)).date()
