"""Chapter: the month's figures. On the first working day of the month Erbij posts last month's figures and
charts in the coordinators' channel; a coordinator asks for the detail; a lead may not see the monitor."""

from __future__ import annotations

from datetime import datetime, time

from bot.demo.chapters.loop import COORDINATOR
from bot.demo.chapters.requests import LEAD
from bot.demo.script import Script
from commands.calendar import WorkCalendar
from commands.monitor.report import first_working_day


def chapter(script: Script) -> None:
    world = script.world
    calendar = WorkCalendar()
    local = world.clock.now().astimezone(calendar.zone)
    year, month = local.year + local.month // 12, local.month % 12 + 1
    report_at = datetime.combine(first_working_day(year, month, calendar), time(9, 5), tzinfo=calendar.zone)
    script.chapter("7. De maandcijfers: wat levert erbij halen en samen doen op?")
    world.emulator.add_to_channel(world.coordinators_channel, script.people[COORDINATOR])
    script.note(
        "Op de eerste werkdag van de maand zet Erbij de cijfers van de vorige maand in het "
        "coördinatiekanaal, met grafieken als bijlage. Alleen totalen: aantallen onder de 5 staan er als <5."
    )
    script.advance(report_at - world.clock.now(), "naar de eerste werkdag van de maand")
    script.note(
        "In de demo zijn het maar een paar casussen, dus bijna elk aantal staat op <5. In een regio met "
        "honderden casussen staan hier de echte cijfers, zoals '58 van 62 (94%)' in het vrijwillig kader."
    )
    script.note("Anne (coördinator) wil weten hoe het kwartaal tot nu toe loopt, met detail:")
    script.slash(COORDINATOR, "/monitor kwartaal detail")
    script.note("Jeroen (regiehouder) is benieuwd, maar de monitor is voor coördinatoren en beleid:")
    script.slash(LEAD, "/monitor")
