"""Consult benchmarks: building an agenda of 40 cases with card summaries, and the scheduler tick with nothing
due while 100,000 past consults, agenda items and action items sit in the database.

Run: `.venv/bin/python -m bench.bench_consults`. SQLite in a temporary file; PostgreSQL too when it answers at
ERBIJ_TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test), in a throwaway schema that is
dropped afterwards. Prints figures; asserts nothing. Targets: agenda < 50 ms, idle tick < 5 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, event, insert

from bench.bench_cards import case_for, rich_card
from commands.app import Erbij
from commands.cases.codec import card_to_json
from commands.cases.summary import compact_summary
from commands.clock import ManualClock
from commands.config import DEFAULT_TIMEZONE
from commands.consults import wiring as consults_wiring
from commands.consults.agenda import plan_for
from commands.consults.agendas import load_view
from commands.consults.model import (
    AgendaItem,
    Consult,
    ConsultStatus,
    ItemKind,
    ItemStatus,
    NewAgendaItem,
    NewConsult,
    PastDecision,
    Urgency,
)
from commands.consults.render import AgendaView, CaseDetails, channel_agenda, full_agenda
from commands.help import wiring as help_wiring
from commands.ports import ChatUser
from commands.registry import Context, Router
from storage import schema
from storage.case_models import CardVersionRow, CaseRow
from storage.consult_models import ActionItemRow, AgendaItemRow, ConsultRow, ConsultSlotRow
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory

CASES_ON_AGENDA = 40
PAST = 100_000
HISTORY_SLOTS = 100  # past consults spread over many (now inactive) slots keeps their dates recent
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
PG_URL = os.environ.get("ERBIJ_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(ordered) * 1000:6.2f} ms · p95 {p95 * 1000:6.2f} ms · max {ordered[-1] * 1000:6.2f} ms"


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


# --- the agenda, pure ----------------------------------------------------------------------------------------
def consult(capacity: int) -> Consult:
    starts = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    return Consult(
        id=1, slot_id=1, slot_key="woensdag", title="MDO", planned_for=starts.date(), starts_at=starts,
        ends_at=starts + timedelta(hours=10), status=ConsultStatus.PLANNED, channel="mdo-west-brabant",
        chair_id="u-karin", members=(), capacity=capacity, minutes_per_case=15,
        deadline_at=starts - timedelta(hours=22), agenda_at=starts - timedelta(hours=18),
    )  # fmt: skip


def bench_agenda() -> None:
    rng = random.Random(6)
    cards = [rich_card(rng) for _ in range(CASES_ON_AGENDA)]
    cases = [case_for(i) for i in range(CASES_ON_AGENDA)]
    items = [
        AgendaItem(
            id=i, consult_id=1, case_id=i, case_code=cases[i].code,
            question="Is een raadsonderzoek nodig, of lukt het met veiligheidsafspraken in het vrijwillig kader?",
            disciplines=(), urgency=rng.choice(list(Urgency)), kind=rng.choice(list(ItemKind)),
            status=ItemStatus.PLANNED, registered_by="u-lead", registered_at=NOW - timedelta(minutes=rng.randint(0, 9999)),
        )
        for i in range(CASES_ON_AGENDA)
    ]  # fmt: skip
    previous = tuple(
        PastDecision(0, NOW - timedelta(weeks=w), "Veiligheidsafspraken aanscherpen.") for w in (2, 4)
    )
    experts = ("Sanne de Vries (Veilig Thuis West-Brabant)", "Pieter Jansen (William Schrikker Stichting)")
    target = consult(CASES_ON_AGENDA)

    def build() -> None:
        details = {
            item.id: CaseDetails("Jeroen Bakker", compact_summary(cards[item.case_id], cases[item.case_id]),
                                 experts, previous)
            for item in items
        }  # fmt: skip
        view = AgendaView(target, plan_for(target, items), "Karin Smit", DEFAULT_TIMEZONE, details)
        full_agenda(view)
        channel_agenda(view)

    build()  # warm the catalogue
    print(
        f"Agenda of {CASES_ON_AGENDA} cases with card summaries (order, time boxes, chair and channel messages):"
    )
    print(f"  pure function:             {stats(timed(build, 200))}")


def bench_agenda_from_database(url: str) -> None:
    """The same agenda as the tick builds it: items, cases, cards, involvements and decisions from the DB."""
    engine = make_engine(url)
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as u:
        slot = u.slots.slots(include_inactive=True)[0]
        start = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
        target = u.consults.add_consult(
            NewConsult(slot.id, start.date(), start, start + timedelta(hours=10), ConsultStatus.PLANNED, "mdo",
                       "u-karin", (), CASES_ON_AGENDA, 15, start - timedelta(days=1), start - timedelta(hours=18),
                       "", None)
        )  # fmt: skip
        for case_id in range(1, CASES_ON_AGENDA + 1):
            u.agenda_items.add_item(NewAgendaItem(target.id, case_id, f"WBW-{case_id:04d}-XX", "Wat is nodig?", (),
                                                  Urgency.REGULAR, ItemKind.NEW, "u-lead", NOW))  # fmt: skip
        u.commit()

    def build() -> None:
        with uow() as u:
            view = load_view(u, target, DEFAULT_TIMEZONE)
        full_agenda(view)
        channel_agenda(view)

    build()
    label = f"agenda of {CASES_ON_AGENDA} loaded from {engine.dialect.name} (100 past decisions per case)"
    print(f"  {label}: {stats(timed(build, 30))}")
    engine.dispose()


# --- the idle tick ---------------------------------------------------------------------------------------------
class NoDirectory:
    def users_by_usernames(self, usernames: list[str]) -> dict[str, ChatUser]:
        return {}

    def users_by_ids(self, user_ids: list[str]) -> dict[str, ChatUser]:
        return {}

    def statuses(self, user_ids: list[str]) -> dict[str, str]:
        return {}


def populate(engine: Engine) -> None:
    """100,000 recorded past consults, one discussed item and one done action each; three live slots."""
    rng = random.Random(7)
    card = rich_card(rng)
    content = card_to_json(card)
    with engine.begin() as conn:
        conn.execute(insert(CaseRow), [
            {"id": i, "code": f"WBW-{i:04d}-XX", "municipality": "Roosendaal", "lead_id": "u-lead", "status": "actief",
             "framework": "drang", "measure": "geen", "measure_since": None, "version": 1, "created_at": NOW,
             "created_by": "u-lead", "closed_at": None, "close_reason": None}
            for i in range(1, 1001)
        ])  # fmt: skip
        conn.execute(insert(CardVersionRow), [
            {"case_id": i, "number": 1, "at": NOW, "author_id": "u-lead", "part": "nieuw", "changes": [],
             "content": content}
            for i in range(1, CASES_ON_AGENDA + 1)
        ])  # fmt: skip
        slot_rows = []
        for s in range(1, HISTORY_SLOTS + 4):
            live = s > HISTORY_SLOTS
            slot_rows.append({
                "id": s, "key": f"slot-{s}", "title": "MDO", "weekday": (s % 3) * 2, "start": "10:00",
                "duration_minutes": 90, "channel": "mdo", "chairs": ["u-karin"], "members": [], "max_cases": 6,
                "minutes_per_case": 15, "deadline_days": 1, "deadline_time": "12:00", "agenda_days": 1,
                "agenda_time": "15:00", "holiday_policy": "volgende_werkdag", "video_url": "", "active": live,
                "planned_until": NOW.date() + timedelta(weeks=9) if live else None, "created_at": NOW,
                "updated_at": NOW,
            })  # fmt: skip
        conn.execute(insert(ConsultSlotRow), slot_rows)
        per_slot = PAST // HISTORY_SLOTS
        consults, items, actions = [], [], []
        for n in range(PAST):
            slot, week = n % HISTORY_SLOTS + 1, n // HISTORY_SLOTS + 1
            starts = datetime.combine(NOW.date() - timedelta(weeks=week), clock_time(9, 0), tzinfo=UTC)
            consults.append({
                "id": n + 1, "slot_id": slot, "planned_for": starts.date() + timedelta(days=slot % 5),
                "starts_at": starts, "ends_at": starts + timedelta(minutes=90), "status": "gepland", "holiday": None,
                "channel": "mdo", "chair_id": "u-karin", "members": [], "capacity": 6, "minutes_per_case": 15,
                "deadline_at": starts - timedelta(days=1), "agenda_at": starts - timedelta(hours=18),
                "agenda_due_at": None, "agenda_sent_at": starts - timedelta(hours=18), "agenda_late": False,
                "agenda_revision": 0, "recorded_at": starts + timedelta(hours=2), "video_url": "",
            })  # fmt: skip
            items.append({
                "id": n + 1, "consult_id": n + 1, "case_id": n % 1000 + 1, "case_code": "WBW-0000-XX",
                "question": "Wat is nodig?", "disciplines": [], "urgency": "regulier", "kind": "nieuw",
                "status": "besproken", "registered_by": "u-lead", "registered_at": starts - timedelta(days=3),
                "previous_item_id": None, "decision": "Afspraken aanscherpen.", "returns": False,
                "discussed_at": starts,
            })  # fmt: skip
            actions.append({
                "agenda_item_id": n + 1, "case_code": "WBW-0000-XX", "owner_id": "u-sanne",
                "description": "Huisbezoek", "due_on": starts.date() + timedelta(days=7), "created_at": starts,
                "remind_at": None, "reminded_at": starts + timedelta(days=6), "done_at": starts + timedelta(days=7),
                "done_by": "u-sanne",
            })  # fmt: skip
        assert per_slot * HISTORY_SLOTS == PAST
        for table, rows in ((ConsultRow, consults), (AgendaItemRow, items), (ActionItemRow, actions)):
            for chunk in range(0, len(rows), 10_000):
                conn.execute(insert(table), rows[chunk : chunk + 10_000])
        if engine.dialect.name == "postgresql":
            # Explicit ids above: move the sequences past them, as a real history would have.
            for name in ("cases", "consult_slot", "consult", "agenda_item"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
                )
    # Autovacuum would analyse the new rows soon enough; do it now so the planner knows the table sizes.
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def bench_tick(url: str) -> None:
    engine = make_engine(url)
    schema.upgrade(engine)
    start = time.perf_counter()
    populate(engine)
    filled = time.perf_counter() - start
    router = Router()
    consults_wiring.register(router, help_wiring.register(router))
    erbij = Erbij(
        router, Context(uow=SqlUnitOfWorkFactory(engine), clock=ManualClock(NOW), directory=NoDirectory())
    )
    erbij.tick()  # plans the live slots' coming weeks once; from then on nothing is due
    assert erbij.tick() == {"overleg": 0}
    with counted(engine) as statements:
        erbij.tick()
    samples = timed(erbij.tick, 300)
    print(f"\nScheduler tick with nothing due ({engine.dialect.name}; {PAST:,} past consults, {PAST:,} agenda items, "
          f"{PAST:,} action items; filled in {filled:.0f} s):")  # fmt: skip
    print(
        f"  consult job (plan + due agendas + due reminders, {len(statements)} statements): {stats(samples)}"
    )
    engine.dispose()
    bench_agenda_from_database(url)


@contextmanager
def postgres_schema() -> Iterator[str | None]:
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3, autocommit=True) as conn:
            name = f"erbij_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            conn.execute(f'CREATE SCHEMA "{name}"')
    except Exception as err:
        print(f"\n(PostgreSQL not reachable at {PG_URL}: {type(err).__name__}; skipped)")
        yield None
        return
    separator = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{separator}options={quote(f'-csearch_path={name}')}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def main() -> None:
    bench_agenda()
    with tempfile.TemporaryDirectory(prefix="erbij-bench-") as tmp:
        bench_tick(f"sqlite:///{Path(tmp) / 'bench.db'}")
    with postgres_schema() as url:
        if url is not None:
            bench_tick(url)


if __name__ == "__main__":
    main()
