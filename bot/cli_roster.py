"""`erbij roster import|export|show`: the coordinator's roster tools on the command line.

The import resolves usernames through Mattermost (the adapter is the Directory port); the use cases
themselves live in `commands.roster` and are tested there with a fake directory. A dry run also works
without Mattermost settings: it checks the file and plans the changes against the stored roster, and
says that the usernames were not checked.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.cli_support import (
    CliDatabase,
    CliError,
    cli_database,
    cli_mattermost,
    cli_now,
    cli_settings,
    database_url,
    mattermost_problem,
)
from commands.catalogue import t
from commands.config import DEFAULT_TIMEZONE
from commands.ports import ChatUser, Directory
from commands.roster.importing import ImportReport

if TYPE_CHECKING:
    from commands.ports import UnitOfWorkFactory


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
    settings = cli_settings(args)
    adapter = cli_mattermost(args)
    if adapter is None and not args.dry_run:
        raise CliError(t("roster.cli.needs_mattermost"))
    from bot.mattermost import MattermostError

    url, setting = database_url(args)
    try:
        report = run_import(
            args.file,
            url,
            adapter,
            now=cli_now(args),
            dry_run=args.dry_run,
            timezone=settings.timezone,
            setting=setting,
        )
    except MattermostError as err:
        raise CliError(mattermost_problem(err, settings)) from None
    print(report)
    if args.dry_run:
        print(t("roster.cli.checked" if adapter is not None else "roster.cli.unchecked"))
    return 0


class StoredNames:
    """A Directory that knows only the usernames already in the roster: the offline dry run's stand-in.

    Names it does not know are new to the roster and get a placeholder id; a dry run stores nothing, so
    the placeholder never reaches the database.
    """

    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        with uow_factory() as uow:
            people = uow.roster.professionals(include_inactive=True)
        self._known = {p.username: ChatUser(p.user_id, p.username) for p in people}

    def users_by_usernames(self, usernames: list[str]) -> dict[str, ChatUser]:
        names = (name.lstrip("@").lower() for name in usernames)
        return {name: self._known.get(name) or ChatUser(f"(nieuw) {name}", name) for name in names}

    def users_by_ids(self, user_ids: list[str]) -> dict[str, ChatUser]:
        return {}

    def statuses(self, user_ids: list[str]) -> dict[str, str]:
        return {}


def run_import(
    path: Path,
    database_url: str,
    directory: Directory | None,
    *,
    now: datetime,
    dry_run: bool = False,
    timezone: str = DEFAULT_TIMEZONE,
    setting: str = "ERBIJ_DATABASE_URL",
) -> str:
    """Read, check and import the file; returns the Dutch report. Raises the CLI's error on bad input.

    Without a directory (no Mattermost configured) only a dry run is possible, against the stored names.
    """
    from commands.roster.importing import import_roster
    from commands.roster.roster_file import RosterFileError, load_roster_file

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise CliError(t("roster.cli.unreadable", path=path, reason=err.strerror)) from None
    with CliDatabase(database_url, setting=setting) as uow_factory:
        if directory is None:
            if not dry_run:
                raise CliError(t("roster.cli.needs_mattermost"))
            directory = StoredNames(uow_factory)
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

    settings = cli_settings(args)
    today = cli_now(args).astimezone(ZoneInfo(settings.timezone)).date()
    with cli_database(args) as uow_factory:
        text = export_roster(uow_factory, today)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    settings = cli_settings(args)
    url, setting = database_url(args)
    print(show_roster(url, ZoneInfo(settings.timezone), cli_now(args), setting=setting))
    return 0


def show_roster(
    database_url: str, tz: ZoneInfo, now: datetime, *, setting: str = "ERBIJ_DATABASE_URL"
) -> str:
    """Everyone active, with their availability now, followed by the coordinators' week summary."""
    from commands.roster.availability import available
    from commands.roster.involvements import CaseInvolvements
    from commands.roster.model import Role
    from commands.roster.summary import render_summary, summarise

    with CliDatabase(database_url, setting=setting) as uow_factory, uow_factory() as uow:
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
