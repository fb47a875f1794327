"""A labelled corpus of fictional Dutch professional sentences for measuring the privacy guard.

Every sentence is invented. Identifiers are generated (BSNs pass the elfproef, IBANs the mod-97 check,
phone numbers follow the Dutch numbering plan) and written in the formats professionals really type;
benign sentences use colleagues from a fictional roster, partner organisations, programmes, school years and
appointment and measure dates. `corpus()` is deterministic (seeded), so a test can assert on it.

A sample's `kinds` is what the guard must find; an empty set means the guard must let it through.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import dataclass

SEED = 13


@dataclass(frozen=True)
class Sample:
    text: str
    kinds: frozenset[str]  # IdentifierKind values; empty: benign
    pattern: str  # which format or sentence pattern produced it (for reading the benchmark's misses)
    secret: str = ""  # the identifier as written in `text` (the refusal must never repeat it)


# --- fictional people, places and organisations -------------------------------------------------------------

# Family members (children and parents) in the corpus; a mix of what Dutch registers show.
CHILD_NAMES = (
    "Noah", "Liam", "Sem", "Lucas", "Finn", "Daan", "Levi", "Luuk", "Mees", "Milan", "Adam", "Sami",
    "Bram", "Jesse", "Thijs", "Julian", "Mohamed", "Ayoub", "Rayan", "Yusuf", "Emir", "Kerem", "Omar",
    "Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Saar", "Lotte", "Evi",
    "Nina", "Lina", "Amira", "Ilyas", "Aya", "Hiba", "Elif", "Zeynep", "Defne", "Maryam", "Ravi",
    "Shanti", "Jaylen", "Dewi", "Olivia", "Fenna", "Jayden", "Kenzo", "Quinten", "Jurre", "Tygo",
)  # fmt: skip
MOTHER_NAMES = (
    "Fatima", "Khadija", "Samira", "Nadia", "Ayşe", "Fatma", "Esra", "Sandra", "Priscilla", "Shirley",
    "Kavita", "Marieke", "Angela", "Monique", "Anna", "Agnieszka", "Ionela", "Senait", "Rania", "Wendy",
    "Bianca",
)  # fmt: skip
FATHER_NAMES = (
    "Mohammed", "Youssef", "Rachid", "Hamza", "Mehmet", "Mustafa", "Emre", "Kevin", "Jermaine", "Radjesh",
    "Dennis", "Patrick", "Ricardo", "Piotr", "Marek", "Dragan", "Tesfay", "Ahmad", "Hasan",
)  # fmt: skip
PARENT_NAMES = MOTHER_NAMES + FATHER_NAMES
SURNAMES = (
    "Bouzid", "El Amrani", "Yilmaz", "Kaya", "Demir", "de Vries", "Jansen", "van den Berg", "Bakker",
    "Visser", "Smit", "de Jong", "van Dijk", "Mulder", "Benali", "Tahiri", "Öztürk", "Aydın", "Ramdin",
    "Soekhoe", "Kromodimedjo", "Nowak", "Kowalski", "Popescu", "Haile", "Al-Masri", "Hendriks", "Peeters",
    "van der Heijden", "Verhoeven", "Koster", "Brouwer", "El Idrissi", "Ouali", "Çelik", "Wouters",
)  # fmt: skip
# Surnames that also make a double surname with a hyphen.
DOUBLE_SURNAMES = (
    "Bakker-de Jong", "Bouzid-El Amrani", "Jansen-Visser", "van Dijk-Mulder", "Yilmaz-Kaya", "Smit-Benali",
    "de Vries-Hendriks", "Brouwer-Ramdin", "Koster-van der Heijden", "Peeters-Öztürk",
)  # fmt: skip
# The fictional roster: colleagues may be named (the guard is told these names).
COLLEAGUES = (
    "Jeroen Bakker", "Fatima El Amrani", "Sanne de Vries", "Pieter Jansen", "Karin Smit", "Ahmed Yilmaz",
    "Eva Mulder", "Marloes van Dijk", "Joris Hendriks", "Ilse Verhoeven",
)  # fmt: skip
ORGANISATIONS = (
    "Blijf Groep", "Zorg- en Veiligheidshuis De Markiezaten", "Veilig Thuis West-Brabant", "Sterk Huis",
    "Juvent", "Traversegroep", "Amarant", "GGD West-Brabant", "Novadic-Kentron", "Emergis", "Prisma",
    "Sociaal Team Roosendaal", "Wijkteam Halderberge", "de Raad voor de Kinderbescherming",
    "Jeugdbescherming Brabant", "William Schrikker Groep", "Leger des Heils", "Surplus Welzijn",
    "Stichting Halt", "Humanitas Home-Start", "Vluchtelingenwerk", "de Kinderombudsman", "MEE West-Brabant",
)  # fmt: skip
PROGRAMMES = (
    "Moeders Informeren Moeders", "Signs of Safety", "Triple P", "Families First", "Samen Veilig",
    "Stevig Ouderschap", "Kinderen uit de Knel", "Ouderschap Blijft", "Multi Systeem Therapie",
    "Functional Family Therapy", "Eigen Kracht-conferentie", "Nieuwe Perspectieven", "Gezin Centraal",
)  # fmt: skip
PLACES = ("Roosendaal", "Etten-Leur", "Bergen op Zoom", "Oudenbosch", "Zundert", "Steenbergen", "Breda")
STREETS = (
    "Kerkstraat", "Dorpsstraat", "Molenweg", "Burgemeester Prinsensingel", "Nispenseweg", "Van Goghstraat",
    "Stationsplein", "Markt", "Boulevard", "Lindenlaan", "Wouwsestraatweg", "Oude Kerkstraat", "Kade",
    "Tuinstraat", "Vijverhof", "Rozenlaan", "Spoorstraat", "Hoogstraat", "Raadhuisstraat", "Schoolpad",
)  # fmt: skip
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
)  # fmt: skip
SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
FEMALE_ROLES = ("moeder", "oma", "tante", "zus", "partner", "stiefmoeder")
MALE_ROLES = ("vader", "stiefvader", "opa", "oom", "broer", "partner")
ROLES = FEMALE_ROLES + MALE_ROLES


# --- identifiers --------------------------------------------------------------------------------------------


def bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        partial = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
        last = partial % 11
        if last <= 9:
            return "".join(map(str, digits)) + str(last)


def iban(rng: random.Random, country: str = "NL") -> str:
    if country == "NL":
        bank = rng.choice(("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB"))
        bban = bank + "".join(rng.choice(string.digits) for _ in range(10))
    elif country == "BE":
        # A Belgian account: a real bank's 3-digit code, 7 digits, and its own mod-97 check.
        bank = rng.choice(("001", "068", "063", "096", "143", "310", "363", "734", "735", "751"))
        account = int(bank + "".join(rng.choice(string.digits) for _ in range(7)))
        bban = f"{account:010d}{account % 97 or 97:02d}"
    else:
        bban = "".join(rng.choice(string.digits) for _ in range(18))
    number = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return f"{country}{98 - number % 97:02d}{bban}"


def grouped(value: str, size: int, sep: str) -> str:
    return sep.join(value[i : i + size] for i in range(0, len(value), size))


def bsn_written(rng: random.Random) -> tuple[str, str]:
    b = bsn(rng)
    forms = {
        "bsn plat": b,
        "bsn punten 4-2-3": f"{b[:4]}.{b[4:6]}.{b[6:]}",
        "bsn spaties 3-3-3": grouped(b, 3, " "),
        "bsn spaties 2-2-2-3": f"{b[:2]} {b[2:4]} {b[4:6]} {b[6:]}",
        "bsn streepjes": grouped(b, 3, "-"),
        "bsn spaties 4-2-3": f"{b[:4]} {b[4:6]} {b[6:]}",
    }
    if b.startswith("0"):
        forms["bsn zonder voorloopnul"] = b[1:]
    name = rng.choice(sorted(forms))
    return forms[name], name


def phone_written(rng: random.Random) -> tuple[str, str]:
    d = "".join(rng.choice(string.digits) for _ in range(8))
    area, local = rng.choice((("076", 7), ("010", 7), ("020", 7), ("0165", 6), ("0113", 6), ("0167", 6)))
    line = "".join(rng.choice(string.digits) for _ in range(local))
    forms = {
        "06 plat": f"06{d}",
        "06 streepje": f"06-{d}",
        "06 spatie": f"06 {d}",
        "06 groepen 4-4": f"06 {d[:4]} {d[4:]}",
        "06 groepen 2-2-2-2": f"06 {d[:2]} {d[2:4]} {d[4:6]} {d[6:]}",
        "06 streepje spaties": f"06 - {d}",
        "06 schuine streep": f"06/{d}",
        "06 haakjes": f"(06) {d}",
        "+31 6": f"+31 6 {d}",
        "+31 (0)6": f"+31 (0)6 {d[:4]} {d[4:]}",
        "+316 plat": f"+316{d}",
        "0031": f"0031 6 {d}",
        "vast met streepje": f"{area}-{line}",
        "vast met spatie": f"{area} {line}",
        "vast haakjes": f"({area}) {line}",
        "+32 mobiel": f"+32 470 {d[:2]} {d[2:4]} {d[4:6]}",
        "+49 mobiel": f"+49 151 {d}",
        "+212 mobiel": f"+212 6 {d[:2]} {d[2:4]} {d[4:6]} {d[6:]}",
        "+90 mobiel": f"+90 532 {d[:3]} {d[3:5]} {d[5:7]}",
    }
    name = rng.choice(sorted(forms))
    return forms[name], name


def iban_written(rng: random.Random) -> tuple[str, str]:
    country = rng.choice(("NL", "NL", "NL", "NL", "BE", "DE"))
    value = iban(rng, country)
    forms = {
        "iban plat": value,
        "iban groepen": grouped(value, 4, " "),
        "iban kleine letters": grouped(value, 4, " ").lower(),
        "iban streepjes": grouped(value, 4, "-"),
        "iban punten": grouped(value, 4, "."),
        "iban land los": f"{value[:2]} {value[2:4]} {grouped(value[4:], 4, ' ')}",
    }
    name = rng.choice(sorted(forms))
    return forms[name], name


def email_written(rng: random.Random) -> tuple[str, str]:
    first = rng.choice(PARENT_NAMES + CHILD_NAMES).lower().replace("ş", "s").replace("ë", "e")
    last = rng.choice(SURNAMES).lower().replace(" ", "").replace("ö", "o").replace("ı", "i").replace("ç", "c")
    local = rng.choice(
        (f"{first}.{last}", f"{first[0]}.{last}", f"{first}{rng.randint(70, 99)}", f"{first}_{last}",
         f"mama.{first}{rng.randint(2010, 2020)}", f"{last}.familie", f"{first}-{last}")
    )  # fmt: skip
    domain = rng.choice(
        ("gmail.com", "hotmail.com", "outlook.com", "live.nl", "ziggo.nl", "kpnmail.nl", "planet.nl",
         "icloud.com", "yahoo.com", "hotmail.nl", "home.nl", "telfort.nl")
    )  # fmt: skip
    forms = {
        "e-mail plat": f"{local}@{domain}",
        "e-mail spaties rond @": f"{local} @ {domain}",
        "e-mail (at)": f"{local}(at){domain}",
        "e-mail [at]": f"{local}[at]{domain}",
        "e-mail hoofdletters": f"{local}@{domain}".upper(),
        "e-mail met hoofdletter": f"{local.capitalize()}@{domain}",
    }
    name = rng.choice(sorted(forms))
    return forms[name], name


def postcode(rng: random.Random) -> str:
    return (
        f"{rng.randint(1000, 9999)} {rng.choice('ABCDEFGHJKLMNPRTVWXZ')}{rng.choice('ABCDEGHJKLMNPRTVWXZ')}"
    )


def address_written(rng: random.Random) -> tuple[str, str]:
    pc = postcode(rng)
    number = str(rng.randint(1, 240))
    suffix = rng.choice(("", "", "", "a", "b", "-2", " A", "-bis")) if rng.random() < 0.4 else ""
    street = rng.choice(STREETS)
    place = rng.choice(PLACES)
    forms = {
        "postcode huisnummer": f"{pc} {number}{suffix}",
        "postcode aaneen": f"{pc.replace(' ', '')} {number}",
        "postcode kleine letters": f"{pc.lower()} {number}",
        "postcode komma nr": f"{pc}, nr. {number}",
        "postcode en huisnummer woorden": f"postcode {pc.replace(' ', '')} huisnummer {number}",
        "huisnummer postcode": f"{street} {number}, {pc} {place}",
        "straat huisnummer": f"{street} {number}{suffix}",
        "straat kleine letters": f"{street.lower()} {number}",
        "straat plaats": f"{street} {number} in {place}",
    }
    name = rng.choice(sorted(forms))
    return forms[name], name


def dob_written(rng: random.Random) -> tuple[str, str]:
    year = rng.randint(2006, 2023) if rng.random() < 0.7 else rng.randint(1965, 1999)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    yy = f"{year % 100:02d}"
    forms = {
        "dd-mm-jjjj": f"{day:02d}-{month:02d}-{year}",
        "d-m-jjjj": f"{day}-{month}-{year}",
        "dd/mm/jjjj": f"{day:02d}/{month:02d}/{year}",
        "dd.mm.jjjj": f"{day:02d}.{month:02d}.{year}",
        "dd mm jjjj": f"{day:02d} {month:02d} {year}",
        "dd-mm-jj": f"{day:02d}-{month:02d}-{yy}",
        "dd-mm-'jj": f"{day:02d}-{month:02d}-'{yy}",
        "jjjj-mm-dd": f"{year}-{month:02d}-{day:02d}",
        "d maand jjjj": f"{day} {MONTHS[month - 1]} {year}",
        "d maand, jjjj": f"{day} {MONTHS[month - 1]}, {year}",
        "de maand jjjj": f"{day}e {MONTHS[month - 1]} {year}",
        "d mnd. jjjj": f"{day} {SHORT_MONTHS[month - 1]}. {year}",
        "d Maand jjjj": f"{day} {MONTHS[month - 1].capitalize()} {year}",
        "d maand 'jj": f"{day} {MONTHS[month - 1]} '{yy}",
    }
    name = rng.choice(sorted(forms))
    return forms[name], name


# --- sentences with identifiers -----------------------------------------------------------------------------

BSN_SENTENCES = (
    "BSN van Kind 1: {x}.", "Moeder (BSN {x}) wil niet meewerken aan het plan.", "bsn kind 2 is {x}",
    "Burgerservicenummer vader: {x}, graag checken bij de GI.",
    "Het BSN-nummer van Kind 1 ({x}) staat in het dossier.",
    "Kind 1 {x} staat op de wachtlijst.", "Kunnen jullie {x} opzoeken in het systeem?",
    "Zoon heeft bsn {x} en zit op De Regenboog.", "Ter info het burgerservicenummer {x} van moeder.",
    "Aanmelding Kind 2, bsn: {x}, urgentie hoog.",
)  # fmt: skip
PHONE_SENTENCES = (
    "Moeder is bereikbaar op {x}.", "Bel vader even op {x} voor de afspraak.", "tel. oma: {x}",
    "Nummer van de stiefvader is {x}, liever niet na 20.00 uur bellen.",
    "Kind 1 heeft een eigen telefoon: {x}.",
    "Graag terugbellen naar moeder ({x}).", "WhatsApp van tante: {x}", "Mobiel vader {x} (alleen overdag).",
    "Oom belde vanaf {x} over de omgang.", "Contact via {x} of via school.",
)  # fmt: skip
IBAN_SENTENCES = (
    "Rekeningnummer moeder: {x}.", "De uitkering komt op {x}.", "IBAN vader {x} voor de bijzondere bijstand.",
    "Kunnen we het leefgeld overmaken naar {x}?", "Oma heeft een eigen rekening ({x}).",
    "Budgetbeheer loopt via {x}, ten name van moeder.",
    "bankrekening {x} is geblokkeerd door de schuldeiser.",
    "De huur wordt afgeschreven van {x}.",
)  # fmt: skip
EMAIL_SENTENCES = (
    "Moeder mailt vanaf {x}.", "Stuur het plan naar {x} graag.", "E-mail vader: {x}",
    "Oma is per mail bereikbaar ({x}).", "Het contactadres van de ouders is {x}.",
    "Graag een kopie naar {x} sturen.", "mail: {x} (moeder leest dagelijks)", "Kind 1 mailt soms vanaf {x}.",
)  # fmt: skip
ADDRESS_SENTENCES = (
    "Het gezin woont op {x}.", "Nieuw adres vader: {x}.", "Huisbezoek bij oma ({x}) gaat door.",
    "Moeder verhuist naar {x}.", "Kind 1 verblijft bij tante, {x}.", "Post gaat naar {x}, t.a.v. moeder.",
    "Adres: {x}", "Vader logeert tijdelijk op {x} bij een vriend.",
)  # fmt: skip
DOB_SENTENCES = (
    "Kind 1 is geboren op {x}.", "Kind 2 (geb. {x}) logeert bij oma.", "geboortedatum moeder: {x}",
    "Zoon, {x}, zit in groep 5.", "Dochter is van {x} en gaat naar het VO.", "Kind 3 ({x}) huilt veel.",
    "Vader (° {x}) heeft een strafblad.", "DOB kind 1: {x}", "Het jongste kind, geboren {x}, is erg stil.",
    "Gegevens: Kind 1 {x}, Kind 2 volgt.", "Moeder is jarig op {x} en wordt dan 35.",
    "geb {x} - zorgen over de ontwikkeling", "Kind 2 * {x}",
)  # fmt: skip

# Name patterns from the issue: `Noah (8) is bang`, `Vader (Mohammed) drinkt`, `moeder Fatima`,
# `Berg, Fatima`, capitals, lower case, double surname, surname alone, a full name.


def name_sample(rng: random.Random) -> tuple[str, str, str]:
    child = rng.choice(CHILD_NAMES)
    role, parent = rng.choice(
        [
            (rng.choice(FEMALE_ROLES), rng.choice(MOTHER_NAMES)),
            (rng.choice(MALE_ROLES), rng.choice(FATHER_NAMES)),
        ]
    )
    surname, double = rng.choice(SURNAMES), rng.choice(DOUBLE_SURNAMES)
    age = rng.randint(2, 17)
    patterns: dict[str, Callable[[], str]] = {
        "naam (leeftijd)": lambda: rng.choice(
            (
                f"{child} ({age}) is bang als vader drinkt.",
                f"{child} ({age} jaar) slaapt slecht.",
                f"Gisteren vertelde {child} ({age}) dat moeder huilde.",
                f"{child} ({age}jr) komt vaak te laat.",
                f"Zorgen over {child}, {age} jaar, na de ruzie.",
            )
        ),
        "rol (naam)": lambda: rng.choice(
            (
                f"{role.capitalize()} ({parent}) drinkt veel.",
                f"Gisteren was {role} ({parent}) boos.",
                f"De {role} ({parent}) wil geen hulp.",
                f"{role.capitalize()} ({parent.lower()}) belde de school.",
            )
        ),
        "rol naam": lambda: rng.choice(
            (
                f"Gesprek met {role} {parent} over de afspraken.",
                f"{role.capitalize()} {parent} is boos op school.",
                f"Volgens {role} {parent} gaat het beter.",
                f"Kind 1 logeert bij {role} {parent}.",
            )
        ),
        "achternaam, voornaam": lambda: rng.choice(
            (
                f"{surname.split()[-1].capitalize()}, {parent} (moeder) belt morgen.",
                f"Aanmelding: {surname.split()[-1].capitalize()}, {child}.",
                f"Dossier {surname.split()[-1].capitalize()}, {parent} is overgedragen.",
            )
        ),
        "hoofdletters": lambda: rng.choice(
            (
                f"{role.upper()} {parent.upper()} {surname.upper()} DRINKT.",
                f"Gesprek met {parent.upper()} vandaag.",
                f"{role} {parent.upper()} belde.",
                f"{child.upper()} ({age}) IS BANG.",
            )
        ),
        "kleine letters": lambda: rng.choice(
            (
                f"{role} {parent.lower()} belde vanochtend",
                f"gesprek met {parent.lower()} {surname.lower()}",
                f"{child.lower()} is weer weggelopen",
                f"{parent.lower()} zegt dat het beter gaat",
                f"afspraak met {role} {parent.lower()} om 10 uur",
            )
        ),
        "dubbele achternaam": lambda: rng.choice(
            (
                f"Mevrouw {double} belde over Kind 1.",
                f"{parent} {double} wil een gesprek.",
                f"Gesproken met dhr. {double}.",
                f"Kind 2 woont bij {parent} {double}.",
            )
        ),
        "achternaam alleen": lambda: rng.choice(
            (
                f"Gisteren gesprek gehad met {surname[0].upper() + surname[1:]}.",
                f"Familie {surname} wil geen hulp.",
                f"Mevrouw {surname} belde over Kind 1.",
                f"Meneer {surname} is boos over de OTS.",
            )
        ),
        "volledige naam": lambda: rng.choice(
            (
                f"{parent} {surname} is de nieuwe partner van moeder.",
                f"Kind 1 logeert bij {parent} {surname}.",
                f"{child} {surname} is niet op school geweest.",
                f"Gesprek met {child} {surname} en moeder.",
            )
        ),
        "voornaam alleen": lambda: rng.choice(
            (
                f"{child} is bang om naar huis te gaan.",
                f"Gisteren huilde {child} in de klas.",
                f"{parent} wil geen contact met de GI.",
                f"We zien dat {child} zich terugtrekt.",
            )
        ),
    }
    name = rng.choice(sorted(patterns))
    text = patterns[name]()
    secret = next(
        (n for n in (child, parent, double, surname) if n.lower() in text.lower() and len(n) > 2), ""
    )
    return text, name, secret


# --- benign professional sentences --------------------------------------------------------------------------


def benign_sample(rng: random.Random) -> tuple[str, str]:
    colleague = rng.choice(COLLEAGUES)
    first = colleague.split()[0]
    org, programme, place = rng.choice(ORGANISATIONS), rng.choice(PROGRAMMES), rng.choice(PLACES)
    year = rng.randint(2023, 2026)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    numeric = rng.choice(
        (f"{day:02d}-{month:02d}-{year}", f"{day}-{month}-{year}", f"{day:02d}/{month:02d}/{year}")
    )
    written = f"{day} {MONTHS[month - 1]} {year}"
    date = rng.choice((numeric, written))
    hour = rng.choice(("9.00", "10.30", "13.00", "14.30", "16.00", "09:15"))
    age, group, score = rng.randint(2, 17), rng.randint(1, 8), rng.randint(1, 10)
    code = f"WBW-{rng.choice('ABCDEFGHJK')}{rng.randint(2, 9)}{rng.choice('LMNPQR')}{rng.randint(2, 9)}-2M"
    patterns: dict[str, Callable[[], str]] = {
        "collega": lambda: rng.choice(
            (
                f"Overleg met {colleague} over de veiligheidsafspraken.",
                f"{colleague} neemt het MDO over.",
                f"{first} van het sociaal team schuift aan.",
                f"Graag advies van {colleague} over de meldcode.",
                f"Afgestemd met {colleague}; zij belt de school.",
                f"{colleague} is regiehouder voor {code}.",
                f"Ik heb {first} gevraagd mee te denken.",
            )
        ),
        "organisatie": lambda: rng.choice(
            (
                f"{org} denkt mee over de aanpak.",
                f"Aanmelding bij {org} is verstuurd.",
                f"Moeder staat op de wachtlijst van {org}.",
                f"Vader krijgt begeleiding van {org}.",
                f"Het gezin is bekend bij {org} en Veilig Thuis.",
                f"Overleg met {org} in {place}.",
            )
        ),
        "programma": lambda: rng.choice(
            (
                f"Moeder doet mee aan {programme}.",
                f"We werken volgens {programme}.",
                f"{programme} start na de zomer.",
                f"Advies: {programme} inzetten voor het gezin.",
                f"Vader staat open voor {programme}.",
            )
        ),
        "schooljaar": lambda: rng.choice(
            (
                f"Schooljaar {year}-{year + 1}: Kind 1 gaat naar groep {group}.",
                f"In het schooljaar {year}/{year + 1} is het verzuim gestegen.",
                f"Kind 2 doubleert in {year}-{year + 1}.",
                f"Zorgen sinds het schooljaar {year}-{year + 1}.",
            )
        ),
        "afspraakdatum": lambda: rng.choice(
            (
                f"Huisbezoek gepland op {date} om {hour}.",
                f"MDO op {date} in {place}.",
                f"Afspraak met de school op {date}.",
                f"Evaluatie van het veiligheidsplan op {date}.",
                f"Het netwerkberaad is verplaatst naar {date}.",
                f"Zitting bij de kinderrechter op {date}.",
                f"Uiterlijk {date} de rapportage aanleveren.",
                f"Gesprek met moeder d.d. {date}.",
            )
        ),
        "maatregeldatum": lambda: rng.choice(
            (
                f"OTS per {date}.",
                f"De OTS loopt tot {date}.",
                f"UHP vanaf {date}, verlenging aangevraagd.",
                f"Machtiging uithuisplaatsing verloopt op {date}.",
                f"Voogdij sinds {date} bij de GI.",
                f"Beschikking van {numeric}: OTS voor een jaar.",
                f"Melding bij Veilig Thuis op {date}.",
                f"Verlenging OTS ingaand {date}.",
                f"Sinds {date} is er een omgangsregeling.",
            )
        ),
        "leeftijd en rol": lambda: rng.choice(
            (
                f"Kind 1 ({age}) is bang als vader drinkt.",
                f"Moeder (3{age % 10}) wil hulp.",
                f"Kind 2, {age} jaar, zit in groep {group}.",
                f"Zoon ({age}) gaat naar de BSO.",
                "Vader (biologisch) heeft geen contact.",
                "Moeder (alleenstaand) zorgt voor drie kinderen.",
            )
        ),
        "cijfers": lambda: rng.choice(
            (
                f"Schaalvraag: moeder geeft een {score}, vader een {max(1, score - 2)}.",
                f"Kind 1 verzuimde {age * 3} uur in week {rng.randint(1, 52)}.",
                f"Schuld van € {rng.randint(2, 40)}.{rng.randint(100, 999)} bij de woningcorporatie.",
                "Veilig Thuis is 24/7 bereikbaar op 0800-2000.",
                "Bij acuut gevaar: bel 112.",
                f"Spreekuur van {hour} tot 12.00 uur.",
                f"Casus {code}: zorgen over Kind 1.",
                "Van 09:00-17:00 bereikbaar via de coördinator.",
                f"Groep {group}, {age} kinderen in de klas.",
                f"Bijna {rng.randint(10, 90)}% van de afspraken is nagekomen.",
            )
        ),
        "scholen, zorg en wijk": lambda: rng.choice(
            (
                f"Kind 1 zit op basisschool De Regenboog in {place}.",
                "Kind 2 gaat naar OBS Het Palet.",
                "De IB'er van de Tolbergschool belt morgen.",
                "Opname in het Bravis ziekenhuis is voorbij.",
                "Vader is in behandeling bij GGZ Breburg.",
                "Kind 3 gaat naar kinderdagverblijf Dikkertje Dap.",
                f"Het gezin woont in de wijk Kalsdonk in {place}.",
                "Moeder werkt bij de Albert Heijn.",
                "Kind 1 speelt bij voetbalclub RBC.",
                "De jeugdarts van het CJG ziet Kind 2 in week 12.",
                "Via Zorg Voor Jeugd is er een signaal afgegeven.",
                "Moeder gebruikt Ritalin volgens de huisarts.",
                "Het Jeugdteam Oost en het Wijkteam West stemmen af.",
                "Kind 1 is lid van de scouting in de buurt.",
                "Kind 2 zit op het Gertrudiscollege in de tweede klas.",
                "Er is een Zorg- en Adviesteam op school.",
                "Kind 1 gaat op woensdag naar zwemles.",
                "Afspraken staan in het Veiligheidsplan en in het Groeidocument.",
                "Moeder belde met de Kindertelefoon.",
                "Kind 1 heeft een Jeugdwet-indicatie voor ambulante hulp.",
            )
        ),
        "zorgen en krachten": lambda: rng.choice(
            (
                "Moeder geeft aan dat Kind 1 bang is als vader drinkt.",
                "Wat gaat goed: oma vangt de kinderen op als er spanning is.",
                "Zorgen: vader is vaak boos en gooit met spullen.",
                "Het netwerk rond het gezin is klein; de buurvrouw helpt soms.",
                f"Kind 2 gaat graag naar de voetbalclub in {place}.",
                "De gezinsvoogd en de jeugdarts maken zich zorgen over de hechting.",
                "Moeder spreekt Arabisch; een tolk is nodig bij het gesprek.",
                f"Vader werkt in {place} en is overdag niet bereikbaar.",
                "De school meldt dat Kind 1 vaak zonder ontbijt komt.",
                "Stiefvader is uit huis; de omgang is begeleid.",
            )
        ),
    }
    name = rng.choice(sorted(patterns))
    return patterns[name](), name


def _positives(rng: random.Random) -> list[Sample]:
    samples: list[Sample] = []
    plans: tuple[tuple[str, int, tuple[str, ...], Callable[[random.Random], tuple[str, str]]], ...] = (
        ("bsn", 110, BSN_SENTENCES, bsn_written),
        ("telefoon", 120, PHONE_SENTENCES, phone_written),
        ("iban", 100, IBAN_SENTENCES, iban_written),
        ("email", 100, EMAIL_SENTENCES, email_written),
        ("adres", 110, ADDRESS_SENTENCES, address_written),
        ("datum", 120, DOB_SENTENCES, dob_written),
    )
    for kind, count, sentences, write in plans:
        for _ in range(count):
            value, pattern = write(rng)
            samples.append(Sample(rng.choice(sentences).format(x=value), frozenset({kind}), pattern, value))
    for _ in range(220):
        text, pattern, secret = name_sample(rng)
        samples.append(Sample(text, frozenset({"naam"}), pattern, secret))
    return samples


def corpus() -> list[Sample]:
    """Every sample, positives first; duplicates (a template drawn twice with the same values) removed."""
    rng = random.Random(SEED)
    samples = _positives(rng)
    benign = [benign_sample(rng) for _ in range(600)]
    samples += [Sample(text, frozenset(), pattern) for text, pattern in benign]
    seen: set[str] = set()
    unique = []
    for sample in samples:
        if sample.text not in seen:
            seen.add(sample.text)
            unique.append(sample)
    return unique
