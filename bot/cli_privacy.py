"""`erbij retentie [--droog]`: apply the retention period now, or show what it would erase."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli_support import cli_database, cli_now, cli_settings


def add_parsers(sub: Any) -> None:
    retention = sub.add_parser(
        "retentie", help="wis de inhoud van casussen die langer dan de bewaartermijn gesloten zijn"
    )
    retention.add_argument("--droog", action="store_true", help="laat alleen zien wat er gewist zou worden")
    retention.add_argument("--database", default=None, help="SQLAlchemy-URL (standaard: ERBIJ_DATABASE_URL)")
    retention.set_defaults(func=cmd_retention)


def cmd_retention(args: argparse.Namespace) -> int:
    from commands.privacy_retention import dry_run_text, due, run, run_text

    settings = cli_settings(args)
    now = cli_now(args)
    with cli_database(args) as uow:
        if args.droog:
            print(
                dry_run_text(
                    due(uow, now, settings.retention_months),
                    now,
                    settings.retention_months,
                    settings.timezone,
                )
            )
        else:
            print(run_text(run(uow, now, settings.retention_months, actor="cli")))
    return 0
