"""The guard's rules one by one (the corpus measures them together): each row could fail on its own."""

from __future__ import annotations

import pytest

from commands.privacy import Allowlist, find_identifiers

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
