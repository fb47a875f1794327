"""Idempotent registration of Erbij's slash commands, and learning the tokens that authenticate them."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bot.mattermost.errors import PermanentError, PermissionDenied
from bot.mattermost.rest import RestClient
from commands.registry import SlashCommandSpec

log = logging.getLogger(__name__)

DUPLICATE_TRIGGER = "api.command.duplicate_trigger.app_error"
# Mattermost's Command.IsValid limits; longer values get a 400 instead of a command.
_MAX_DISPLAY_NAME = 64
_MAX_DESCRIPTION = 128
# The fields Erbij owns on its commands; any difference triggers an update.
_MANAGED = (
    "method",
    "url",
    "auto_complete",
    "auto_complete_desc",
    "auto_complete_hint",
    "display_name",
    "description",
)


@dataclass(frozen=True)
class CommandRegistration:
    """Outcome of `ensure_commands`.

    `tokens` are the tokens to accept on the command endpoint: those learned from Mattermost plus the
    configured ones. `foreign` lists triggers that exist in the team but belong to a command the bot may
    not see (created by someone else); their tokens must come from configuration.
    """

    tokens: list[str]
    # trigger → the token Mattermost gave that command (each token may run only its own trigger)
    by_trigger: dict[str, str] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    permission_denied: bool = False
    foreign: list[str] = field(default_factory=list)


def ensure_commands(
    rest: RestClient,
    team_id: str,
    team_name: str,
    specs: Sequence[SlashCommandSpec],
    url: str,
    configured_tokens: Sequence[str],
) -> CommandRegistration:
    """Create missing commands, update changed ones, never duplicate; on 403 explain what an admin must do."""
    try:
        listed = rest.get("/commands", params={"team_id": team_id, "custom_only": "true"})
    except PermissionDenied:
        _log_admin_instruction(team_name, specs, url, configured_tokens)
        return CommandRegistration(tokens=list(configured_tokens), permission_denied=True)
    existing = {str(cmd.get("trigger", "")).lower(): cmd for cmd in listed if isinstance(cmd, dict)}

    learned: dict[str, str] = {}
    outcome = CommandRegistration(tokens=[])
    try:
        for spec in specs:
            kind, command = _reconcile(rest, _wanted(spec, team_id, url), existing)
            getattr(outcome, kind).append(spec.trigger)
            if command is not None:
                learned[spec.trigger.lower()] = _token(rest, command)
    except PermissionDenied:
        _log_admin_instruction(team_name, specs, url, configured_tokens)
        return replace(
            outcome,
            tokens=_merge(configured_tokens, learned.values()),
            by_trigger=_known(learned),
            permission_denied=True,
        )

    if outcome.foreign:
        log.warning(
            "Slash command(s) %s already exist in team %s but belong to another user; Erbij cannot read "
            "their tokens. Put those tokens in ERBIJ_COMMAND_TOKENS.",
            ", ".join("/" + trigger for trigger in outcome.foreign),
            team_name,
        )
    return replace(outcome, tokens=_merge(configured_tokens, learned.values()), by_trigger=_known(learned))


def _reconcile(
    rest: RestClient, wanted: dict[str, Any], existing: dict[str, dict[str, Any]]
) -> tuple[str, dict[str, Any] | None]:
    """Bring one command in line with `wanted`; returns the outcome kind and the command as it now is."""
    current = existing.get(wanted["trigger"])
    if current is None:
        created = _create(rest, wanted)
        return ("foreign", None) if created is None else ("created", created)
    if all(current.get(key) == wanted[key] for key in _MANAGED):
        return "unchanged", current
    answer = rest.call("put", f"/commands/{current['id']}", body={**current, **wanted}, retry=True)
    return "updated", {**current, **answer}


def _wanted(spec: SlashCommandSpec, team_id: str, url: str) -> dict[str, Any]:
    return {
        "team_id": team_id,
        "trigger": spec.trigger.lower(),
        "method": "P",  # POST keeps the token out of query strings and access logs
        "url": url,
        "auto_complete": True,
        "auto_complete_desc": spec.description,
        "auto_complete_hint": spec.hint,
        "display_name": spec.display_name[:_MAX_DISPLAY_NAME],
        "description": spec.description[:_MAX_DESCRIPTION],
    }


def _create(rest: RestClient, wanted: dict[str, Any]) -> dict[str, Any] | None:
    """POST the command; None when the trigger is taken by a command invisible to the bot."""
    try:
        created: dict[str, Any] = rest.call("post", "/commands", body=wanted, retry=True)
    except PermanentError as exc:
        if exc.error_id == DUPLICATE_TRIGGER:
            return None
        raise
    return created


def _token(rest: RestClient, command: dict[str, Any]) -> str:
    """The command's token; Mattermost includes it in create, get and custom_only list answers."""
    token = str(command.get("token") or "")
    if not token:
        fetched = rest.get(f"/commands/{command['id']}")
        token = str(fetched.get("token") or "")
    if not token:
        # Only reached if a server hides tokens: a fresh one is the only way to learn a valid token.
        token = str(rest.call("put", f"/commands/{command['id']}/regen_token", retry=True).get("token") or "")
    return token


def _merge(configured: Iterable[str], learned: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(token for token in (*configured, *learned) if token))


def _known(learned: dict[str, str]) -> dict[str, str]:
    return {trigger: token for trigger, token in learned.items() if token}


def _log_admin_instruction(
    team_name: str, specs: Sequence[SlashCommandSpec], url: str, configured_tokens: Sequence[str]
) -> None:
    lines = [
        f"The bot account may not manage slash commands in team '{team_name}' (Mattermost answered 403; it "
        "needs the manage_slash_commands permission, manage_own_slash_commands on newer servers, e.g. as "
        "team admin). Ask a team or system admin to "
        "create these custom slash commands once (Integrations > Slash Commands > Add), each with "
        f"Request URL {url}, Request Method POST and Autocomplete on:",
    ]
    lines += [
        f"  /{spec.trigger}  title '{spec.display_name}', description '{spec.description}', "
        f"autocomplete hint '{spec.hint}'"
        for spec in specs
    ]
    lines.append(
        "then put the token of each command in ERBIJ_COMMAND_TOKENS and restart Erbij "
        f"(currently {len(configured_tokens)} token(s) configured for {len(specs)} command(s))."
    )
    log.warning("\n".join(lines))
