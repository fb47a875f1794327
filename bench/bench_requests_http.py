"""Dialog submissions through real HTTP with a large region in the database (see bench_requests.py)."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, event, insert

from bench.bench_http import free_port, wait_listening
from bench.serve_app import BENCH_SECRET
from bot.demo.world import World
from bot.signing import Signer
from commands.cases.card import SafetyCard
from commands.cases.codec import card_to_json
from commands.cases.codes import new_code
from commands.clock import ManualClock
from storage import schema
from storage.case_models import CardVersionRow, CaseRow, InvolvementRow
from storage.engine import make_engine
from storage.request_models import HelpRequestRow, OfferRow
from storage.roster_models import (
    OrganisationRow,
    ProfessionalExpertiseRow,
    ProfessionalMunicipalityRow,
    ProfessionalRoleRow,
    ProfessionalRow,
)

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # Tuesday 10:00 in Amsterdam
EXPERTISE = (
    "huiselijk_geweld", "kindermishandeling", "seksueel_misbruik", "complexe_scheiding", "eergerelateerd_geweld",
    "verslaving_ouder", "psychiatrie_ouder", "lvb", "schulden_bestaanszekerheid", "huisvesting",
    "radicalisering", "mensenhandel_loverboys", "jeugdcriminaliteit", "trauma", "juridisch_kader",
)  # fmt: skip
PLACES = ("Roosendaal", "Bergen op Zoom", "Etten-Leur", "Moerdijk", "Zundert", "Rucphen", "Steenbergen")
KINDS = ("VT", "RVDK", "GI")
LEADS = 50
SUBMISSIONS = 300


def _chunked(engine: Engine, table: Any, rows: list[dict[str, Any]], size: int = 5000) -> None:
    with engine.begin() as conn:
        for start in range(0, len(rows), size):
            conn.execute(insert(table), rows[start : start + size])


def seed(
    engine: Engine,
    experts: int,
    history: int,
    *,
    user_ids: list[str] | None = None,
    now: datetime = START,
    cases: int | None = None,
) -> tuple[list[str], list[str]]:
    """A region: `experts` experts, LEADS leads, and `history` past requests with offers and involvements.

    `user_ids` (experts first, then leads) lets a caller use the ids of accounts that exist in Mattermost.
    """
    rng = random.Random(7)
    orgs = [{"key": f"org-{k.lower()}", "kind": k, "name": f"Organisatie {k}", "region": "Bench", "active": True}
            for k in (*KINDS, "LOKAAL_TEAM")]  # fmt: skip
    _chunked(engine, OrganisationRow, orgs)
    people, roles, tags, places = [], [], [], []
    for i in range(experts + LEADS):
        lead = i >= experts
        user_id = user_ids[i] if user_ids else f"u{i:025d}"
        people.append({
            "user_id": user_id, "username": f"person{i}", "display_name": f"Persoon {i}",
            "organisation_key": "org-lokaal_team" if lead else f"org-{KINDS[i % 3].lower()}",
            "capacity": rng.randint(2, 6), "capacity_in_roster": None, "working_days": "01234",
            "work_start": clock_time(8, 30), "work_end": clock_time(17, 0), "paused": rng.random() < 0.05,
            "active": True, "deactivated_at": None, "updated_at": now,
        })  # fmt: skip
        roles.append({"user_id": user_id, "role": "regiehouder" if lead else "expert"})
        if lead:
            places.append({"user_id": user_id, "municipality": PLACES[i % len(PLACES)]})
            continue
        for tag in rng.sample(EXPERTISE, 3):
            tags.append({"user_id": user_id, "expertise": tag})
        for place in rng.sample(PLACES, rng.randint(0, 2)):
            places.append({"user_id": user_id, "municipality": place})
    for table, rows in ((ProfessionalRow, people), (ProfessionalRoleRow, roles),
                        (ProfessionalExpertiseRow, tags), (ProfessionalMunicipalityRow, places)):  # fmt: skip
        _chunked(engine, table, rows)
    expert_ids = [p["user_id"] for p in people[:experts]]
    lead_ids = [p["user_id"] for p in people[experts:]]
    cases_count = cases or max(history // 5, LEADS)
    empty = card_to_json(SafetyCard())
    codes: set[str] = set()
    while len(codes) < cases_count:
        codes.add(new_code("BEN", rng.choice))
    code_list = sorted(codes)
    cases = [{"id": c + 1, "code": code_list[c], "municipality": PLACES[c % len(PLACES)],
              "lead_id": lead_ids[c % LEADS], "status": "afgesloten" if c >= LEADS else "actief",
              "framework": "vrijwillig", "measure": "geen", "measure_since": None, "version": 1,
              "created_at": now - timedelta(days=400), "created_by": lead_ids[c % LEADS],
              "closed_at": None, "close_reason": None} for c in range(cases_count)]  # fmt: skip
    _chunked(engine, CaseRow, cases)
    _chunked(engine, CardVersionRow, [
        {"case_id": c + 1, "number": 1, "at": now - timedelta(days=400), "author_id": "x", "part": "nieuw",
         "changes": [], "content": empty} for c in range(cases_count)])  # fmt: skip
    requests, offers, involvements = [], [], []
    for r in range(history):
        asked = now - timedelta(days=rng.randint(1, 365))
        requests.append({"id": r + 1, "case_id": (r % cases_count) + 1, "asked_by": lead_ids[r % LEADS],
                         "expertise": rng.choice(EXPERTISE), "organisation_kinds": "", "form": "consult",
                         "urgency": "deze_week", "experts_wanted": 1, "question": "Een eerdere vraag.",
                         "share_card": True, "status": "gekoppeld", "round": 1, "round_due_at": None,
                         "accepted": 1, "created_at": asked, "matched_at": asked, "closed_at": None})  # fmt: skip
        for rank_, expert in enumerate(rng.sample(expert_ids, 2), start=1):
            offers.append({"request_id": r + 1, "expert_id": expert, "round": 1, "rank": rank_, "reasons": [],
                           "status": "opgepakt" if rank_ == 1 else "al_opgepakt", "offered_at": asked,
                           "answered_at": asked, "decline_reason": ""})  # fmt: skip
            if rank_ == 1:
                involvements.append({"case_id": (r % cases_count) + 1, "expert_id": expert,
                                     "organisation_kind": "VT", "help_request_id": r + 1, "started_at": asked,
                                     "ended_at": asked + timedelta(days=30), "end_reason": "doel_bereikt"})  # fmt: skip
    _chunked(engine, HelpRequestRow, requests)
    _chunked(engine, OfferRow, offers)
    _chunked(engine, InvolvementRow, involvements)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO expert_activity (expert_id, last_asked_at) "
            "SELECT expert_id, max(offered_at) FROM offer GROUP BY expert_id"
        )
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:  # explicit ids were inserted: move the sequences past them
            for table in ("cases", "help_request"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
            conn.exec_driver_sql("ANALYZE")
    return lead_ids, code_list[:LEADS]


def _submission(signer: Signer, lead: str, code: str, rng: random.Random) -> dict[str, Any]:
    state = signer.sign({"c": "request.new", "s": {}}, START + timedelta(hours=1))
    return {
        "type": "dialog_submission", "callback_id": "request.new", "state": state, "user_id": lead,
        "channel_id": "c", "team_id": "", "cancelled": False,
        "submission": {"case": code, "expertise": rng.choice(EXPERTISE), "organisation": "any", "form": "consult",
                       "urgency": "deze_week", "experts": "1",
                       "question": "Hoe maken we de veiligheidsafspraken met moeder concreet?", "share": True,
                       "grondslag": "toestemming"},
    }  # fmt: skip


def count_statements(url: str, leads: list[str], codes: list[str], rounds: int = 20) -> list[int]:
    """SQL statements per submission, counted in-process on the bot's engine (real HTTP via the demo world)."""
    world = World(url, ManualClock(START)).start()
    try:
        counted: list[int] = []

        @event.listens_for(world.bot.engine, "before_cursor_execute")
        def _count(*_args: Any) -> None:
            counted.append(1)

        rng = random.Random(3)
        counts = []
        with httpx.Client(timeout=30) as client:
            for i in range(rounds):
                counted.clear()
                body = _submission(world.bot.signer, leads[i % LEADS], codes[i % LEADS], rng)
                response = client.post(f"{world.server.url}/mattermost/dialog", json=body)  # type: ignore[union-attr]
                assert response.status_code == 200 and response.json() == {}, response.text
                counts.append(len(counted))
        return counts
    finally:
        world.stop()


