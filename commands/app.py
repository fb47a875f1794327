"""The product facade: the one object the bot's edges call. It routes and turns user errors into replies."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from commands.catalogue import t
from commands.errors import UserError
from commands.inbound import ActionRequest, CommandRequest, DialogSubmission
from commands.privacy_fields import guard_text, guarded_values, mark, refusals
from commands.registry import Context, Router, SlashCommandSpec
from commands.replies import ActionResult, CommandResult, DialogResult, OpenDialog, Reply

log = logging.getLogger(__name__)


class UnknownRoute(LookupError):
    """A callback name nobody registered (a signed payload from an older version, or a bug)."""


class Erbij:
    def __init__(self, router: Router, context: Context) -> None:
        self.router = router
        self.context = context

    @property
    def slash_commands(self) -> list[SlashCommandSpec]:
        return list(self.router.specs)

    def knows_trigger(self, trigger: str) -> bool:
        return trigger in self.router.commands

    def loggable_sub(self, req: CommandRequest) -> str:
        """The subcommand for a log line, only if known: free text (a name, a code) stays out of logs."""
        table = self.router.commands.get(req.command)
        return req.sub if table is not None and table.knows(req.sub) else "-"

    def answers_at_once(self, req: CommandRequest) -> bool:
        """Whether the command's answer needs no database and no network (the built-in help), so the edge
        may compute it without handing it to a worker thread."""
        table = self.router.commands.get(req.command)
        return table is not None and table.answers_at_once(req.sub)

    def command(self, req: CommandRequest) -> CommandResult:
        table = self.router.commands.get(req.command)
        if table is None:
            raise UnknownRoute(req.command)
        free_text = table.free_text.get(req.sub)
        if free_text is not None:
            # The privacy guard first, outside any transaction, as for dialogs.
            refused = guard_text(self.context, free_text(req))
            if refused is not None:
                return Reply.text(refused)
        try:
            result = table(self.context, req)
        except UserError as err:
            return Reply.text(err.message)
        if isinstance(result, OpenDialog):
            return replace(result, dialog=mark(result.dialog))
        return result

    def action(self, req: ActionRequest) -> ActionResult:
        handler = self.router.actions.get(req.action)
        if handler is None:
            raise UnknownRoute(req.action)
        try:
            result = handler(self.context, req)
        except UserError as err:
            return ActionResult(ephemeral=err.message)
        if result.open_dialog is not None:
            return replace(result, open_dialog=mark(result.open_dialog))
        return result

    def dialog(self, submission: DialogSubmission) -> DialogResult:
        handler = self.router.dialogs.get(submission.callback)
        if handler is None:
            raise UnknownRoute(submission.callback)
        if submission.cancelled:
            return DialogResult()
        # The privacy guard first, outside any transaction: a refused field means the handler never runs.
        refused = refusals(self.context, guarded_values(submission))
        if refused:
            return DialogResult(field_errors=refused)
        try:
            return handler(self.context, submission)
        except UserError as err:
            if err.field:
                return DialogResult(field_errors={err.field: err.message})
            return DialogResult(error=err.message)

    def tick(self, now: datetime | None = None) -> dict[str, int]:
        """Run every scheduled job body once; each claims only what is due, so running twice is harmless."""
        at = now or self.context.clock.now()
        done: dict[str, int] = {}
        for name, handler in self.router.ticks.items():
            try:
                done[name] = handler(self.context, at)
            except Exception:
                # One failing job must not starve the others; the next tick retries it.
                log.exception("scheduled job %s failed", name)
                done[name] = -1
        return done


def internal_error_reply() -> Reply:
    return Reply.text(t("general.internal_error"))
