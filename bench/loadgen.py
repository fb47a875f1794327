"""A bounded loopback load generator: N concurrent clients, a fixed number of requests,
latency percentiles.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass

import httpx


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index]

    def line(self, label: str) -> str:
        return (
            f"{label:<34} n={self.requests:<5} err={self.errors:<3} p50={self.percentile(50):7.2f} ms "
            f"p99={self.percentile(99):7.2f} ms  mean={statistics.fmean(self.latencies_ms):7.2f} ms  "
            f"{self.throughput:8.1f} req/s"
        )


async def _run(
    url: str, form: dict[str, str], headers: dict[str, str], clients: int, total: int
) -> LoadResult:
    latencies: list[float] = []
    errors = 0
    remaining = total
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal remaining, errors
            while remaining > 0:
                remaining -= 1
                start = time.perf_counter()
                response = await client.post(url, data=form, headers=headers)
                latencies.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    errors += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        seconds = time.perf_counter() - start
    return LoadResult(total, errors, seconds, latencies)


def run_load(url: str, form: dict[str, str], headers: dict[str, str], clients: int, total: int) -> LoadResult:
    return asyncio.run(_run(url, form, headers, clients, total))
