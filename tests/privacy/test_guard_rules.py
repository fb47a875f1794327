"""The guard's rules one by one (the corpus measures them together): each row could fail on its own."""

from __future__ import annotations

import pytest

from commands.privacy import Allowlist, check_fields, describe, find_identifiers, refusal

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


def test_check_fields_refuses_exactly_the_fields_with_an_identifier() -> None:
    errors = check_fields({"vraag": "Hoe gaat het met Kind 1?", "wat_werkt": BSN_TEXT, "zorgen": THREE})
    assert errors == {
        "wat_werkt": refusal(find_identifiers(BSN_TEXT)),
        "zorgen": refusal(find_identifiers(THREE)),
    }


def test_check_fields_applies_the_allowlist() -> None:
    allow = Allowlist(people=("Sanne de Vries",))
    assert check_fields({"vraag": "Overleg met Sanne de Vries."}, allow) == {}
    assert list(check_fields({"vraag": "Overleg met Sanne de Vries."})) == ["vraag"]
