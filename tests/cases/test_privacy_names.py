"""The privacy guard's name heuristic: written-out names are refused, ordinary case language is not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commands.privacy import IdentifierKind, find_identifiers, refusal
from commands.privacy_names import ROLE_WORDS, TITLES, name_spans

K = IdentifierKind

GIVEN_NAMES = (
    # Dutch
    "Daan", "Sem", "Lucas", "Emma", "Julia", "Sophie", "Anouk", "Lotte", "Jeroen", "Sanne", "Henk", "Ingrid",
    "Marieke", "Bram", "Thijs", "Kees", "Anja", "Willem", "Pieter", "Jan", "Eva", "Finn", "Luuk", "Mila",
    # Moroccan
    "Fatima", "Mohammed", "Youssef", "Khadija", "Ayoub", "Imane", "Hamza", "Nadia", "Rachid", "Samira",
    "Bilal", "Soufiane",
    # Turkish
    "Mehmet", "Ayşe", "Emre", "Elif", "Zeynep", "Mustafa", "Fatma", "Burak", "Yusuf", "Esra", "Hatice",
    # Surinamese
    "Shanti", "Ravi", "Priya", "Sunil", "Anjali", "Kavita", "Kwasi", "Akosua", "Jermaine", "Shirley",
    "Radjesh",
)  # fmt: skip
SURNAMES = (
    # Dutch, with and without particles
    "de Vries", "Jansen", "de Jong", "van den Berg", "van der Berg", "van Dijk", "Bakker", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "van der Meer", "de Wit", "Dijkstra", "van 't Hof", "ter Horst", "ten Cate",
    # Moroccan
    "El Amrani", "Bouzid", "El Idrissi", "Benali", "Ben Ali", "El Khatib", "Tahiri", "Bakkali", "Azzouzi",
    "Ait Taleb", "Al Hassani",
    # Turkish
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan",
    # Surinamese
    "Kromodimedjo", "Soekhoe", "Ramdin", "Biharie", "Mahabier", "Pinas", "Sedoc", "Tjon A Fong",
)  # fmt: skip
TEMPLATES = (
    "Moeder {name} slaat Kind 1.",
    "{name} is de nieuwe partner van moeder.",
    "Gisteren sprak ik met {name} over de veiligheidsafspraken.",
    "Kind 1 logeert bij {name} in Roosendaal.",
    "Vader ({name}) drinkt veel.",
    "Volgens {name} gaat het beter met Kind 2.",
    "Oma {name} haalt Kind 2 op uit school.",
    "Gesprek met {name}: zorgen over Kind 1.",
    "Kind 1 zegt dat {name} hem slaat als er gedronken is.",
    "- {name}, buurvrouw",
    "Afspraak: {name} belt de school.",
    "Hoe kunnen we {name} betrekken bij het netwerkberaad?",
    "Veilig Thuis heeft {name} gesproken.",
    "De GI en {name} maken een plan.",
)
ROLES = (
    "moeder", "Moeder", "vader", "broer", "zus", "oma", "opa", "tante", "oom", "stiefvader", "partner",
    "vriend", "vriendin", "buurman", "buurvrouw", "juf", "meester", "Kind", "zoon", "dochter",
)  # fmt: skip
ADDRESS_FORMS = ("mevrouw", "Mevrouw", "meneer", "mw.", "Mw.", "dhr.", "de heer", "familie", "fam.")

# Ordinary professional language without names: all of it must pass.
CORPUS = (
    "Moeder geeft aan dat Kind 1 bang is als vader drinkt.",
    "Veilig Thuis adviseert een gezamenlijk huisbezoek met de Raad.",
    "Op maandag is er MDO in Roosendaal.",
    "Hoe maken we de veiligheidsafspraken concreet?",
    "Kind 2 (12-15) gaat naar oma in Bergen op Zoom.",
    "Vader is sinds maart 2025 uit huis; de omgang is begeleid via het Sociaal Team.",
    "Wat gaat goed: Oma vangt de kinderen op als er spanning is.",
    "Zorgen: Moeder drinkt in het weekend, Kind 1 verzorgt dan Kind 2.",
    "De GI heeft een verzoek tot OTS ingediend bij de Rechtbank.",
    "Na het Signs of Safety-gesprek is de TOP-3 van zorgen opgesteld.",
    "Kind 1 zit in groep 7 en verzuimt veel; de leerplichtambtenaar is ingelicht.",
    "Volgens de Jeugdbescherming Brabant is de situatie stabiel.",
    "De Raad voor de Kinderbescherming start een raadsonderzoek.",
    "Vraag: Hoe betrekken we het netwerk bij het veiligheidsplan?",
    "Het Wijkteam Etten-Leur en de William Schrikker Groep werken samen.",
    "LIRIK en ARIJ laten een hoog risico zien.",
    "Moeder spreekt Arabisch en een beetje Nederlands; een tolk is nodig.",
    "Vader heeft een Turkse achtergrond en werkt in Breda.",
    "In Januari start de behandeling bij de GGZ.",
    "Het Leger des Heils biedt ambulante begeleiding aan vader.",
    "Kind 2 logeert in de Herfstvakantie bij tante in Steenbergen.",
    "Stiefvader is agressief geweest; de politie is twee keer langs geweest.",
    "Wat moet er gebeuren? Veiligheidsafspraken met moeder en stiefvader.",
    "Tijdens de Ramadan is vader vaker thuis.",
    "Moeder wil geen hulp van Veilig Thuis maar wel van het CJG.",
    "UHP is aangevraagd via de Raad; de Kinderrechter beslist volgende week.",
    "De Intern Begeleider maakt zich zorgen over Kind 1.",
    "Graag advies over de Jeugdwet en het delen van informatie.",
    "Kind 1 vertelt: Papa schreeuwt als hij boos is.",
    "Kan de Gedragswetenschapper meedenken over de Veiligheidsafspraken?",
    "Moeder komt uit Marokko en vader uit Turkije.",
    "Afspraak met Jeugdbescherming en Veilig Thuis op Vrijdag.",
    "Oma en Opa willen Kind 2 opvangen in Woensdrecht.",
    "Besluit: Veilig Thuis draagt over aan het Wijkteam Halderberge.",
    "Volgende Stap: Netwerkberaad plannen met Oma.",
    "Het Plan van Aanpak wordt besproken met de GI en de RvdK.",
    "Kind 3 gaat naar de BSO in Rucphen en zit op basisschool De Regenboog.",
    "Kind 1 zit op De Regenboog in Zundert.",
    "Vader heeft schulden; de Gemeente Moerdijk regelt budgetbeheer.",
    "Moeder en Kind 1 verblijven tijdelijk in de Vrouwenopvang.",
    "Kind 1 ziet vader op Zaterdag; moeder Turks, vader Marokkaans.",
    "Zie Bijlage A voor het Veiligheidsplan.",
    "Moeder zegt dat het beter gaat sinds de Sociaal Team-coach komt.",
    "Er is een Eigen Kracht-conferentie gepland in Oud Gastel.",
)


def name_findings(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_identifiers(text) if f.kind is K.NAME]


# --- names are refused -------------------------------------------------------------------------------------


@given(
    first=st.sampled_from(GIVEN_NAMES), last=st.sampled_from(SURNAMES), template=st.sampled_from(TEMPLATES)
)
def test_a_full_name_in_a_sentence_is_refused(first: str, last: str, template: str) -> None:
    name = f"{first} {last}"
    text = template.format(name=name)
    found = name_findings(text)
    assert found, text
    assert any(last.split()[-1] in f for f in found), (text, found)
    message = refusal(find_identifiers(text))
    assert first not in message.replace("Kind 1", "") and last.split()[-1] not in message


@given(role=st.sampled_from(ROLES), first=st.sampled_from(GIVEN_NAMES))
def test_a_given_name_right_after_a_role_word_is_refused(role: str, first: str) -> None:
    assert name_findings(f"Gisteren zei {role} {first} dat het goed gaat.") == [first]


@given(title=st.sampled_from(ADDRESS_FORMS), last=st.sampled_from(SURNAMES))
def test_a_surname_after_a_title_is_refused(title: str, last: str) -> None:
    found = name_findings(f"Vandaag belde {title} {last} over Kind 1.")
    assert len(found) == 1 and found[0].endswith(last.split()[-1])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gesproken met J. Jansen.", "J. Jansen"),
        ("Gesproken met J.P. de Vries.", "J.P. de Vries"),
        ("Kind 1 logeert bij De Vries.", "De Vries"),
        ("El Amrani belde over Kind 2.", "El Amrani"),
        ("Kind 1 gaat naar El Amrani.", "El Amrani"),
        ("Daarna met van der Berg gebeld.", "van der Berg"),
        ("In April Jansen gesproken.", "April Jansen"),
        ("Thomas de Groot komt morgen.", "Thomas de Groot"),
        ("meneer De Groot belde", "De Groot"),
        ("Mevrouw Groot belde", "Groot"),
        ("vader De Jong belde", "De Jong"),
        ("familie van Dijk woont in Etten-Leur", "van Dijk"),
        ("'Fatima Bouzid' zei dat", "Fatima Bouzid"),
        ("-Fatima Bouzid", "Fatima Bouzid"),
        ("Jan-Willem Bouzid-Jansen", "Jan-Willem Bouzid-Jansen"),
        ("moeder van Mohammed", "van Mohammed"),
        ("Gesprek met mw. F. Bouzid.", "F. Bouzid"),
        ("Kind 1 slaapt soms in het huis van Fatima Bouzid.", "Fatima Bouzid"),
    ],
)
def test_surname_particles_initials_and_titles(text: str, name: str) -> None:
    assert name_findings(text) == [name]


def test_the_refusal_masks_the_name_to_first_letters() -> None:
    found = find_identifiers("Moeder Fatima Bouzid slaat Kind 1")
    assert [(f.kind, f.masked) for f in found] == [(K.NAME, "F••• B•••")]
    assert "een naam (F••• B•••)" in refusal(found)
    assert find_identifiers("Thomas de Groot")[0].masked == "T••• de G•••"


def test_other_identifiers_win_over_an_overlapping_name() -> None:
    found = find_identifiers("mail Fatima.Bouzid@example.nl of Dorpsstraat 12, 4701 AB Roosendaal")
    assert [f.kind for f in found] == [K.EMAIL, K.ADDRESS]


# --- ordinary language passes ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", CORPUS)
def test_professional_sentences_without_names_pass(text: str) -> None:
    assert find_identifiers(text) == []


@given(st.lists(st.sampled_from(CORPUS), min_size=2, max_size=5), st.sampled_from([" ", "\n", "\n- "]))
def test_professional_sentences_pass_in_any_combination(sentences: list[str], sep: str) -> None:
    assert find_identifiers(sep.join(sentences)) == []


@given(
    role=st.sampled_from(sorted(ROLE_WORDS - TITLES)), label=st.sampled_from(["1", "2", "A", "zegt", "Zegt"])
)
def test_a_role_followed_by_a_label_or_an_ordinary_word_passes(role: str, label: str) -> None:
    """After a kinship word an ordinary word passes; after a title ("mevrouw Groot") it is a surname."""
    assert name_spans(f"Volgens {role} {label} is het thuis onrustig.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Kind 1 en Kind 2 gaan naar oma.",
        "Moeder zegt dat het goed gaat.",
        "Op maandag komt de Raad.",
        "Via WhatsApp heeft moeder contact met de Mentor.",
        "Roosendaal, Bergen op Zoom, Etten-Leur, Halderberge, Moerdijk, Zundert, Rucphen, Steenbergen en "
        "Woensdrecht werken samen.",
        "Sociaal Team Roosendaal en Wijkteam Halderberge overleggen.",
        "Casus WBW-7K3Q-2M: zorgen over Kind 1.",
    ],
)
def test_roles_places_and_organisations_are_not_names(text: str) -> None:
    assert find_identifiers(text) == []
