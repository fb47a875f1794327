"""The one bootstrap every `erbij` subcommand shares: settings, the database (checked), Mattermost, the clock.

Each setup mistake becomes a `CliError` with one Dutch message that names the setting or step and the fix;
`bot.cli.main` prints it without a stack trace and exits with status 2.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from bot.settings import Settings, SettingsError, load_settings, require_for_serve
from commands.catalogue import t
from storage import connect
from storage.engine import Engine
from storage.uow import SqlUnitOfWorkFactory

if TYPE_CHECKING:
    from bot.mattermost import MattermostAdapter, MattermostError


class CliError(Exception):
    """An expected failure: printed as one clear message, no stack trace, exit status 2."""


def settings_problem(err: SettingsError) -> CliError:
    return CliError("\n  ".join([t("admin.settings.header"), *err.problems]))


def cli_settings(args: argparse.Namespace) -> Settings:
    """The settings from the environment and `.env`, read once per command."""
    cached: Settings | None = getattr(args, "_settings", None)
    if cached is None:
        try:
            cached = load_settings()
        except SettingsError as err:
            raise settings_problem(err) from None
        args._settings = cached
    return cached


def require_connection_settings(settings: Settings, step: str) -> None:
    """Refuse a command that talks to Mattermost when the settings to reach it are missing."""
    try:
        require_for_serve(settings, step)
    except SettingsError as err:
        raise settings_problem(err) from None


def database_problem(problem: connect.DatabaseProblem, setting: str = "ERBIJ_DATABASE_URL") -> str:
    """The Dutch message for a database that cannot be used, naming the setting to correct."""
    if problem.kind == connect.SCHEMA:
        current = problem.current or t("admin.db.schema_empty")
        return t("admin.db.schema", where=problem.where, current=current, head=problem.head)
    name = connect.database_name(problem.where) or "erbij"
    return t(
        f"admin.db.{problem.kind}", setting=setting, where=problem.where, name=name, detail=problem.detail
    )


def mattermost_problem(err: MattermostError, settings: Settings) -> str:
    """The Dutch message for a Mattermost error met while setting up: which setting to correct."""
    from bot.mattermost import NotFound, PermanentError, PermissionDenied

    # At start-up only the team lookup answers 404 (no such team) or 403 (the bot is not a member).
    if isinstance(err, NotFound | PermissionDenied):
        return t("admin.mm.team", team=settings.mattermost_team or "")
    if isinstance(err, PermanentError) and err.status == 401:
        return t("admin.mm.token")
    if isinstance(err, PermanentError):
        return t("admin.mm.other", status=err.status)
    return t("admin.mm.unreachable", url=settings.mattermost_base)


def open_database(
    database_url: str, *, check_schema: bool = True, setting: str = "ERBIJ_DATABASE_URL"
) -> Engine:
    """An engine that answers and (unless told otherwise) is at the current schema, or a `CliError`
    naming `setting` and the fix. Every command and `serve` open their database through here."""
    try:
        engine = connect.open_engine(database_url)
    except connect.DatabaseProblem as problem:
        raise CliError(database_problem(problem, setting)) from None
    try:
        connect.probe(engine)
        if check_schema:
            connect.check_schema(engine)
    except connect.DatabaseProblem as problem:
        engine.dispose()
        raise CliError(database_problem(problem, setting)) from None
    return engine


class CliDatabase:
    """The database for one CLI action (see `open_database`), disposed afterwards."""

    def __init__(
        self, database_url: str, *, check_schema: bool = True, setting: str = "ERBIJ_DATABASE_URL"
    ) -> None:
        self.engine: Engine = open_database(database_url, check_schema=check_schema, setting=setting)

    def __enter__(self) -> SqlUnitOfWorkFactory:
        return SqlUnitOfWorkFactory(self.engine)

    def __exit__(self, *exc: object) -> None:
        self.engine.dispose()


def cli_database(args: argparse.Namespace, *, check_schema: bool = True) -> CliDatabase:
    """The database of `--database` if given, else of ERBIJ_DATABASE_URL, checked (see `CliDatabase`)."""
    url, setting = database_url(args)
    return CliDatabase(url, check_schema=check_schema, setting=setting)


def database_url(args: argparse.Namespace) -> tuple[str, str]:
    """The database URL for this command and the name of the setting it came from (for messages)."""
    explicit = getattr(args, "database", None)
    if explicit:
        return str(explicit), "--database"
    return cli_settings(args).database_url, "ERBIJ_DATABASE_URL"


def cli_mattermost(args: argparse.Namespace) -> MattermostAdapter | None:
    """The Mattermost adapter when URL and token are configured, else None (for offline checks)."""
    settings = cli_settings(args)
    if not settings.mattermost_base or settings.mattermost_token is None:
        return None
    from bot.mattermost import MattermostAdapter

    return MattermostAdapter(
        settings.mattermost_base,
        settings.mattermost_token.get_secret_value(),
        settings.mattermost_team or "",
        verify=settings.mattermost_verify_tls,
    )


def cli_now(args: argparse.Namespace) -> datetime:
    """The instant from the clock `main` was given; no CLI path reads the wall clock itself."""
    clock = getattr(args, "clock", None)
    if clock is None:
        raise RuntimeError("the CLI's clock is set by bot.cli.main")
    now: datetime = clock.now()
    return now
