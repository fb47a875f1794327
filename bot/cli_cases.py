"""`erbij card export <code>` and `erbij audit <code>`: the administrator's card tools on the command line."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from bot.cli_support import CliError, cli_database, cli_now, cli_settings
from commands.catalogue import t
from commands.errors import UserError


def add_parsers(sub: Any) -> None:
    """Adds `card export` and `audit` to the `erbij` parser."""
    card = sub.add_parser("card", help="veiligheidskaarten (beheer)")
    actions = card.add_subparsers(dest="card_action", required=True)
    export = actions.add_parser("export", help="de kaart als Markdown, voor een warme overdracht")
    export.add_argument("code", help="de casuscode, bv. WBW-7K3Q-2B")
    export.add_argument("-o", "--output", type=Path, default=None, help="bestand (standaard: het scherm)")
    export.set_defaults(func=cmd_export)

    audit = sub.add_parser("audit", help="het auditlog (NEN 7513) van een casus: wie deed wat, wanneer")
    audit.add_argument("code", help="de casuscode")
    audit.add_argument(
        "--ruw", action="store_true", help="de ruwe regels met gebruikers-id's in plaats van namen en rollen"
    )
    audit.set_defaults(func=cmd_audit)

    for parser in (export, audit):
        parser.add_argument("--database", default=None, help="SQLAlchemy-URL (standaard: ERBIJ_DATABASE_URL)")


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "cli:onbekend"


def cmd_export(args: argparse.Namespace) -> int:
    from commands.cases.admin import export_card

    timezone = cli_settings(args).timezone
    with cli_database(args) as uow:
        try:
            filename, document = export_card(uow, args.code, _actor(), cli_now(args), timezone)
        except UserError as err:
            raise CliError(err.message) from None
    if args.output is None:
        sys.stdout.write(document)
    else:
        target = args.output / filename if args.output.is_dir() else args.output
        target.write_text(document, encoding="utf-8")
        print(t("kaart.cli.geschreven", path=target))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """Who read, changed, exported or was refused the card, by name and role (an AVG inzage request);
    `--ruw` gives the raw NEN 7513 lines with user ids."""
    from commands.cases.admin import ADMIN, audit_trail, format_trail
    from commands.cases.service import canonical_code
    from commands.privacy_inzage import read_overview

    timezone = cli_settings(args).timezone
    with cli_database(args) as uow:
        try:
            code = canonical_code(args.code)
            if args.ruw:
                print(format_trail(code, audit_trail(uow, code, _actor(), cli_now(args)), timezone))
                return 0
            trail = read_overview(
                uow, code, _actor(), cli_now(args), authorisation=ADMIN, access_point="cli", timezone=timezone
            )
        except UserError as err:
            raise CliError(err.message) from None
    print(trail.text(code, timezone))
    return 0
