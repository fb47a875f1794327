"""`/overleg inbrengen <code>` and `/overleg afmelden <code>`: put a case on a consult, or take it off.

The case goes to the first consult whose registration is still open and where it fits (urgent cases fit
before regular ones, which then overflow with a notice). The lead is told which consult and why not an
earlier one, by DM: a dialog submission cannot answer with a message of its own.
"""

from __future__ import annotations

from commands.cases.form import Form
from commands.cases.sharing import (
    SHARE_ACTION,
    CardShare,
    ShareBasis,
    ShareTarget,
    audit_detail,
    basis_fields,
    basis_text,
    read_basis,
)
from commands.catalogue import t
from commands.consults.agenda import Placement, Skip, new_item_key
from commands.consults.agendas import agenda_changed, next_consult, rebalance
from commands.consults.model import Consult, Discipline, ItemKind, ItemStatus, NewAgendaItem, Urgency
from commands.consults.planning import ensure_planned
from commands.consults.render import consult_when, moment
from commands.consults.service import ConsultSettings, case_for_lead, work_calendar
from commands.errors import UserError
from commands.inbound import CommandRequest, DialogSubmission
from commands.outbox import direct_message
from commands.ports import AuditEvent, UnitOfWork
from commands.registry import Context
from commands.replies import (
    CommandResult,
    Dialog,
    DialogField,
    DialogResult,
    OpenDialog,
    Option,
    Reply,
)

REGISTER_CALLBACK = "overleg.inbrengen"
QUESTION_MAX = 500
SKIPS_SHOWN = 3


