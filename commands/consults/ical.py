"""Consults as an iCalendar document (RFC 5545), so professionals see them in their own calendar app.

Built with the maintained `icalendar` library rather than by hand: it escapes text, folds long lines and
writes the VTIMEZONE for `TZID=Europe/Amsterdam` from the zone's own rules. Pure: consults in, bytes out.
Only what a calendar entry needs: time, title, channel, chair and video link; never a case.

`icalendar` is imported when a feed is first asked for, not with this module: `erbij serve` would otherwise
hold its 80 modules (about 3 MB) from start-up in case someone subscribes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from commands.catalogue import t
from commands.consults.model import Consult

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//Erbij//Overleggen//NL"
UID_DOMAIN = "erbij.overleg"


def consult_uid(consult: Consult) -> str:
    return f"overleg-{consult.id}@{UID_DOMAIN}"


def consults_calendar(
    consults: Sequence[Consult], timezone: str, now: datetime, chairs: Mapping[str, str]
) -> bytes:
    from icalendar import Calendar

    zone = ZoneInfo(timezone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", t("overleg.ical.naam"))
    calendar.add("x-wr-timezone", timezone)
    for consult in consults:
        calendar.add_component(_event(consult, zone, now, chairs))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _event(consult: Consult, zone: ZoneInfo, now: datetime, chairs: Mapping[str, str]) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", consult_uid(consult))
    event.add("dtstamp", now)
    event.add("dtstart", consult.starts_at.astimezone(zone))
    event.add("dtend", consult.ends_at.astimezone(zone))
    event.add("summary", t("overleg.ical.titel", title=consult.title, channel=consult.channel))
    lines = [t("overleg.ical.kanaal", channel=consult.channel)]
    if consult.chair_id:
        lines.append(t("overleg.ical.voorzitter", chair=chairs.get(consult.chair_id, t("overleg.onbekend"))))
    if consult.video_url:
        lines.append(t("overleg.ical.video", url=consult.video_url))
        event.add("location", consult.video_url)
        event.add("url", consult.video_url)
    if consult.holiday:
        key = "overleg.ical.vervallen" if consult.cancelled else "overleg.ical.verplaatst"
        lines.append(t(key, holiday=consult.holiday))
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if consult.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event
