"""Routing from triggers, actions, dialogs and ticks to the feature handlers that own them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from commands.catalogue import t
from commands.clock import Clock
from commands.config import ProductConfig
from commands.inbound import ActionRequest, CommandRequest, DialogSubmission
from commands.ports import BackgroundJobs, Directory, InlineJobs, UnitOfWorkFactory
from commands.presence import Presence
from commands.replies import ActionResult, CommandResult, DialogResult, Reply


@dataclass(frozen=True)
class Context:
    """What every handler may use: the transaction factory, time, the chat directory and settings."""

    uow: UnitOfWorkFactory
    clock: Clock
    directory: Directory
    config: ProductConfig = field(default_factory=ProductConfig)
    presence: Presence = field(default_factory=Presence)
    jobs: BackgroundJobs = field(default_factory=InlineJobs)  # the bot's is a small thread pool


CommandHandler = Callable[[Context, CommandRequest], CommandResult]
ActionHandler = Callable[[Context, ActionRequest], ActionResult]
DialogHandler = Callable[[Context, DialogSubmission], DialogResult]
TickHandler = Callable[[Context, datetime], int]
FreeText = Callable[[CommandRequest], str]  # the free text in a command, e.g. the note after "afwezig …:"


# Erbij's slash-command triggers (without the slash), named once: registered with Mattermost
# (commands.help.wiring), each feature adds its subcommands to its own, and card buttons re-enter them.
ERBIJ = "erbij"
KAART = "kaart"
OVERLEG = "overleg"
BESCHIKBAAR = "beschikbaar"
MONITOR = "monitor"
TRIGGERS = (ERBIJ, KAART, OVERLEG, BESCHIKBAAR, MONITOR)


@dataclass(frozen=True)
class SlashCommandSpec:
    """A slash command Erbij registers with Mattermost."""

    trigger: str
    description: str
    hint: str
    display_name: str


HELP_WORDS = ("help", "hulp", "?")


class Subcommands:
    """Sub-routing for a trigger: `help` built in, no text → `default`, other words → `fallback` or a hint."""

    def __init__(self, trigger: str, help_key: str) -> None:
        self.trigger = trigger
        self.help_key = help_key
        self.handlers: dict[str, CommandHandler] = {}
        self.default: CommandHandler | None = None
        self.fallback: CommandHandler | None = None
        # Subcommands that take free text, and how to find it in the command: the facade runs the privacy
        # guard on it before the handler (commands.privacy_fields). Every other subcommand takes only codes,
        # names of colleagues, dates and numbers, which their handlers parse strictly.
        self.free_text: dict[str, FreeText] = {}

    def add(self, sub: str, handler: CommandHandler, *, free_text: FreeText | None = None) -> None:
        self.handlers[sub] = handler
        if free_text is not None:
            self.free_text[sub] = free_text

    def knows(self, sub: str) -> bool:
        return sub in self.handlers or sub in HELP_WORDS

    def answers_at_once(self, sub: str) -> bool:
        """Whether `sub` is answered from the catalogue alone (the built-in help): no database, no network."""
        return sub in HELP_WORDS

    def __call__(self, ctx: Context, req: CommandRequest) -> CommandResult:
        sub = req.sub
        if sub in HELP_WORDS:
            return Reply.text(t(self.help_key, crisis=t("general.crisis_note")))
        if sub in self.handlers:
            return self.handlers[sub](ctx, req)
        if not sub and self.default is not None:
            return self.default(ctx, req)
        if sub and self.fallback is not None:
            return self.fallback(ctx, req)
        if not sub:
            return Reply.text(t(self.help_key, crisis=t("general.crisis_note")))
        return Reply.text(t("general.unknown_sub", command=self.trigger, sub=sub))


class Router:
    def __init__(self) -> None:
        self.commands: dict[str, Subcommands] = {}
        self.specs: list[SlashCommandSpec] = []
        self.actions: dict[str, ActionHandler] = {}
        self.dialogs: dict[str, DialogHandler] = {}
        self.ticks: dict[str, TickHandler] = {}

    def trigger(self, spec: SlashCommandSpec, help_key: str) -> Subcommands:
        if spec.trigger in self.commands:
            return self.commands[spec.trigger]
        table = Subcommands(spec.trigger, help_key)
        self.commands[spec.trigger] = table
        self.specs.append(spec)
        return table

    def action(self, name: str, handler: ActionHandler) -> None:
        self._unique(name, self.actions)
        self.actions[name] = handler

    def dialog(self, callback: str, handler: DialogHandler) -> None:
        self._unique(callback, self.dialogs)
        self.dialogs[callback] = handler

    def tick(self, name: str, handler: TickHandler) -> None:
        self._unique(name, self.ticks)
        self.ticks[name] = handler

    @staticmethod
    def _unique(name: str, table: Mapping[str, object]) -> None:
        if name in table:
            raise ValueError(f"{name!r} registered twice")
