"""The privacy guard measured on the labelled corpus (tests/privacy/corpus.py): recall per identifier kind and
per written format, and the false-alarm rate on benign professional sentences.

Run with `.venv/bin/python -m bench.bench_privacy_corpus`. The guard is told what a deployment tells it: the
roster's colleagues and the region's organisations and programmes (the corpus's fictional ones). The false
alarms without that allowlist are printed too, to show what the configuration is worth. Prints figures; the
targets are asserted by tests/privacy/test_corpus.py.
"""

from __future__ import annotations

import time
from collections import Counter

from commands.privacy import Allowlist, find_identifiers
from tests.privacy.corpus import COLLEAGUES, ORGANISATIONS, PROGRAMMES, Sample, corpus

ALLOW = Allowlist(phrases=ORGANISATIONS + PROGRAMMES, people=COLLEAGUES)
TARGETS = {"bsn": 99, "telefoon": 99, "iban": 99, "email": 99, "adres": 99, "datum": 95, "naam": 90}


def caught(sample: Sample, allow: Allowlist) -> bool:
    kind = next(iter(sample.kinds))
    return any(f.kind.value == kind for f in find_identifiers(sample.text, allow))


def recall(samples: list[Sample], allow: Allowlist) -> dict[str, tuple[int, int]]:
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for sample in samples:
        key = next(iter(sample.kinds))
        totals[key] += 1
        hits[key] += caught(sample, allow)
    return {key: (hits[key], totals[key]) for key in totals}


def false_alarms(samples: list[Sample], allow: Allowlist) -> list[Sample]:
    return [s for s in samples if find_identifiers(s.text, allow)]


def main() -> None:
    samples = corpus()
    positives = [s for s in samples if s.kinds]
    benign = [s for s in samples if not s.kinds]
    print(f"corpus: {len(positives)} zinnen met een identificerend gegeven, {len(benign)} zonder\n")
    print(f"{'soort':10} {'gevonden':>9} {'totaal':>7} {'recall':>8} {'doel':>6}")
    for kind, (hit, total) in sorted(recall(positives, ALLOW).items()):
        print(f"{kind:10} {hit:>9} {total:>7} {100 * hit / total:>7.1f}% {TARGETS[kind]:>5}%")
    print("\nper schrijfwijze of zinspatroon (alleen waar iets gemist werd):")
    by_pattern: dict[tuple[str, str], list[Sample]] = {}
    for sample in positives:
        by_pattern.setdefault((next(iter(sample.kinds)), sample.pattern), []).append(sample)
    for (kind, pattern), group in sorted(by_pattern.items()):
        missed = [s for s in group if not caught(s, ALLOW)]
        if missed:
            print(f"  {kind:9} {pattern:28} {len(group) - len(missed)}/{len(group)}  bv. {missed[0].text!r}")
    with_allow = false_alarms(benign, ALLOW)
    without = false_alarms(benign, Allowlist())
    print(f"\nvals alarm met rooster en regionale organisaties: {len(with_allow)}/{len(benign)} "
          f"= {100 * len(with_allow) / len(benign):.1f}% (doel ≤ 2%)")  # fmt: skip
    for sample in with_allow[:5]:
        print(f"  {sample.pattern}: {sample.text!r}")
    print(
        f"vals alarm zonder die lijst: {len(without)}/{len(benign)} = {100 * len(without) / len(benign):.1f}%"
    )
    start = time.perf_counter()
    for sample in samples:
        find_identifiers(sample.text, ALLOW)
    per = (time.perf_counter() - start) / len(samples) * 1000
    print(f"\ntijd per zin: {per:.2f} ms ({len(samples)} zinnen)")


if __name__ == "__main__":
    main()
