"""The consults as iCalendar (RFC 5545): parsed back with the `icalendar` library, as a DM file and a feed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import icalendar
from sqlalchemy import Engine

from bot.calendar_feed import FEED_PATH, feed_token, feed_url
from bot.demo.world import SECRET, World
from bot.signing import Signer
from commands.consults.admin import SlotAdmin, SlotChanges
from commands.consults.ical import consults_calendar
from commands.consults.service import ConsultSettings
from commands.outbox import Recipient
from storage.uow import SqlUnitOfWorkFactory
from tests.consults.conftest import CHANNEL, Office, seed_roster, uid

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VIDEO = "https://video.example.nl/mdo-west-brabant?room=1"


def parse(document: bytes) -> icalendar.Calendar:
    assert document.endswith(b"\r\n") and b"\n" not in document.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in document.split(b"\r\n")), "RFC 5545 folds lines at 75 octets"
    return icalendar.Calendar.from_ical(document)


def events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return [event for event in calendar.walk("VEVENT") if isinstance(event, icalendar.Event)]


def test_the_document_parses_back_with_time_zone_and_video_link(office: Office) -> None:
    office.default_slots(video_url=VIDEO)
    with office.uow() as uow:
        consults = uow.consults.consults_between(office.clock.now(), office.clock.now() + timedelta(weeks=20))
    now = office.clock.now()
    calendar = parse(consults_calendar(consults, "Europe/Amsterdam", now, {uid("karin"): "Karin Smit"}))
    assert str(calendar["VERSION"]) == "2.0" and "Erbij" in str(calendar["PRODID"])
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Amsterdam"
    assert {c.name for c in zone.subcomponents} >= {"STANDARD", "DAYLIGHT"}
    found = events(calendar)
    assert len(found) == len(consults) and len({str(e["UID"]) for e in found}) == len(found)
    first = found[0]
    assert first["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert first.decoded("DTSTART") == datetime(2026, 11, 25, 10, 0, tzinfo=AMSTERDAM)
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=90)
    assert str(first["URL"]) == VIDEO and str(first["LOCATION"]) == VIDEO
    assert str(first["SUMMARY"]) == f"MDO (~{CHANNEL})"
    description = str(first["DESCRIPTION"])
    assert "Voorzitter: Karin Smit" in description and VIDEO in description
    christmas = next(e for e in found if e.decoded("DTSTART").date() == date(2026, 12, 25))
    assert str(christmas["STATUS"]) == "CANCELLED"
    assert "Eerste kerstdag" in str(christmas["DESCRIPTION"])
    # summer time: still 10:00 local, written as local time with the zone
    summer = office.admin().upcoming(datetime(2027, 3, 29, 7, 0, tzinfo=UTC), 2)
    [late_march] = [c for c in summer if c.starts_at.astimezone(AMSTERDAM).date() == date(2027, 3, 31)]
    calendar = parse(consults_calendar([late_march], "Europe/Amsterdam", now, {}))
    assert b"DTSTART;TZID=Europe/Amsterdam:20270331T100000" in calendar.to_ical()
    assert events(calendar)[0].decoded("DTSTART").utcoffset() == timedelta(hours=2)


def test_kalender_sends_the_file_by_dm(office: Office) -> None:
    office.default_slots(video_url=VIDEO)
    assert office.say("jeroen", "/overleg kalender") == "Je krijgt het agendabestand zo in een privébericht."
    [sent] = [m for m in office.outbox() if m.key.startswith("overleg-kalender:")]
    assert sent.to == Recipient.user(uid("jeroen"))
    assert sent.file is not None and sent.file.filename == "erbij-overleggen.ics"
    assert sent.file.mime_type == "text/calendar"
    assert len(events(parse(sent.file.content))) >= 20


def test_the_feed_over_http_needs_a_signed_token_of_an_active_professional(
    stack: World, engine: Engine
) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    seed_roster(uow, stack.clock.now())
    SlotAdmin(uow, ConsultSettings(), "Europe/Amsterdam").init(
        stack.clock.now(), SlotChanges(channel=CHANNEL, chairs=("karin",), video_url=VIDEO)
    )
    signer, now = Signer(SECRET), stack.clock.now()
    base = stack.server.url if stack.server else ""
    with httpx.Client(base_url=base, trust_env=False) as client:
        answer = client.get(feed_url("", signer, uid("sanne"), now))
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/calendar")
        assert len(events(parse(answer.content))) >= 20
        assert client.get(FEED_PATH, params={"token": "nonsense"}).status_code == 403
        assert (
            client.get(FEED_PATH, params={"token": feed_token(signer, "u-niemand", now)}).status_code == 403
        )
        forged = Signer("another-secret-of-enough-length").sign(
            {"k": "overleg-kalender", "u": uid("sanne")}, now + timedelta(days=1)
        )
        assert client.get(FEED_PATH, params={"token": forged}).status_code == 403
        button_token = signer.sign({"a": "x", "d": {}}, now + timedelta(days=1))
        assert client.get(FEED_PATH, params={"token": button_token}).status_code == 403
