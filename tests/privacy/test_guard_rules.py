"""The guard's rules one by one (the corpus measures them together): each row could fail on its own."""

from __future__ import annotations

import pytest

from commands.clock import ManualClock
from commands.privacy import Allowlist, describe, find_identifiers, is_bsn, is_iban, refusal
from commands.privacy_fields import refusals
from commands.privacy_names import mask_name, name_spans
from commands.registry import Context
from tests.conftest import START


def find_names(text: str, phrases: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in name_spans(text, phrases)]


REFUSED = [
    ("Noah (8) is bang als vader drinkt.", "naam"),
    ("Noah, 8 jaar, slaapt slecht.", "naam"),
    ("Vader (Mohammed) drinkt.", "naam"),
    ("vader (mohammed) drinkt", "naam"),
    ("moeder FATIMA belde", "naam"),
    ("gesprek met fatima bouzid", "naam"),
    ("Aanmelding: Berg, Fatima.", "naam"),
    ("Mevrouw Bakker-de Jong belde.", "naam"),
    ("Dennis is weer weggelopen.", "naam"),  # a known name is not made ordinary by its ending
    ("Moeder Sanne drinkt.", "naam"),  # a family role: refused even with a colleague's first name
    ("naam @ gmail.com", "email"),
    ("naam(at)gmail.com", "email"),
    ("naam (at) gmail.com", "email"),
    ("mail naam@ gmail.com", "email"),  # a space only after the "@": no mention looks like that
    ("mail naam @gmail.com", "email"),  # like a mention, but a mail domain
    ("NL91-ABNA-0417-1643-00", "iban"),
    ("IBAN NL 91 ABNA 0417 1643 00", "iban"),
    ("bel 06 - 12345678", "telefoon"),
    ("bel 06/12345678", "telefoon"),
    ("+212 6 12 34 56 78", "telefoon"),
    ("4701 ab 12", "adres"),
    ("woont op molenweg 89", "adres"),
    ("Markt 5 in Zundert", "adres"),
    ("Jarig op 12-03-2015", "datum"),  # a birth word beats the schedule word
    ("Kind 2 (geb. 04 05 2013)", "datum"),
]
PASSES = [
    "Kind 1 (8) is bang.",
    "Vader (biologisch) heeft geen contact.",
    "vervanging door @lotte.jansen",
    "overleg met @sanne.devries morgen",
    "ik zit @ kantoor",
    "Schooljaar 2024-2025 en 2025/2026",
    "in 2024 en 2025 gaat het beter",
    "spreekuur 14.30-16.00",
    "schuld van € 12.345.678",
    "OTS per 01-01-2025",
    "Machtiging uithuisplaatsing verloopt op 3 maart 2026.",
    "Overleg met Sanne de Vries over de meldcode.",
    "Sanne belt de school.",
]


@pytest.mark.parametrize(("text", "kind"), REFUSED)
def test_refused(text: str, kind: str) -> None:
    found = find_identifiers(text, Allowlist(people=("Sanne de Vries",)))
    assert kind in {f.kind.value for f in found}, found


@pytest.mark.parametrize("text", PASSES)
def test_passes(text: str) -> None:
    assert find_identifiers(text, Allowlist(people=("Sanne de Vries",))) == []


def test_a_colleagues_surname_alone_is_still_a_name() -> None:
    """Colleagues go by first name or full name; "mevrouw De Vries" is how a family member is named."""
    assert [
        f.kind.value
        for f in find_identifiers("mevrouw De Vries belde", Allowlist(people=("Sanne de Vries",)))
    ] == ["naam"]


# --- the refusal message (found by mutation testing) -------------------------------------------------

BSN_TEXT = "bsn 111222333"
THREE = "bsn 111222333, mail j.jansen@gmail.com, bel 0612345678"


def test_each_finding_is_described_in_dutch_with_its_masked_form() -> None:
    (finding,) = find_identifiers(BSN_TEXT)
    assert finding.describe() == "een burgerservicenummer (•••••••33)"


