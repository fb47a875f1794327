"""Safety-card benchmarks: the compact summary of 1,000 cards with full history, and the SQL cost of opening
one card as its history grows.

Run: `.venv/bin/python -m bench.bench_cards` (SQLite in a temporary file; set ERBIJ_BENCH_DATABASE to a
SQLAlchemy URL of an empty database to measure elsewhere). Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from commands.app import Erbij
from commands.cases import card as c
from commands.cases import feed
from commands.cases import wiring as cases_wiring
from commands.cases.card import CardVersion, Change, ChangeKind, VersionInfo
from commands.cases.codec import card_from_json, card_to_json
from commands.cases.lifecycle import create_case
from commands.cases.model import Case, CaseStatus, Framework, Measure
from commands.cases.summary import compact_summary
from commands.clock import ManualClock
from commands.help import wiring as help_wiring
from commands.inbound import CommandRequest
from commands.ports import ChatUser
from commands.registry import Context, Router
from commands.roster.model import Organisation, OrganisationKind, Professional, Role, RosterChanges
from storage import schema
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory

CARDS = 1_000
CONSULT_ENTRIES = 200  # card versions written by consults (decision + actions each), among 1,000
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
LEAD = Professional(
    user_id="u-lead",
    username="lead",
    display_name="Jeroen Bakker",
    organisation=Organisation("st", OrganisationKind.LOKAAL_TEAM, "Sociaal Team"),
    roles=frozenset({Role.LEAD}),
    municipalities=frozenset({"Roosendaal"}),
)


def rich_card(rng: random.Random) -> c.SafetyCard:
    """A card after about a year of work: many worries, agreements and 40 scale judgements."""
    text = "Vader wordt boos als hij gedronken heeft en schreeuwt dan tegen moeder; Kind 1 is er vaak bij."
    worries = tuple(
        c.Worry(str(i), text, c.WorryKind.DANGER, c.WorryCategory.WITNESS_PARTNER_VIOLENCE,
                c.Certainty.SUSPECTED, c.Level.HIGH, c.NamedBy.PROFESSIONAL, "2025-03")
        for i in range(12)
    )  # fmt: skip
    top3 = tuple(
        c.UnsafeSituation(
            f"t{i}", text, c.Frequency.WEEKLY, "2026-10",
            tuple(c.RiskFactor(f"r{i}{j}", "alcoholgebruik", "vader", True) for j in range(3)),
        )
        for i in range(3)
    )  # fmt: skip
    agreements = tuple(
        c.Agreement(f"a{i}", "Bij spanning loopt vader een blokje om.", "vader", "bij spanning", "oma",
                    rng.choice(list(c.AgreementStatus)))
        for i in range(10)
    )  # fmt: skip
    perspectives = list(c.Perspective)
    scores = tuple(
        c.ScaleScore(rng.choice(perspectives), rng.randint(0, 10), date(2026, 1, 1) + timedelta(days=7 * i),
                     "u", "Afspraken worden deels nagekomen.")
        for i in range(40)
    )  # fmt: skip
    steps = tuple(
        c.Step(f"s{i}", date(2026, 1, 1) + timedelta(days=i), text, c.StepBy.LOCAL_TEAM) for i in range(15)
    )
    return c.SafetyCard(
        phase=c.Phase.STABLE, worries=worries, top3=top3, agreements=agreements, scores=scores, steps=steps,
        danger_statement=text, safety_goal=text,
    )  # fmt: skip


def case_for(i: int) -> Case:
    return Case(
        id=i, code=f"WBW-{i:04d}-XX", municipality="Roosendaal", lead_id="u-lead", status=CaseStatus.ACTIVE,
        framework=Framework.DRANG, measure=Measure(), created_at=NOW, created_by="u-lead", version=40,
    )  # fmt: skip


def bench_summaries() -> None:
    rng = random.Random(1)
    cards = [rich_card(rng) for _ in range(CARDS)]
    cases = [case_for(i) for i in range(CARDS)]
    stored = [card_to_json(card) for card in cards]
    compact_summary(cards[0], cases[0])  # warm the catalogue

    render: list[float] = []
    decode_render: list[float] = []
    for _ in range(5):
        start = time.perf_counter()
        for card, case in zip(cards, cases, strict=True):
            compact_summary(card, case)
        render.append(time.perf_counter() - start)
        start = time.perf_counter()
        for raw, case in zip(stored, cases, strict=True):
            compact_summary(card_from_json(raw), case)
        decode_render.append(time.perf_counter() - start)
    scores = sum(len(card.scores) for card in cards)
    print(f"Compact summary of {CARDS:,} cards ({scores:,} scale judgements in their history):")
    render_ms, decode_ms = statistics.median(render) * 1000, statistics.median(decode_render) * 1000
    print(f"  render only (cards in memory):   median {render_ms:7.1f} ms total")
    print(f"  decode stored JSON + render:     median {decode_ms:7.1f} ms total")


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


class Names:
    def users_by_usernames(self, usernames: list[str]) -> dict[str, ChatUser]:
        return {}

    def users_by_ids(self, user_ids: list[str]) -> dict[str, ChatUser]:
        return {u: ChatUser(u, u) for u in user_ids}

    def statuses(self, user_ids: list[str]) -> dict[str, str]:
        return {}


def bench_open(url: str) -> None:
    engine = make_engine(url)
    schema.upgrade(engine)
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as u:
        u.roster.apply(RosterChanges(organisations=(LEAD.organisation,), added=(LEAD,)), NOW)
        u.commit()
    router = Router()
    cases_wiring.register(router, help_wiring.register(router))
    erbij = Erbij(router, Context(uow=uow, clock=ManualClock(NOW), directory=Names()))
    rng = random.Random(2)
    print(f"\nOpening one card (`/kaart <code>` through the facade, {engine.dialect.name}):")
    print("  versions   SQL statements   of which SELECT   time per open")
    for versions, from_consults in ((1, 0), (10, 0), (100, 0), (1000, 0), (1000, CONSULT_ENTRIES)):
        with uow() as u:
            case = create_case(
                u, LEAD, "Roosendaal", NOW, access_point="bench", framework=Framework.VOLUNTARY
            )
            card = rich_card(rng)
            every = versions // from_consults if from_consults else 0
            for n in range(2, versions + 1):
                if every and n % every == 0:
                    # A consult's outcome: the decision as a step and two actions as agreements, with a source.
                    edit = feed.appended(
                        card,
                        [feed.step(date(2026, 11, 25), "Besluit MDO: raadsonderzoek aanvragen.", c.StepBy.CONSULT),
                         feed.agreement("Afspraken bespreken met ouders", "Jeroen Bakker", "uiterlijk 27-11-2026"),
                         feed.agreement("Huisbezoek plannen", "Sanne de Vries", "uiterlijk 4-12-2026")],
                    )  # fmt: skip
                    card = edit.card
                    info = VersionInfo(
                        n, NOW, LEAD.user_id, "mdo", edit.changes, feed.source("mdo", n, NOW.date())
                    )
                else:
                    info = VersionInfo(
                        n, NOW, LEAD.user_id, "oordeel", (Change(ChangeKind.EDITED, "oordeel"),)
                    )
                u.cases.append_version(case.id, CardVersion(info, card))
            u.commit()
        label = f"{versions} ({from_consults} from consults)" if from_consults else str(versions)
        request = CommandRequest("kaart", case.code, LEAD.user_id, "lead", "c")
        erbij.command(request)  # warm
        with counted(engine) as statements:
            erbij.command(request)
        timings = []
        for _ in range(20):
            start = time.perf_counter()
            erbij.command(request)
            timings.append(time.perf_counter() - start)
        selects = sum(1 for s in statements if s.lstrip().upper().startswith("SELECT"))
        per_open = statistics.median(timings) * 1000
        print(f"  {label:>8}   {len(statements):14d}   {selects:15d}   {per_open:8.2f} ms")
    engine.dispose()


def main() -> None:
    bench_summaries()
    url = os.environ.get("ERBIJ_BENCH_DATABASE")
    if url:
        bench_open(url)
        return
    with tempfile.TemporaryDirectory(prefix="erbij-bench-") as tmp:
        bench_open(f"sqlite:///{Path(tmp) / 'bench.db'}")


if __name__ == "__main__":
    main()