class Registration:
    def __init__(self, settings: ConsultSettings) -> None:
        self.settings = settings

    def start(self, ctx: Context, req: CommandRequest) -> CommandResult:
        code_text = req.rest.strip()
        if not code_text:
            return Reply.text(t("overleg.inbrengen.gebruik"))
        now = ctx.clock.now()
        with ctx.uow() as uow:
            case, _actor = case_for_lead(uow, code_text, req.user_id)
            self._check_registrable(uow, case.id, case.code, case.closed, ctx.config.timezone)
            if not uow.slots.slots():
                raise UserError(t("overleg.geen_slots"))
            ensure_planned(uow, self.settings, work_calendar(ctx), now)
            previous = last_consult_basis(uow.cases.shares_for_case(case.id))
            uow.commit()
        return OpenDialog(register_dialog(case.code, previous))

    def submit(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        values = submission.submission
        question = str(values.get("vraag") or "").strip()
        errors: dict[str, str] = {}
        if not question:
            errors["vraag"] = t("overleg.invoer.verplicht")
        elif len(question) > QUESTION_MAX:
            errors["vraag"] = t("overleg.invoer.te_lang", max=QUESTION_MAX, length=len(question))
        urgency_text = str(values.get("urgentie") or Urgency.REGULAR.value)
        if urgency_text not in {u.value for u in Urgency}:
            errors["urgentie"] = t("overleg.invoer.kies")
        # The participants of the consult will read the card: why that is allowed, every time.
        form = Form(values)
        basis = read_basis(form)
        errors.update(form.errors)
        if errors:
            return DialogResult(field_errors=errors)
        urgency = Urgency(urgency_text)
        disciplines = tuple(d for d in Discipline if _checked(values.get(f"d_{d.value}")))
        now = ctx.clock.now()
        calendar = work_calendar(ctx)
        with ctx.uow() as uow:
            case, actor = case_for_lead(uow, submission.state.get("code", ""), submission.user_id)
            self._check_registrable(uow, case.id, case.code, case.closed, ctx.config.timezone)
            key = new_item_key(urgency, ItemKind.NEW, now)
            placement = next_consult(uow, None, now, self.settings, calendar, key)
            consult = placement.consult
            if consult is None:
                raise UserError(t("overleg.inbrengen.geen_ruimte", weeks=self.settings.search_weeks))
            item = uow.agenda_items.add_item(
                NewAgendaItem(
                    consult_id=consult.id,
                    case_id=case.id,
                    case_code=case.code,
                    question=question,
                    disciplines=disciplines,
                    urgency=urgency,
                    kind=ItemKind.NEW,
                    registered_by=submission.user_id,
                    registered_at=now,
                )
            )
            share = uow.cases.add_share(
                CardShare(
                    case_id=case.id, target=ShareTarget.CONSULT, basis=basis, shared_by=submission.user_id,
                    shared_at=now, consult_id=consult.id, agenda_item_id=item.id,
                )
            )  # fmt: skip
            rebalance(uow, consult, now, self.settings, calendar)
            text = placed_text(case.code, consult, placement, urgency, ctx.config.timezone)
            recipients = {case.lead_id, submission.user_id}
            for user_id in sorted(recipients):
                uow.outbox.add(direct_message(f"overleg-ingebracht:{item.id}:{user_id}", user_id, text), now)
            uow.audit.record(
                AuditEvent(
                    at=now,
                    actor_id=submission.user_id,
                    action="overleg.inbrengen",
                    case_code=case.code,
                    authorisation="regiehouder" if actor.user_id == case.lead_id else "coordinator",
                    access_point="/overleg inbrengen",
                    detail={"overleg": str(consult.id), "urgentie": urgency.value},
                )
            )
            uow.audit.record(
                AuditEvent(
                    at=now, actor_id=submission.user_id, action=SHARE_ACTION, case_code=case.code,
                    authorisation="regiehouder" if actor.user_id == case.lead_id else "coordinator",
                    access_point="/overleg inbrengen", detail=audit_detail(share),
                )
            )  # fmt: skip
            uow.commit()
        return DialogResult()

    def withdraw(self, ctx: Context, req: CommandRequest) -> CommandResult:
        code_text = req.rest.strip()
        if not code_text:
            return Reply.text(t("overleg.afmelden.gebruik"))
        now = ctx.clock.now()
        tz = ctx.config.timezone
        with ctx.uow() as uow:
            case, _actor = case_for_lead(uow, code_text, req.user_id)
            item = uow.agenda_items.open_item_for_case(case.id)
            consult = uow.consults.consult(item.consult_id, for_update=True) if item is not None else None
            if item is None or consult is None:
                raise UserError(t("overleg.afmelden.niet_ingebracht", code=case.code))
            if consult.starts_at <= now:
                raise UserError(t("overleg.afmelden.begonnen", code=case.code))
            uow.agenda_items.set_item_status(item.id, ItemStatus.WITHDRAWN)
            agenda_changed(uow, consult, now, tz, [t("overleg.wijziging.afgemeld", code=case.code)])
            when = consult_when(consult, tz, with_end=False)
            if case.lead_id != req.user_id:
                uow.outbox.add(
                    direct_message(
                        f"overleg-afgemeld:{item.id}",
                        case.lead_id,
                        t("overleg.afmelden.door_ander", code=case.code, when=when),
                    ),
                    now,
                )
            uow.commit()
        return Reply.text(t("overleg.afmelden.gedaan", code=case.code, title=consult.title, when=when))

    @staticmethod
    def _check_registrable(uow: UnitOfWork, case_id: int, code: str, closed: bool, timezone: str) -> None:
        if closed:
            raise UserError(t("overleg.inbrengen.gesloten", code=code))
        existing = uow.agenda_items.open_item_for_case(case_id)
        if existing is not None:
            consult = uow.consults.consult(existing.consult_id)
            when = consult_when(consult, timezone, with_end=False) if consult else ""
            raise UserError(t("overleg.inbrengen.al_ingebracht", code=code, when=when))


def _checked(value: object) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1", "ja")


def last_consult_basis(shares: list[CardShare]) -> ShareBasis | None:
    """The basis the lead gave the last time she put this case on a consult (None if never, or only
    before the basis was asked): the dialog offers it again, to keep or change."""
    recorded = [s.basis for s in shares if s.target is ShareTarget.CONSULT and s.basis and not s.carried]
    return recorded[-1] if recorded else None


def register_dialog(code: str, previous: ShareBasis | None = None) -> Dialog:
    introduction = t("overleg.inbrengen.intro", code=code)
    if previous is not None:
        introduction += "\n\n" + t("delen.mdo.vorige", basis=basis_text(previous))
    return Dialog(
        callback=REGISTER_CALLBACK,
        title=t("overleg.inbrengen.titel"),
        introduction=introduction,
        fields=(
            DialogField(
                "vraag",
                t("overleg.inbrengen.vraag"),
                kind="textarea",
                help=t("overleg.inbrengen.vraag_hulp"),
                max_length=QUESTION_MAX,
            ),
            *(
                DialogField(
                    f"d_{d.value}",
                    t(f"overleg.discipline_kort.{d.value}"),
                    kind="bool",
                    optional=True,
                    help=t("overleg.inbrengen.discipline_hulp") if index == 0 else "",
                )
                for index, d in enumerate(Discipline)
            ),
            DialogField(
                "urgentie",
                t("overleg.inbrengen.urgentie"),
                kind="radio",
                options=tuple(Option(t(f"overleg.urgentie.{u.value}"), u.value) for u in Urgency),
                default=Urgency.REGULAR.value,
            ),
            *basis_fields(previous),
        ),
        submit_label=t("overleg.inbrengen.knop"),
        state={"code": code},
    )


def placed_text(code: str, consult: Consult, placement: Placement, urgency: Urgency, timezone: str) -> str:
    """Which consult, and why not an earlier one: the lead reads this as a DM."""
    lines = [
        t(
            "overleg.inbrengen.geplaatst",
            code=code,
            title=consult.title,
            when=consult_when(consult, timezone, with_end=False),
            channel=consult.channel,
        )
    ]
    for skipped, reason in placement.skipped[:SKIPS_SHOWN]:
        when = consult_when(skipped, timezone, with_end=False)
        if reason is Skip.DEADLINE:
            lines.append(
                t(
                    "overleg.inbrengen.reden_termijn",
                    when=when,
                    deadline=moment(skipped.deadline_at, timezone),
                )
            )
        else:
            lines.append(t("overleg.inbrengen.reden_vol", when=when, capacity=skipped.capacity))
    if urgency is Urgency.URGENT:
        lines.append(t("overleg.inbrengen.spoed"))
    lines.append(t("overleg.inbrengen.agenda_moment", agenda=moment(consult.agenda_at, timezone)))
    lines.append(t("overleg.inbrengen.afmelden", code=code))
    return "\n".join(lines)
