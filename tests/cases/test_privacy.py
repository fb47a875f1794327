"""The privacy guard: direct identifiers are found (and masked), ordinary case language is left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commands.privacy import (
    IdentifierKind,
    describe,
    find_identifiers,
    is_bsn,
    is_iban,
    refusal,
)

K = IdentifierKind
BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)  # the elfproef (the guard itself checks with python-stdnum)


def kinds(text: str) -> list[IdentifierKind]:
    return [f.kind for f in find_identifiers(text)]


# --- generators --------------------------------------------------------------------------------------------


def complete_bsn(first8: int) -> str | None:
    """Eight digits plus the ninth that makes the elfproef hold (None when that would have to be 10)."""
    digits = f"{first8:08d}"
    partial = sum(int(d) * w for d, w in zip(digits, BSN_WEIGHTS[:8], strict=True))
    last = partial % 11  # partial − last ≡ 0 (mod 11), the last weight being −1
    return digits + str(last) if last <= 9 else None


bsns = st.integers(1_000_000, 99_999_999).map(complete_bsn).filter(lambda b: b is not None).map(str)


def iban(country: str, bban: str) -> str:
    number = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return f"{country}{98 - number % 97:02d}{bban}"


@st.composite
def ibans(draw: st.DrawFn) -> str:
    letters = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=4)
    digits10 = st.text(alphabet="0123456789", min_size=10, max_size=10)
    kind = draw(st.sampled_from(["NL", "BE", "DE"]))
    if kind == "NL":
        return iban("NL", draw(letters) + draw(digits10))
    if kind == "BE":
        return iban("BE", draw(st.text(alphabet="0123456789", min_size=12, max_size=12)))
    return iban("DE", draw(st.text(alphabet="0123456789", min_size=18, max_size=18)))


def spaced(number: str, group: int, sep: str) -> str:
    return sep.join(number[i : i + group] for i in range(0, len(number), group))


WORDS = st.sampled_from(
    [
        "vader", "moeder", "Kind 1", "Kind 2", "oma", "school", "drinkt", "spanning", "thuis", "afspraak",
        "loopt", "weg", "als", "het", "escaleert", "sinds maart 2025", "2 keer per week", "score 6",
        "10 minuten", "om 14.30", "huisbezoek", "de regiehouder", "VT", "GI", "WBW-7K3Q-2M",
        "Veilig Thuis 0800-2000", "bel 112", "week 47", "groep 7", "12 jaar", "0-3 jaar", "€ 1.200 schuld",
        "op 12-11", "3 kinderen", "half 9",
    ]
)  # fmt: skip
SENTENCES = st.lists(WORDS, min_size=1, max_size=15).map(" ".join)
FILLER = st.lists(WORDS, max_size=5).map(lambda ws: " ".join(ws))


# --- BSN ---------------------------------------------------------------------------------------------------


def test_the_elfproef_example_from_the_domain_notes() -> None:
    assert is_bsn("111222333")
    assert not is_bsn("111222334")
    assert not is_bsn("000000000")


@given(bsn=bsns, before=FILLER, after=FILLER, fmt=st.sampled_from(["plain", "dots", "spaces", "4-2-3"]))
def test_every_valid_bsn_is_found_in_any_surrounding_text(
    bsn: str, before: str, after: str, fmt: str
) -> None:
    written = {
        "plain": bsn,
        "dots": spaced(bsn, 3, "."),
        "spaces": spaced(bsn, 3, " "),
        "4-2-3": f"{bsn[:4]} {bsn[4:6]} {bsn[6:]}",
    }[fmt]
    text = f"{before} {written} {after}".strip()
    found = [f for f in find_identifiers(text) if f.kind is K.BSN]
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == written
    assert bsn not in refusal(found)


@given(bsn=bsns, position=st.integers(0, 8), delta=st.integers(1, 9), before=FILLER)
def test_a_near_miss_of_a_bsn_passes_the_guard(bsn: str, position: int, delta: int, before: str) -> None:
    """One digit off: the elfproef fails, so without the word BSN nearby nothing is flagged."""
    digit = (int(bsn[position]) + delta) % 10
    near = bsn[:position] + str(digit) + bsn[position + 1 :]
    assert not is_bsn(near)
    assert find_identifiers(f"{before} {near}".strip()) == []


@given(bsn=bsns, i=st.integers(0, 7))
def test_a_swapped_bsn_passes_the_guard(bsn: str, i: int) -> None:
    swapped = bsn[:i] + bsn[i + 1] + bsn[i] + bsn[i + 2 :]
    if swapped != bsn:
        assert not is_bsn(swapped)
        assert find_identifiers(swapped) == []


@pytest.mark.parametrize(
    "text", ["BSN 123456789", "burgerservicenummer: 12345678", "bsn van moeder is 987 654 321"]
)
def test_the_word_bsn_near_any_8_or_9_digits_is_enough(text: str) -> None:
    assert kinds(text) == [K.BSN]


# --- IBAN --------------------------------------------------------------------------------------------------


def test_iban_check() -> None:
    assert is_iban("NL91ABNA0417164300")
    assert not is_iban("NL91ABNA0417164301")
    assert not is_iban("XX91ABNA0417164300")


@given(number=ibans(), before=FILLER, after=FILLER, grouped=st.booleans(), lower=st.booleans())
def test_every_valid_iban_is_found(number: str, before: str, after: str, grouped: bool, lower: bool) -> None:
    written = spaced(number, 4, " ") if grouped else number
    written = written.lower() if lower else written
    text = f"{before} {written} {after}".strip()
    found = find_identifiers(text)
    assert [f.kind for f in found].count(K.IBAN) == 1
    iban_found = next(f for f in found if f.kind is K.IBAN)
    assert text[iban_found.start : iban_found.end] == written
    assert number[4:] not in refusal(found)


@given(number=ibans(), position=st.integers(4, 33), before=FILLER)
def test_a_near_miss_of_an_iban_is_not_taken_for_one(number: str, position: int, before: str) -> None:
    i = position % len(number)
    if i < 4:
        return
    c = number[i]
    other = str((int(c) + 1) % 10) if c.isdigit() else ("A" if c != "A" else "B")
    near = number[:i] + other + number[i + 1 :]
    assert not is_iban(near)
    assert find_identifiers(f"{before} {near}".strip()) == []


def test_the_word_iban_near_an_iban_shape_is_enough() -> None:
    assert kinds("IBAN moeder: NL91ABNA0417164301") == [K.IBAN]


# --- phone, e-mail, dates, addresses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["bel 06-12345678", "06 1234 5678", "0612345678", "+31 6 12345678", "+31 (0)6 1234 5678", "0031612345678",
     "010-1234567", "(010) 123 4567", "tel 0165 123456", "+32 470 12 34 56"],
)  # fmt: skip
def test_phone_numbers(text: str) -> None:
    assert kinds(text) == [K.PHONE]


@pytest.mark.parametrize("text", ["mail vader@example.nl", "j.de.vries+school@gemeente-roosendaal.nl"])
def test_email_addresses(text: str) -> None:
    found = find_identifiers(text)
    assert [f.kind for f in found] == [K.EMAIL]
    assert "vader" not in found[0].masked and "vries" not in found[0].masked


@pytest.mark.parametrize(
    "text",
    ["geboren 12-03-2015", "Kind 1 (3 maart 2019)", "2015-03-12", "geb. 12/3/15", "3 mei 2026 melding VT",
     "15 sept. 2010", "04 05 2013", "16 maart, 2022", "16e maart 2022", "16-03-'22",
     "OTS per 01-01-2025, Kind 1 geb. 12-03-2015"],
)  # fmt: skip
def test_full_dates_are_refused_as_possible_dates_of_birth(text: str) -> None:
    assert kinds(text)[-1:] == [K.DATE]


@pytest.mark.parametrize(
    "text",
    ["afspraak 12.11.2026", "OTS per 01-01-2025", "zitting op 14 maart 2025", "uiterlijk 12-03-2026",
     "Schooljaar 2024-2025", "in het schooljaar 2024/2025", "MDO gepland op 03-06-2025 om 14.30",
     "spreekuur 14.30-16.00"],
)  # fmt: skip
def test_appointment_and_measure_dates_and_school_years_pass(text: str) -> None:
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    "text",
    ["Dorpsstraat 12, 4701 AB Roosendaal", "4701 AB 12", "4701AB, 12a", "postcode 4701AB huisnummer 12",
     "woont op de Kerkstraat 5a"],
)  # fmt: skip
def test_addresses_postcode_with_house_number_or_street_with_number(text: str) -> None:
    assert kinds(text) == [K.ADDRESS]


def test_a_postcode_alone_is_not_an_address() -> None:
    assert kinds("de buurt rond 4701 AB") == []


@given(SENTENCES)
def test_ordinary_case_language_passes(text: str) -> None:
    """Small numbers, month and year, times, the crisis numbers and case codes are not identifiers."""
    assert find_identifiers(text) == []


def test_several_findings_are_listed_masked_and_in_order() -> None:
    text = "Moeder (BSN 111222333) is bereikbaar op 06-12345678 of m@example.nl"
    found = find_identifiers(text)
    assert [f.kind for f in found] == [K.BSN, K.PHONE, K.EMAIL]
    message = describe(found)
    assert "111222333" not in message and "12345678" not in message and "m@example.nl" not in message
    assert message.count(",") == 1 and " en " in message


def test_two_numbers_side_by_side_are_both_found() -> None:
    assert kinds("111222333 0612345678") == [K.BSN, K.PHONE]
