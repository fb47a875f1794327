"""`/overleg verslag`: the chair records, per case, the decision, the action items and whether it returns.

Recording per case can be redone until the chair closes the verslag (`afronden`). Closing is a claim on the
consult row: it carries undiscussed cases over, schedules the reminders, posts the besluitenlijst to the
channel and tells each lead and action owner, all in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from commands.cases import feed
from commands.cases.card import StepBy
from commands.cases.sharing import SHARE_ACTION, CardShare, ShareTarget, audit_detail
from commands.catalogue import t
from commands.consults.agenda import new_item_key, plan_for
from commands.consults.agendas import next_consult, rebalance
from commands.consults.minutes import Participant, resolve
from commands.consults.model import AgendaItem, Attendance, Consult, ItemKind, ItemStatus, NewAgendaItem
from commands.consults.outcomes import (
    DECISION_MAX,
    ItemOutcome,
    decision_list,
    format_actions,
    lead_outcome,
    parse_actions,
    reminder_at,
)
from commands.consults.render import clock_time, consult_when, marks
from commands.consults.service import ConsultSettings, canonical_code, display_names, work_calendar
from commands.errors import AccessDenied, UserError
from commands.inbound import ActionRequest, CommandRequest, DialogSubmission
from commands.numbers import record_id
from commands.outbox import channel_message, direct_message
from commands.ports import AuditEvent, UnitOfWork
from commands.registry import Context
from commands.replies import (
    ActionResult,
    Button,
    CommandResult,
    Dialog,
    DialogField,
    DialogResult,
    Message,
    OpenDialog,
    Option,
    Reply,
)
from commands.roster.formatting import format_day
from commands.roster.model import Professional

RECORD_CALLBACK = "overleg.verslag"
ITEM_ACTION = "overleg.verslag.punt"
FINISH_ACTION = "overleg.verslag.afronden"
DONE_ACTION = "overleg.actie.klaar"


class Recording:
    def __init__(self, settings: ConsultSettings) -> None:
        self.settings = settings

    # --- entry points -------------------------------------------------------------------------------------
    def command(self, ctx: Context, req: CommandRequest) -> CommandResult:
        """`/overleg verslag` (overview), `/overleg verslag <code>` (one case) or `… afronden`."""
        argument = req.rest.strip()
        now = ctx.clock.now()
        with ctx.uow() as uow:
            consult = self._current(uow, req.user_id, now)
            if argument.lower() == "afronden":
                return Reply.text(self._finish(ctx, uow, consult, req.user_id, now))
            items = _ordered(uow, consult)
            if argument:
                code = canonical_code(argument)
                item = next((i for i in items if i.case_code == code), None)
                if item is None:
                    raise UserError(t("overleg.verslag.niet_op_agenda", code=code))
                return OpenDialog(self._dialog(uow, consult, item))
            return Reply(self._overview(consult, items, ctx.config.timezone))

    def click_item(self, ctx: Context, req: ActionRequest) -> ActionResult:
        with ctx.uow() as uow:
            consult = self._chaired(uow, req.data.get("consult", ""), req.user_id)
            item = uow.agenda_items.item(record_id(req.data.get("item", "")) or 0)
            if item is None or item.consult_id != consult.id or item.status is not ItemStatus.PLANNED:
                raise UserError(t("overleg.verslag.punt_weg"))
            return ActionResult(open_dialog=self._dialog(uow, consult, item))

    def click_finish(self, ctx: Context, req: ActionRequest) -> ActionResult:
        now = ctx.clock.now()
        with ctx.uow() as uow:
            consult = self._chaired(uow, req.data.get("consult", ""), req.user_id)
            return ActionResult(ephemeral=self._finish(ctx, uow, consult, req.user_id, now))

    def submit(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        values = submission.submission
        decision = str(values.get("besluit") or "").strip()
        errors: dict[str, str] = {}
        if not decision:
            errors["besluit"] = t("overleg.invoer.verplicht")
        elif len(decision) > DECISION_MAX:
            errors["besluit"] = t("overleg.invoer.te_lang", max=DECISION_MAX, length=len(decision))
        returns = str(values.get("terug") or "nee") == "ja"
        now = ctx.clock.now()
        consult_id, item_id = (
            submission.state.get("consult", ""),
            record_id(submission.state.get("item", "")) or 0,
        )
        # Read who takes part first, then read the lines (privacy guard included) outside any transaction.
        with ctx.uow() as uow:
            consult = self._chaired(uow, consult_id, submission.user_id, lock=False)
            people, known = participants(uow, consult)
        day = consult.starts_at.astimezone(work_calendar(ctx).zone).date()
        parsed = parse_actions(str(values.get("acties") or ""), day, people, known)
        if parsed.problems:
            errors["acties"] = " ".join(parsed.problems)
        if errors:
            return DialogResult(field_errors=errors)
        with ctx.uow() as uow:
            consult = self._chaired(uow, consult_id, submission.user_id)
            item = uow.agenda_items.item(item_id)
            if item is None or item.consult_id != consult.id or item.status is not ItemStatus.PLANNED:
                raise UserError(t("overleg.verslag.punt_weg"))
            uow.agenda_items.record_item(item.id, decision, returns, now)
            uow.actions.replace_actions(item.id, item.case_code, parsed.actions, now)
            uow.commit()
        return DialogResult()

    # --- notulist and attendance ----------------------------------------------------------------------------
    def notulist(self, ctx: Context, req: CommandRequest) -> CommandResult:
        """`/overleg notulist @naam`: the chair names who takes the minutes (they may record too)."""
        words = req.rest.split()
        now = ctx.clock.now()
        with ctx.uow() as uow:
            consult = self._current(uow, req.user_id, now)
            if consult.chair_id != req.user_id:
                raise AccessDenied(t("overleg.notulist.alleen_voorzitter"))
            if len(words) != 1:
                raise UserError(t("overleg.notulist.gebruik"))
            person = self._one(uow, consult, words[0])
            uow.consults.set_notulist(consult.id, person.user_id)
            uow.commit()
        return Reply.text(t("overleg.notulist.gezet", name=person.display_name, title=consult.title))

    def present(self, ctx: Context, req: CommandRequest) -> CommandResult:
        return self._attendance(ctx, req, Attendance.PRESENT)

    def excused(self, ctx: Context, req: CommandRequest) -> CommandResult:
        return self._attendance(ctx, req, Attendance.EXCUSED)

    def _attendance(self, ctx: Context, req: CommandRequest, status: Attendance) -> CommandResult:
        """`/overleg aanwezig Sanne @piet …` / `/overleg afgemeld …`: chair or notulist, per person."""
        words = req.rest.split()
        if not words:
            raise UserError(t("overleg.aanwezig.gebruik"))
        now = ctx.clock.now()
        with ctx.uow() as uow:
            consult = self._current(uow, req.user_id, now)
            people = [self._one(uow, consult, word) for word in words]
            for person in people:
                uow.consults.record_attendance(consult.id, person.user_id, status, req.user_id, now)
            uow.commit()
        names = ", ".join(p.display_name for p in people)
        return Reply.text(t(f"overleg.aanwezig.{status.value}", names=names, title=consult.title))

    @staticmethod
    def _one(uow: UnitOfWork, consult: Consult, word: str) -> Participant:
        people, known = participants(uow, consult)
        found = resolve(word, people, known)
        if not found:
            raise UserError(t("overleg.persoon.onbekend", text=word[:40]))
        if len(found) > 1:
            candidates = t("overleg.actie.of").join(
                t("overleg.actie.kandidaat", username=p.username, name=p.display_name) for p in found
            )
            raise UserError(t("overleg.persoon.dubbelzinnig", text=word[:40], candidates=candidates))
        return found[0]

    # --- finding the consult ------------------------------------------------------------------------------
    def _current(self, uow: UnitOfWork, user_id: str, now: datetime) -> Consult:
        """The chair's consult to record: the one running now, else the oldest one not yet recorded."""
        soon = now + self.settings.record_before_start
        chaired = uow.consults.chaired_by(user_id, now - self.settings.record_within, soon)
        open_ = [c for c in chaired if not c.recorded]
        if not open_:
            raise AccessDenied(t("overleg.verslag.geen_overleg"))
        running = [c for c in open_ if c.starts_at <= soon and now <= c.ends_at]
        return running[0] if running else open_[0]

    @staticmethod
    def _chaired(uow: UnitOfWork, consult_id: str, user_id: str, *, lock: bool = True) -> Consult:
        consult = uow.consults.consult(record_id(consult_id or "") or 0, for_update=lock)
        if consult is None or not consult.may_record(user_id):
            raise AccessDenied(t("overleg.verslag.alleen_voorzitter"))
        if consult.recorded:
            raise UserError(t("overleg.verslag.al_afgerond"))
        return consult

    # --- what the chair sees ------------------------------------------------------------------------------
    @staticmethod
    def _overview(consult: Consult, items: list[AgendaItem], timezone: str) -> Message:
        zone = ZoneInfo(timezone)
        plan = plan_for(consult, items)
        lines = [t("overleg.verslag.titel", title=consult.title, when=consult_when(consult, timezone))]
        if not items:
            lines.append(t("overleg.verslag.leeg"))
        else:
            lines += [t("overleg.verslag.uitleg"), "", t("overleg.verslag.tabel_kop")]
        slots = {slot.item.id: slot for slot in plan.slots}
        for item in items:
            slot = slots.get(item.id)
            time_text = clock_time(slot.starts_at, zone) if slot else ""
            status = t("overleg.verslag.vastgelegd") if item.recorded else t("overleg.verslag.open")
            lines.append(
                t(
                    "overleg.verslag.tabel_regel",
                    time=time_text,
                    code=item.case_code + marks(item),
                    status=status,
                )
            )
        consult_ref = {"consult": str(consult.id)}
        buttons = (
            *(Button(item.case_code, ITEM_ACTION, {**consult_ref, "item": str(item.id)}) for item in items),
            Button(t("overleg.verslag.afronden_knop"), FINISH_ACTION, consult_ref, "primary"),
        )
        return Message("\n".join(lines), buttons=buttons)

    @staticmethod
    def _dialog(uow: UnitOfWork, consult: Consult, item: AgendaItem) -> Dialog:
        actions = uow.actions.actions_of_items([item.id])
        owners = uow.roster.professionals_by_ids(a.owner_id for a in actions)
        usernames = {uid: p.username for uid, p in owners.items()}
        return Dialog(
            callback=RECORD_CALLBACK,
            title=t("overleg.verslag.dialoog_titel", code=item.case_code),
            introduction=t("overleg.verslag.dialoog_intro", code=item.case_code, question=item.question),
            fields=(
                DialogField(
                    "besluit",
                    t("overleg.verslag.besluit"),
                    kind="textarea",
                    default=item.decision or "",
                    max_length=DECISION_MAX,
                ),
                DialogField(
                    "acties",
                    t("overleg.verslag.acties"),
                    kind="textarea",
                    default=format_actions(actions, usernames),
                    help=t("overleg.verslag.acties_hulp"),
                    optional=True,
                    # Guarded per action on its description (outcomes.parse_actions): a deadline is a date,
                    # not a date of birth, and a colleague's name is not the family's.
                    free_text=False,
                ),
                DialogField(
                    "terug",
                    t("overleg.verslag.terug"),
                    kind="radio",
                    help=t("overleg.verslag.terug_hulp"),
                    options=(Option(t("overleg.ja"), "ja"), Option(t("overleg.nee"), "nee")),
                    default="ja" if item.returns else "nee",
                ),
            ),
            submit_label=t("overleg.verslag.opslaan"),
            state={"consult": str(consult.id), "item": str(item.id)},
        )

    # --- closing the verslag ------------------------------------------------------------------------------
    def _finish(self, ctx: Context, uow: UnitOfWork, consult: Consult, user_id: str, now: datetime) -> str:
        tz = ctx.config.timezone
        calendar = work_calendar(ctx)
        if not consult.may_record(user_id):
            raise AccessDenied(t("overleg.verslag.alleen_voorzitter"))
        if consult.starts_at > now:
            raise UserError(t("overleg.verslag.nog_niet_begonnen"))
        if not uow.consults.claim_recording(consult.id, now):
            raise UserError(t("overleg.verslag.al_afgerond"))
        outcomes: list[ItemOutcome] = []
        for item in _ordered(uow, consult):
            actions = tuple(uow.actions.actions_of_items([item.id]))
            case = uow.cases.by_id(item.case_id)
            lead_id = case.lead_id if case is not None else item.registered_by
            next_consult_: Consult | None = None
            if item.recorded:
                uow.agenda_items.set_item_status(item.id, ItemStatus.DISCUSSED)
                for action in actions:
                    uow.actions.set_reminder(
                        action.id, reminder_at(action.due_on, now, calendar, self.settings.reminder_at)
                    )
                if item.returns:
                    next_consult_ = self._follow_up(uow, consult, item, user_id, now, ctx)
            else:
                uow.agenda_items.set_item_status(item.id, ItemStatus.CARRIED)
                actions = ()
                next_consult_ = self._follow_up(uow, consult, item, user_id, now, ctx)
            outcomes.append(ItemOutcome(item, lead_id, actions, next_consult_))
        self._to_cards(uow, consult, outcomes, user_id, now, calendar.zone)
        self._report(uow, consult, outcomes, now, tz)
        uow.commit()
        discussed = sum(1 for o in outcomes if o.discussed)
        return t(
            "overleg.verslag.afgerond",
            discussed=discussed,
            carried=len(outcomes) - discussed,
            channel=consult.channel,
        )

    @staticmethod
    def _to_cards(
        uow: UnitOfWork,
        consult: Consult,
        outcomes: list[ItemOutcome],
        chair_id: str,
        now: datetime,
        zone: ZoneInfo,
    ) -> None:
        """The consult writes to the card: the decision as a step, each action as an agreement (who, by
        when), one version per case by the chair, with the consult as its source."""
        day = consult.starts_at.astimezone(zone).date()
        names = display_names(uow, {a.owner_id for o in outcomes for a in o.actions})
        cases = uow.cases.by_ids([o.item.case_id for o in outcomes if o.discussed])
        for outcome in outcomes:
            case = cases.get(outcome.item.case_id)
            if case is None or not outcome.discussed:
                continue
            decision = t("kaart.mdo.stap", title=consult.title, decision=outcome.item.decision or "")
            entries: list[object] = [feed.step(day, decision, StepBy.CONSULT)]
            entries += [
                feed.agreement(
                    action.description,
                    who=names.get(action.owner_id, ""),
                    when=t("kaart.mdo.wanneer", due=action.due_on.strftime("%d-%m-%Y")),
                    checked_by=t("kaart.mdo.controle"),
                )
                for action in outcome.actions
            ]
            feed.append_to_card(
                uow, case, chair_id, now, part="mdo", entries=entries,
                source=feed.source("mdo", consult.id, day), authorisation="mdo_voorzitter",
                access_point="/overleg verslag",
            )  # fmt: skip

    def _follow_up(
        self, uow: UnitOfWork, consult: Consult, item: AgendaItem, chair_id: str, now: datetime, ctx: Context
    ) -> Consult | None:
        """Put the case on a later consult as a follow-up (it ranks before new cases)."""
        calendar = work_calendar(ctx)
        if uow.agenda_items.open_item_for_case(item.case_id) is not None:
            return None  # the lead has already registered it again
        key = new_item_key(item.urgency, ItemKind.FOLLOW_UP, now)
        target = next_consult(uow, consult, now, self.settings, calendar, key).consult
        if target is None:
            return None
        new = uow.agenda_items.add_item(
            NewAgendaItem(
                consult_id=target.id,
                case_id=item.case_id,
                case_code=item.case_code,
                question=item.question,
                disciplines=item.disciplines,
                urgency=item.urgency,
                kind=ItemKind.FOLLOW_UP,
                registered_by=chair_id,
                registered_at=now,
                previous_item_id=item.id,
            )
        )
        _carry_share(uow, item, new, target, chair_id, now)
        rebalance(uow, target, now, self.settings, calendar)
        placed = uow.agenda_items.item(new.id)
        return uow.consults.consult(placed.consult_id) if placed is not None else target

    @staticmethod
    def _report(
        uow: UnitOfWork, consult: Consult, outcomes: list[ItemOutcome], now: datetime, tz: str
    ) -> None:
        when = consult_when(consult, tz, with_end=False)
        people = {o.lead_id for o in outcomes} | {a.owner_id for o in outcomes for a in o.actions}
        attendance = uow.consults.attendance(consult.id)
        names = display_names(uow, people | set(attendance))
        uow.outbox.add(
            channel_message(
                f"overleg-besluiten:{consult.id}",
                consult.channel,
                decision_list(consult, outcomes, names, when, attendance),
            ),
            now,
        )
        for outcome in outcomes:
            next_when = (
                consult_when(outcome.next_consult, tz, with_end=False) if outcome.next_consult else None
            )
            uow.outbox.add(
                direct_message(
                    f"overleg-uitkomst:{outcome.item.id}",
                    outcome.lead_id,
                    lead_outcome(outcome, names, when, next_when),
                ),
                now,
            )
            for action in outcome.actions:
                if action.owner_id == outcome.lead_id:
                    continue
                uow.outbox.add(
                    direct_message(
                        f"overleg-actie:{action.id}",
                        action.owner_id,
                        Message(
                            t(
                                "overleg.actie.nieuw",
                                code=action.case_code,
                                description=action.description,
                                due=format_day(action.due_on),
                                when=when,
                            ),
                            buttons=(done_button(action.id, "dm"),),
                        ),
                    ),
                    now,
                )


