"""`erbij consults …`: coordinators configure the weekly consult slots and look ahead; calendar links.

The use cases live in `commands.consults.admin` (and the calendar in `commands.consults.ical`); this module
parses arguments, opens the database and prints Dutch results.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli_support import CliError, cli_database, cli_now, cli_settings
from bot.scheduler import CronConsultDates
from commands.catalogue import t
from commands.consults.admin import (
    AdminError,
    SlotAdmin,
    SlotChanges,
    parse_holiday,
    parse_offset,
    parse_time,
    parse_weekday,
)
from commands.consults.model import Consult
from commands.consults.render import consult_when, moment
from commands.consults.service import ConsultSettings, display_names
from commands.consults.views import Views, slot_line

if TYPE_CHECKING:
    from storage.uow import SqlUnitOfWorkFactory

SETTINGS = ConsultSettings(dates=CronConsultDates())


def add_parsers(sub: Any) -> None:
    """Adds `consults` with its actions to the `erbij` parser."""
    consults = sub.add_parser("consults", help="de vaste overlegmomenten (MDO) instellen en bekijken")
    actions = consults.add_subparsers(dest="consults_action", required=True)

    listing = actions.add_parser("list", help="de ingestelde overlegmomenten")
    listing.set_defaults(func=cmd_list)

    init = actions.add_parser("init", help="de drie standaardmomenten: maandag, woensdag en vrijdag 10:00")
    _slot_options(init, with_weekday=False)
    init.set_defaults(func=cmd_init)

    add = actions.add_parser("add", help="een overlegmoment toevoegen")
    add.add_argument("key", help="korte naam, bv. dinsdag-middag")
    _slot_options(add)
    add.set_defaults(func=cmd_add)

    change = actions.add_parser("set", help="een overlegmoment wijzigen (komende overleggen schuiven mee)")
    change.add_argument("key")
    _slot_options(change)
    change.set_defaults(func=cmd_set)

    remove = actions.add_parser(
        "remove", help="een overlegmoment stoppen; ingebrachte casussen schuiven door"
    )
    remove.add_argument("key")
    remove.set_defaults(func=cmd_remove)

    plan = actions.add_parser("plan", help="de komende overleggen, met feestdagen")
    plan.add_argument("--weeks", type=int, default=4)
    plan.set_defaults(func=cmd_plan)

    ical = actions.add_parser("ical", help="de komende overleggen als iCalendar-bestand (.ics)")
    ical.add_argument("-o", "--output", type=Path, default=None, help="bestand (standaard: het scherm)")
    ical.set_defaults(func=cmd_ical)

    link = actions.add_parser("feed-url", help="de persoonlijke agenda-abonnementslink van iemand")
    link.add_argument("username")
    link.set_defaults(func=cmd_feed_url)

    for parser in (listing, init, add, change, remove, plan, ical, link):
        parser.add_argument("--database", default=None, help="SQLAlchemy-URL (standaard: ERBIJ_DATABASE_URL)")


def _slot_options(parser: argparse.ArgumentParser, *, with_weekday: bool = True) -> None:
    if with_weekday:
        parser.add_argument("--weekday", help="dag: maandag … vrijdag (of ma … vr)")
    parser.add_argument("--start", help="begintijd, bv. 10:00")
    parser.add_argument("--duration", type=int, help="duur in minuten")
    parser.add_argument("--channel", help="Mattermost-kanaal, bv. mdo-west-brabant")
    parser.add_argument(
        "--chair", help="voorzitter(s), komma's tussen namen: meer namen = om de beurt per week"
    )
    parser.add_argument("--members", help="vaste deelnemers (gebruikersnamen, komma's ertussen)")
    parser.add_argument("--max-cases", type=int, help="maximaal aantal casussen")
    parser.add_argument("--minutes-per-case", type=int, help="minuten per casus")
    parser.add_argument("--deadline", help='inbrengen tot: werkdagen ervoor en tijd, bv. "1 12:00"')
    parser.add_argument("--agenda", help='agenda versturen: werkdagen ervoor en tijd, bv. "1 15:00"')
    parser.add_argument("--holiday", help="op een feestdag: overslaan, volgende_werkdag of vorige_werkdag")
    parser.add_argument("--video", help="videolink (https://…)")
    parser.add_argument("--title", help="naam van het overleg, standaard MDO")


def changes_from(args: argparse.Namespace) -> SlotChanges:
    def names(value: str | None) -> tuple[str, ...] | None:
        return None if value is None else tuple(n.strip() for n in value.split(",") if n.strip())

    weekday = getattr(args, "weekday", None)
    return SlotChanges(
        weekday=parse_weekday(weekday) if weekday else None,
        start=parse_time(args.start) if args.start else None,
        duration_minutes=args.duration,
        channel=args.channel,
        chairs=names(args.chair),
        members=names(args.members),
        max_cases=args.max_cases,
        minutes_per_case=args.minutes_per_case,
        deadline=parse_offset(args.deadline) if args.deadline else None,
        agenda=parse_offset(args.agenda) if args.agenda else None,
        holiday=parse_holiday(args.holiday) if args.holiday else None,
        video_url=args.video,
        title=args.title,
    )


# --- actions ---------------------------------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    with cli_database(args) as uow_factory:
        print(list_slots(uow_factory))
    return 0


def list_slots(uow_factory: SqlUnitOfWorkFactory) -> str:
    with uow_factory() as uow:
        slots = uow.slots.slots(include_inactive=True)
        names = display_names(uow, {p for s in slots for p in (*s.chairs, *s.members)})
    if not slots:
        return t("overleg.geen_slots")
    lines = []
    for slot in slots:
        state = "" if slot.active else t("overleg.cli.gestopt")
        lines.append(f"[{slot.key}]{state} {slot_line(slot, names)[2:]}")
        if slot.members:
            lines.append(t("overleg.cli.deelnemers", names=", ".join(names[m] for m in slot.members)))
        if slot.video_url:
            lines.append(t("overleg.cli.video", url=slot.video_url))
    return "\n".join(lines)


def cmd_init(args: argparse.Namespace) -> int:
    with cli_database(args) as uow_factory:
        created = _run(lambda: _admin(uow_factory, args).init(_now(args), changes_from(args)))
        print(t("overleg.cli.init", count=len(created), keys=", ".join(s.key for s in created) or "-"))
        print(list_slots(uow_factory))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with cli_database(args) as uow_factory:
        slot = _run(lambda: _admin(uow_factory, args).add(_now(args), args.key, changes_from(args)))
        print(t("overleg.cli.toegevoegd", key=slot.key))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    with cli_database(args) as uow_factory:
        report = _run(lambda: _admin(uow_factory, args).change(_now(args), args.key, changes_from(args)))
        print(t("overleg.cli.gewijzigd", key=report.slot.key, replanned=report.replanned, moved=report.moved))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with cli_database(args) as uow_factory:
        admin = _admin(uow_factory, args)
        report = _run(lambda: admin.change(_now(args), args.key, SlotChanges(), active=False))
        print(
            t(
                "overleg.cli.gestopt_melding",
                key=report.slot.key,
                replanned=report.replanned,
                moved=report.moved,
            )
        )
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    with cli_database(args) as uow_factory:
        print(plan_text(uow_factory, _now(args), args.weeks, cli_settings(args).timezone))
    return 0


def plan_text(uow_factory: SqlUnitOfWorkFactory, now: datetime, weeks: int, timezone: str) -> str:
    consults = _admin(uow_factory, timezone).upcoming(now, weeks)
    if not consults:
        return t("overleg.cli.geen_overleggen", weeks=weeks)
    with uow_factory() as uow:
        names = display_names(uow, {c.chair_id for c in consults if c.chair_id})
        counts = {c.id: 0 for c in consults}
        for item in uow.agenda_items.items(list(counts)):
            counts[item.consult_id] += 1
    return "\n".join(_plan_line(c, names, counts[c.id], timezone) for c in consults)


def _plan_line(consult: Consult, names: dict[str, str], count: int, timezone: str) -> str:
    if consult.cancelled:
        return t("overleg.cli.plan_vervalt", key=consult.slot_key, when=consult_when(consult, timezone),
                 holiday=consult.holiday or t("overleg.cli.gestopt_reden"))  # fmt: skip
    return t(
        "overleg.cli.plan_regel",
        key=consult.slot_key,
        when=consult_when(consult, timezone),
        chair=names.get(consult.chair_id or "", t("overleg.geen_voorzitter")),
        count=count,
        capacity=consult.capacity,
        deadline=moment(consult.deadline_at, timezone),
        agenda=moment(consult.agenda_at, timezone),
        moved=t("overleg.rooster.verplaatst", holiday=consult.holiday) if consult.moved else "",
    )


def cmd_ical(args: argparse.Namespace) -> int:
    with cli_database(args) as uow_factory, uow_factory() as uow:
        document = Views(SETTINGS).calendar_document(uow, cli_settings(args).timezone, _now(args))
        uow.commit()
    if args.output is None:
        sys.stdout.write(document.decode("utf-8"))
    else:
        args.output.write_bytes(document)
        print(t("overleg.cli.ical_geschreven", path=args.output))
    return 0


def cmd_feed_url(args: argparse.Namespace) -> int:
    from bot.calendar_feed import feed_url
    from bot.signing import Signer

    settings = cli_settings(args)
    if settings.secret is None or settings.public_url is None:
        raise CliError(t("overleg.cli.feed_instellingen"))
    with cli_database(args) as uow_factory, uow_factory() as uow:
        professional = uow.roster.professional_by_username(args.username.lstrip("@").lower())
    if professional is None or not professional.active:
        raise CliError(t("overleg.beheer.persoon_onbekend", username=args.username))
    signer = Signer(settings.secret.get_secret_value())
    print(feed_url(settings.public_base, signer, professional.user_id, _now(args)))
    return 0


# --- plumbing --------------------------------------------------------------------------------------------
def _admin(uow_factory: SqlUnitOfWorkFactory, args: argparse.Namespace | str) -> SlotAdmin:
    timezone = args if isinstance(args, str) else cli_settings(args).timezone
    return SlotAdmin(uow_factory, SETTINGS, timezone)


def _run(action: Any) -> Any:
    try:
        return action()
    except AdminError as err:
        raise CliError(
            t("overleg.cli.niet_gelukt", problems="\n".join(f"- {p}" for p in err.problems))
        ) from None


def _now(args: argparse.Namespace) -> datetime:
    return cli_now(args)
