"""`erbij serve`: check the database, connect to Mattermost, register commands, run the HTTP server."""

from __future__ import annotations

import logging

import uvicorn

from bot.cli_support import CliError, database_problem, mattermost_problem
from bot.composition import build_runtime
from bot.mattermost import MattermostError
from bot.settings import Settings
from commands.catalogue import t
from storage import connect
from storage.engine import Engine

log = logging.getLogger(__name__)


def open_database(settings: Settings) -> Engine:
    """The engine for ERBIJ_DATABASE_URL, reachable and at the current schema, or a `CliError` saying why."""
    try:
        engine = connect.open_engine(settings.database_url)
    except connect.DatabaseProblem as problem:
        raise CliError(database_problem(problem)) from None
    try:
        connect.probe(engine)
        connect.check_schema(engine)
    except connect.DatabaseProblem as problem:
        engine.dispose()
        raise CliError(database_problem(problem)) from None
    return engine


def run(settings: Settings) -> None:
    runtime = build_runtime(settings, engine=open_database(settings))
    try:
        me = runtime.adapter.me()
        runtime.register_commands()
    except MattermostError as err:
        runtime.stop()
        raise CliError(mattermost_problem(err, settings)) from None
    if not runtime.command_tokens:
        runtime.stop()
        raise CliError(t("admin.serve.no_tokens"))
    log.info("Erbij runs as @%s; %d slash command token(s) active", me.username, len(runtime.command_tokens))
    runtime.start_background()
    try:
        uvicorn.run(runtime.app, host=settings.host, port=settings.port, log_level="info")  # type: ignore[arg-type]
    finally:
        runtime.stop()