def done_button(action_id: int, origin: str, label: str | None = None) -> Button:
    """*Klaar* on an action; `origin` says whether it sits on the `/overleg acties` list or on a DM."""
    data = {"action": str(action_id), "van": origin}
    return Button(label or t("overleg.acties.klaar"), DONE_ACTION, data, "success")


def _ordered(uow: UnitOfWork, consult: Consult) -> list[AgendaItem]:
    plan = plan_for(consult, uow.agenda_items.items([consult.id]))
    return [*plan.items, *plan.overflow]


def participants(uow: UnitOfWork, consult: Consult) -> tuple[list[Participant], dict[str, Participant]]:
    """Who takes part (chair, standing members, the leads and experts of the cases on the agenda), and
    every active professional by username (an exact `@username` of anyone still names them)."""
    people = {p.user_id: p for p in uow.roster.professionals()}
    ids: list[str] = [consult.chair_id or "", *consult.members]
    items = uow.agenda_items.items([consult.id])
    cases = uow.cases.by_ids(sorted({i.case_id for i in items}))
    aboard = uow.cases.active_for_cases(sorted(cases))
    for case in cases.values():
        ids.append(case.lead_id)
        ids += [i.expert_id for i in aboard.get(case.id, ())]
    taking_part = [_participant(people[u]) for u in dict.fromkeys(ids) if u in people]
    known = {p.username.lower(): _participant(p) for p in people.values() if p.active}
    return taking_part, known


def _participant(professional: Professional) -> Participant:
    return Participant(professional.user_id, professional.username, professional.display_name)


def _carry_share(
    uow: UnitOfWork, item: AgendaItem, new: AgendaItem, target: Consult, chair_id: str, now: datetime
) -> None:
    """The case goes to a later consult, and with it the card: a share of its own, on the basis the lead
    gave for the consult it comes from (none if she gave none), marked as carried so the family can see that
    the lead did not confirm it again."""
    earlier = [s for s in uow.cases.shares_for_case(item.case_id) if s.agenda_item_id == item.id]
    share = uow.cases.add_share(
        CardShare(
            case_id=item.case_id, target=ShareTarget.CONSULT, basis=earlier[-1].basis if earlier else None,
            shared_by=chair_id, shared_at=now, consult_id=target.id, agenda_item_id=new.id, carried=True,
        )
    )  # fmt: skip
    uow.audit.record(
        AuditEvent(
            at=now, actor_id=chair_id, action=SHARE_ACTION, case_code=item.case_code,
            authorisation="mdo_voorzitter", access_point="/overleg verslag", detail=audit_detail(share),
        )
    )  # fmt: skip
