"""A year of fictional history written straight into the tables, in bulk: for the monitor's benchmark and for
the test that its SQL statement count does not grow with the data.

Deterministic for a given seed. Roughly what a region sees: cases opened through the year, most closed after
one to seven months, a few under a measure; requests picked up after minutes to days, some escalated or
withdrawn; involvements that end by check-out or closing; a weekly consult with agenda items and actions.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session

from commands.config import DEFAULT_TIMEZONE
from storage.case_models import CardVersionRow, CaseRow, FrameworkChangeRow, InvolvementRow
from storage.consult_models import ActionItemRow, AgendaItemRow, ConsultRow, ConsultSlotRow
from storage.request_models import EscalationRow, HelpRequestRow, OfferRow
from storage.roster_models import OrganisationRow, ProfessionalRow

YEAR_START = datetime(2026, 1, 1, 0, 0, tzinfo=UTC)
ORGANISATIONS = (
    ("st-roosendaal", "LOKAAL_TEAM", "Sociaal Team Roosendaal", "West-Brabant West"),
    ("st-bergen", "LOKAAL_TEAM", "Sociaal Team Bergen op Zoom", "West-Brabant West"),
    ("vt-wb", "VT", "Veilig Thuis West-Brabant", "West-Brabant West"),
    ("gi-wb", "GI", "William Schrikker Stichting", "West-Brabant West"),
    ("rvdk-zw", "RVDK", "Raad voor de Kinderbescherming Zuidwest", "West-Brabant West"),
)
MUNICIPALITIES = ("Roosendaal", "Bergen op Zoom", "Woensdrecht", "Halderberge", "Rucphen")
EXPERTISE = (
    "huiselijk_geweld",
    "kindermishandeling",
    "trauma",
    "lvb",
    "complexe_scheiding",
    "juridisch_kader",
)
URGENCIES = ("vandaag", "binnen_3_werkdagen", "deze_week")
PERSPECTIVES = ("regiehouder", "ouder", "kind", "expert_vt")
ANSWERS = ("ja", "ja", "ja", "deels", "nee", "niet_gevraagd", None)
BATCH = 5_000


def _bulk(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Core executemany on the table (not the ORM's bulk path, which is several times slower here)."""
    connection = session.connection()
    for i in range(0, len(rows), BATCH):
        connection.execute(insert(model.__table__), rows[i : i + BATCH])