def test_findings_are_listed_as_a_dutch_enumeration() -> None:
    findings = find_identifiers(THREE)
    bsn, email, phone = (f.describe() for f in findings)
    assert describe([]) == ""
    assert describe(findings[:1]) == bsn
    assert describe(findings[:2]) == f"{bsn} en {email}"
    assert describe(findings) == f"{bsn}, {email} en {phone}"


def test_the_refusal_names_what_was_found_and_says_nothing_was_stored() -> None:
    findings = find_identifiers(THREE)
    message = refusal(findings)
    assert describe(findings) in message
    assert "niets opgeslagen" in message
    assert "111222333" not in message and "j.jansen" not in message and "0612345678" not in message


def _no_transaction() -> object:
    raise AssertionError("no name was found: the roster is not read")


def test_refusals_name_exactly_the_fields_with_an_identifier() -> None:
    ctx = Context(uow=_no_transaction, clock=ManualClock(START), directory=None)  # type: ignore[arg-type]
    errors = refusals(ctx, {"vraag": "Hoe gaat het met Kind 1?", "wat_werkt": BSN_TEXT, "zorgen": THREE})
    assert errors == {
        "wat_werkt": refusal(find_identifiers(BSN_TEXT)),
        "zorgen": refusal(find_identifiers(THREE)),
    }


def test_the_allowlist_lets_a_colleagues_name_pass() -> None:
    allow = Allowlist(people=("Sanne de Vries",))
    assert find_identifiers("Overleg met Sanne de Vries.", allow) == []
    assert [f.kind.value for f in find_identifiers("Overleg met Sanne de Vries.")] == ["naam"]


# --- exact spans and masks: the span decides what a later detector may still claim; the mask is what the
# writer sees back (the first letter of the address and its top-level domain, nothing else) -----------

SPANS = [
    ("jan@gmail.com", "email", 0, 13, "j•••@•••.com"),
    ("j @ gmail.com", "email", 0, 13, "j•••@•••.com"),  # a one-letter local part, written spaced
    ("mail naar ab@x.nl.", "email", 10, 17, "a•••@•••.nl"),  # the full stop ends the sentence
    ("naam @ t.co", "email", 0, 11, "n•••@•••.co"),  # a one-letter domain, written spaced
    ("info@t.co", "email", 0, 9, "i•••@•••.co"),
    ("j@mail.example.nl", "email", 0, 17, "j•••@•••.nl"),  # the top-level domain is the last part
    ("mail: piet(at)t.co", "email", 6, 18, "p•••@•••.co"),
    ("bsn 111222333", "bsn", 4, 13, "•••••••33"),
    ("tel 0612345678", "telefoon", 4, 14, "••••••••78"),
    ("+31 (0)6 12345678", "telefoon", 0, 17, "+•• (•)• ••••••78"),
    ("NL91ABNA0417164300", "iban", 0, 18, "NL••••••••••••••00"),
    ("nl91abna0417164300", "iban", 0, 18, "NL••••••••••••••00"),
    ("geb. 12-03-2015", "datum", 5, 15, "••-••-••••"),
    ("16 maart 2022", "datum", 0, 13, "•• ••••• ••••"),
]


@pytest.mark.parametrize(("text", "kind", "start", "end", "masked"), SPANS)
def test_span_and_mask(text: str, kind: str, start: int, end: int, masked: str) -> None:
    assert [(f.kind.value, f.start, f.end, f.masked) for f in find_identifiers(text)] == [
        (kind, start, end, masked)
    ]


# --- IBAN, date and schedule-word rules -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("compact", "valid"),
    [
        ("NL91ABNA0417164300", True),
        ("nl91abna0417164300", True),  # typed in lower case
        ("BE53123456789012", True),  # mod-97 holds, Belgium's own account check does not: still a family's
        ("NL91ABNA041716430", False),  # one character short
        ("NL91ABNA04171643001", False),  # one too many
        ("NL91ABNA0417164301", False),  # mod-97 fails
        ("NL91ABNA04171643-0", False),  # not letters and digits only
        ("KW81CBKU0000000000001234560101", False),  # valid, but from outside the countries listed
    ],
)
def test_is_iban(compact: str, valid: bool) -> None:
    assert is_iban(compact) is valid


