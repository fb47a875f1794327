"""What arrives from chat, as plain values (parsed and verified by the bot before it reaches a handler)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CommandRequest:
    command: str  # trigger without slash, e.g. "erbij"
    text: str
    user_id: str
    user_name: str
    channel_id: str
    channel_name: str = ""
    team_id: str = ""
    trigger_id: str = ""

    @property
    def words(self) -> list[str]:
        return self.text.split()

    @property
    def sub(self) -> str:
        words = self.words
        return words[0].lower() if words else ""

    @property
    def rest(self) -> str:
        """The text after the subcommand word."""
        stripped = self.text.strip()
        parts = stripped.split(maxsplit=1)
        return parts[1] if len(parts) > 1 else ""


@dataclass(frozen=True)
class ActionRequest:
    action: str
    data: dict[str, str]
    user_id: str
    user_name: str
    channel_id: str
    post_id: str
    trigger_id: str = ""


@dataclass(frozen=True)
class DialogSubmission:
    callback: str
    state: dict[str, str]
    user_id: str
    channel_id: str
    submission: dict[str, object] = field(default_factory=dict)
    cancelled: bool = False
