"""Run every benchmark in turn and print their figures (`make bench`). Figures are reported, not asserted."""

from __future__ import annotations

import importlib

BENCHMARKS = (
    "bench.bench_deployed",  # as deployed, with wrk; supersedes bench.bench_http (its client saturated first)
    "bench.bench_growth",
    "bench.bench_roster",
    "bench.bench_cards",
    "bench.bench_requests",
    "bench.bench_close_loop",
    "bench.bench_consults",
    "bench.bench_privacy",
)


def main() -> None:
    for name in BENCHMARKS:
        print(f"\n######## {name}\n", flush=True)
        importlib.import_module(name).main()


if __name__ == "__main__":
    main()
