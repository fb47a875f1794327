"""Action lines as minute-takers write them (pure, table-driven): owner and deadline of each line.

The consult is on Monday 23 November 2026. All names are fictional participants of that consult.
"""

from __future__ import annotations

from datetime import date

import pytest

from commands.consults.minutes import ActionLine, LineProblem, Participant, parse_action_line

MONDAY = date(2026, 11, 23)
JEROEN = Participant("u-jeroen", "jeroen.bakker", "Jeroen Bakker")
SANNE = Participant("u-sanne", "sanne.devries", "Sanne de Vries")
PIETER = Participant("u-pieter", "pieter.jansen", "Pieter Jansen")
KARIN = Participant("u-karin", "karin.smit", "Karin Smit")
FATIMA = Participant("u-fatima", "fatima.elamrani", "Fatima El Amrani")
PEOPLE = (JEROEN, SANNE, PIETER, KARIN, FATIMA)
OTHER = Participant("u-eva", "eva.mulder", "Eva Mulder")  # in the roster, not at this consult


def d(day: int, month: int = 11, year: int = 2026) -> date:
    return date(year, month, day)


# line → (owner, due, description)
LINES: list[tuple[str, Participant, date, str]] = [
    (
        "Jeroen bespreekt de afspraken met ouders voor vrijdag",
        JEROEN,
        d(27),
        "bespreekt de afspraken met ouders",
    ),
    ("@jeroen belt school uiterlijk vrijdag", JEROEN, d(27), "belt school"),
    ("@jer belt de huisarts over 2 weken", JEROEN, d(7, 12), "belt de huisarts"),
    ("@sanne.devries plant een huisbezoek volgende week", SANNE, d(4, 12), "plant een huisbezoek"),
    ("Sanne: navragen bij politie, over 2 weken", SANNE, d(7, 12), "navragen bij politie"),
    (
        "Sanne (VT): terugkoppeling aan de regiehouder vóór donderdag",
        SANNE,
        d(26),
        "terugkoppeling aan de regiehouder",
    ),
    ("Navragen bij school door Pieter voor volgende week", PIETER, d(4, 12), "Navragen bij school"),
    (
        "Pieter zoekt uit of een OTS nodig is uiterlijk 4 december",
        PIETER,
        d(4, 12),
        "zoekt uit of een OTS nodig is",
    ),
    (
        "Karin zet de casus op de agenda van het volgende MDO, voor 30-11",
        KARIN,
        d(30),
        "zet de casus op de agenda van het volgende MDO",
    ),
    ("Actie Karin: verslag rondsturen morgen", KARIN, d(24), "verslag rondsturen"),
    (
        "Actiehouder @fatima: contact met schuldhulp binnen 3 weken",
        FATIMA,
        d(14, 12),
        "contact met schuldhulp",
    ),
    ("Fatima vraagt ggz-consult aan voor eind van de maand", FATIMA, d(30), "vraagt ggz-consult aan"),
    (
        "Jeroen Bakker evalueert het veiligheidsplan met moeder op 1 december",
        JEROEN,
        d(1, 12),
        "evalueert het veiligheidsplan met moeder",
    ),
    (
        "@piet overlegt met de gedragswetenschapper volgende week dinsdag",
        PIETER,
        d(1, 12),
        "overlegt met de gedragswetenschapper",
    ),
    ("Sanne deelt het advies van VT deze week", SANNE, d(27), "deelt het advies van VT"),
    (
        "jeroen: afspraak met oma over opvang Kind 1 uiterlijk woensdag",
        JEROEN,
        d(25),
        "afspraak met oma over opvang Kind 1",
    ),
    ("Karin nodigt RvdK uit voor het volgende overleg", KARIN, d(30), "nodigt RvdK uit"),
    ("@karin.smit informeert de GI over een maand", KARIN, d(23, 12), "informeert de GI"),
    (
        "Pieter belt vader over de afspraken, uiterlijk 7-12-2026",
        PIETER,
        d(7, 12),
        "belt vader over de afspraken",
    ),
    (
        "Fatima regelt een tolk voor het gesprek over 5 werkdagen",
        FATIMA,
        d(30),
        "regelt een tolk voor het gesprek",
    ),
    (
        "Jeroen vraagt toestemming aan ouders voor vrijdag 27 november",
        JEROEN,
        d(27),
        "vraagt toestemming aan ouders",
    ),
    ("Sanne checkt de radarfunctie over een week", SANNE, d(30), "checkt de radarfunctie"),
    ("@fat stuurt het plan naar school uiterlijk op maandag", FATIMA, d(30), "stuurt het plan naar school"),
    ("Pieter: overdracht voorbereiden binnen twee weken", PIETER, d(7, 12), "overdracht voorbereiden"),
    (
        "Karin plant evaluatie met het netwerk op 15 januari",
        KARIN,
        d(15, 1, 2027),
        "plant evaluatie met het netwerk",
    ),
    ("Jeroen belt moeder voor of op donderdag", JEROEN, d(26), "belt moeder"),
    (
        "Sanne levert input voor de beschermingstafel voor 2/12",
        SANNE,
        d(2, 12),
        "levert input voor de beschermingstafel",
    ),
    (
        "Jeroen maakt een netwerkkaart met het gezin over drie weken",
        JEROEN,
        d(14, 12),
        "maakt een netwerkkaart met het gezin",
    ),
    (
        "@pieter.jansen toetst het kader met de jurist volgende vrijdag",
        PIETER,
        d(4, 12),
        "toetst het kader met de jurist",
    ),
    (
        "Fatima zoekt een plek voor Kind 1 bij de BSO uiterlijk dinsdag",
        FATIMA,
        d(24),
        "zoekt een plek voor Kind 1 bij de BSO",
    ),
    ("Karin - agenda aanpassen vandaag", KARIN, d(23), "agenda aanpassen"),
    (
        "Jeroen bespreekt met school de verzuimmelding voor eind van de week",
        JEROEN,
        d(27),
        "bespreekt met school de verzuimmelding",
    ),
    (
        "@sa bespreekt het oordeel met collega's uiterlijk 10 december",
        SANNE,
        d(10, 12),
        "bespreekt het oordeel met collega's",
    ),
    ("Pieter vraagt dossier op bij JBB over 10 dagen", PIETER, d(3, 12), "vraagt dossier op bij JBB"),
    ("Jeroen: verslag naar ouders sturen overmorgen", JEROEN, d(25), "verslag naar ouders sturen"),
    (
        "Sanne zoekt uit welke hulp vader krijgt, deadline 11 december",
        SANNE,
        d(11, 12),
        "zoekt uit welke hulp vader krijgt",
    ),
    ("Karin belt de wijkagent vrijdag", KARIN, d(27), "belt de wijkagent"),
    (
        "Fatima maakt een afspraak bij het CJG volgende week woensdag",
        FATIMA,
        d(2, 12),
        "maakt een afspraak bij het CJG",
    ),
    (
        "Jeroen evalueert de afspraken met het gezin rond 18 december",
        JEROEN,
        d(18, 12),
        "evalueert de afspraken met het gezin",
    ),
    ("@eva.mulder neemt de casus over uiterlijk vrijdag", OTHER, d(27), "neemt de casus over"),
    ("door Karin: planning MDO bijwerken voor donderdag", KARIN, d(26), "planning MDO bijwerken"),
    (
        "Pieter overlegt met Sanne over de aanpak voor maandag",
        PIETER,
        d(30),
        "overlegt met Sanne over de aanpak",
    ),
]


