"""Case codes: random, pseudonymous, short, easy to type, with a check character against typos.

A code looks like `WBW-7K3Q-2B`: a region prefix, five random characters and one check character, from an
alphabet of 31 symbols without the look-alikes 0/O, 1/I/L. Because 31 is prime, a weighted sum modulo 31
with distinct non-zero weights catches every single-character substitution (w·(a−b) ≢ 0) and every swap of
two neighbours (consecutive weights: (a−b)·(w−w') = ±(a−b) ≢ 0). The prefix is part of the checked string,
so a typo anywhere is refused instead of opening another family's card. Nothing in a code is derived from
the family: the random part comes from `secrets` only.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from commands.config import DEFAULT_CASE_CODE_PREFIX

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
assert len(ALPHABET) == 31
VALUE = {c: i for i, c in enumerate(ALPHABET)}
MODULUS = len(ALPHABET)
RANDOM_LENGTH = 5
DEFAULT_PREFIX = DEFAULT_CASE_CODE_PREFIX  # the region sets its own (ERBIJ_CASE_CODE_PREFIX)
PREFIX_PATTERN = re.compile(rf"^[{ALPHABET}]{{2,5}}$")


class InvalidCaseCode(ValueError):
    """The text is not a well-formed case code, or its check character does not match (a typo)."""


def valid_prefix(prefix: str) -> bool:
    return bool(PREFIX_PATTERN.match(prefix))


def check_character(body: str) -> str:
    """The character that makes the weighted sum of `body + check` divisible by 31 (weights 1, 2, 3, …)."""
    total = sum((i + 1) * VALUE[c] for i, c in enumerate(body))
    weight = len(body) + 1
    # Solve total + weight·x ≡ 0 (mod 31); the inverse exists because 31 is prime and 1 ≤ weight ≤ 30.
    return ALPHABET[(-total * pow(weight, -1, MODULUS)) % MODULUS]


def checksum_ok(compact: str) -> bool:
    return sum((i + 1) * VALUE[c] for i, c in enumerate(compact)) % MODULUS == 0


def new_code(prefix: str = DEFAULT_PREFIX, choose: Callable[[str], str] = secrets.choice) -> str:
    """A fresh random code such as `WBW-7K3Q-2B`; `choose` is injectable so tests can be deterministic."""
    if not valid_prefix(prefix):
        raise ValueError(f"case code prefix must be 2-5 characters from {ALPHABET}")
    random_part = "".join(choose(ALPHABET) for _ in range(RANDOM_LENGTH))
    return format_code(prefix, random_part + check_character(prefix + random_part))


def format_code(prefix: str, tail: str) -> str:
    return f"{prefix}-{tail[:4]}-{tail[4:]}"


def parse_code(text: str) -> str:
    """The canonical form of a typed code (any case, with or without dashes or spaces), or InvalidCaseCode."""
    compact = re.sub(r"[\s\-–_.]", "", text).upper()
    tail_length = RANDOM_LENGTH + 1
    prefix, tail = compact[:-tail_length], compact[-tail_length:]
    if len(tail) != tail_length or not valid_prefix(prefix) or any(c not in VALUE for c in tail):
        raise InvalidCaseCode(text)
    if not checksum_ok(compact):
        raise InvalidCaseCode(text)
    return format_code(prefix, tail)


def looks_like_code(word: str) -> bool:
    """Whether a word was probably meant as a case code (so a typo gets a typo message, not 'unknown')."""
    compact = re.sub(r"[\s\-–_.]", "", word)
    if not (7 <= len(compact) <= 13 and compact.isalnum()):
        return False
    return "-" in word or any(c.isdigit() for c in compact) or all(c in VALUE for c in compact.upper())
