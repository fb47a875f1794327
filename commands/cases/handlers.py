"""`/kaart <code> …`: show, history, list, export and the per-part edit dialogs of the safety card."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from uuid import uuid4

from commands.cases import bulk, service
from commands.cases.access import CardAction, ConsultAccess, NoConsults, Outcome, Relation
from commands.cases.card import CardVersion, Change, VersionInfo
from commands.cases.codes import DEFAULT_PREFIX, looks_like_code
from commands.cases.editing import CardRuleBroken, Edit
from commands.cases.export import export_filename, export_markdown, export_pdf_filename
from commands.cases.form import Form
from commands.cases.history import describe_change, history_text
from commands.cases.model import Case
from commands.cases.parts import Target, apply, dialog_for, target_for
from commands.cases.pdf import markdown_to_pdf
from commands.cases.sharing import consult_labels, people_in
from commands.cases.view import full_view, status_view
from commands.catalogue import t
from commands.errors import UserError
from commands.inbound import ActionRequest, CommandRequest, DialogSubmission
from commands.outbox import FileAttachment, direct_message, one_off_key
from commands.ports import UnitOfWork
from commands.registry import ERBIJ, OVERLEG, Context, Router
from commands.replies import ActionResult, Button, CommandResult, DialogResult, OpenDialog, Reply

LifecycleHandler = Callable[[Context, CommandRequest, str, list[str]], CommandResult]
ACCESS_POINT = "/kaart"
DIALOG_ACCESS_POINT = "/kaart (formulier)"


@dataclass(frozen=True)
class CardSettings:
    """What the wiring may vary: the region prefix of new codes and the consult feature's access hook."""

    code_prefix: str = DEFAULT_PREFIX
    consult: ConsultAccess = field(default_factory=NoConsults)

    def open(
        self,
        uow: UnitOfWork,
        code: str,
        user_id: str,
        action: CardAction,
        now: datetime,
        access_point: str = ACCESS_POINT,
        *,
        for_update: bool = False,
    ) -> service.Opened:
        """The case if `user_id` may do `action` (`service.open_case`), with this region's consult hook."""
        return service.open_case(
            uow, code, user_id, action, now,
            access_point=access_point, consult=self.consult, for_update=for_update,
        )  # fmt: skip


