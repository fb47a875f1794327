"""What every `erbij` subcommand shares: the expected-failure error, and a database checked for its schema."""

from __future__ import annotations

import argparse
from datetime import datetime

from commands.catalogue import t
from storage import schema
from storage.engine import Engine, make_engine
from storage.uow import SqlUnitOfWorkFactory


class CliError(Exception):
    """An expected failure: printed as one clear message, no stack trace, exit status 2."""


class CliDatabase:
    """An engine for one CLI action, checked to be at the current schema, disposed afterwards."""

    def __init__(self, database_url: str) -> None:
        self.engine: Engine = make_engine(database_url)
        try:
            schema.require_current(self.engine)
        except schema.SchemaOutdated as err:
            self.engine.dispose()
            raise CliError(t("cli.schema", error=err)) from None

    def __enter__(self) -> SqlUnitOfWorkFactory:
        return SqlUnitOfWorkFactory(self.engine)

    def __exit__(self, *exc: object) -> None:
        self.engine.dispose()


def cli_now(args: argparse.Namespace) -> datetime:
    """The instant from the clock `main` was given; no CLI path reads the wall clock itself."""
    clock = getattr(args, "clock", None)
    if clock is None:
        raise RuntimeError("the CLI's clock is set by bot.cli.main")
    now: datetime = clock.now()
    return now
