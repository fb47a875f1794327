"""The privacy guard: finds direct identifiers in free text before anything is stored or sent.

Shared by every feature that accepts free text (the safety card, help requests, consult questions). It is
deliberately strict (docs/domain.md §8): a refused sentence costs a professional a rewrite, a stored BSN
cannot be taken back. Findings carry a masked form, so the refusal never echoes the identifier itself.
Personal names are found heuristically (capitalised full names, a name after a role word): see privacy_names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from commands.catalogue import t
from commands.privacy_names import find_names, mask_name


class IdentifierKind(StrEnum):
    BSN = "bsn"
    DATE = "datum"  # a full date: it may be a date of birth
    PHONE = "telefoon"
    EMAIL = "email"
    IBAN = "iban"
    ADDRESS = "adres"  # postcode with house number, or street with house number
    NAME = "naam"  # heuristic: a capitalised full name, or a name after a role word (commands.privacy_names)


@dataclass(frozen=True)
class Finding:
    """One identifier found at `text[start:end]`; `masked` is safe to show back to the writer."""

    kind: IdentifierKind
    start: int
    end: int
    masked: str

    def describe(self) -> str:
        return t(f"privacy.kind.{self.kind}", masked=self.masked)


MASK = "•"
NEAR = 30  # characters before a number in which a keyword such as "BSN" makes it suspicious

_IBAN_START = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})")
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_DATE_NUMERIC = re.compile(r"(?<![\d\-/.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d\-/]|\.\d)")
_DATE_ISO = re.compile(r"(?<![\d\-/.])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-/])")
_DATE_WRITTEN = re.compile(
    r"(?<!\d)(\d{1,2})\s*("
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?\s*(?:'|’)?(\d{4}|\d{2})(?!\d)",
    re.IGNORECASE,
)
# A run of digits with at most two separators between them, optionally led by "+" or "(".
_NUMBER_RUN = re.compile(r"(?<![A-Za-z0-9+])\+?\(?\d(?:[ .\-()]{0,2}\d)*")
_BSN_WORDS = re.compile(
    r"\b(bsn|burgerservicenummer|burger\s*service\s*nummer|sofi(?:nummer)?)\b", re.IGNORECASE
)
_IBAN_WORDS = re.compile(r"\b(iban|rekening(?:nummer)?|bankrekening)\b", re.IGNORECASE)
_POSTCODE = r"[1-9]\d{3}(?:\s?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})"
_HOUSE_NUMBER = r"[1-9]\d{0,4}(?![\-–]\d)(?:\s?[-]?\s?[A-Za-z](?![A-Za-z]))?"
_NOT_A_HOUSE = r"(?!\s*(?:jaar|keer|uur|min|minuten|dagen|weken|maanden|kinderen|x)\b)"
_ADDRESS_AFTER = re.compile(
    rf"(?<![\w\-/.])({_POSTCODE})[\s,]+(?:(?:huisnummer|huisnr\.?|nr\.?)\s*)?{_HOUSE_NUMBER}(?![\w])"
    + _NOT_A_HOUSE
)
_ADDRESS_BEFORE = re.compile(rf"(?<![\w\-/.]){_HOUSE_NUMBER}[\s,]+({_POSTCODE})(?![\w])")
_ADDRESS_KEYWORD = re.compile(
    rf"(?<![\w\-/.])({_POSTCODE})(?![\w]).{{0,30}}?\b(?i:huisnummer|huisnr|nr)\.?\s*\d{{1,5}}", re.DOTALL
)
_STREET = re.compile(
    r"\b[A-Z][a-zà-ÿ'\-]+(?:straat|laan|weg|plein|singel|gracht|kade|dijk|hof|pad|dreef|steeg|markt|park|baan|"
    r"ring|wal|veld|erf|akker|dam|burgwal|haven|plantsoen|boulevard|allee|hoek|polder)\s+\d{1,5}"
    r"(?:\s?[A-Za-z](?![A-Za-z]))?\b"
)

# IBAN lengths per country (SWIFT IBAN registry) for the countries a Dutch region plausibly meets; an IBAN
# from elsewhere is not recognised, which keeps random codes from matching by the 1-in-97 chance.
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BA": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23, "GL": 18, "GR": 27, "HR": 21,
    "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28, "MC": 27,
    "ME": 22, "MK": 19, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "RS": 22, "SE": 24,
    "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29,
}  # fmt: skip
BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
SERVICE_NUMBERS = ("0800", "0900", "0906", "0909")  # free and paid service lines, never a person's number


def is_bsn(digits: str) -> bool:
    """The BSN elfproef: 9 digits (8 get a leading zero), weights 9..2 and -1, sum divisible by 11, not 0."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or digits == "0" * 9:
        return False
    return sum(int(c) * w for c, w in zip(digits, BSN_WEIGHTS, strict=True)) % 11 == 0


