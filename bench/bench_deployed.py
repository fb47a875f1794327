"""Erbij measured as deployed: `erbij serve` in its own process (its settings, logging, outbox worker and scheduler)
against the emulator, loaded by wrk beside a bare FastAPI endpoint in the same run.

A region of 10,000 experts and 50 leads with 100,000 past requests, 12 cases on tomorrow's consult and open
offers to accept. For every command and 1, 10 and 50 clients: throughput and p99 as a ratio to the bare endpoint
at the same concurrency, median of three repetitions with the spread. Cold requests are timed one by one: the
first of each command after start, and after a roster change. SQLite, then PostgreSQL when it answers.

Run: `.venv/bin/python -m bench.bench_deployed` (part of `make bench`). The machine may be shared: absolute
figures move with its load, ratios to the bare endpoint measured in the same repetition much less.
ERBIJ_BENCH_SECONDS sets the length of one load run (default 2 s); ERBIJ_BENCH_QUICK=1 runs one repetition.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, bindparam, insert, text, update

from bench.bench_requests_http import EXPERTISE, LEADS, seed
from bench.deployed import (
    Load,
    LoadGenerator,
    Served,
    add_accounts,
    as_json,
    bare_server,
    erbij_serve,
    median_spread,
    profiled,
)
from bench.serve_app import BENCH_SECRET
from bot.emulator import Emulator
from bot.signing import Signer
from storage import schema
from storage.case_models import CaseRow
from storage.consult_models import AgendaItemRow, ConsultRow, ConsultSlotRow
from storage.engine import make_engine
from storage.request_models import HelpRequestRow, OfferRow

EXPERTS = 10_000
HISTORY = 100_000
ON_AGENDA = 12
OPEN_OFFERS = 6_000
OFFER_CASES = 200
CLIENTS = (1, 10, 50)
REPETITIONS = 1 if os.environ.get("ERBIJ_BENCH_QUICK") else 3
SECONDS = float(os.environ.get("ERBIJ_BENCH_SECONDS", "2"))  # at 50 clients; half (at least 1 s) at 1 and 10
PG_URL = os.environ.get("ERBIJ_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
FORM = "application/x-www-form-urlencoded"
JSON_TYPE = "application/json"
PROFILE = os.environ.get("ERBIJ_BENCH_PROFILE", "")  # a scenario's name: py-spy on the server during its run


@dataclass
class Region:
    experts: list[str]
    leads: list[str]
    codes: list[str]  # codes[i] is led by leads[i]
    offers: list[tuple[int, str]]  # open offers: (offer id, expert)
    now: datetime


def seed_region(
    engine: Engine,
    people: list[str],
    now: datetime,
    *,
    history: int = HISTORY,
    cases: int | None = None,
    open_offers: int = OPEN_OFFERS,
) -> Region:
    """The region of `seed`, plus tomorrow's consult with ON_AGENDA cases and `open_offers` offers to accept."""
    leads, codes = seed(engine, EXPERTS, history, user_ids=people, now=now, cases=cases)
    experts = people[:EXPERTS]
    chair = leads[0]
    tomorrow = now + timedelta(days=1)
    with engine.begin() as conn:
        conn.execute(insert(ConsultSlotRow), [{
            "id": 1, "key": "bench", "title": "MDO", "weekday": tomorrow.weekday(), "start": "10:00",
            "duration_minutes": 240, "channel": "mdo", "chairs": [chair], "members": [], "max_cases": ON_AGENDA,
            "minutes_per_case": 15, "deadline_days": 1, "deadline_time": "12:00", "agenda_days": 1,
            "agenda_time": "15:00", "holiday_policy": "volgende_werkdag", "video_url": "", "active": True,
            "planned_until": (now + timedelta(weeks=52)).date(), "created_at": now, "updated_at": now,
        }])  # fmt: skip
        conn.execute(insert(ConsultRow), [{
            "id": 1, "slot_id": 1, "planned_for": tomorrow.date(), "starts_at": tomorrow,
            "ends_at": tomorrow + timedelta(hours=4), "status": "gepland", "holiday": None, "channel": "mdo",
            "chair_id": chair, "members": [], "capacity": ON_AGENDA, "minutes_per_case": 15,
            "deadline_at": tomorrow - timedelta(hours=2), "agenda_at": tomorrow - timedelta(hours=1),
            "agenda_due_at": tomorrow - timedelta(hours=1), "agenda_sent_at": None, "agenda_late": False,
            "agenda_revision": 0, "recorded_at": None, "video_url": "",
        }])  # fmt: skip
        conn.execute(insert(AgendaItemRow), [{
            "id": i + 1, "consult_id": 1, "case_id": i + 1, "case_code": codes[i], "question": "Wat is nodig?",
            "disciplines": [], "urgency": "regulier", "kind": "nieuw", "status": "gepland",
            "registered_by": leads[i], "registered_at": now - timedelta(days=1), "previous_item_id": None,
            "decision": None, "returns": None, "discussed_at": None,
        } for i in range(ON_AGENDA)])  # fmt: skip
        first = history + 1
        rng = random.Random(11)
        # The offers to accept sit on cases of their own (past cases reopened, led by people the command
        # scenarios never use), so no lead's `/erbij status` lists thousands of open requests.
        owners = [(LEADS + 1 + k, experts[-1 - k]) for k in range(OFFER_CASES)]
        conn.execute(
            update(CaseRow)
            .where(CaseRow.id == bindparam("case"))
            .values(status="actief", lead_id=bindparam("lead")),
            [{"case": case, "lead": lead} for case, lead in owners],
        )
        conn.execute(insert(HelpRequestRow), [{
            "id": first + r, "case_id": owners[r % OFFER_CASES][0], "asked_by": owners[r % OFFER_CASES][1], "expertise": EXPERTISE[r % 15],
            "organisation_kinds": "", "form": "consult", "urgency": "deze_week", "experts_wanted": 1,
            "question": "Een open vraag.", "share_card": True, "status": "open", "round": 1,
            "round_due_at": now + timedelta(days=7), "accepted": 0, "created_at": now - timedelta(hours=1),
            "matched_at": None, "closed_at": None,
        } for r in range(open_offers)])  # fmt: skip
        offered = [rng.choice(experts) for _ in range(open_offers)]
        conn.execute(insert(OfferRow), [{
            "request_id": first + r, "expert_id": offered[r], "round": 1, "rank": 1, "reasons": [], "status": "open",
            "offered_at": now - timedelta(hours=1), "answered_at": None, "decline_reason": "",
        } for r in range(open_offers)])  # fmt: skip
        ids = conn.execute(
            text("SELECT id, expert_id FROM offer WHERE request_id > :h ORDER BY id"), {"h": history}
        ).all()
        if engine.dialect.name == "postgresql":
            for table in ("consult_slot", "consult", "agenda_item", "help_request"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return Region(experts, leads, codes, [(int(i), str(e)) for i, e in ids], now)


# --- what each scenario posts -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    content_type: str
    bodies: Callable[[Served, Region, int], list[str]]  # (server, region, repetition) -> bodies
    ok: Callable[[dict[str, Any]], bool]


def _command(
    trigger: str, text_of: Callable[[int], str], user_of: Callable[[Region, int], str]
) -> Callable[..., Any]:
    def bodies(served: Served, region: Region, _rep: int) -> list[str]:
        return [served.command_body(trigger, text_of(i), user_of(region, i)) for i in range(LEADS)]

    return bodies


def _submissions(served: Served, region: Region, rep: int) -> list[str]:
    signer = Signer(BENCH_SECRET)
    state = signer.sign({"c": "request.new", "s": {}}, region.now + timedelta(hours=6))
    rng = random.Random(rep)
    return [as_json({
        "type": "dialog_submission", "callback_id": "request.new", "state": state, "user_id": region.leads[i % LEADS],
        "channel_id": "c", "team_id": served.team_id, "cancelled": False,
        "submission": {"case": region.codes[i % LEADS], "expertise": rng.choice(EXPERTISE), "organisation": "any",
                       "form": "consult", "urgency": "deze_week", "experts": "1",
                       "question": "Hoe maken we de veiligheidsafspraken met moeder concreet?", "share": True,
                       "grondslag": "toestemming"},
    }) for i in range(2000)]  # fmt: skip


def _accepts(served: Served, region: Region, rep: int) -> list[str]:
    signer = Signer(BENCH_SECRET)
    share = len(region.offers) // (REPETITIONS + 1)  # each repetition clicks offers nobody clicked before
    chosen = region.offers[share * (rep + 1) : share * (rep + 2)]
    return [as_json({
        "user_id": expert, "channel_id": "c", "post_id": "",
        "context": {"t": signer.sign({"a": "offer.accept", "d": {"offer": str(offer)}}, region.now + timedelta(hours=6))},
    }) for offer, expert in chosen]  # fmt: skip


def _kaart_bodies(served: Served, region: Region, _rep: int) -> list[str]:
    return [served.command_body("kaart", region.codes[i], region.leads[i]) for i in range(LEADS)]


def _has_text(body: dict[str, Any]) -> bool:
    return bool(body.get("text")) and "fout" not in str(body.get("text")).lower()


SCENARIOS = (
    Scenario("/erbij help", "/mattermost/command", FORM,
             _command("erbij", lambda i: "help", lambda r, i: r.leads[i]), _has_text),
    Scenario("/beschikbaar", "/mattermost/command", FORM,
             _command("beschikbaar", lambda i: "", lambda r, i: r.experts[i * 7]), _has_text),
    Scenario("/kaart <code>", "/mattermost/command", FORM, _kaart_bodies, _has_text),
    Scenario("/erbij status", "/mattermost/command", FORM,
             _command("erbij", lambda i: "status", lambda r, i: r.leads[i]), _has_text),
    Scenario("/overleg agenda", "/mattermost/command", FORM,
             _command("overleg", lambda i: "agenda", lambda r, i: r.leads[0]), _has_text),
)  # fmt: skip
SUBMIT = Scenario("request submission", "/mattermost/dialog", JSON_TYPE, _submissions, lambda b: b == {})
ACCEPT = Scenario(
    "accept click",
    "/mattermost/action",
    JSON_TYPE,
    _accepts,
    lambda b: "ephemeral_text" in b or "update" in b,
)


# --- measuring ------------------------------------------------------------------------------------------------
@dataclass
class Results:
    database: str
    ratios: dict[tuple[str, int], list[tuple[float, float]]] = field(
        default_factory=dict
    )  # (thr, p99) ratios
    loads: dict[tuple[str, int], list[Load]] = field(default_factory=dict)
    cold: list[tuple[str, float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rss_idle_mb: float = 0.0
    agenda_ms: list[float] = field(default_factory=list)  # warm, one at a time


def check(served: Served, scenario: Scenario, body: str, failures: list[str] | None = None) -> float:
    """One request, its answer checked (a bench of error answers would measure nothing); returns ms. With
    `failures`, a wrong answer is noted there (and counts as infinitely slow) instead of stopping the bench."""
    ms, response = served.post(scenario.path, scenario.content_type, body)
    payload = (
        response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
    )
    if response.status_code != 200 or not scenario.ok(payload):
        problem = f"{scenario.name}: unexpected answer {response.status_code} after {ms:.0f} ms {response.text[:200]}"
        if failures is None:
            raise RuntimeError(problem)
        failures.append(f"FAILED {problem}")
        return float("inf")
    return ms


def drain(served: Served, timeout: float = 180) -> None:
    """Wait until the server has finished what wrk left in flight (a run stops sending, not the server working):
    until its process uses less than a fifth of a core for a quarter of a second."""
    stat = Path(f"/proc/{served.process.pid}/stat")
    ticks = os.sysconf("SC_CLK_TCK")

    def cpu() -> float:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = cpu()
        time.sleep(0.25)  # measuring the server's CPU use over a window, not waiting for domain time
        if cpu() - before < 0.05:
            return


def bodies_for(scenario: Scenario, served: Served, region: Region, rep: int) -> list[str]:
    return scenario.bodies(served, region, rep)


def measure_database(label: str, url: str, emulator: Emulator, bot_token: str, people: list[str],
                     loadgen: LoadGenerator, bare_url: str, log_dir: Path) -> Results:  # fmt: skip
    results = Results(label)
    engine = make_engine(url)
    schema.upgrade(engine)
    started = time.perf_counter()
    region = seed_region(engine, people, datetime.now(UTC))
    engine.dispose()
    print(f"[{label}] seeded {EXPERTS:,} experts, {HISTORY:,} past requests, {ON_AGENDA} agenda items and "
          f"{OPEN_OFFERS:,} open offers in {time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    with erbij_serve(emulator, bot_token, url, log_dir) as served:
        # erbij_serve returned once /healthz said the roster snapshot is loaded and the first tick has run.
        results.rss_idle_mb = served.rss_mb()
        results.notes.append(f"RSS after start, idle: {results.rss_idle_mb:.0f} MB")
        everything = (*SCENARIOS, SUBMIT, ACCEPT)
        for scenario in everything:  # the first request of each after start
            body = bodies_for(scenario, served, region, 0)[-1]
            results.cold.append(
                (f"first {scenario.name} after start", check(served, scenario, body, results.notes))
            )
        for change, who in (("pauze", region.experts[1]), ("hervat", region.experts[1])):
            ms = check(served, SCENARIOS[1], served.command_body("beschikbaar", change, who), results.notes)
            results.cold.append((f"/beschikbaar {change} (the roster change)", ms))
            for scenario in (SUBMIT, *SCENARIOS[1:]):
                body = bodies_for(scenario, served, region, 0)[-2 if change == "pauze" else -3]
                results.cold.append((f"first {scenario.name} after {change}", check(served, scenario, body,
                                                                                     results.notes)))  # fmt: skip
        agenda = SCENARIOS[4]
        results.agenda_ms = [check(served, agenda, agenda.bodies(served, region, 0)[0]) for _ in range(15)]
        for rep in range(REPETITIONS):
            for clients in CLIENTS:
                seconds = SECONDS if clients == max(CLIENTS) else max(1.0, SECONDS / 2)
                bare = loadgen.run(
                    bare_url, FORM, [served.command_body("erbij", "help", "x")], clients, seconds
                )
                for scenario in SCENARIOS:
                    with _spy(
                        served, scenario, label, clients, rep == 0 and clients == max(CLIENTS), seconds
                    ):
                        load = loadgen.run(served.url + scenario.path, scenario.content_type,
                                           bodies_for(scenario, served, region, rep), clients, seconds)  # fmt: skip
                    drain(served)
                    _record(results, scenario.name, clients, load, bare)
            print(f"[{label}] commands, repetition {rep + 1} of {REPETITIONS} done", flush=True)
        # Writes last: each submission leaves an open request that the lead's `/erbij status` then lists (and
        # ranks the next round for), so the command scenarios above see the region as seeded.
        for rep in range(REPETITIONS):
            bare = loadgen.run(bare_url, FORM, [served.command_body("erbij", "help", "x")], 10, SECONDS)
            for scenario in (SUBMIT, ACCEPT):
                with _spy(served, scenario, label, 10, rep == 0, SECONDS):
                    load = loadgen.run(served.url + scenario.path, scenario.content_type,
                                       bodies_for(scenario, served, region, rep), 10, SECONDS)  # fmt: skip
                drain(served)
                _record(results, scenario.name, 10, load, bare)
        time.sleep(2)
        results.notes.append(f"RSS after the load: {served.rss_mb():.0f} MB")
        results.notes.append(_log_size(served))
    return results


def _spy(served: Served, scenario: Scenario, label: str, clients: int, first: bool, seconds: float) -> Any:
    """py-spy on the server during this run, if ERBIJ_BENCH_PROFILE names the scenario (its first run)."""
    if scenario.name != PROFILE or not first:
        return nullcontext()
    return profiled(served.process.pid, seconds, f"{scenario.name} ({label}, {clients} clients)")


def _log_size(served: Served) -> str:
    lines = served.log_path.read_text(errors="replace").splitlines()
    return f"server log: {len(lines):,} lines, {sum(len(line) + 1 for line in lines) / 1024:.0f} KiB"


def _record(results: Results, name: str, clients: int, load: Load, bare: Load) -> None:
    results.loads.setdefault((name, clients), []).append(load)
    if load.errors:
        results.notes.append(f"{name} at {clients} clients: {load.errors} errors or timeouts")
    thr = load.throughput / bare.throughput if bare.throughput else 0.0
    p99 = load.p99 / bare.p99 if bare.p99 else 0.0
    results.ratios.setdefault((name, clients), []).append((thr, p99))


def report(results: Results, generator: str) -> None:
    print(f"\n=== {results.database}: ratio to the bare endpoint in the same repetition (median of "
          f"{REPETITIONS}, min–max), load by {generator}")  # fmt: skip
    print(f"{'what':<22}{'clients':>8}  {'throughput ÷ bare':>22}  {'p99 ÷ bare':>24}  {'req/s':>7}  "
          f"{'p50 ms':>7}  {'p99 ms':>7}  {'max ms':>7}")  # fmt: skip
    for (name, clients), ratios in results.ratios.items():
        loads = results.loads[(name, clients)]
        print(f"{name:<22}{clients:>8}  {median_spread([r[0] for r in ratios]):>22}  "
              f"{median_spread([r[1] for r in ratios]):>24}  {statistics.median(x.throughput for x in loads):7.0f}  "
              f"{statistics.median(x.p50 for x in loads):7.1f}  {statistics.median(x.p99 for x in loads):7.1f}  "
              f"{max(x.max for x in loads):7.1f}")  # fmt: skip
    print(f"\n{results.database}: single requests, one at a time")
    for what, ms in results.cold:
        print(f"  {what:<48} {ms:8.1f} ms")
    for note in results.notes:
        print(f"  {note}")
    targets(results)


def targets(results: Results) -> None:
    """The issue's targets, each with the figure it is judged on."""

    def ratio(name: str, clients: int, which: int) -> float:
        values = [r[which] for r in results.ratios.get((name, clients), [])]
        return statistics.median(values) if values else float("nan")

    lines: list[tuple[bool, str]] = []
    for name, least, most in (("/erbij help", 0.6, 2.0), ("/beschikbaar", 0.4, 4.0), ("/kaart <code>", 0.4, 4.0),
                              ("/erbij status", 0.4, 4.0)):  # fmt: skip
        thr, p99 = ratio(name, 50, 0), ratio(name, 50, 1)
        lines.append((thr >= least, f"{name} throughput ≥ {least}× bare at 50 clients: {thr:.2f}×"))
        lines.append((p99 <= most, f"{name} p99 ≤ {most}× bare at 50 clients: {p99:.2f}×"))
    agenda = statistics.median(results.agenda_ms) if results.agenda_ms else float("nan")
    lines.append((agenda < 100, f"/overleg agenda of {ON_AGENDA} cases < 100 ms (median of 15, one at a time): "
                                f"{agenda:.0f} ms (max {max(results.agenda_ms, default=0):.0f})"))  # fmt: skip
    changed = [(what, ms) for what, ms in results.cold if " pauze" in what or " hervat" in what]
    worst = max(changed, key=lambda c: c[1], default=("-", 0.0))
    lines.append(
        (
            worst[1] <= 300,
            f"no request > 300 ms after a roster change: slowest {worst[1]:.0f} ms ({worst[0]})",
        )
    )
    if results.database == "SQLite":
        subs = results.loads.get(("request submission", 10), [])
        p99 = statistics.median(x.p99 for x in subs) if subs else float("nan")
        lines.append((p99 < 300, f"10 concurrent request submissions p99 < 300 ms: {p99:.0f} ms"))
    lines.append((results.rss_idle_mb < 120, f"idle RSS < 120 MB: {results.rss_idle_mb:.0f} MB"))
    print(f"\n{results.database}: targets (the idle tick's growth: see bench.bench_growth)")
    for ok, line in lines:
        print(f"  [{'met' if ok else 'NOT MET'}] {line}")


@contextmanager
def postgres_schema() -> Iterator[str | None]:
    try:
        import psycopg

        name = f"erbij_deployed_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG_URL, connect_timeout=3, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
    except Exception as err:
        print(f"(PostgreSQL not reachable at {PG_URL}: {type(err).__name__}; skipped)")
        yield None
        return
    separator = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{separator}options={quote(f'-csearch_path={name}')}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def main() -> None:
    loadgen = LoadGenerator()
    databases = os.environ.get("ERBIJ_BENCH_DATABASES", "sqlite,postgresql").split(",")
    print(f"Erbij as deployed (`erbij serve` + emulator), load by {loadgen.name}, {SECONDS:g} s per run, "
          f"{REPETITIONS} repetition(s), {os.cpu_count()} cores shared with whatever else runs\n", flush=True)  # fmt: skip
    emulator = Emulator(team_name="bench")
    emulator.start()
    try:
        _bot, token = emulator.create_bot("erbij")
        people = add_accounts(emulator, EXPERTS + LEADS)
        with tempfile.TemporaryDirectory(prefix="erbij-deployed-") as tmp, bare_server() as bare_url:
            if "sqlite" in databases:
                sqlite = measure_database("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", emulator, token,
                                          people, loadgen, bare_url, Path(tmp))  # fmt: skip
                report(sqlite, loadgen.name)
            if "postgresql" in databases:
                with postgres_schema() as pg:
                    if pg is not None:
                        report(measure_database("PostgreSQL", pg, emulator, token, people, loadgen, bare_url,
                                                Path(tmp)), loadgen.name)  # fmt: skip
    finally:
        emulator.stop()
        loadgen.close()


if __name__ == "__main__":
    main()
