"""Neutral reply values: what the product wants to say, without knowing Mattermost's JSON.

The bot's rendering module turns these into slash-command responses, posts with buttons and dialogs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ButtonStyle = Literal["default", "primary", "success", "danger"]


@dataclass(frozen=True)
class Button:
    """A button that calls back the action named `action` with `data` (signed by the bot)."""

    label: str
    action: str
    data: dict[str, str] = field(default_factory=dict)
    style: ButtonStyle = "default"


@dataclass(frozen=True)
class Section:
    """A titled block of text inside a message (rendered as one attachment)."""

    title: str
    text: str
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Message:
    """A chat message: text, optional sections and buttons."""

    text: str
    sections: tuple[Section, ...] = ()
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Reply:
    """The answer to the person who typed a command or clicked: always private (ephemeral)."""

    message: Message

    @classmethod
    def text(cls, text: str) -> Reply:
        return cls(Message(text))


@dataclass(frozen=True)
class Option:
    label: str
    value: str


FieldKind = Literal["text", "textarea", "select", "radio", "bool"]


@dataclass(frozen=True)
class DialogField:
    name: str
    label: str
    kind: FieldKind = "text"
    options: tuple[Option, ...] = ()
    default: str = ""
    placeholder: str = ""
    help: str = ""
    optional: bool = False
    max_length: int | None = None
    min_length: int | None = None
    subtype: str = ""
    # Every submitted value passes the privacy guard before any handler sees it (commands.privacy_fields);
    # select values too, since a forged submission can put anything there. Only a field whose reader accepts
    # nothing but a structured value (a date, a month) opts out.
    free_text: bool = True
    # "users": Mattermost's own user picker (a select without options); the value is a user id.
    data_source: str = ""

    @property
    def guarded(self) -> bool:
        return self.kind != "bool" and self.free_text


@dataclass(frozen=True)
class Dialog:
    """An interactive dialog; `callback` names the submission handler, `state` comes back signed."""

    callback: str
    title: str
    fields: tuple[DialogField, ...]
    introduction: str = ""
    submit_label: str = "Versturen"
    state: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OpenDialog:
    """Command or action result: open this dialog for the user (must happen inside the request)."""

    dialog: Dialog
    reply: Reply | None = None


@dataclass(frozen=True)
class ActionResult:
    """Result of a button click: optionally replace the clicked post, optionally a private note."""

    update: Message | None = None
    ephemeral: str | None = None
    open_dialog: Dialog | None = None


@dataclass(frozen=True)
class DialogResult:
    """Result of a dialog submission: close it (no errors) or keep it open with per-field errors."""

    field_errors: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    @property
    def closes(self) -> bool:
        return not self.field_errors and self.error is None


CommandResult = Reply | OpenDialog
