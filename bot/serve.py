"""`erbij serve`: check the schema, connect to Mattermost, register commands, run the HTTP server."""

from __future__ import annotations

import logging

import uvicorn

from bot.cli_support import CliError
from bot.composition import build_runtime
from bot.settings import Settings
from storage import schema

log = logging.getLogger(__name__)


def run(settings: Settings) -> None:
    runtime = build_runtime(settings)
    try:
        schema.require_current(runtime.engine)
    except schema.SchemaOutdated as err:
        raise CliError(
            f"De database ({settings.database_url.split('@')[-1]}) heeft schema "
            f"{err.current or 'leeg'}, deze versie van Erbij verwacht {err.head}. "
            "Voer eerst `erbij db upgrade` uit."
        ) from None
    try:
        me = runtime.adapter.me()
    except Exception as err:
        raise CliError(
            f"Kan Mattermost niet bereiken op {settings.mattermost_base} met het opgegeven token "
            f"({type(err).__name__}). Controleer ERBIJ_MATTERMOST_URL en ERBIJ_MATTERMOST_TOKEN."
        ) from None
    runtime.register_commands()
    if not runtime.command_tokens:
        raise CliError(
            "Erbij mag zijn slash-commando's niet zelf aanmaken en ERBIJ_COMMAND_TOKENS is leeg. "
            "Zie de instructie hierboven in het log."
        )
    log.info("Erbij runs as @%s; %d slash command token(s) active", me.username, len(runtime.command_tokens))
    runtime.start_background()
    try:
        uvicorn.run(runtime.app, host=settings.host, port=settings.port, log_level="info")  # type: ignore[arg-type]
    finally:
        runtime.stop()
