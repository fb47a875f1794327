"""The privacy guard: finds direct identifiers in free text before anything is stored or sent.

Shared by every feature that accepts free text (the safety card, help requests, consult questions). It is
deliberately strict (docs/domain.md §8): a refused sentence costs a professional a rewrite, a stored BSN
cannot be taken back. Findings carry a masked form, so the refusal never echoes the identifier itself.
Personal names are found heuristically (capitalised full names, a name after a role word): see privacy_names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from commands.catalogue import t
from commands.privacy_names import PARTICLES, mask_name, name_spans


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

_IBAN_START = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}) ?(\d{2})")  # "NL91…", also "NL 91 …"
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Dates as people type them: 12-03-2015, 12/3/15, 16-03-'22, 04 05 2013, 2015-03-12, 16 maart 2022,
# 16e maart 2022, 16 maart, 2022, 15 sept. '10. Every quantifier is bounded: no backtracking on long runs.
_DATE_NUMERIC = re.compile(r"(?<![\d\-/.])(\d{1,2})([-/.])(\d{1,2})\2['’]?(\d{4}|\d{2})(?![\d\-/]|\.\d)")
_DATE_SPACED = re.compile(r"(?<![\d\-/.])(\d{1,2}) (\d{1,2}) (\d{4})(?![\d\-/]|\.\d)")
_DATE_ISO = re.compile(r"(?<![\d\-/.])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-/])")
_DATE_WRITTEN = re.compile(
    r"(?<!\d)(\d{1,2})(?:e|ste|de)?\s{0,3}("
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?,?\s{0,3}['’]?(\d{4}|\d{2})(?!\d)",
    re.IGNORECASE,
)
# Words that say a date is a date of birth ...
_BIRTH_WORDS = re.compile(
    r"(?<!\w)(?:geb(?:oren)?\b|geboorte\w*|gebdatum|dob\b|jarig|verjaardag|leeftijd)|°|\*", re.IGNORECASE
)
# ... and words that say it is an appointment, a deadline or a measure's date, which must stay writable
# ("OTS per 01-01-2025", "zitting op 14 maart 2025", "uiterlijk 12-03-2026").
_SCHEDULE_WORDS = re.compile(
    r"(?<!\w)(?:per|vanaf|sinds|tot(?:\s+en\s+met)?|t/m|tm|op|om|d\.?d\.?|datum|gepland|afspraak|zitting|mdo|"
    r"evaluatie|uiterlijk|voor|vóór|na|deadline|ingaand|ingang|ingangsdatum|einddatum|startdatum|verlengd|"
    r"verlenging|beschikking|melding|gemeld|huisbezoek|overleg|gesprek|verplaatst|verloopt|loopt|start|"
    r"begint|eindigt|afgesproken|tussen|week|vergadering|rapportage|besloten|besluit|zittingsdatum|"
    r"ots|uhp|voogdij|machtiging)(?!\w)",
    re.IGNORECASE,
)
BIRTH_NEAR_BEFORE = 30  # characters before a date searched for a birth word
BIRTH_NEAR_AFTER = 20  # and after it ("12-03-2015 geboren")
SCHEDULE_NEAR = 40  # characters before a date searched for an appointment or measure word
# A run of digits with at most three separators between them ("06 - 12345678"), optionally led by "+" or "(".
_NUMBER_RUN = re.compile(r"(?<![A-Za-z0-9+])\+?\(?\d(?:[ .\-()/]{0,3}\d)*")
# Number runs that are no identifier although they have 8 digits: a school year, a time span.
_YEAR_SPAN = re.compile(r"((?:19|20)\d\d) ?[-/] ?((?:19|20)\d\d)")
_TIME_SPAN = re.compile(r"\d{1,2}[.:]\d\d ?- ?\d{1,2}[.:]\d\d")
# An amount: a number right after "€" or the word "EUR"/"eur" (not the end of "deur" or "directeur"), at most
# three spaces between them. A window of three characters once missed "EUR 12.345.678" (found by mutmut).
_AMOUNT_BEFORE = re.compile(r"(?:€|(?<![^\W\d_])(?:EUR|eur))[ \u00a0]{0,3}$")
AMOUNT_NEAR = 8  # characters searched before a number: the look-behind's one, "EUR" and three spaces
_BSN_WORDS = re.compile(
    r"\b(bsn|burgerservicenummer|burger\s*service\s*nummer|sofi(?:nummer)?)\b", re.IGNORECASE
)
_IBAN_WORDS = re.compile(r"\b(iban|rekening(?:nummer)?|bankrekening)\b", re.IGNORECASE)
_POSTCODE = r"[1-9]\d{3}(?:\s?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})"
# In lower case with a space the letters could be a word ("in 2024 en 2025"): these are never taken.
_POSTCODE_LOWER = (
    r"[1-9]\d{3} (?!sa|sd|ss|en|in|op|om|of|is|te|ik|je|we|ze|na|nu|zo|ja|nr|km|kg|cm|mm|ml|cc|tm|uu)[a-z]{2}"
)
_HOUSE_NUMBER = r"[1-9]\d{0,4}(?![\-–]\d)(?:\s?[-]?\s?[A-Za-z](?![A-Za-z]))?"
_NOT_A_HOUSE = (
    r"(?!\s{0,3}(?:jaar|jr|keer|uur|min|minuten|dagen|weken|maanden|kinderen|x|procent|euro|punten|"
    r"km|kg|cm|%))"
)
_ADDRESS_AFTER = re.compile(
    rf"(?<![\w\-/.])({_POSTCODE}|{_POSTCODE_LOWER})[\s,]{{1,3}}(?:(?i:huisnummer|huisnr\.?|nr\.?)\s{{0,3}})?"
    rf"{_HOUSE_NUMBER}(?![\w])" + _NOT_A_HOUSE
)
_ADDRESS_BEFORE = re.compile(rf"(?<![\w\-/.]){_HOUSE_NUMBER}[\s,]{{1,3}}({_POSTCODE})(?![\w])")
_ADDRESS_KEYWORD = re.compile(
    rf"(?<![\w\-/.])({_POSTCODE})(?![\w]).{{0,30}}?\b(?i:huisnummer|huisnr|nr)\.?\s*\d{{1,5}}", re.DOTALL
)
# A street name ending in a street word, then a house number: "Kerkstraat 5a", "molenweg 89". The look-behind
# starts a name only at a word's start, so "Aa-Aa-Aa-…" is not retried from every hyphen.
_STREET_WORDS = (
    "straat|straatweg|laan|weg|plein|singel|gracht|kade|dijk|hof|pad|dreef|steeg|markt|park|baan|ring|wal|"
    "veld|erf|akker|dam|burgwal|haven|plantsoen|boulevard|allee|hoek|polder|berg|donk|hout|tuin|"
    "gaarde|zoom|burg|vliet|kamp|horst|beek|promenade|passage|kwartier|hoven"
)
_STREET = re.compile(
    rf"(?<![\w'\-])[A-Za-z][a-zà-ÿ'\-]{{0,40}}(?:{_STREET_WORDS})\s{{1,3}}[1-9]\d{{0,4}}"
    r"(?:\s?[-]?\s?(?:[A-Za-z]|bis|hs|\d{1,3})(?![A-Za-z\d]))?(?![\w])" + _NOT_A_HOUSE,
    re.IGNORECASE,
)
# A capitalised street word on its own is a street too: "Markt 5", "Boulevard 12".
_STREET_ALONE = re.compile(
    r"(?<![\w'\-])(?:(?i:markt|boulevard|kade|plein|dam|singel|haven|wal|parade|brink)|Lange\s\w+|Oude\s\w+)"
    r"\s{1,3}[1-9]\d{0,4}(?![\w])" + _NOT_A_HOUSE
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
SERVICE_NUMBERS = ("0800", "0900", "0906", "0909")  # free and paid service lines, never a person's number


def is_bsn(digits: str) -> bool:
    """The BSN elfproef (python-stdnum): 9 digits, weights 9..2 and -1; 8 digits get a leading zero."""
    if len(digits) == 8:
        digits = "0" + digits
    return len(digits) == 9 and digits.isdigit() and digits != "0" * 9 and stdnum_bsn.is_valid(digits)


def is_iban(compact: str) -> bool:
    """ISO 13616 (python-stdnum): the country's length and format and the mod-97 check. A country's own
    account check is not applied: a mistyped account number still identifies the family."""
    compact = compact.upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isalnum():
        return False
    return bool(stdnum_iban.is_valid(compact, check_country=False))


@dataclass(frozen=True)
class Allowlist:
    """What is never flagged: `phrases` are organisations, programmes and places (a region's own, beside the
    built-in ones); `people` are the professionals' names from the roster. A colleague's name is refused only
    where a family role or an age points at it ("moeder Sanne", "Sanne (8)")."""

    phrases: tuple[str, ...] = ()
    people: tuple[str, ...] = ()

    @property
    def colleagues(self) -> frozenset[tuple[str, ...]]:
        """Each colleague's full name and first name, as words without particles: "Sanne de Vries" allows
        "Sanne de Vries" and "Sanne", not "mevrouw De Vries" (a surname alone is how a family is named)."""
        names: set[tuple[str, ...]] = set()
        for person in self.people:
            words = _name_words(person)
            if words:
                names.add(words)
                names.add(words[:1])
        return frozenset(names)


NO_ALLOWLIST = Allowlist()
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def find_identifiers(text: str, allow: Allowlist = NO_ALLOWLIST) -> list[Finding]:
    """Every direct identifier in `text`, in order of appearance; an empty list: the text may be stored."""
    # Earlier detectors win an overlap; `claimed` stays sorted and disjoint, so each check is a bisection. An
    # appointment date is claimed too (as None), so its digits are not read again as a BSN or phone number.
    claimed: list[tuple[int, int, Finding | None]] = []
    detectors: tuple[Callable[[str], Iterable[Finding | _Span]], ...] = (
        _emails, _ibans, _dates, _numbers, _addresses, lambda value: _names(value, allow)
    )  # fmt: skip
    for detector in detectors:
        for found in detector(text):
            start, end = found.start, found.end
            i = bisect.bisect_left(claimed, start, key=lambda c: c[0])
            if i > 0 and claimed[i - 1][1] > start:
                continue
            if i < len(claimed) and claimed[i][0] < end:
                continue
            claimed.insert(i, (start, end, found if isinstance(found, Finding) else None))
    return [finding for _, _, finding in claimed if finding is not None]


@dataclass(frozen=True)
class _Span:
    """A stretch of text that looked like an identifier but is not one (an appointment date)."""

    start: int
    end: int


def describe(findings: Iterable[Finding]) -> str:
    """A Dutch list of what was found, masked: 'een BSN (•••••••33) en een e-mailadres (j•••@•••.nl)'."""
    parts = [f.describe() for f in findings]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + t("privacy.and") + parts[-1]


def refusal(findings: Iterable[Finding]) -> str:
    """The message shown when text is refused: what was found (masked), and that nothing was stored."""
    return t("privacy.refused", found=describe(findings))


# --- detectors ---------------------------------------------------------------------------------------------


_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
# Suffixes of the mail domains families use here; only to tell "naam @gmail.com" from a chat mention.
_MAIL_SUFFIXES = frozenset(
    {"com", "nl", "net", "org", "be", "eu", "info", "de", "uk", "fr", "ma", "tr", "live"}
)
_AT_WORD = re.compile(r"[(\[{]at[)\]}]", re.IGNORECASE)  # "naam(at)gmail.com", "naam[at]gmail.com"


def _emails(text: str) -> Iterable[Finding]:
    """Addresses around each "@" (also "naam @ gmail.com", "naam(at)gmail.com"); each character is looked
    at a bounded number of times, so a long run of letters without an "@" costs nothing (a regex anchored on
    the local part would retry it from every position).
    """
    anchors = [(i, i + 1) for i, c in enumerate(text) if c == "@"]
    anchors += [m.span() for m in _AT_WORD.finditer(text)]
    for at, after in sorted(anchors):
        found = _email_at(text, at, after)
        if found is not None:
            yield found


def _email_at(text: str, at: int, after: int) -> Finding | None:
    # "naam @ gmail.com" has a space on both sides, "naam@ gmail.com" only after the "@" (no mention looks
    # like that). "naam @gmail.com" reads like a chat mention ("door @lotte.jansen"), so it counts as an
    # address only when the domain ends in a common mail domain's suffix.
    space_before = at > 0 and text[at - 1] == " "
    space_after = text.startswith(" ", after)
    left = at - 1 if space_before else at
    start = left
    while start > 0 and text[start - 1] in _LOCAL_CHARS:
        start -= 1
    right = after + 1 if space_after else after
    end = right
    while end < len(text) and text[end] in _DOMAIN_CHARS:
        end += 1
    while end > right and text[end - 1] in ".-":
        end -= 1  # a sentence's full stop is not part of the domain
    local, domain = text[start:left].strip("."), text[right:end]
    name, dot, tld = domain.rpartition(".")
    if not local or not name or not dot or len(tld) < 2 or not tld.isalpha():
        return None
    if space_before and not space_after and tld.lower() not in _MAIL_SUFFIXES:
        return None  # "door @lotte.jansen": a mention
    masked = f"{local[0]}{MASK * 3}@{MASK * 3}.{tld.lower()}"
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
    """Up to `count` letters and digits from `start`, allowing one space, dash or dot between them (IBAN
    groups: "NL91 ABNA …", "NL91-ABNA-…", "NL91.ABNA.…")."""
    chars: list[str] = []
    i = start
    while i < len(text) and len(chars) < count:
        c = text[i]
        if c.isascii() and c.isalnum():
            chars.append(c)
        elif not (
            c in " -." and chars and i + 1 < len(text) and text[i + 1].isascii() and text[i + 1].isalnum()
        ):
            break
        i += 1
    return "".join(chars), i


def _dates(text: str) -> Iterable[Finding | _Span]:
    """Full dates that may be a date of birth: every full date, unless an appointment or measure word comes
    just before it and no birth word is near ("OTS per 01-01-2025" may be written; "geb. 12-03-2015" not)."""
    candidates: list[tuple[int, int, str, str, str]] = []
    for m in _DATE_NUMERIC.finditer(text):
        candidates.append((m.start(), m.end(), m.group(4), m.group(3), m.group(1)))
    for m in _DATE_SPACED.finditer(text):
        candidates.append((m.start(), m.end(), m.group(3), m.group(2), m.group(1)))
    for m in _DATE_ISO.finditer(text):
        candidates.append((m.start(), m.end(), m.group(1), m.group(2), m.group(3)))
    for m in _DATE_WRITTEN.finditer(text):
        candidates.append((m.start(), m.end(), m.group(3), str(_MONTHS[m.group(2).lower()]), m.group(1)))
    for start, end, year, month, day in candidates:
        if not _real_date(year, month, day):
            continue
        if _scheduled(text, start, end):
            yield _Span(start, end)
        else:
            yield Finding(IdentifierKind.DATE, start, end, _mask(text[start:end], keep=0))


def _scheduled(text: str, start: int, end: int) -> bool:
    """An appointment, deadline or measure date: a schedule word shortly before it and no birth word near."""
    if _BIRTH_WORDS.search(text, max(0, start - BIRTH_NEAR_BEFORE), start) is not None:
        return False
    if _BIRTH_WORDS.search(text[end : end + BIRTH_NEAR_AFTER]) is not None:
        return False
    return _SCHEDULE_WORDS.search(text, max(0, start - SCHEDULE_NEAR), start) is not None


def _real_date(year: str, month: str, day: str) -> bool:
    y = int(year)
    if len(year) == 2:
        y += 2000 if y <= 40 else 1900  # '87 is 1987, '22 is 2022
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
    if not digits or _not_an_identifier(raw, text, start):
        return None
    if raw.startswith("+") or (digits.startswith("00") and len(digits) >= 11):
        body = digits[1:] if digits.startswith("00") and not raw.startswith("+") else digits
        body = body[1:] if body.startswith("0") else body  # "0031…" → "31…"
        if body.startswith("31"):
            national = body[2:]
            national = national[1:] if national.startswith("0") else national  # "+31 (0)6…"
            return IdentifierKind.PHONE if len(national) == 9 else None
        return IdentifierKind.PHONE if _international_phone(body) else None
    if digits.startswith("0") and len(digits) == 10 and not digits.startswith(SERVICE_NUMBERS):
        return IdentifierKind.PHONE
    if len(digits) in (8, 9):
        keyword = _BSN_WORDS.search(text, max(0, start - NEAR), start) is not None
        if is_bsn(digits) or keyword:
            return IdentifierKind.BSN
    return None


def _not_an_identifier(raw: str, text: str, start: int) -> bool:
    """A school year ("2024-2025"), a time span ("14.30-16.00") or an amount ("€ 12.345.678")."""
    year_span = _YEAR_SPAN.fullmatch(raw.strip())
    if year_span is not None and int(year_span.group(2)) - int(year_span.group(1)) in (0, 1):
        return True
    if _TIME_SPAN.fullmatch(raw.strip()):
        return True
    return _AMOUNT_BEFORE.search(text, max(0, start - AMOUNT_NEAR), start) is not None


@lru_cache(maxsize=1024)
def _international_phone(body: str) -> bool:
    """A number written with its country code: libphonenumber (phonenumbers) knows each country's lengths."""
    try:
        number = phonenumbers.parse("+" + body, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def _addresses(text: str) -> Iterable[Finding]:
    for pattern in (_ADDRESS_AFTER, _ADDRESS_BEFORE, _ADDRESS_KEYWORD, _STREET, _STREET_ALONE):
        for m in pattern.finditer(text):
            yield Finding(IdentifierKind.ADDRESS, m.start(), m.end(), _mask(m.group(), keep=0))


def _names(text: str, allow: Allowlist) -> Iterable[Finding]:
    colleagues = allow.colleagues if allow.people else frozenset()
    for span in name_spans(text, allow.phrases):
        value = text[span.start : span.end]
        if not span.family and _name_words(value) in colleagues:
            continue  # "Overleg met Sanne de Vries", "Sanne belt": a colleague in the roster
        yield Finding(IdentifierKind.NAME, span.start, span.end, mask_name(value))


def _name_words(value: str) -> tuple[str, ...]:
    return tuple(w for w in _NAME_WORD.findall(value.lower()) if w not in PARTICLES)


def _mask(value: str, keep: int = 2) -> str:
    """Letters and digits become dots except the last `keep`; separators stay, so the shape shows."""
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    visible = set(positions[len(positions) - keep :]) if keep else set()
    return "".join(c if (not c.isalnum() or i in visible) else MASK for i, c in enumerate(value))