def seed(engine: Engine, cases: int, requests: int, *, seed: int = 7, offset: int = 0) -> None:
    """Write `cases` cases and `requests` requests spread over 2026 into a migrated database. `offset` shifts
    every id, so a second call adds to the first (the roster and the consult slot are written by the first)."""
    rng = random.Random(seed + offset)
    leads = [(f"lead-{i}", ORGANISATIONS[i % 2][0]) for i in range(40)]
    experts = [(f"expert-{i}", ORGANISATIONS[2 + i % 3][0]) for i in range(60)]
    kinds = {key: kind for key, kind, _name, _region in ORGANISATIONS}
    with Session(engine) as session, session.begin():
        if offset == 0:
            _bulk(session, OrganisationRow, [
                {"key": k, "kind": kind, "name": n, "region": r, "active": True} for k, kind, n, r in ORGANISATIONS
            ])  # fmt: skip
            _bulk(session, ProfessionalRow, [
                {"user_id": uid, "username": uid, "display_name": uid, "organisation_key": org, "capacity": 5,
                 "capacity_in_roster": 5, "working_days": "01234", "work_start": time(8, 30),
                 "work_end": time(17, 0), "paused": False, "active": True, "deactivated_at": None,
                 "updated_at": YEAR_START}
                for uid, org in leads + experts
            ])  # fmt: skip
        case_rows, frameworks, versions, spans = [], [], [], []
        for cid in range(offset + 1, offset + cases + 1):
            created = YEAR_START + timedelta(minutes=rng.randrange(365 * 24 * 60))
            closed = created + timedelta(days=rng.randint(20, 220)) if rng.random() < 0.7 else None
            lead = rng.choice(leads)[0]
            measure = rng.random() < 0.08
            case_rows.append({
                "id": cid, "code": f"WBW-{cid:05d}", "municipality": rng.choice(MUNICIPALITIES), "lead_id": lead,
                "status": "afgesloten" if closed else "actief", "framework": "gedwongen" if measure else "vrijwillig",
                "measure": "ots" if measure else "geen", "measure_since": None, "version": 1, "created_at": created,
                "created_by": lead, "closed_at": closed, "close_reason": "doel_bereikt" if closed else None,
                "family_experience": rng.choice(ANSWERS) if closed else None,
            })  # fmt: skip
            frameworks.append({"case_id": cid, "at": created, "by": lead, "framework": "vrijwillig",
                               "measure": "geen", "measure_since": None, "note": ""})  # fmt: skip
            if measure:
                frameworks.append({"case_id": cid, "at": created + timedelta(days=10), "by": lead,
                                   "framework": "gedwongen", "measure": "ots", "measure_since": None, "note": ""})  # fmt: skip
            scores = [
                {"perspective": rng.choice(PERSPECTIVES), "score": rng.randint(0, 10),
                 "on": (created + timedelta(days=7 * i)).date().isoformat(), "recorded_by": lead, "reason": ""}
                for i in range(rng.randint(0, 4))
            ]  # fmt: skip
            versions.append({"case_id": cid, "number": 1, "at": created, "author_id": lead, "part": "nieuw",
                             "changes": [{"kind": "aangemaakt", "subject": "casus"}],
                             "content": {"schema": 1, "scores": scores}})  # fmt: skip
            spans.append((cid, created, closed))
        _bulk(session, CaseRow, case_rows)
        _bulk(session, FrameworkChangeRow, frameworks)
        _bulk(session, CardVersionRow, versions)
        request_rows, offers, involvements, escalations = [], [], [], []
        for rid in range(offset + 1, offset + requests + 1):
            cid, created, closed = rng.choice(spans)
            latest = closed or YEAR_START + timedelta(days=365)
            asked = created + (latest - created) * rng.random() * 0.8
            expert, org = rng.choice(experts)
            roll = rng.random()
            accepted = asked + timedelta(minutes=rng.randint(5, 4 * 24 * 60)) if roll < 0.85 else None
            escalated = asked + timedelta(hours=rng.randint(1, 30)) if 0.8 < roll < 0.95 else None
            status = "gekoppeld" if accepted else ("ingetrokken" if roll > 0.95 else "geescaleerd")
            request_rows.append({
                "id": rid, "case_id": cid, "asked_by": "lead-0", "expertise": rng.choice(EXPERTISE),
                "organisation_kinds": "", "form": "consult", "urgency": rng.choice(URGENCIES), "experts_wanted": 1,
                "question": "fictief", "share_card": True, "status": status, "round": 1, "round_due_at": None,
                "accepted": 1 if accepted else 0, "created_at": asked, "matched_at": accepted, "first_accepted_at": accepted,
                "closed_at": None if accepted else (escalated or asked + timedelta(days=1)),
            })  # fmt: skip
            if escalated is not None:
                escalations.append({
                    "request_id": rid, "escalated_at": escalated, "status": "toegewezen" if accepted else "open",
                    "post_key": f"escalation:{rid}", "version": 1, "claimed_by": None, "claimed_at": None,
                    "repost_due_at": None, "reposted_at": None, "closed_at": accepted, "closed_by": None,
                })  # fmt: skip
            offers.append({"request_id": rid, "expert_id": expert, "round": 1, "rank": 1, "reasons": [],
                           "status": "opgepakt" if accepted else "verlopen", "offered_at": asked,
                           "answered_at": accepted, "decline_reason": ""})  # fmt: skip
            if accepted:
                end = accepted + timedelta(days=rng.randint(3, 150))
                # Closing a case ends every involvement in it (commands/cases/lifecycle.py), so only a case
                # still open has experts at the table; of those, some stay on past their natural end.
                open_on = rng.random() >= 0.7
                ended = min(end, closed) if closed is not None else (None if open_on else end)
                involvements.append({
                    "case_id": cid, "expert_id": expert, "organisation_kind": kinds[org], "help_request_id": rid,
                    "started_at": accepted, "ended_at": ended, "end_reason": "doel_bereikt" if ended else None,
                    "card_access": True, "family_experience": rng.choice(ANSWERS) if ended else None,
                })  # fmt: skip
        _bulk(session, HelpRequestRow, request_rows)
        _bulk(session, OfferRow, offers)
        _bulk(session, EscalationRow, escalations)
        _bulk(session, InvolvementRow, involvements)
        _seed_consults(session, rng, spans, offset)


