"""The `erbij` command line: serve, demo, database and outbox maintenance."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from bot import cli_cases, cli_consults, cli_monitor, cli_privacy, cli_roster
from bot.cli_parser import DutchArgumentParser
from bot.cli_support import CliError, cli_database, cli_now, cli_settings, require_connection_settings
from commands.catalogue import t
from commands.clock import Clock

log = logging.getLogger("erbij")


def cmd_serve(args: argparse.Namespace) -> int:
    from bot import serve

    settings = cli_settings(args)
    require_connection_settings(settings, "serve")
    serve.run(settings)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from bot import demo

    if args.database:
        with cli_database(args, check_schema=False):
            pass  # a mistyped --database is told like for every other command, before the story starts
    if not args.verbose:
        # The demo's story is what each person sees; operational log lines would drown it.
        logging.getLogger().setLevel(logging.WARNING)
        logging.getLogger("alembic").setLevel(logging.WARNING)
    demo.run(database_url=args.database, out=sys.stdout)
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from storage import connect, schema

    # Upgrading is how a database gets its schema, so only reachability is checked up front.
    with cli_database(args, check_schema=False) as uow_factory:
        engine = uow_factory.engine
        try:
            if args.action == "upgrade":
                connect.migrate(engine, "upgrade", args.revision or "head")
                print(f"Database is bijgewerkt tot versie {schema.current_revision(engine)}.")
            elif args.action == "downgrade":
                if not args.revision:
                    raise CliError(t("admin.db.downgrade_needs_revision"))
                connect.migrate(engine, "downgrade", args.revision)
                print(f"Database staat nu op versie {schema.current_revision(engine) or 'leeg'}.")
            elif args.action == "current":
                current = schema.current_revision(engine)
                head = schema.head_revision()
                print(f"huidig: {current or 'leeg'}; nieuwste: {head}")
                return 0 if current == head else 1
            elif args.action == "check":
                connect.migrate(engine, "check")
                print("Modellen en migraties komen overeen.")
        except connect.MigrationProblem as problem:
            key = "admin.db.drift" if problem.action == "check" else "admin.db.revision"
            raise CliError(
                t(key, revision=problem.revision, head=schema.head_revision(), detail=problem.detail)
            ) from None
    return 0


def cmd_outbox(args: argparse.Namespace) -> int:
    from storage.outbox import SqlOutboxQueue

    now = cli_now(args)
    with cli_database(args) as uow_factory:
        queue = SqlOutboxQueue(uow_factory.sessions)
        if args.action == "status":
            stats = queue.stats(now)
            print(f"wachtend: {stats.pending}; mislukt (geparkeerd): {stats.failed}")
            if stats.oldest_pending_age_seconds is not None:
                print(f"oudste wachtende bericht: {stats.oldest_pending_age_seconds:.0f} s")
        elif args.action == "failed":
            rows = queue.failed()
            if not rows:
                print("Geen mislukte berichten.")
            for row_id, key, error, attempts in rows:
                print(f"#{row_id} {key} — {attempts} pogingen — {error}")
        elif args.action == "retry":
            print(f"{queue.requeue_failed(now)} bericht(en) opnieuw in de wachtrij gezet.")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from bot import doctor

    return doctor.cmd_doctor(args)


def version() -> str:
    """The installed distribution's version (what `pip install` put there), for `erbij --version`."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("erbij")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "onbekend (niet geïnstalleerd)"


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(prog="erbij", description="Erbij: experts erbij halen in Mattermost.")
    parser.add_argument("-v", "--verbose", action="store_true", help="meer logregels")
    parser.add_argument("--version", action="version", version=f"erbij {version()}", help="toon de versie")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="start de bot (leest ERBIJ_* instellingen)")
    serve.set_defaults(func=cmd_serve)

    demo = sub.add_parser("demo", help="een gescripte week op SQLite en de emulator, per persoon getoond")
    demo.add_argument("--database", default=None, help="SQLAlchemy-URL (standaard: een tijdelijk bestand)")
    demo.set_defaults(func=cmd_demo)

    db = sub.add_parser("db", help="databaseschema beheren")
    db.add_argument("action", choices=["upgrade", "downgrade", "current", "check"])
    db.add_argument("revision", nargs="?", default=None)
    db.add_argument("--database", default=None, help="SQLAlchemy-URL (standaard: ERBIJ_DATABASE_URL)")
    db.set_defaults(func=cmd_db)

    outbox = sub.add_parser("outbox", help="de uitgaande berichten bekijken of opnieuw proberen")
    outbox.add_argument("action", choices=["status", "failed", "retry"])
    outbox.add_argument("--database", default=None)
    outbox.set_defaults(func=cmd_outbox)
    doctor = sub.add_parser(
        "doctor",
        help="controleer instellingen, database, Mattermost en bereikbaarheid, met wat je moet oplossen",
    )
    doctor.add_argument("--database", default=None, help="SQLAlchemy-URL (standaard: ERBIJ_DATABASE_URL)")
    doctor.set_defaults(func=cmd_doctor)
    cli_roster.add_parsers(sub)
    cli_cases.add_parsers(sub)
    cli_consults.add_parsers(sub)
    cli_monitor.add_parsers(sub)
    cli_privacy.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """The `erbij` entry point; tests pass their own clock so that no CLI path depends on today's date."""
    args = build_parser().parse_args(argv)
    if clock is None:
        from bot.composition import SystemClock

        clock = SystemClock()
    args.clock = clock
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CliError as err:
        print(str(err), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