def test_an_iban_failing_only_its_countrys_account_check_is_refused() -> None:
    assert [f.kind.value for f in find_identifiers("IBAN BE53 1234 5678 9012")] == ["iban"]


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("geb. 29-02-2000", True),
        ("geb. 29-02-1900", False),  # no such day: 1900 was no leap year
        ("geb. 29-02-'00", True),  # '00 is 2000
        ("geb. 29-02-'16", True),  # '16 is 2016
        ("geb. 29-02-'17", False),
        ("geb. 29-02-'88", True),  # '88 is 1988
        ("geb. 29-02-'87", False),
        ("geb. 31-02-2015", False),  # no such day
        ("geb. 31-12-1899", False),  # before 1900 and after 2100: not a date of birth in a youth case
        ("geb. 01-01-1900", True),
        ("geb. 31-12-2100", True),
        ("geb. 02-01-2101", False),
    ],
)
def test_two_digit_years_and_leap_days(text: str, refused: bool) -> None:
    assert bool(find_identifiers(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("zitting 14-03-2025", False),
        ("op 12-03-2015 geboren", True),  # a birth word just after beats the schedule word before
        ("Zitting op 14-03-2025; daarna bespreken we de verjaardag van Kind 1.", False),  # far after
        ("Kind 1 is van 12-03-2015, zie het overleg", True),  # a schedule word only after the date
    ],
)
def test_schedule_and_birth_words_around_a_date(text: str, refused: bool) -> None:
    assert bool(find_identifiers(text)) is refused


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("111222333", True),  # the elfproef holds
        ("111222334", False),  # it does not
        ("010000008", True),
        ("10000008", True),  # the same number with its leading zero dropped
        ("1112223330", False),  # ten digits
        ("000000000", False),  # all zeros passes the elfproef but is no number
        ("00000000", False),
        ("11122233a", False),
    ],
)
def test_is_bsn(digits: str, valid: bool) -> None:
    assert is_bsn(digits) is valid


def test_an_eight_digit_bsn_is_refused_without_a_keyword() -> None:
    assert [f.kind.value for f in find_identifiers("nummer 10000008 gebeld")] == ["bsn"]


@pytest.mark.parametrize(
    "text",
    [
        "CH93 0076 2011 6238 5295 7",  # 21 characters: the last group is one character, at the very end
        "CH93-0076-2011-6238-5295-7.",
        "rekening CH93.0076.2011.6238.5295.7",
        "NL91 ABNA 0417 1643 00",
    ],
)
def test_an_iban_written_in_groups_is_refused_whole(text: str) -> None:
    (finding,) = find_identifiers(text)
    assert finding.kind.value == "iban"
    assert text[finding.start : finding.end].replace(" ", "").replace("-", "").replace(".", "") in (
        "CH9300762011623852957",
        "NL91ABNA0417164300",
    )


def test_a_run_with_two_numbers_reports_both() -> None:
    # A BSN followed by a phone number in one run of digits and spaces: neither hides the other.
    kinds = [f.kind.value for f in find_identifiers("111222333 0612345678")]
    assert kinds == ["bsn", "telefoon"]


# --- numbers, amounts and addresses: rows from the full mutation run over the guard (docs/privacy.md) ------

