"""The guard's work grows linearly with the text: counted, not timed (timings: bench/bench_privacy)."""

from __future__ import annotations

import pytest

import commands.privacy as privacy


@pytest.mark.parametrize("unit", ["1 ", "12 ", "06 12 ", "+31 ", "1  ", "111 222 "])
def test_number_runs_classify_a_bounded_number_of_windows_per_group(
    unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    classify = privacy._classify_segment

    def counting(raw: str, text: str, start: int) -> privacy.IdentifierKind | None:
        nonlocal calls
        calls += 1
        return classify(raw, text, start)

    monkeypatch.setattr(privacy, "_classify_segment", counting)
    counts = []
    for n in (500, 1000, 2000):
        calls = 0
        privacy.find_identifiers(unit * n)
        counts.append(calls)
    # At most MAX_PARTS windows per group: doubling the text at most doubles the work (plus a constant).
    assert counts[1] <= 2 * counts[0] + privacy.MAX_PARTS**2
    assert counts[2] <= 2 * counts[1] + privacy.MAX_PARTS**2
    assert counts[2] <= privacy.MAX_PARTS * 2000 + 1


def test_a_long_run_of_letters_is_scanned_for_addresses_only_around_at_signs() -> None:
    assert privacy.find_identifiers("a" * 5000) == []
    assert [f.kind for f in privacy.find_identifiers("a" * 5000 + "@example.nl")] == [
        privacy.IdentifierKind.EMAIL
    ]