class CardCommands:
    """The card's commands; `lifecycle` maps further subcommands (kader, regie, sluiten) to their handlers."""

    def __init__(
        self, settings: CardSettings, lifecycle: Mapping[str, LifecycleHandler], router: Router | None = None
    ) -> None:
        self.settings = settings
        self.lifecycle = lifecycle
        self.router = router  # to hand a button over to another feature's command (erbij halen, MDO)

    # --- routing -------------------------------------------------------------------------------------------
    def dispatch(self, ctx: Context, req: CommandRequest) -> CommandResult:
        """`/kaart <code> [sub] [args…]`: the code comes first, so this is the trigger's fallback."""
        words = req.words
        if not looks_like_code(words[0]):
            return Reply.text(t("general.unknown_sub", command=req.command, sub=words[0]))
        code, sub, args = words[0], (words[1].lower() if len(words) > 1 else ""), words[2:]
        if sub in ("", "bekijken", "toon"):
            return self.show(ctx, req.user_id, code)
        if sub == "geschiedenis":
            return self.history(ctx, req.user_id, code)
        if sub == "export":
            return self.export(ctx, req.user_id, code)
        if sub == "bewerken":
            return self.edit(ctx, req.user_id, code, args)
        if sub in bulk.PARTS and not args:
            return self.open_part(ctx, req.user_id, code, sub)
        handler = self.lifecycle.get(sub)
        if handler is not None:
            return handler(ctx, req, code, args)
        return Reply.text(t("kaart.onbekend", code=code, sub=sub))

    # --- reading -------------------------------------------------------------------------------------------
    def show(self, ctx: Context, user_id: str, code: str) -> Reply:
        now = ctx.clock.now()
        # A read: no write lock; its audit row is committed at `commit()`, with other reads' (storage.audit).
        with ctx.uow.read() as uow:
            opened = self.settings.open(uow, code, user_id, CardAction.VIEW, now)
            case = opened.case
            if opened.decision.outcome is Outcome.STATUS_ONLY:
                service.audit(uow, opened, "kaart.lezen", now, ACCESS_POINT, onderdeel="status")
                uow.commit()
                return Reply.text(status_view(case))
            version = uow.cases.latest_card(case.id)
            aboard = uow.cases.active_for_case(case.id)
            shares = uow.cases.shares_for_case(case.id)
            consults = consult_labels(uow, shares, ctx.config.timezone)
            service.audit(
                uow, opened, "kaart.lezen", now, ACCESS_POINT, onderdeel="kaart", versie=version.info.number
            )
            uow.commit()
        ids = [
            case.lead_id,
            version.info.author_id,
            *version.card.judgement.judged_by,
            *(i.expert_id for i in aboard),
            *people_in(shares),
        ]
        names = service.display_names(ctx, ids)
        view = full_view(case, version, aboard, names, ctx.config.timezone, shares, consults)
        return Reply(replace(view, buttons=card_buttons(case, opened.relation)))

    def history(self, ctx: Context, user_id: str, code: str) -> Reply:
        now = ctx.clock.now()
        with ctx.uow.read() as uow:  # a read, audited as `show` is
            opened = self.settings.open(uow, code, user_id, CardAction.HISTORY, now)
            versions = uow.cases.history(opened.case.id)
            service.audit(uow, opened, "kaart.lezen", now, ACCESS_POINT, onderdeel="geschiedenis")
            uow.commit()
        names = service.display_names(ctx, _people(versions))
        return Reply.text(history_text(opened.case.code, versions, names, ctx.config.timezone))

    def export(self, ctx: Context, user_id: str, code: str) -> Reply:
        """The export as Markdown and as PDF, each a DM with a file to the lead (queued with the audit)."""
        now = ctx.clock.now()
        with ctx.uow() as uow:
            opened = self.settings.open(uow, code, user_id, CardAction.EXPORT, now)
            case = opened.case
            version = uow.cases.latest_card(case.id)
            frameworks = uow.cases.framework_history(case.id)
            involvements = uow.cases.ever_for_case(case.id)
            versions = uow.cases.history(case.id)
            decisions = uow.agenda_items.past_decisions([case.id], now, EXPORT_DECISIONS)
            actions = uow.actions.open_actions_for_case(case.id)
            shares = uow.cases.shares_for_case(case.id)
            consults = consult_labels(uow, shares, ctx.config.timezone)
        # Names come from chat, outside the transaction; the export is then queued with its audit entry.
        ids = [
            case.lead_id,
            *_people(versions),
            *(f.by for f in frameworks),
            *(i.expert_id for i in involvements),
        ]
        ids += [s.recorded_by for s in version.card.scores] + list(version.card.judgement.judged_by)
        ids += [a.owner_id for a in actions] + people_in(shares)
        names = service.display_names(ctx, ids)
        document = export_markdown(
            case, version, frameworks, involvements, versions, names, now=now, timezone=ctx.config.timezone,
            decisions=list(reversed(decisions)), actions=actions, shares=shares, consults=consults,
        )  # fmt: skip
        pdf = markdown_to_pdf(document, t("kaart.samenvatting.titel", code=case.code))
        with ctx.uow() as uow:
            service.audit(
                uow, opened, "kaart.exporteren", now, ACCESS_POINT, versie=version.info.number, kanaal="dm"
            )
            number = version.info.number
            uow.outbox.add(
                direct_message(
                    one_off_key("kaart-export", case.code, f"v{number}"),
                    case.lead_id,
                    t("kaart.export.bericht", code=case.code, version=number),
                    file=FileAttachment(export_filename(case, version), document.encode("utf-8")),
                ),
                now,
            )
            uow.outbox.add(
                direct_message(
                    one_off_key("kaart-export-pdf", case.code, f"v{number}"),
                    case.lead_id,
                    t("kaart.export.pdf_bericht", code=case.code, version=number),
                    file=FileAttachment(export_pdf_filename(case, version), pdf, "application/pdf"),
                ),
                now,
            )
            uow.commit()
        return Reply.text(t("kaart.export.onderweg", code=case.code, version=version.info.number))

    # --- editing -------------------------------------------------------------------------------------------
    def edit(self, ctx: Context, user_id: str, code: str, args: list[str]) -> CommandResult:
        """Open the dialog of one part (or one item of a list) of the card."""
        now = ctx.clock.now()
        with ctx.uow() as uow:
            opened = self.settings.open(uow, code, user_id, CardAction.EDIT, now)
            case = opened.case
            if not args:
                uow.commit()
                return Reply.text(t("kaart.bewerken.uitleg", code=case.code))
            version = uow.cases.latest_card(case.id)
            target = target_for(version.card, args[0].lower(), args[1:], case.code)
            try:
                dialog = dialog_for(
                    version.card, target, case.code, service.today(ctx, now), opened.default_perspective()
                )
            except CardRuleBroken as err:
                raise UserError(t(err.key, **err.values)) from None
            service.audit(
                uow, opened, "kaart.lezen", now, ACCESS_POINT, onderdeel=target.part, formulier=target.form
            )
            uow.commit()
        return OpenDialog(dialog)

    def submit_part(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        """Apply one part's dialog: validate every field (privacy guard included), then append a version."""
        target = Target.from_state(submission.state)
        now = ctx.clock.now()
        form = Form(submission.submission)
        with ctx.uow() as uow:
            opened = self.settings.open(
                uow, submission.state.get("code", ""), submission.user_id, CardAction.EDIT, now,
                access_point=DIALOG_ACCESS_POINT, for_update=True,
            )  # fmt: skip
            case = opened.case
            current = uow.cases.latest_card(case.id)
            try:
                edit = apply(current.card, target, form, service.today(ctx, now), submission.user_id)
            except CardRuleBroken as err:
                raise UserError(t(err.key, **err.values), field=err.field) from None
            if edit is None:
                return form.result()  # nothing is stored: not the valid fields either
            self._save(uow, opened, current, edit, target.part, now)
            uow.commit()
        return DialogResult()

    # --- a part's multi-item dialog --------------------------------------------------------------------
    def open_part(self, ctx: Context, user_id: str, code: str, part: str) -> OpenDialog:
        """The dialog of one part with all its items as lines, prefilled with today's card."""
        now = ctx.clock.now()
        with ctx.uow() as uow:
            opened = self.settings.open(uow, code, user_id, CardAction.EDIT, now)
            version = uow.cases.latest_card(opened.case.id)
            dialog = bulk.dialog_for(
                version.card, part, opened.case.code, service.today(ctx, now), opened.default_perspective()
            )
            service.audit(uow, opened, "kaart.lezen", now, ACCESS_POINT, onderdeel=part, formulier="regels")
            uow.commit()
        return OpenDialog(dialog)

    def submit_bulk(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        part = submission.state.get("deel", "")
        if part not in bulk.PARTS:
            raise UserError(t("general.expired"))
        refused = bulk.refusals(part, submission.submission)  # before any transaction, like the facade's
        if refused:
            return DialogResult(field_errors=refused)
        now = ctx.clock.now()
        form = Form(submission.submission)
        with ctx.uow() as uow:
            opened = self.settings.open(
                uow, submission.state.get("code", ""), submission.user_id, CardAction.EDIT, now,
                access_point=DIALOG_ACCESS_POINT, for_update=True,
            )  # fmt: skip
            current = uow.cases.latest_card(opened.case.id)
            try:
                edit = bulk.apply(current.card, part, form, service.today(ctx, now), submission.user_id)
            except CardRuleBroken as err:
                raise UserError(t(err.key, **err.values), field=err.field) from None
            if edit is None:
                return form.result()  # one bad line: nothing of the dialog is stored
            self._save(uow, opened, current, edit, part, now)
            uow.commit()
        return DialogResult()

    def _save(
        self,
        uow: UnitOfWork,
        opened: service.Opened,
        current: CardVersion,
        edit: Edit,
        part: str,
        now: datetime,
    ) -> int:
        """Append the version (if anything changed), audit it, and confirm to whoever saved: what changed and
        the version number, by DM (a dialog cannot answer with a message of its own)."""
        case = opened.case
        number = current.info.number
        if edit.changed:
            number += 1
            info = VersionInfo(number, now, opened.user_id, part, edit.changes)
            uow.cases.append_version(case.id, CardVersion(info, edit.card))
            service.audit(
                uow, opened, "kaart.wijzigen", now, DIALOG_ACCESS_POINT, onderdeel=part, versie=number
            )
            if opened.user_id != case.lead_id:
                self._tell_lead(uow, opened, part, number, now)
        # Two saves can leave the same version (nothing changed) in the same second: a fresh key each.
        key = f"kaart-opgeslagen:{case.code}:v{number}:{uuid4().hex}"
        uow.outbox.add(
            direct_message(key, opened.user_id, saved_text(case.code, part, edit.changes, number)), now
        )
        return number

    # --- buttons ---------------------------------------------------------------------------------------
    def click(self, ctx: Context, req: ActionRequest) -> ActionResult:
        """A button on the card: open a part's dialog, export, or hand over to erbij halen / the MDO."""
        code, what = req.data.get("code", ""), req.data.get("doe", "")
        if what in bulk.PARTS:
            return ActionResult(open_dialog=self.open_part(ctx, req.user_id, code, what).dialog)
        if what == "export":
            return ActionResult(ephemeral=self.export(ctx, req.user_id, code).message.text)
        if what == "bekijken":
            shown = self.show(ctx, req.user_id, code)
            return ActionResult(update=shown.message)
        command = OTHER_FEATURES.get(what)
        if command is None:
            raise UserError(t("general.expired"))
        trigger, text = command
        handler = self.router.commands.get(trigger) if self.router is not None else None
        if handler is None:
            raise UserError(t("kaart.knop.niet_beschikbaar"))
        result = handler(
            ctx,
            CommandRequest(
                command=trigger, text=text.format(code=code), user_id=req.user_id, user_name=req.user_name,
                channel_id=req.channel_id, trigger_id=req.trigger_id,
            ),
        )  # fmt: skip
        if isinstance(result, OpenDialog):
            return ActionResult(
                open_dialog=result.dialog, ephemeral=result.reply.message.text if result.reply else None
            )
        return ActionResult(ephemeral=result.message.text)

    def _tell_lead(
        self, uow: UnitOfWork, opened: service.Opened, part: str, number: int, now: datetime
    ) -> None:
        """The lead keeps the regie: a short note (no content) when someone else changed the card."""
        who = opened.professional.display_name if opened.professional else t("kaart.onbekende_gebruiker")
        case = opened.case
        uow.outbox.add(
            direct_message(
                f"kaart-wijziging:{case.code}:v{number}",
                case.lead_id,
                t(
                    "kaart.melding.bijgewerkt",
                    who=who,
                    code=case.code,
                    part=t(f"kaart.deel.{part}"),
                    version=number,
                ),
            ),
            now,
        )


CLICK_ACTION = "kaart.knop"
EXPORT_DECISIONS = 50  # consult decisions in a handover export, newest first from the database
# Buttons that start another feature with the card's code, as if its command had been typed.
OTHER_FEATURES = {"erbij": (ERBIJ, "{code}"), "mdo": (OVERLEG, "inbrengen {code}")}
EDIT_BUTTONS = (
    ("zorgen", "zorgen"),
    ("goed", "goed"),
    ("top3", "top3"),
    ("plan", "plan"),
    ("oordeel", "oordeel"),
)
LEAD_BUTTONS = (("erbij", "erbij"), ("mdo", "mdo"), ("export", "export"))
SAVED_SHOWN = 8  # changes listed in a confirmation; the history has them all


def card_buttons(case: Case, relation: Relation) -> tuple[Button, ...]:
    """What this person may do from the card: edit its parts (lead, experts aboard); the lead also brings
    in an expert, puts the case on the MDO and exports. Nothing to click on a closed case but the export."""
    buttons: list[Button] = []
    if relation in (Relation.LEAD, Relation.EXPERT) and not case.closed:
        buttons += [
            Button(t(f"kaart.knop.{key}"), CLICK_ACTION, {"code": case.code, "doe": what})
            for key, what in EDIT_BUTTONS
        ]
    if relation is Relation.LEAD:
        for key, what in LEAD_BUTTONS:
            if case.closed and what != "export":
                continue
            buttons.append(Button(t(f"kaart.knop.{key}"), CLICK_ACTION, {"code": case.code, "doe": what}))
    return tuple(buttons)


def saved_text(code: str, part: str, changes: tuple[Change, ...], number: int) -> str:
    if not changes:
        return t("kaart.opgeslagen.niets", code=code, part=t(f"kaart.deel.{part}"), version=number)
    described = [describe_change(change, {}) for change in changes[:SAVED_SHOWN]]
    if len(changes) > SAVED_SHOWN:
        described.append(t("kaart.opgeslagen.meer", more=len(changes) - SAVED_SHOWN))
    return t(
        "kaart.opgeslagen", code=code, part=t(f"kaart.deel.{part}"), version=number,
        changes="\n".join(f"- {d}" for d in described),
    )  # fmt: skip


def _people(versions: list[VersionInfo]) -> list[str]:
    ids = [v.author_id for v in versions]
    for v in versions:
        for change in v.changes:
            if change.subject == "regie":
                ids += [f.before for f in change.fields] + [f.after for f in change.fields]
    return ids