EXACT = [
    # The longest number read whole: "00", a country code and 13 digits (17 digits in all) ...
    ("0049 1234567890123", [("telefoon", 0, 18, "•••• •••••••••••23")]),
    # ... and as the first of two numbers in one run.
    (
        "0049 1234567890123 0612345678",
        [("telefoon", 0, 18, "•••• •••••••••••23"), ("telefoon", 19, 29, "••••••••78")],
    ),
    # An 8-digit BSN (its leading zero dropped) inside a run, each number masked on its own.
    ("10000008 0612345678", [("bsn", 0, 8, "••••••08"), ("telefoon", 9, 19, "••••••••78")]),
    # The keyword before the run counts for a later number in it.
    (
        "Moeder (telefoon, bsn): 0612345678 12345678",
        [("telefoon", 24, 34, "••••••••78"), ("bsn", 35, 43, "••••••78")],
    ),
    # A dash between two numbers belongs to neither.
    ("0612345678 - 10000008", [("telefoon", 0, 10, "••••••••78"), ("bsn", 13, 21, "••••••08")]),
    ("10000008 - 0612345678", [("bsn", 0, 8, "••••••08"), ("telefoon", 11, 21, "••••••••78")]),
    ("bel 00 352 123456", [("telefoon", 4, 17, "•• ••• ••••56")]),  # "00" and 11 digits: Luxembourg
    ("deur 10.000.008", [("bsn", 5, 15, "••.•••.•08")]),  # "eur" ending a word is no amount
    # An appointment's digits (they pass the elfproef) are no BSN, and the numbers after it are still read.
    (
        "zitting op 18-01-2024 en bel 0612345678 of 0687654321",
        [("telefoon", 29, 39, "••••••••78"), ("telefoon", 43, 53, "••••••••21")],
    ),
    ("OTS per 01-01-2025, bel 0612345678", [("telefoon", 24, 34, "••••••••78")]),
    # A number inside an address is the address's; a number after it is read on its own.
    (
        "mail jan.0612345678@gmail.com of bel 0687654321",
        [("email", 5, 29, "j•••@•••.com"), ("telefoon", 37, 47, "••••••••21")],
    ),
    # Dates: year, month and day each from their own place; a date that does not exist hides no other.
    ("geb. 2016-02-29", [("datum", 5, 15, "••••-••-••")]),
    ("geb. 2013-05-31", [("datum", 5, 15, "••••-••-••")]),
    ("geb. 31 02 2015 of 28 02 2015", [("datum", 19, 29, "•• •• ••••")]),
    ("geb. 31-02-2015 of 28-02-2015", [("datum", 19, 29, "••-••-••••")]),
    # Addresses are masked whole: the shape shows, not one letter or digit.
    ("4701 ab 12", [("adres", 0, 10, "•••• •• ••")]),
    ("woont op molenweg 89", [("adres", 9, 20, "•••••••• ••")]),
    ("12 4701 AB", [("adres", 0, 10, "•• •••• ••")]),
    # A code that merely starts like an IBAN ("FR 12") does not stop the search for the real one.
    ("Vlucht FR 12 geboekt, rekening NL91 ABNA 0417 1643 00.", [("iban", 31, 53, "NL••••••••••••••00")]),
    # An address: its first letter as written, the domain's last letter kept.
    ("INFO@EXAMPLE.TAX", [("email", 0, 16, "I•••@•••.tax")]),
    ("X.Jansen@gmail.com", [("email", 0, 18, "X•••@•••.com")]),
]


@pytest.mark.parametrize(("text", "found"), EXACT)
def test_numbers_and_addresses_exactly(text: str, found: list[tuple[str, int, int, str]]) -> None:
    assert [(f.kind.value, f.start, f.end, f.masked) for f in find_identifiers(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "+31 6 12345",  # a Dutch number has 9 digits after +31
        "+999 1234 5678",  # no country has the code 999
        "zaaknummer 12345678; bsn nog onbekend",  # the keyword counts only before the number
        "spreekuur 08.00-10.30",  # a time span, although its 8 digits pass the elfproef
        "€111.222.333",  # an amount, at the very start
        "schuld € 10.000.008",
        "EUR 10.000.008",
        "eur   10.000.008",
        "Mailadres moeder onbekend (@hotmail.com)",  # no name before the "@"
        "mail: ...@gmail.com",  # left out on purpose: nothing identifies
        "jan@gmail.c",  # a top-level domain has two letters or more
        "jan@.nl",  # no domain name
        "rekening NL91 ABNA",  # the start of an IBAN, too short to identify an account
        "Zaaknummer NL12ZAAK0000000001, rekeningnummer volgt",  # the keyword counts only before the code
    ],
)
def test_no_identifier(text: str) -> None:
    assert find_identifiers(text) == []


def test_a_colleagues_abbreviated_particles_still_name_the_colleague() -> None:
    allow = Allowlist(people=("Jeroen van den Berg",))
    assert find_identifiers("Overleg met Jeroen vd Berg.", allow) == []