def is_iban(compact: str) -> bool:
    """ISO 13616: known country length and the mod-97 check (the rearranged number mod 97 equals 1)."""
    compact = compact.upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isalnum() or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def find_identifiers(text: str) -> list[Finding]:
    """Every direct identifier in `text`, in order of appearance; an empty list: the text may be stored."""
    # Earlier detectors win an overlap; `claimed` stays sorted and disjoint, so each check is a bisection.
    claimed: list[Finding] = []
    starts: list[int] = []
    for detector in (_emails, _ibans, _dates, _numbers, _addresses, _names):
        for finding in detector(text):
            i = bisect.bisect_left(starts, finding.start)
            if i > 0 and claimed[i - 1].end > finding.start:
                continue
            if i < len(claimed) and claimed[i].start < finding.end:
                continue
            claimed.insert(i, finding)
            starts.insert(i, finding.start)
    return claimed


def describe(findings: Iterable[Finding]) -> str:
    """A Dutch list of what was found, masked: 'een BSN (•••••••33) en een e-mailadres (j•••@•••.nl)'."""
    parts = [f.describe() for f in findings]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + t("privacy.and") + parts[-1]


def refusal(findings: Iterable[Finding]) -> str:
    """The message shown when text is refused: what was found (masked), and that nothing was stored."""
    return t("privacy.refused", found=describe(findings))


def check_fields(values: Mapping[str, str]) -> dict[str, str]:
    """Per field name, the refusal message for every field that contains an identifier."""
    errors: dict[str, str] = {}
    for name, value in values.items():
        findings = find_identifiers(value)
        if findings:
            errors[name] = refusal(findings)
    return errors


# --- detectors ---------------------------------------------------------------------------------------------


_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


def _emails(text: str) -> Iterable[Finding]:
    """Addresses around each "@" (also written "naam @ gmail.com"); each character is looked at a bounded
    number of times, so a long run of letters without an "@" costs nothing (a regex anchored on the local
    part would retry it from every position).
    """
    at = text.find("@")
    while at != -1:
        found = _email_at(text, at)
        if found is not None:
            yield found
        at = text.find("@", at + 1)


def _email_at(text: str, at: int) -> Finding | None:
    left = at - 1 if at > 0 and text[at - 1] == " " else at  # "naam @ gmail.com"
    start = left
    while start > 0 and text[start - 1] in _LOCAL_CHARS:
        start -= 1
    right = at + 2 if text.startswith(" ", at + 1) else at + 1
    end = right
    while end < len(text) and text[end] in _DOMAIN_CHARS:
        end += 1
    while end > right and text[end - 1] in ".-":
        end -= 1  # a sentence's full stop is not part of the domain
    local, domain = text[start:left].strip("."), text[right:end]
    name, dot, tld = domain.rpartition(".")
    if not local or not name or not dot or len(tld) < 2 or not tld.isalpha():
        return None
    masked = f"{local[0]}{MASK * 3}@{MASK * 3}.{tld}"
    return Finding(IdentifierKind.EMAIL, start, end, masked)


def _ibans(text: str) -> Iterable[Finding]:
    for m in _IBAN_START.finditer(text):
        country = m.group(1).upper()
        length = IBAN_LENGTHS.get(country)
        if length is None:
            continue
        compact, end = _take_alnum(text, m.start(), length)
        if len(compact) != length or (end < len(text) and text[end].isalnum()):
            continue
        keyword = _IBAN_WORDS.search(text, max(0, m.start() - NEAR), m.start()) is not None
        if is_iban(compact) or (keyword and compact[2:4].isdigit()):
            yield Finding(IdentifierKind.IBAN, m.start(), end, compact[:2].upper() + _mask(compact[2:]))


def _take_alnum(text: str, start: int, count: int) -> tuple[str, int]:
    """Up to `count` letters and digits from `start`, allowing single spaces between them (IBAN groups)."""
    chars: list[str] = []
    i = start
    while i < len(text) and len(chars) < count:
        c = text[i]
        if c.isascii() and c.isalnum():
            chars.append(c)
        elif not (c == " " and chars and i + 1 < len(text) and text[i + 1].isalnum()):
            break
        i += 1
    return "".join(chars), i


def _dates(text: str) -> Iterable[Finding]:
    for m in _DATE_NUMERIC.finditer(text):
        if _real_date(m.group(4), m.group(3), m.group(1)):
            yield Finding(IdentifierKind.DATE, m.start(), m.end(), _mask(m.group(), keep=0))
    for m in _DATE_ISO.finditer(text):
        if _real_date(m.group(1), m.group(2), m.group(3)):
            yield Finding(IdentifierKind.DATE, m.start(), m.end(), _mask(m.group(), keep=0))
    for m in _DATE_WRITTEN.finditer(text):
        if _real_date(m.group(3), str(_MONTHS[m.group(2).lower()]), m.group(1)):
            yield Finding(IdentifierKind.DATE, m.start(), m.end(), _mask(m.group(), keep=0))


