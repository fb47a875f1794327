"""Case codes: random, well-formed, unique, and a typo is always refused instead of opening another card."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commands.cases.codes import (
    ALPHABET,
    MODULUS,
    VALUE,
    InvalidCaseCode,
    checksum_ok,
    looks_like_code,
    new_code,
    parse_code,
)

CODE = re.compile(rf"^WBW-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}$")


def compact(code: str) -> str:
    return code.replace("-", "")


def single_substitutions(code: str) -> list[str]:
    c = compact(code)
    return [c[:i] + x + c[i + 1 :] for i in range(len(c)) for x in ALPHABET if x != c[i]]


def adjacent_swaps(code: str) -> list[str]:
    c = compact(code)
    return [c[:i] + c[i + 1] + c[i] + c[i + 2 :] for i in range(len(c) - 1) if c[i] != c[i + 1]]


def test_alphabet_has_no_lookalikes_and_a_prime_size() -> None:
    assert not set("01OIL") & set(ALPHABET)
    assert len(set(ALPHABET)) == MODULUS == 31
    assert all(MODULUS % d for d in range(2, MODULUS))


def test_a_new_code_is_short_well_formed_and_passes_its_own_check() -> None:
    code = new_code("WBW")
    assert CODE.match(code)
    assert parse_code(code) == code


def test_codes_are_typed_easily_in_any_case_and_with_or_without_dashes() -> None:
    code = new_code("WBW")
    assert parse_code(code.lower()) == code
    assert parse_code(compact(code)) == code
    assert parse_code(" ".join(compact(code))) == code


def test_codes_spread_over_the_whole_space() -> None:
    """31^5 ≈ 28.6 million codes per prefix: 20,000 draws collide about 7 times on average (the birthday
    bound); uniqueness itself is guaranteed by the database (see test_lifecycle)."""
    codes = [new_code("WBW") for _ in range(20_000)]
    assert len(set(codes)) >= 19_950
    random_parts = "".join(compact(c)[3:8] for c in codes)
    assert set(random_parts) == set(ALPHABET)


def test_randomness_is_the_only_input() -> None:
    """The same random draws give the same code; nothing about a family could go in."""
    a = new_code("WBW", random.Random(7).choice)
    b = new_code("WBW", random.Random(7).choice)
    assert a == b
    assert new_code.__code__.co_varnames[: new_code.__code__.co_argcount] == ("prefix", "choose")


def test_the_algebra_every_weight_and_every_pair_of_symbols() -> None:
    """Exhaustive proof of both properties for every position a code can have (up to 30 characters):
    a substitution changes the sum by w·(b−a), a neighbour swap by ±(b−a); neither is 0 modulo 31."""
    for weight in range(1, MODULUS):
        for a in range(MODULUS):
            for b in range(MODULUS):
                if a != b:
                    assert weight * (b - a) % MODULUS != 0
                    assert (weight * a + (weight + 1) * b - weight * b - (weight + 1) * a) % MODULUS != 0


@pytest.mark.parametrize("seed", range(200))
def test_every_single_typo_and_every_neighbour_swap_is_refused(seed: int) -> None:
    """Exhaustive per code: all 9·30 substitutions and all adjacent swaps, for 200 random codes."""
    code = new_code("WBW", random.Random(seed).choice)
    for typo in single_substitutions(code) + adjacent_swaps(code):
        assert not checksum_ok(typo)
        with pytest.raises(InvalidCaseCode):
            parse_code(typo)


@given(
    prefix=st.text(alphabet=ALPHABET, min_size=2, max_size=5),
    seed=st.integers(min_value=0),
    position=st.integers(min_value=0),
    replacement=st.sampled_from(ALPHABET),
)
def test_property_a_substitution_anywhere_is_caught(
    prefix: str, seed: int, position: int, replacement: str
) -> None:
    code = compact(new_code(prefix, random.Random(seed).choice))
    i = position % len(code)
    typo = code[:i] + replacement + code[i + 1 :]
    assert checksum_ok(typo) == (typo == code)


@given(
    prefix=st.text(alphabet=ALPHABET, min_size=2, max_size=5), seed=st.integers(min_value=0), i=st.integers(0)
)
def test_property_a_neighbour_swap_anywhere_is_caught(prefix: str, seed: int, i: int) -> None:
    code = compact(new_code(prefix, random.Random(seed).choice))
    i %= len(code) - 1
    swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
    assert checksum_ok(swapped) == (swapped == code)


@pytest.mark.parametrize("text", ["", "WBW", "WBW-0000-00", "WBW-OOOO-OO", "hallo wereld", "123456789"])
def test_malformed_text_is_not_a_code(text: str) -> None:
    with pytest.raises(InvalidCaseCode):
        parse_code(text)


def test_a_prefix_outside_the_alphabet_is_refused() -> None:
    with pytest.raises(ValueError, match="prefix must be 2-5 characters"):
        new_code("AMSTEL")  # contains L


def test_words_that_look_like_codes() -> None:
    assert looks_like_code(new_code("WBW"))
    assert looks_like_code("wbw7k3q2m")
    assert not looks_like_code("nieuw")
    assert not looks_like_code("geschiedenis")
    assert all(c in VALUE for c in compact(new_code("WBW")))
