"""A constructed history for November 2026 whose figures are worked out by hand in tests/monitor/test_figures.py.

Amsterdam is UTC+1 in November: local midnight of 1 November is 31 October 23:00 UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from commands.calendar import WorkCalendar
from commands.monitor.model import (
    ActionFact,
    AgendaItemFact,
    CaseFact,
    ConsultFact,
    FamilyAnswer,
    FrameworkEntry,
    History,
    InvolvementFact,
    LeadSpell,
    RequestFact,
    Score,
)
from commands.monitor.period import month

CALENDAR = WorkCalendar()
NOVEMBER = month(2026, 11, CALENDAR)
NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)


def z(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def local_lead(since: str = "2026-01-01T00:00") -> LeadSpell:
    return LeadSpell(z(since), "LOKAAL_TEAM", "st-roosendaal")


VOLUNTARY = (FrameworkEntry(z("2026-01-01T00:00"), "vrijwillig", "geen"),)

CASES = (
    CaseFact(
        1, "Roosendaal", "West-Brabant", z("2026-09-01T08:00"), z("2026-11-26T10:00"), "doel_bereikt",
        VOLUNTARY, (local_lead(),),
        (
            Score("regiehouder", 3, date(2026, 9, 5)),
            Score("ouder", 4, date(2026, 9, 5)),
            Score("regiehouder", 6, date(2026, 10, 20)),
            Score("regiehouder", 8, date(2026, 11, 26)),
        ),
        FamilyAnswer.YES,
    ),
    CaseFact(
        2, "Bergen op Zoom", "West-Brabant", z("2026-10-01T08:00"), z("2026-11-20T10:00"), "veiligheid_hersteld",
        (FrameworkEntry(z("2026-10-01T08:00"), "vrijwillig", "geen"), FrameworkEntry(z("2026-11-05T08:00"), "drang", "geen")),
        (local_lead(),), (), FamilyAnswer.PARTLY,
    ),
    CaseFact(
        3, "Roosendaal", "West-Brabant", z("2026-08-01T08:00"), z("2026-11-10T12:00"), "overgedragen",
        (FrameworkEntry(z("2026-08-01T08:00"), "vrijwillig", "geen"), FrameworkEntry(z("2026-10-15T08:00"), "gedwongen", "ots")),
        (local_lead(),),
    ),
    CaseFact(
        4, "Roosendaal", "West-Brabant", z("2026-06-01T08:00"), z("2026-11-12T12:00"), "anders",
        (FrameworkEntry(z("2026-06-01T08:00"), "gedwongen", "ots"),), (local_lead(),), (), FamilyAnswer.NOT_ASKED,
    ),
    CaseFact(5, "Roosendaal", "West-Brabant", z("2026-05-01T08:00"), None, None, VOLUNTARY, (local_lead(),),
             (Score("regiehouder", 5, date(2026, 12, 1)),)),
    # Closed in December and at 23:30 local on 31 October: neither counts in November.
    CaseFact(6, "Roosendaal", "West-Brabant", z("2026-05-01T08:00"), z("2026-12-01T08:00"), "doel_bereikt", VOLUNTARY, (local_lead(),)),
    CaseFact(7, "Roosendaal", "West-Brabant", z("2026-05-01T08:00"), z("2026-10-31T22:30"), "doel_bereikt", VOLUNTARY, (local_lead(),)),
    # Led locally, then the regie moved to the GI on 20 November while the GI expert was aboard.
    CaseFact(8, "Woensdrecht", "West-Brabant", z("2026-05-01T08:00"), None, None, VOLUNTARY,
             (local_lead(), LeadSpell(z("2026-11-20T10:00"), "GI", "gi-wb"))),
    # Led by the GI from the start: bringing in the Raad avoids no handover.
    CaseFact(9, "Woensdrecht", "West-Brabant", z("2026-05-01T08:00"), None, None, VOLUNTARY,
             (LeadSpell(z("2026-05-01T08:00"), "GI", "gi-wb"),)),
)  # fmt: skip

REQUESTS = (
    RequestFact(1, 1, "huiselijk_geweld", "vandaag", z("2026-11-02T08:00"), "gekoppeld", z("2026-11-02T11:00")),
    # Asked on the evening of 30 November, picked up in December: counts in November.
    RequestFact(2, 5, "trauma", "binnen_3_werkdagen", z("2026-11-30T20:00"), "gekoppeld", z("2026-12-02T09:00")),
    RequestFact(3, 1, "trauma", "vandaag", z("2026-10-30T10:00"), "gekoppeld", z("2026-10-30T11:00")),
    # Withdrawn before its deadline (Friday 13 November) without a pick-up: no deadline outcome.
    RequestFact(4, 2, "trauma", "deze_week", z("2026-11-10T09:00"), "ingetrokken", closed_at=z("2026-11-11T09:00")),
    RequestFact(5, 2, "lvb", "vandaag", z("2026-11-16T09:00"), "geescaleerd",
                escalated_at=z("2026-11-16T12:00"), closed_at=z("2026-11-16T12:00")),
    RequestFact(6, 1, "huiselijk_geweld", "binnen_3_werkdagen", z("2026-11-18T09:00"), "gekoppeld",
                z("2026-11-19T09:00"), escalated_at=z("2026-11-18T15:00"), closed_at=z("2026-11-19T09:00")),
    # Escalated, then withdrawn after its deadline (end of Friday 20 November): not in time.
    RequestFact(7, 2, "lvb", "deze_week", z("2026-11-20T09:00"), "ingetrokken",
                escalated_at=z("2026-11-20T15:00"), closed_at=z("2026-11-25T09:00")),
    RequestFact(8, 2, "huiselijk_geweld", "vandaag", z("2026-11-03T08:00"), "gekoppeld", z("2026-11-03T09:00")),
    RequestFact(9, 5, "juridisch_kader", "deze_week", z("2026-11-04T08:00"), "gekoppeld", z("2026-11-09T08:00")),
)  # fmt: skip

INVOLVEMENTS = (
    InvolvementFact(1, 1, "e1", "vt-wb", "VT", z("2026-11-02T11:00"), 1, z("2026-11-12T11:00"), FamilyAnswer.YES),
    # The same expert back on case 1; ended by closing the case, which is no check-out.
    InvolvementFact(2, 1, "e1", "vt-wb", "VT", z("2026-11-19T09:00"), 6, z("2026-11-26T10:00")),
    InvolvementFact(3, 5, "e2", "gi-wb", "GI", z("2026-12-02T09:00"), 2),
    InvolvementFact(4, 5, "e4", "rvdk-zw", "RVDK", z("2026-11-09T08:00"), 9, z("2026-11-30T08:00"), FamilyAnswer.NO),
    InvolvementFact(5, 8, "e5", "gi-wb", "GI", z("2026-11-10T08:00")),
    InvolvementFact(6, 9, "e6", "rvdk-zw", "RVDK", z("2026-11-11T08:00")),
    # Joined an hour after the pick-up (request 8 was accepted at 09:00).
    InvolvementFact(8, 2, "e3", "vt-wb", "VT", z("2026-11-03T10:00"), 8, z("2026-11-06T10:00"), FamilyAnswer.NOT_ASKED),
    InvolvementFact(9, 5, "e7", "vt-wb", "VT", z("2026-07-01T08:00")),
    InvolvementFact(10, 3, "e3", "vt-wb", "VT", z("2026-10-01T12:00"), None, z("2026-11-10T12:00")),
)  # fmt: skip

CONSULTS = (
    ConsultFact(1, z("2026-11-02T09:00"), False, (
        AgendaItemFact(1, "besproken", True), AgendaItemFact(2, "besproken", False),
        AgendaItemFact(5, "doorgeschoven", False), AgendaItemFact(8, "afgemeld", False),
    )),
    ConsultFact(2, z("2026-11-09T09:00"), True, (AgendaItemFact(1, "gepland", False),)),
    ConsultFact(3, z("2026-11-16T09:00"), False, (AgendaItemFact(5, "besproken", True), AgendaItemFact(9, "besproken", True))),
    ConsultFact(4, z("2026-12-07T09:00"), False, (AgendaItemFact(1, "besproken", True),)),
)  # fmt: skip

ACTIONS = (
    ActionFact(1, date(2026, 11, 5), date(2026, 11, 5)),
    ActionFact(1, date(2026, 11, 10), date(2026, 11, 12)),
    ActionFact(5, date(2026, 11, 30)),
    ActionFact(5, date(2026, 12, 15)),
    ActionFact(9, date(2026, 11, 20), date(2026, 11, 19)),
    ActionFact(9, date(2026, 10, 30), date(2026, 10, 29)),
)

HISTORY = History(
    CASES, REQUESTS, INVOLVEMENTS, CONSULTS, ACTIONS, {"vt-wb": "Veilig Thuis West-Brabant"}, frozenset()
)