@pytest.mark.parametrize(("line", "owner", "due", "description"), LINES, ids=[row[0][:40] for row in LINES])
def test_an_action_line_as_people_write_it(
    line: str, owner: Participant, due: date, description: str
) -> None:
    parsed = parse_action_line(line, MONDAY, PEOPLE, {OTHER.username: OTHER})
    assert parsed == ActionLine(owner.user_id, description, due)


def test_the_table_is_big_enough() -> None:
    assert len(LINES) >= 40


JEROEN_GI = Participant("u-jeroen2", "jeroen.smit", "Jeroen Smit")


@pytest.mark.parametrize(
    ("line", "kind", "candidates"),
    [
        ("Jeroen belt school voor vrijdag", "dubbelzinnig", {"jeroen.bakker", "jeroen.smit"}),
        ("@jer belt school voor vrijdag", "dubbelzinnig", {"jeroen.bakker", "jeroen.smit"}),
        ("@j belt school voor vrijdag", "geen_eigenaar", set()),
        ("Belt school voor vrijdag", "geen_eigenaar", set()),
        ("@thomas belt school voor vrijdag", "geen_eigenaar", set()),
        ("Sanne belt school", "geen_datum", set()),
        ("Sanne belt school binnenkort", "geen_datum", set()),
        ("Sanne voor vrijdag", "geen_omschrijving", set()),
        ("Sanne en Pieter bellen samen voor vrijdag", "twee_eigenaren", set()),
    ],
)
def test_a_line_that_cannot_be_read_says_why(line: str, kind: str, candidates: set[str]) -> None:
    parsed = parse_action_line(line, MONDAY, (*PEOPLE, JEROEN_GI))
    assert isinstance(parsed, LineProblem)
    assert parsed.kind == kind
    assert {p.username for p in parsed.candidates} == candidates


def test_a_full_name_or_the_username_settles_who_is_meant() -> None:
    people = (*PEOPLE, JEROEN_GI)
    assert parse_action_line("Jeroen Smit belt school voor vrijdag", MONDAY, people) == ActionLine(
        "u-jeroen2", "belt school", d(27)
    )
    assert parse_action_line("@jeroen.bakker belt school voor vrijdag", MONDAY, people) == ActionLine(
        "u-jeroen", "belt school", d(27)
    )


def test_the_deadline_is_looked_for_among_the_last_words_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear in the line: however many marker words, only the last few positions are tried."""
    from commands.consults import minutes

    tried: list[int] = []
    real = minutes.read_due

    def counting(words: list[str], consult_day: date) -> date | None:
        tried.append(len(words))
        return real(words, consult_day)

    monkeypatch.setattr(minutes, "read_due", counting)
    for repeat in (10, 1000):
        tried.clear()
        line = "Sanne " + "voor over op " * repeat + "vrijdag"
        assert isinstance(parse_action_line(line, MONDAY, PEOPLE), ActionLine)
        assert len(tried) <= 2 * (minutes.DATE_WORDS_MAX + 1)
        assert max(tried) <= minutes.DATE_WORDS_MAX + 1
