"""Erbij halen at scale.

1. Ranking 10,000 experts for one request (pure matching, availability included): target < 10 ms.
2. A dialog submission through real HTTP (uvicorn, the emulator as Mattermost) up to offers in the outbox,
   with 10,000 experts and 100,000 historical requests in the database: p99 target < 100 ms.
3. SQL statements per submission, counted at 1,000 and at 100,000 historical requests: must not grow.

Run: `.venv/bin/python -m bench.bench_requests` (SQLite; PostgreSQL too when reachable).
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

from commands.config import DEFAULT_TIMEZONE
from commands.requests.matching import availability_at, rank
from commands.requests.model import ExpertLoad, MatchSpec
from commands.roster.model import Organisation, OrganisationKind, Professional, Role, WorkingTime

TZ = ZoneInfo(DEFAULT_TIMEZONE)
AT = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # a Tuesday, 11:00 in Amsterdam
EXPERTISE = ("huiselijk_geweld", "kindermishandeling", "complexe_scheiding", "lvb", "verslaving_ouder")
PLACES = ("Roosendaal", "Bergen op Zoom", "Etten-Leur", "Moerdijk", "Zundert", "Rucphen", "Steenbergen")
KINDS = (OrganisationKind.VT, OrganisationKind.RVDK, OrganisationKind.GI)
PG_URL = os.environ.get("ERBIJ_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def experts(n: int, rng: random.Random) -> list[Professional]:
    organisations = [Organisation(f"org-{k.value}", k, f"Organisatie {k.value}") for k in KINDS]
    people = []
    for i in range(n):
        people.append(
            Professional(
                user_id=f"user{i:022d}",
                username=f"expert{i}",
                display_name=f"Expert {i}",
                organisation=organisations[i % 3],
                roles=frozenset({Role.EXPERT}),
                expertise=frozenset(rng.sample(EXPERTISE, 2)),
                municipalities=frozenset(rng.sample(PLACES, rng.randint(0, 2))),
                capacity=rng.randint(1, 6),
                working_time=WorkingTime(frozenset({0, 1, 2, 3, 4}), clock_time(8, 30), clock_time(17, 0)),
            )
        )
    return people


def bench_ranking() -> None:
    rng = random.Random(1)
    pool = experts(10_000, rng)
    # The worst case for the ranking itself: every expert of the right kind with the expertise.
    everyone = [
        Professional(**{**p.__dict__, "expertise": frozenset({"huiselijk_geweld"}),
                        "organisation": pool[0].organisation})
        for p in pool
    ]  # fmt: skip
    loads = {p.user_id: ExpertLoad(rng.randint(0, 3), AT - timedelta(days=rng.randint(1, 90))) for p in pool}
    spec = MatchSpec("huiselijk_geweld", frozenset({OrganisationKind.VT}), "Roosendaal", 1)

    is_available = availability_at(AT, TZ)
    for label, people in (("10,000 experts, mixed", pool), ("10,000 experts, all eligible", everyone)):
        rank(spec, people, loads=loads, is_available=is_available, limit=6)  # warm-up
        timings = []
        for _ in range(50):
            start = time.perf_counter()
            ranked = rank(spec, people, loads=loads, is_available=is_available, limit=6)
            top = [c.reasons for c in ranked]
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"ranking {label:<30} median {statistics.median(timings):6.2f} ms   "
            f"p95 {statistics.quantiles(timings, n=20)[-1]:6.2f} ms   (top {len(top)} explained)"
        )


def main() -> None:
    print("Erbij halen benchmarks\n")
    bench_ranking()
    from bench.bench_requests_http import bench_submissions

    bench_submissions(PG_URL)


if __name__ == "__main__":
    main()
