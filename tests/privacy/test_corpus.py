"""The measured guard: recall per identifier kind and false alarms on the labelled corpus meet the targets.

Deterministic (the corpus is seeded), so this is a quality gate and not a timing test. The figures per kind
and per written format are printed by bench/bench_privacy_corpus.py.
"""

from __future__ import annotations

from collections import Counter

import pytest

from commands.privacy import Allowlist, find_identifiers, refusal
from tests.privacy.corpus import COLLEAGUES, ORGANISATIONS, PROGRAMMES, Sample, corpus

ALLOW = Allowlist(phrases=ORGANISATIONS + PROGRAMMES, people=COLLEAGUES)
SAMPLES = corpus()
POSITIVES = [s for s in SAMPLES if s.kinds]
BENIGN = [s for s in SAMPLES if not s.kinds]
TARGETS = {
    "bsn": 0.99,
    "telefoon": 0.99,
    "iban": 0.99,
    "email": 0.99,
    "adres": 0.99,
    "datum": 0.95,
    "naam": 0.90,
}


def kind_of(sample: Sample) -> str:
    return next(iter(sample.kinds))


def test_the_corpus_is_as_large_and_varied_as_required() -> None:
    assert len(POSITIVES) >= 600 and len(BENIGN) >= 300
    per_kind = Counter(kind_of(s) for s in POSITIVES)
    assert set(per_kind) == set(TARGETS) and min(per_kind.values()) >= 100
    formats = Counter(s.pattern for s in POSITIVES)
    assert len(formats) >= 60  # every format professionals type, not one format many times
    benign_patterns = {s.pattern for s in BENIGN}
    assert {
        "collega",
        "organisatie",
        "programma",
        "schooljaar",
        "afspraakdatum",
        "maatregeldatum",
    } <= benign_patterns


@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_recall_per_kind_meets_its_target(kind: str) -> None:
    group = [s for s in POSITIVES if kind_of(s) == kind]
    missed = [s.text for s in group if kind not in {f.kind.value for f in find_identifiers(s.text, ALLOW)}]
    assert 1 - len(missed) / len(group) >= TARGETS[kind], missed[:10]


def test_false_alarms_on_professional_sentences_stay_under_two_percent() -> None:
    alarms = [s.text for s in BENIGN if find_identifiers(s.text, ALLOW)]
    assert len(alarms) / len(BENIGN) <= 0.02, alarms[:10]


def test_each_name_pattern_of_the_issue_is_caught_nine_times_in_ten() -> None:
    patterns = ("naam (leeftijd)", "rol (naam)", "rol naam", "achternaam, voornaam", "hoofdletters",
                "kleine letters", "dubbele achternaam")  # fmt: skip
    for pattern in patterns:
        group = [s for s in POSITIVES if s.pattern == pattern]
        caught = [s for s in group if any(f.kind.value == "naam" for f in find_identifiers(s.text, ALLOW))]
        assert len(group) >= 10 and len(caught) / len(group) >= 0.9, pattern


def test_the_refusal_says_what_was_found_but_never_repeats_it() -> None:
    for sample in POSITIVES:
        findings = find_identifiers(sample.text, ALLOW)
        if findings and sample.secret:
            message = refusal(findings)
            assert sample.secret not in message and sample.secret.lower() not in message.lower(), sample.text