def _seed_consults(
    session: Session, rng: random.Random, spans: list[tuple[int, datetime, datetime | None]], offset: int
) -> None:
    if offset == 0:
        _bulk(session, ConsultSlotRow, [{
        "id": 1, "key": "maandag", "title": "MDO", "weekday": 0, "start": "10:00", "duration_minutes": 120,
        "channel": "mdo", "chairs": [], "members": [], "max_cases": 8, "minutes_per_case": 15, "deadline_days": 1,
        "deadline_time": "12:00", "agenda_days": 1, "agenda_time": "14:00", "holiday_policy": "volgende_werkdag",
        "video_url": "", "active": True, "planned_until": None, "created_at": YEAR_START, "updated_at": YEAR_START,
        }])  # fmt: skip
    consults, items, actions = [], [], []
    item_id = offset * 10
    for week in range(52):
        starts = YEAR_START + timedelta(days=4 + 7 * week, hours=9)
        consults.append({
            "id": week + 1, "slot_id": 1, "planned_for": starts.date(), "starts_at": starts,
            "ends_at": starts + timedelta(hours=2), "status": "vervallen" if week % 13 == 12 else "gepland",
            "holiday": None, "channel": "mdo", "chair_id": None, "members": [], "capacity": 8, "minutes_per_case": 15,
            "deadline_at": starts - timedelta(days=1), "agenda_at": starts - timedelta(days=1), "agenda_due_at": None,
            "agenda_sent_at": None, "agenda_late": False, "agenda_revision": 0, "recorded_at": None, "video_url": "",
        })  # fmt: skip
        for _ in range(rng.randint(3, 8)):
            item_id += 1
            cid = rng.choice(spans)[0]
            status = rng.choice(("besproken", "besproken", "besproken", "doorgeschoven", "afgemeld"))
            items.append({
                "id": item_id, "consult_id": week + 1, "case_id": cid, "case_code": f"WBW-{cid:05d}",
                "question": "fictief", "disciplines": [], "urgency": "regulier", "kind": "nieuw", "status": status,
                "registered_by": "lead-0", "registered_at": starts - timedelta(days=3), "previous_item_id": None,
                "decision": "besluit" if status == "besproken" and rng.random() < 0.9 else None, "returns": False,
                "discussed_at": starts if status == "besproken" else None,
            })  # fmt: skip
            if status == "besproken":
                due = starts.date() + timedelta(days=rng.randint(3, 21))
                done = due + timedelta(days=rng.randint(-3, 4)) if rng.random() < 0.8 else None
                actions.append({
                    "agenda_item_id": item_id, "case_code": f"WBW-{cid:05d}", "owner_id": "lead-0",
                    "description": "fictief", "due_on": due, "created_at": starts, "remind_at": None,
                    "reminded_at": None, "done_by": "lead-0" if done else None,
                    "done_at": datetime.combine(done, time(10, 0), tzinfo=UTC) if done else None,
                })  # fmt: skip
    if offset == 0:  # a second call adds items to the same weekly consults
        _bulk(session, ConsultRow, consults)
    _bulk(session, AgendaItemRow, items)
    _bulk(session, ActionItemRow, actions)


def quarter_bounds(number: int) -> tuple[datetime, datetime]:
    """A 2026 quarter in Amsterdam time (UTC+1 in winter, +2 in summer), as UTC instants."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(DEFAULT_TIMEZONE)
    first = date(2026, 3 * (number - 1) + 1, 1)
    following = date(2026 + number // 4, (3 * number) % 12 + 1, 1)
    start = datetime.combine(first, time(0, 0), tzinfo=zone).astimezone(UTC)
    return start, datetime.combine(following, time(0, 0), tzinfo=zone).astimezone(UTC)
