"""`erbij monitor --van --tot --formaat csv|json`: the pseudonymous export for regional registration."""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bot.cli_support import CliError, cli_database, cli_now, cli_settings
from commands.calendar import WorkCalendar
from commands.catalogue import t
from commands.monitor.export import ExportError, build, span
from commands.monitor.gc_pause import cycle_collection_paused
from commands.ports import AuditEvent


def add_parsers(sub: Any) -> None:
    monitor = sub.add_parser(
        "monitor",
        help="export van de monitorcijfers (schema erbij-monitor/1, pseudoniem), zie docs/monitor.md",
    )
    monitor.add_argument("--van", required=True, help="eerste dag, JJJJ-MM-DD")
    monitor.add_argument("--tot", required=True, help="laatste dag (telt mee), JJJJ-MM-DD")
    monitor.add_argument("--formaat", choices=("csv", "json"), default="json", help="standaard: json")
    monitor.add_argument(
        "--uit",
        type=Path,
        default=None,
        help="json: bestand (standaard: het scherm); csv: een map (verplicht)",
    )
    monitor.add_argument("--database", default=None, help="SQLAlchemy-URL (standaard: ERBIJ_DATABASE_URL)")
    monitor.set_defaults(func=cmd_export)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(t("monitor.export.datum", option=option, text=text[:40])) from None


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "cli:onbekend"


def cmd_export(args: argparse.Namespace) -> int:
    first, last = _day(args.van, "--van"), _day(args.tot, "--tot")
    if args.formaat == "csv" and args.uit is None:
        raise CliError(t("monitor.export.map_nodig"))
    calendar = WorkCalendar(cli_settings(args).timezone)
    try:
        period = span(first, last, calendar)
    except ExportError:
        raise CliError(t("monitor.export.volgorde", van=first, tot=last)) from None
    now = cli_now(args)
    with cli_database(args) as uow:
        with cycle_collection_paused():
            with uow.read() as work:
                history = work.monitor.history(period.start, period.end, calendar.timezone)
            export = build(history, period, now, calendar, secrets.token_bytes(16))
        with uow() as work:
            work.audit.record(
                AuditEvent(
                    at=now,
                    actor_id=_actor(),
                    action="monitor.exporteren",
                    case_code=None,
                    authorisation="beheerder",
                    access_point="erbij monitor",
                    detail={
                        "van": str(first),
                        "tot": str(last),
                        "formaat": args.formaat,
                        "verzoeken": str(len(export.requests)),
                        "casus_perioden": str(len(export.case_periods)),
                    },
                )
            )
            work.commit()
    if args.formaat == "json":
        if args.uit is None:
            sys.stdout.write(export.as_json())
        else:
            args.uit.write_text(export.as_json(), encoding="utf-8")
            print(t("monitor.export.geschreven", path=args.uit), file=sys.stderr)
        return 0
    args.uit.mkdir(parents=True, exist_ok=True)
    for name, text in export.as_csv().items():
        (args.uit / name).write_text(text, encoding="utf-8")
    print(t("monitor.export.geschreven", path=args.uit), file=sys.stderr)
    return 0