def measure_latency(
    url: str, leads: list[str], codes: list[str], env: dict[str, str] | None = None
) -> list[float]:
    """Submissions against a bot in its own process, as in production, so the client never shares its CPU time.

    `env` adds settings for the bot process (e.g. ERBIJ_HEAD_START_FRACTION=0 for a baseline without it).
    """
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.serve_app", "erbij", "--port", str(port), "--database", url,
         "--at", START.isoformat()],
        stdout=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    try:
        wait_listening(port, process)
        signer = Signer(BENCH_SECRET)
        rng = random.Random(5)
        latencies = []
        with httpx.Client(timeout=30) as client:
            for i in range(SUBMISSIONS):
                body = _submission(signer, leads[i % LEADS], codes[i % LEADS], rng)
                start = time.perf_counter()
                response = client.post(f"http://127.0.0.1:{port}/mattermost/dialog", json=body)
                latencies.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200 and response.json() == {}, response.text
        return latencies[10:]  # the first few warm the caches (roster snapshot, statement cache)
    finally:
        process.terminate()
        process.wait(timeout=10)


def run(url: str, history: int, label: str, latency: bool) -> int:
    engine = make_engine(url)
    schema.upgrade(engine)
    t0 = time.perf_counter()
    leads, codes = seed(engine, 10_000, history)
    seeded = time.perf_counter() - t0
    engine.dispose()
    counts = count_statements(url, leads, codes)
    statements = int(statistics.median(counts))
    if latency:
        ordered = sorted(measure_latency(url, leads, codes))
        p50 = ordered[len(ordered) // 2]
        p99 = ordered[int(len(ordered) * 0.99) - 1]
        print(f"{label:<12} seeded in {seeded:5.1f} s; {len(ordered)} submissions: p50 {p50:6.2f} ms, "
              f"p99 {p99:6.2f} ms; SQL statements per submission: {statements} "
              f"(min {min(counts)}, max {max(counts)})")  # fmt: skip
    return statements


def bench_submissions(pg_url: str) -> None:
    print("\nDialog submission → offers in the outbox (10,000 experts, real HTTP):")
    with tempfile.TemporaryDirectory() as tmp:
        small = run(f"sqlite:///{Path(tmp) / 'small.db'}", 1_000, "SQLite", False)
        large = run(f"sqlite:///{Path(tmp) / 'large.db'}", 100_000, "SQLite", True)
        print(f"SQL statements per submission: {small} with 1,000 past requests, {large} with 100,000")
    try:
        import psycopg

        with psycopg.connect(pg_url, connect_timeout=3, autocommit=True) as conn:
            conn.execute("DROP SCHEMA IF EXISTS erbij_bench_req CASCADE")
            conn.execute("CREATE SCHEMA erbij_bench_req")
    except Exception as err:
        print(f"(PostgreSQL not reachable, skipped: {err})")
        return
    separator = "&" if "?" in pg_url else "?"
    run(f"{pg_url}{separator}options=-csearch_path%3Derbij_bench_req", 100_000, "PostgreSQL", True)
