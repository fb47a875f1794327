"""`erbij roster import|export|show`: the coordinator's roster tools on the command line.

The import resolves usernames through Mattermost (the adapter is the Directory port); the use cases
themselves live in `commands.roster` and are tested there with a fake directory.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.cli_support import CliDatabase, CliError, cli_now
from bot.settings import Settings, SettingsError, load_settings
from commands.catalogue import t
from commands.ports import Directory
from commands.roster.importing import ImportReport

if TYPE_CHECKING:
    pass


def add_parsers(sub: Any) -> None:
    """Adds `roster` with its three actions to the `erbij` parser."""
    roster = sub.add_parser("roster", help="het rooster inlezen, exporteren of bekijken")
    actions = roster.add_subparsers(dest="roster_action", required=True)

    imp = actions.add_parser("import", help="een roosterbestand (YAML) inlezen; alles of niets")
    imp.add_argument("file", type=Path, help="het roosterbestand, bv. examples/roster.yaml")
    imp.add_argument(
        "--dry-run", action="store_true", help="alleen controleren en tonen wat er zou veranderen"
    )
    imp.set_defaults(func=cmd_import)

    exp = actions.add_parser("export", help="het rooster als YAML (opnieuw in te lezen)")
    exp.add_argument("-o", "--output", type=Path, default=None, help="bestand (standaard: het scherm)")
    exp.set_defaults(func=cmd_export)

    show = actions.add_parser("show", help="wie er in het rooster staat en het weekoverzicht")
    show.set_defaults(func=cmd_show)

    for parser in (imp, exp, show):
        parser.add_argument("--database", default=None, help="SQLAlchemy-URL (standaard: ERBIJ_DATABASE_URL)")


def cmd_import(args: argparse.Namespace) -> int:
    settings = _settings()
    if not settings.mattermost_base or settings.mattermost_token is None:
        raise CliError(t("roster.cli.needs_mattermost"))
    from bot.mattermost import MattermostAdapter, MattermostError

    adapter = MattermostAdapter(
        settings.mattermost_base,
        settings.mattermost_token.get_secret_value(),
        settings.mattermost_team or "",
        verify=settings.mattermost_verify_tls,
    )
    try:
        print(
            run_import(
                args.file,
                _database(args),
                adapter,
                now=cli_now(args),
                dry_run=args.dry_run,
                timezone=settings.timezone,
            )
        )
    except MattermostError as err:
        raise CliError(t("roster.cli.mattermost_error", error=err)) from None
    return 0


def run_import(
    path: Path,
    database_url: str,
    directory: Directory,
    *,
    now: datetime,
    dry_run: bool = False,
    timezone: str = "Europe/Amsterdam",
) -> str:
    """Read, check and import the file; returns the Dutch report. Raises the CLI's error on bad input."""
    from commands.roster.importing import import_roster
    from commands.roster.roster_file import RosterFileError, load_roster_file

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise CliError(t("roster.cli.unreadable", path=path, reason=err.strerror)) from None
    with CliDatabase(database_url) as uow_factory:
        try:
            roster = load_roster_file(text)
            report = import_roster(uow_factory, directory, roster, now, dry_run=dry_run, timezone=timezone)
        except RosterFileError as err:
            raise CliError(
                "\n".join([t("roster.import.invalid"), *(f"- {p}" for p in err.problems)])
            ) from None
    return render_report(report)


def render_report(report: ImportReport) -> str:
    if not report.changed:
        lines = [t("roster.import.nothing", unchanged=report.unchanged)]
    else:
        lines = [
            t(
                "roster.import.done",
                added=len(report.added),
                updated=len(report.updated),
                reactivated=len(report.reactivated),
                deactivated=len(report.deactivated),
                unchanged=report.unchanged,
            )
        ]
        for kind in ("added", "updated", "reactivated", "deactivated"):
            names: tuple[str, ...] = getattr(report, kind)
            if names:
                lines.append(
                    t("roster.import.names", label=t(f"roster.import.label.{kind}"), names=", ".join(names))
                )
        if report.organisations_changed:
            lines.append(t("roster.import.organisations"))
        if report.vocabulary_changed:
            lines.append(t("roster.import.vocabulary"))
    if report.dry_run:
        lines.append(t("roster.import.dry_run"))
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace) -> int:
    from commands.roster.exporting import export_roster

    settings = _settings()
    today = cli_now(args).astimezone(ZoneInfo(settings.timezone)).date()
    with CliDatabase(_database(args)) as uow_factory:
        text = export_roster(uow_factory, today)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    settings = _settings()
    print(show_roster(_database(args), ZoneInfo(settings.timezone), cli_now(args)))
    return 0


def show_roster(database_url: str, tz: ZoneInfo, now: datetime) -> str:
    """Everyone active, with their availability now, followed by the coordinators' week summary."""
    from commands.roster.availability import available
    from commands.roster.involvements import CaseInvolvements
    from commands.roster.model import Role
    from commands.roster.summary import render_summary, summarise

    with CliDatabase(database_url) as uow_factory, uow_factory() as uow:
        people = uow.roster.professionals()
        vocabulary = uow.roster.expertise_areas()
        load = CaseInvolvements().counts(uow, [p.user_id for p in people if Role.EXPERT in p.roles])
    if not people:
        return t("roster.show.empty")
    lines = [t("roster.show.header"), "|---|---|---|---|---|---|"]
    for p in sorted(people, key=lambda p: (p.organisation.name, p.display_name)):
        used = load.get(p.user_id, 0)
        verdict = available(p, now, tz=tz, active_involvements=used)
        if Role.EXPERT not in p.roles:
            state = "–"  # leads, chairs and coordinators are not asked to join cases
        else:
            state = t("roster.show.available") if verdict.ok else "; ".join(verdict.reasons)
        roles = ", ".join(sorted(str(role) for role in p.roles))
        cells = (p.display_name, p.username, p.organisation.name, roles, f"{used}/{p.capacity}", state)
        lines.append("| " + " | ".join(cells) + " |")
    summary = summarise(people, now=now, tz=tz, involvements=load, vocabulary=vocabulary)
    return "\n".join([*lines, "", render_summary(summary, now.astimezone(tz).date())])


def _database(args: argparse.Namespace) -> str:
    return str(args.database or _settings().database_url)


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as err:
        raise CliError(t("roster.cli.settings", problems="\n  ".join(err.problems))) from None