def _real_date(year: str, month: str, day: str) -> bool:
    y = int(year)
    if len(year) == 2:
        y += 2000
    try:
        date(y, int(month), int(day))
    except ValueError:
        return False
    return 1900 <= y <= 2100


MAX_DIGITS = 17  # the longest identifier written as digits: "00" plus a 15-digit international number
MIN_DIGITS = 8  # the shortest: an 8-digit BSN (a leading zero dropped) or a "+" number's 8 digits
MAX_PARTS = 6  # the most groups a number is written in: "+31 6 12 34 56 78"
_Chain = tuple[Finding, "_Chain"] | None


def _numbers(text: str) -> Iterable[Finding]:
    for m in _NUMBER_RUN.finditer(text):
        if m.end() - m.start() >= MIN_DIGITS:  # shorter runs cannot hold an identifier's digits
            yield from _classify_run(text, m.start(), m.group())


def _classify_run(text: str, offset: int, raw: str) -> Iterable[Finding]:
    """The whole run if it is one identifier, else the identifiers among its space-separated parts that
    together cover the most digits ("111222333 0612345678" is two numbers; joined they are nothing).

    Linear in the run's length: no identifier holds more than MAX_DIGITS digits, so only windows of parts
    within that many digits are classified (a window spans at most MAX_DIGITS parts, each of bounded length).
    """
    parts = [(p.start(), p.end()) for p in re.finditer(r"\S+", raw)]
    counts = [sum(c.isdigit() for c in raw[s:e]) for s, e in parts]
    total = sum(counts)
    if total < MIN_DIGITS:
        return
    if total <= MAX_DIGITS:
        kind = _classify_segment(raw, text, offset)
        if kind is not None:
            yield Finding(kind, offset, offset + len(raw), _mask(raw))
            return
    # best[i]: (digits covered, findings as a linked list) for the parts from i on; a small dynamic programme.
    best: list[tuple[int, _Chain]] = [(0, None)] * (len(parts) + 1)
    for i in reversed(range(len(parts))):
        choice = best[i + 1]
        digits = 0
        for j in range(i, min(len(parts), i + MAX_PARTS)):
            digits += counts[j]
            if digits > MAX_DIGITS:
                break
            if digits < MIN_DIGITS or (i, j) == (0, len(parts) - 1):
                continue
            start, end = parts[i][0], parts[j][1]
            kind = _classify_segment(raw[start:end], text, offset + start)
            covered = digits + best[j + 1][0]
            if kind is not None and covered > choice[0]:
                found = Finding(kind, offset + start, offset + end, _mask(raw[start:end]))
                choice = (covered, (found, best[j + 1][1]))
        best[i] = choice
    chain = best[0][1]
    while chain is not None:
        yield chain[0]
        chain = chain[1]


def _classify_segment(raw: str, text: str, start: int) -> IdentifierKind | None:
    kind = _classify_number(raw, text, start)
    groups = raw.split()
    if kind is IdentifierKind.PHONE and len(groups) > 1 and len(re.sub(r"\D", "", groups[-1])) < 2:
        return None  # "…008 2 keer": a phone number does not end in a lone digit
    return kind


def _classify_number(raw: str, text: str, start: int) -> IdentifierKind | None:
    digits = re.sub(r"\D", "", raw)
    if not digits:
        return None
    if raw.startswith("+") or (digits.startswith("00") and len(digits) >= 11):
        body = digits[1:] if digits.startswith("00") and not raw.startswith("+") else digits
        body = body[1:] if body.startswith("0") else body  # "0031…" → "31…"
        if body.startswith("31"):
            national = body[2:]
            national = national[1:] if national.startswith("0") else national  # "+31 (0)6…"
            return IdentifierKind.PHONE if len(national) == 9 else None
        return IdentifierKind.PHONE if 8 <= len(body) <= 15 else None
    if digits.startswith("0") and len(digits) == 10 and not digits.startswith(SERVICE_NUMBERS):
        return IdentifierKind.PHONE
    if len(digits) in (8, 9):
        keyword = _BSN_WORDS.search(text, max(0, start - NEAR), start) is not None
        if is_bsn(digits) or keyword:
            return IdentifierKind.BSN
    return None


def _addresses(text: str) -> Iterable[Finding]:
    for pattern in (_ADDRESS_AFTER, _ADDRESS_BEFORE, _ADDRESS_KEYWORD, _STREET):
        for m in pattern.finditer(text):
            yield Finding(IdentifierKind.ADDRESS, m.start(), m.end(), _mask(m.group(), keep=0))


def _names(text: str) -> Iterable[Finding]:
    for start, end in find_names(text):
        yield Finding(IdentifierKind.NAME, start, end, mask_name(text[start:end]))


def _mask(value: str, keep: int = 2) -> str:
    """Letters and digits become dots except the last `keep`; separators stay, so the shape shows."""
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    visible = set(positions[len(positions) - keep :]) if keep else set()
    return "".join(c if (not c.isalnum() or i in visible) else MASK for i, c in enumerate(value))
