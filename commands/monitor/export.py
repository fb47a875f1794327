"""The export for regional registration: schema `erbij-monitor/1` (docs/monitor.md), pseudonymous.

Rows carry no case codes, names or free text: a case is a key that is stable within one export and different
in the next (HMAC-SHA256 with a random salt per export). Totals are aggregates and suppressed like everywhere
("<5"). Pure: the caller passes the salt and `now`.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from commands.calendar import WorkCalendar
from commands.monitor import figures
from commands.monitor.cells import count_text
from commands.monitor.model import CaseFact, History, InvolvementFact, Period
from commands.monitor.period import containing

SCHEMA = "erbij-monitor/1"
REQUEST_COLUMNS = (
    "schema", "casus", "gemeente", "gevraagd_maand", "urgentie", "expertise", "status", "uren_tot_oppakken",
    "uren_tot_aanschuiven", "binnen_termijn", "geescaleerd", "organisatiesoort_oppakker",
)  # fmt: skip
CASE_COLUMNS = (
    "schema", "casus", "gemeente", "maand", "kader_einde_maand", "maatregel_ooit", "afgesloten", "sluitreden",
    "experts_aangeschoven", "uitchecks", "gezin_bij_afsluiten",
)  # fmt: skip
TOTAL_COLUMNS = ("schema", "cijfer", "waarde")


class ExportError(ValueError):
    """Dates that do not make a period (the CLI turns it into a Dutch message)."""


def span(first: date, last: date, calendar: WorkCalendar) -> Period:
    """From `first` 00:00 through `last` (inclusive) in the team's time zone."""
    if last < first:
        raise ExportError("tot voor van")
    start = datetime.combine(first, time(0, 0), tzinfo=calendar.zone)
    end = datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=calendar.zone)
    return Period(start.astimezone(UTC), end.astimezone(UTC), f"{first} t/m {last}", "periode")


def case_key(salt: bytes, case_id: int) -> str:
    return hmac.new(salt, f"casus:{case_id}".encode(), hashlib.sha256).hexdigest()[:16]


def _yes(flag: bool) -> str:
    return "ja" if flag else "nee"


def _hours(start: datetime, end: datetime | None) -> str:
    return "" if end is None else f"{(end - start).total_seconds() / figures.HOUR:.1f}"


def months_of(period: Period, calendar: WorkCalendar) -> list[Period]:
    months = [containing("maand", period.start, calendar)]
    while months[-1].end < period.end:
        months.append(containing("maand", months[-1].end, calendar))
    return months


def _framework_at(case: CaseFact, at: datetime) -> str:
    current = ""
    for entry in case.frameworks:
        if entry.at < at:
            current = entry.framework
    return current


@dataclass(frozen=True)
class Export:
    period: Period
    generated_at: datetime
    requests: list[dict[str, str]]
    case_periods: list[dict[str, str]]
    totals: list[dict[str, str]]

    def as_json(self) -> str:
        body: dict[str, Any] = {
            "schema": SCHEMA,
            "periode": {"van": self.period.start.isoformat(), "tot": self.period.end.isoformat()},
            "gemaakt": self.generated_at.isoformat(),
            "verzoeken": self.requests,
            "casus_perioden": self.case_periods,
            "totalen": self.totals,
        }
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"

    def as_csv(self) -> dict[str, str]:
        """File name → CSV text, one file per kind of row."""
        files = {}
        for name, columns, rows in (
            ("verzoeken.csv", REQUEST_COLUMNS, self.requests),
            ("casus_perioden.csv", CASE_COLUMNS, self.case_periods),
            ("totalen.csv", TOTAL_COLUMNS, self.totals),
        ):
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            files[name] = buffer.getvalue()
        return files


def build(history: History, period: Period, now: datetime, calendar: WorkCalendar, salt: bytes) -> Export:
    cases = {c.id: c for c in history.cases}
    first = figures.first_involvements(history.involvements)
    asked = sorted(
        (r for r in history.requests if period.contains(r.asked_at)), key=lambda r: (r.asked_at, r.id)
    )
    outcomes = figures.deadline_outcomes(asked, now, calendar)
    requests = []
    for r in asked:
        case = cases.get(r.case_id)
        outcome = outcomes[r.id]
        joined = first.get(r.id)
        requests.append(
            {
                "schema": SCHEMA,
                "casus": case_key(salt, r.case_id),
                "gemeente": case.municipality if case else "",
                "gevraagd_maand": f"{calendar.local(r.asked_at):%Y-%m}",
                "urgentie": r.urgency,
                "expertise": r.expertise,
                "status": r.status,
                "uren_tot_oppakken": _hours(r.asked_at, r.accepted_at),
                "uren_tot_aanschuiven": _hours(r.asked_at, joined.started_at if joined else None),
                "binnen_termijn": "" if outcome is None else _yes(outcome),
                "geescaleerd": _yes(r.escalated_at is not None),
                "organisatiesoort_oppakker": joined.organisation_kind if joined else "",
            }
        )
    by_case: dict[int, list[InvolvementFact]] = defaultdict(list)
    for inv in history.involvements:
        by_case[inv.case_id].append(inv)
    case_periods = []
    for month in months_of(period, calendar):
        for case in sorted(history.cases, key=lambda c: c.id):
            if case.created_at >= month.end or (case.closed_at is not None and case.closed_at < month.start):
                continue
            closes = month.contains(case.closed_at)
            until = case.closed_at if closes and case.closed_at is not None else month.end
            own = by_case[case.id]
            case_periods.append(
                {
                    "schema": SCHEMA,
                    "casus": case_key(salt, case.id),
                    "gemeente": case.municipality,
                    "maand": f"{calendar.local(month.start):%Y-%m}",
                    "kader_einde_maand": _framework_at(case, until + timedelta(microseconds=1)),
                    "maatregel_ooit": _yes(figures.reached_measure(_until(case, until))),
                    "afgesloten": _yes(closes),
                    "sluitreden": (case.close_reason or "") if closes else "",
                    "experts_aangeschoven": str(sum(month.contains(i.started_at) for i in own)),
                    "uitchecks": str(
                        sum(figures.is_checkout(i, case) and month.contains(i.ended_at) for i in own)
                    ),
                    "gezin_bij_afsluiten": (case.family_at_close.value if case.family_at_close else "")
                    if closes
                    else "",
                }
            )
    result = figures.compute(history, period, now, calendar)
    totals = [
        ("verzoeken", result.pickup.total.asked),
        ("verzoeken_opgepakt_binnen_termijn", result.pickup.total.in_time),
        ("verzoeken_geescaleerd", result.escalations.escalated),
        ("casussen_afgesloten", result.voluntary.closed),
        ("casussen_vrijwillig_gebleven", result.voluntary.kept),
        ("overdracht_voorkomen", result.handovers.kept_regie),
    ]
    return Export(
        period,
        now,
        requests,
        case_periods,
        [{"schema": SCHEMA, "cijfer": name, "waarde": count_text(n)} for name, n in totals],
    )


def _until(case: CaseFact, at: datetime) -> CaseFact:
    """The case as it stood at `at`: only its framework history up to then counts."""
    return case._replace(frameworks=tuple(e for e in case.frameworks if e.at <= at))