# --- names: exact spans (what is masked and what a later word may join) and the colleague rule -------------

NAME_SPANS = [
    ("Fatima van het sociaal team schuift aan.", [(0, 6, "F•••")]),  # a trailing particle is no part of it
    ("Kind 1 gaat vanavond naar Van der Berg.", [(26, 38, "V••• der B•••")]),  # "van der": a surname still
    ("vader rob belt", [(6, 9, "r•••")]),  # a name that is also a word ("rob"), after a role
    ("moeder FATIMA OUCHAN belde", [(7, 20, "F••• O•••")]),  # capitals: the next capital word joins
    ("Afspraak met Fatima. Bouzid komt ook.", [(13, 19, "F•••"), (21, 27, "B•••")]),  # a full stop splits
    ("gesprek met fatima bouzid", [(12, 25, "f••• b•••")]),  # lower case: a known surname after a name
    ("JANSEN belde gisteren.", [(0, 6, "J•••")]),  # a known surname in capitals, on its own
    ("Aanwezig: Fatima Bouzid, Noah", [(10, 23, "F••• B•••"), (25, 29, "N•••")]),  # a comma: two names
    ("Fatima Bouzid belde Noah", [(0, 13, "F••• B•••"), (20, 24, "N•••")]),
    # An ordinary word opening a sentence is not part of the name; mid-sentence it can be.
    ("Kind 1 slaapt slecht. Zaterdag Fatima gezien.", [(31, 37, "F•••")]),
    (" Zaterdag Fatima gezien", [(10, 16, "F•••")]),
    ("Kind 1 (Zaterdag Fatima gezien)", [(17, 23, "F•••")]),
    ("April Jansen belde", [(6, 12, "J•••")]),
    ("Aanwezig: Kind 1, Groot Fatima", [(18, 30, "G••• F•••")]),
]


@pytest.mark.parametrize(("text", "spans"), NAME_SPANS)
def test_name_spans_and_masks(text: str, spans: list[tuple[int, int, str]]) -> None:
    assert [(f.start, f.end, f.masked) for f in find_identifiers(text) if f.kind.value == "naam"] == spans


COLLEAGUE = Allowlist(people=("Sanne de Vries",))


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Mevrouw Sanne de Vries belde.", False),  # a title is no family role
        ("Sanne de Vries belt met Fatima Bouzid.", True),  # the colleague is allowed, the family is not
        ("Moeder (Sanne) belt morgen.", True),  # a family role, the name in brackets
        ("Sanne (8) is bang.", True),  # an age: a child, whatever the roster says
        ("Sanne, 8 jaar, is bang.", True),
    ],
)
def test_a_colleagues_name_is_refused_only_where_family_points_at_it(text: str, refused: bool) -> None:
    assert bool(find_identifiers(text, COLLEAGUE)) is refused


def test_a_regions_own_phrases_are_never_a_name() -> None:
    assert find_names("Overleg met De Vries Zorg", ("De Vries Zorg",)) == []
    assert find_names("Overleg met De Vries Zorg") == [(12, 25)]
    assert find_names("Aanmelding bij Jansen Jeugdzorg", ("Jansen Jeugdzorg",)) == []  # from its first word
    # The region's phrases come on top of the built-in ones and of chat mentions.
    assert find_names("Overleg met @lotte.jansen en De Vries Zorg", ("De Vries Zorg",)) == []


def test_a_role_word_points_only_at_the_word_joined_to_it() -> None:
    # "mark" is a name only right after a role word.
    assert find_names("Bel moeder, mark de afspraak in je agenda.") == []
    assert find_names("Bel moeder mark morgen.") == [(11, 15)]


def test_a_name_is_masked_to_its_first_letters() -> None:
    assert mask_name("Bo de Vries") == "B••• de V•••"  # a two-letter name is masked too
    assert mask_name("El Idrissi") == "E••• I•••"  # a capitalised particle is part of the surname
    assert mask_name("J. Jansen") == "J. J•••"  # an initial says no more than the mask would
