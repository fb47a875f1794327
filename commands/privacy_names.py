"""The privacy guard's name heuristic (docs/domain.md §8: "capitalised full names").

Dutch professional text names people by role ("Kind 1", "moeder"); a written-out name is what must be stopped.
A stretch of capitalised words (Dutch name particles allowed between them) is taken for a name when
  (a) it holds two or more capitalised words, at least one of them not an ordinary word ("Fatima Bouzid"),
  (b) it directly follows a role, kinship word or title ("moeder Fatima", "mw. Jansen", "familie van Dijk"),
  (c) it opens with a capitalised or typically-surname particle ("De Vries", "El Amrani", "van der Berg"),
  (d) or it follows initials ("J.P. Jansen").
Never part of a name: role words, places, organisations and programmes, acronyms (all capitals), and an
ordinary word that merely opens a sentence. Mid-sentence, an ordinary word written with a capital ("Groot")
can be part of a name but never makes one on its own ("het Plan van Aanpak" passes).

The word lists are plain data at the top of this module, so a region can extend them (its places, its
organisations) without touching the logic. All entries are lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from commands.privacy_lexicon import GIVEN_NAMES, HOMOGRAPHS, SURNAMES

# Roles, kinship words and titles: never a name themselves; a capitalised word right after one is.
ROLE_WORDS = frozenset(
    {
        "moeder", "vader", "kind", "kinderen", "kindje", "zoon", "zoontje", "dochter", "dochtertje", "broer",
        "broertje", "broers", "zus", "zusje", "zussen", "oma", "opa", "tante", "oom", "neef", "neefje",
        "nicht", "nichtje", "stiefvader", "stiefmoeder", "stiefzoon", "stiefdochter", "stiefbroer",
        "stiefzus", "halfbroer", "halfzus", "pleegvader", "pleegmoeder", "pleegouder", "pleegouders",
        "pleegkind", "pleegzoon", "pleegdochter", "grootvader", "grootmoeder", "grootouders",
        "overgrootmoeder", "overgrootvader", "schoonmoeder", "schoonvader", "schoonzus", "zwager", "ouder",
        "ouders", "mama", "papa", "mam", "pap", "partner", "ex", "ex-partner", "vriend", "vriendin",
        "vriendje", "vriendinnetje", "buurman", "buurvrouw", "buren", "buurjongen", "buurmeisje", "juf",
        "juffrouw", "meester", "mentor", "leerkracht", "docent", "coach", "trainer", "baas", "collega",
        "mevrouw", "meneer", "heer", "mw", "mevr", "mvr", "dhr", "hr", "mr", "mrs", "ms", "dr", "drs", "ir",
        "fam", "familie", "gezin", "baby", "jongen", "meisje", "peuter", "jongere", "jeugdige", "cliënt",
        "client", "huisarts", "dokter"
    }
)  # fmt: skip
# Titles and forms of address: a capitalised word after one is a name, even an ordinary word ("mw. Groot").
TITLES = frozenset(
    {
        "mevrouw", "meneer", "heer", "mw", "mevr", "mvr", "dhr", "hr", "mr", "mrs", "ms", "dr", "drs", "ir",
        "fam", "familie", "juf", "juffrouw", "meester"
    }
)  # fmt: skip
# After these a capitalised "De"/"Van" opens a place or an organisation, not a surname ("op De Regenboog").
PLACE_PREPOSITIONS = frozenset({"op", "naar", "in", "uit", "via", "richting"})
# Titles written as abbreviations: "mw. Jansen" links across the dot.
TITLE_ABBREVIATIONS = frozenset({"mw", "mevr", "mvr", "dhr", "hr", "mr", "dr", "drs", "ir", "fam"})

# Name particles: allowed between the words of a name; not a name themselves.
PARTICLES = frozenset(
    {
        "van", "de", "der", "den", "ter", "ten", "te", "'t", "vd", "el", "al", "ben", "bin", "ibn", "abu",
        "ait", "von", "da", "dos", "du", "del", "della", "a"
    }
)  # fmt: skip
# Particles that on their own, in lower case, already mark a surname ("met van der Berg gebeld").
SURNAME_PARTICLES = frozenset(
    {"van der", "van den", "van 't", "el", "bin", "ibn", "abu", "ait", "von", "ter", "ten"}
)

# Capitalised words that are never part of a person's name here: places, organisations, programmes, acronyms
# (checked in lower case, so all-capital spellings are covered too), languages and nationalities.
PLACES = frozenset(
    {
        "roosendaal", "nispen", "wouw", "heerle", "wouwse", "moerdijk", "zevenbergen", "klundert", "fijnaart",
        "willemstad", "standdaarbuiten", "zevenbergschen", "halderberge", "oudenbosch", "hoeven",
        "bosschenhoofd", "stampersgat", "etten-leur", "zundert", "klein-zundert", "rijsbergen", "wernhout",
        "achtmaal", "rucphen", "schijf", "sprundel", "zegge", "steenbergen", "dinteloord", "welberg",
        "kruisland", "nieuw-vossemeer", "woensdrecht", "hoogerheide", "huijbergen", "ossendrecht", "putte",
        "halsteren", "lepelstraat", "tholen", "breda", "tilburg", "oosterhout", "dongen", "goirle",
        "waalwijk", "eindhoven", "helmond", "'s-hertogenbosch", "middelburg", "vlissingen", "goes",
        "terneuzen", "dordrecht", "rotterdam", "amsterdam", "utrecht", "zwolle", "groningen", "arnhem",
        "nijmegen", "leiden", "haarlem", "almere", "parijs", "londen", "berlijn", "antwerpen", "brussel",
        "gent", "brabant", "noord-brabant", "west-brabant", "zeeland", "limburg", "holland", "zuid-holland",
        "noord-holland", "gelderland", "friesland", "nederland", "belgië", "duitsland", "frankrijk", "spanje",
        "polen", "roemenië", "bulgarije", "oekraïne", "marokko", "turkije", "suriname", "curaçao", "aruba",
        "bonaire", "antillen", "syrië", "irak", "iran", "afghanistan", "eritrea", "ethiopië", "somalië",
        "soedan", "ghana", "nigeria", "kaapverdië", "india", "indonesië", "china", "europa", "afrika", "azië",
        "amerika"
    }
)  # fmt: skip
ORGANISATIONS = frozenset(
    {
        "raad", "kinderbescherming", "jeugdbescherming", "jeugdzorg", "jeugdhulp", "wijkteam", "wijkteams",
        "buurtteam", "jeugdteam", "gezinsteam", "jeugdwet", "jeugdzorgplus", "gemeente", "politie",
        "rechtbank", "justitie", "reclassering", "halt", "erbij", "mattermost", "veiligheidshuis",
        "zorgverzekeraar", "ggz", "ggd", "gi", "vt", "rvdk", "cjg", "mdo", "ots", "uhp", "lirik", "arij",
        "bsn", "iban", "wmo", "wlz", "avg", "om", "ib", "ib'er", "amw", "smw", "lvb", "mee", "sbo", "vso",
        "vmbo", "havo", "vwo", "mbo", "hbo", "pro", "isk", "kdv", "bso", "wsg", "bjz", "zvh", "shg", "vog",
        "whatsapp", "tiktok", "snapchat", "instagram", "facebook", "youtube", "teams", "google", "netflix",
        "ipad", "iphone", "playstation", "discord", "god", "allah", "islam", "koran", "bijbel"
    }
)  # fmt: skip
NATIONALITY_STEMS = (
    "nederlands", "turks", "marokkaans", "surinaams", "antilliaans", "pools", "syrisch", "somalisch",
    "afghaans", "arabisch", "engels", "duits", "belgisch", "bulgaars", "roemeens", "oekraïens", "iraaks",
    "iraans", "koerdisch", "kaapverdisch", "italiaans", "spaans", "russisch", "hindoestaans", "creools",
    "indonesisch", "europees", "afrikaans", "aziatisch", "caribisch", "islamitisch", "christelijk", "joods",
    "eritrees", "ghanees", "chinees", "portugees", "frans", "fries",
)  # fmt: skip
NATIONALITY_WORDS = (
    "eritrese", "ghanese", "chinese", "portugese", "europese", "indiase", "berbers", "tamazight", "molukse",
)  # fmt: skip
NATIONALITIES = frozenset(f"{stem}{end}" for stem in NATIONALITY_STEMS for end in ("", "e")) | frozenset(
    NATIONALITY_WORDS
)
# After these words a capitalised stretch names an organisation, not a person ("school De Regenboog").
ORGANISATION_MARKERS = frozenset(
    {
        "school", "basisschool", "obs", "cbs", "rkbs", "bs", "college", "lyceum", "stichting",
        "kinderdagverblijf", "peuterspeelzaal", "opvang", "zorgboerderij", "woongroep", "gezinshuis",
        "locatie", "instelling", "praktijk", "kliniek", "ziekenhuis", "centrum", "vereniging", "club",
        "voetbalclub", "sportclub", "moskee", "kerk", "afdeling", "project", "programma", "methode",
        "training", "cursus", "huis"
    }
)  # fmt: skip
NEVER_NAMES = PLACES | ORGANISATIONS | NATIONALITIES | ORGANISATION_MARKERS | {"het", "een"}

# Multi-word names of places, organisations and programmes, matched case-insensitively before anything else.
PHRASES = (
    "veilig thuis", "raad voor de kinderbescherming", "raad van de kinderbescherming", "leger des heils",
    "william schrikker groep", "william schrikker stichting", "jeugdbescherming brabant", "sociaal team",
    "signs of safety", "bergen op zoom", "oud gastel", "sint willebrord", "den haag", "den bosch",
    "den helder", "samen veilig", "centrum voor jeugd en gezin", "officier van justitie",
    "openbaar ministerie", "zorg- en veiligheidshuis", "eigen kracht", "triple p", "families first",
    "safe and together", "oud en nieuw", "eerste kerstdag", "tweede kerstdag", "albert heijn", "keti koti",
    "blijf groep", "moeders informeren moeders", "stevig ouderschap", "kinderen uit de knel",
    "ouderschap blijft", "multi systeem therapie", "multisysteem therapie", "functional family therapy",
    "home-start", "nieuwe perspectieven", "vluchtelingenwerk nederland", "het dorp", "de kinderombudsman",
    "zorg voor jeugd", "nationale ombudsman", "jeugd en gezin", "kinderen en jongeren",
)  # fmt: skip

# Ordinary words: at the start of a sentence (or after a colon) they are not a name; elsewhere they can be
# part of one but never make one on their own. Weekdays and months are here: "April Jansen" is a name.
ORDINARY_WORDS = frozenset(
    {
        "de", "het", "een", "en", "of", "maar", "want", "dus", "omdat", "doordat", "als", "toen", "nu", "dan",
        "ook", "nog", "al", "wel", "niet", "geen", "ik", "jij", "je", "u", "hij", "zij", "ze", "wij", "we",
        "jullie", "hun", "hen", "mijn", "zijn", "haar", "ons", "onze", "uw", "er", "hier", "daar", "waar",
        "dit", "dat", "deze", "die", "wat", "wie", "welke", "welk", "hoe", "waarom", "wanneer", "waarheen",
        "hoeveel", "hoelang", "in", "op", "aan", "bij", "met", "voor", "na", "naar", "via", "van", "uit",
        "over", "onder", "tussen", "tijdens", "sinds", "vanaf", "tot", "door", "zonder", "tegen", "volgens",
        "binnen",
        "buiten", "boven", "achter", "naast", "rond", "rondom", "ondanks", "vanwege", "inzake", "betreft",
        "m.b.t.", "is", "was", "waren", "wordt", "werd", "worden", "heeft", "had", "hebben", "kan", "kon",
        "kunnen", "moet", "moest", "moeten", "wil", "wilde", "willen", "zal", "zou", "zullen", "mag", "mocht",
        "mogen", "gaat", "ging", "gaan", "komt", "kwam", "komen", "doet", "deed", "doen", "zegt", "zei",
        "zeggen", "geeft", "gaf", "geven", "blijft", "bleef", "blijkt", "lijkt", "staat", "ligt", "zit",
        "woont", "loopt", "belt", "vraagt", "vertelt", "ziet", "weet", "denkt", "vindt", "let", "graag",
        "gisteren", "vandaag", "morgen", "vanochtend", "vanmiddag", "vanavond", "vannacht", "straks", "later",
        "eerder", "daarna", "daarvoor", "daarom", "daardoor", "daarbij", "daarnaast", "verder", "bovendien",
        "tevens", "echter", "eigenlijk", "misschien", "mogelijk", "waarschijnlijk", "helaas", "gelukkig",
        "soms", "vaak", "altijd", "nooit", "meestal", "regelmatig", "steeds", "inmiddels", "alvast",
        "opnieuw", "nogmaals", "eerst", "tenslotte", "slotte", "zowel", "sowieso", "vooral", "alleen",
        "samen", "ja", "nee", "oké", "ok", "prima", "goed", "fout", "beter", "slecht", "dank", "bedankt",
        "groet", "groeten", "hoi", "hallo", "beste", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
        "zaterdag", "zondag", "weekend", "januari", "februari", "maart", "april", "mei", "juni", "juli",
        "augustus", "september", "oktober", "november", "december", "kerst", "kerstmis", "pasen",
        "pinksteren", "hemelvaart", "ramadan", "suikerfeest", "offerfeest", "eid", "sinterklaas",
        "koningsdag", "carnaval", "nieuwjaar", "divali", "zomervakantie", "kerstvakantie", "herfstvakantie",
        "meivakantie", "voorjaarsvakantie", "vakantie", "zorg", "zorgen", "zorgpunt", "zorgpunten", "vraag",
        "vragen", "doel", "doelen", "actie", "acties", "afspraak", "afspraken", "besluit", "advies",
        "conclusie", "samenvatting", "situatie", "gezinssituatie", "aanleiding", "achtergrond", "analyse",
        "plan", "aanpak", "stand", "update", "veilig", "veiligheid", "veiligheidsplan",
        "veiligheidsafspraken", "onveilig", "risico", "risico's", "gevaar", "schade", "signalen", "signaal",
        "melding", "zorgmelding", "overleg", "gesprek", "huisbezoek", "netwerk", "netwerkberaad", "evaluatie",
        "krachten", "sterke", "punten", "gebeuren", "toekomst", "verleden", "heden", "thuis", "huis",
        "school", "opvang", "werk", "wijk", "buurt", "straat", "stad", "dorp", "land", "gemeente", "woning",
        "kamer", "jeugd", "gezin", "jeugdarts", "jeugdverpleegkundige", "jeugdbeschermer", "jeugdconsulent",
        "gezinsvoogd", "gezinscoach", "gezinsmanager", "casusregisseur", "regiehouder", "regievoerder",
        "zorgcoördinator", "gedragswetenschapper", "orthopedagoog", "psycholoog", "psychiater",
        "maatschappelijk", "werker", "wijkagent", "agent", "rechter", "kinderrechter", "advocaat", "officier",
        "leerplicht", "leerplichtambtenaar", "intern", "begeleider", "directeur", "verpleegkundige",
        "verloskundige", "kraamzorg", "consultatiebureau", "ziekenhuis", "specialist", "therapeut",
        "therapie", "behandeling", "behandelaar", "hulpverlening", "hulpverlener", "hulp", "ondersteuning",
        "begeleiding", "schoolmaatschappelijk", "kinderopvang", "leerling", "klas", "groep", "team", "drinkt",
        "drinken", "alcohol", "drugs", "geweld", "huiselijk", "mishandeling", "verwaarlozing", "misbruik",
        "ruzie", "spanning", "agressie", "conflict", "scheiding", "echtscheiding", "omgang",
        "omgangsregeling", "gezag", "voogdij", "ondertoezichtstelling", "uithuisplaatsing", "maatregel",
        "machtiging", "verzoek", "rapport", "rapportage", "verslag", "dossier", "beschikking", "zitting",
        "bang", "boos", "verdrietig", "blij", "moe", "ziek", "zwanger", "dakloos", "schulden", "geld",
        "inkomen", "uitkering", "oud", "nieuw", "groot", "klein", "jong", "lang", "kort", "hoog", "laag",
        "eerste", "tweede", "derde", "laatste", "volgende", "vorige", "nieuwe", "bijlage", "punt", "stap",
        "fase", "vervolg", "vervolgens", "slot", "afsluiting", "start", "einde", "begin", "eind", "safety",
        "check", "follow", "up", "mindmap", "drie", "huizen", "zie", "bel", "mail", "stuur", "neem", "geef",
        "vul", "lees", "kijk", "ambulant", "ambulante", "intensief", "specialistisch", "kinderombudsman",
        "ombudsman", "vrouwenopvang", "licht", "ernstig", "beperkt", "beperking", "beschermd", "begeleid",
        "wonen", "loket", "problematiek", "juridisch", "dagelijks", "wekelijks", "maandelijks"
    }
)  # fmt: skip
ORDINARY_ENDINGS = (
    "heid", "heden", "ing", "ingen", "lijk", "lijke", "isch", "ische", "tie", "ties", "teit", "teiten",
    "schap", "schappen", "baar", "bare", "loos", "loze", "achtig", "achtige", "ige", "erij", "nis", "nissen",
    "ment", "menten", "sie", "sies", "ief", "ieve", "zorg", "werk", "plan", "team", "overleg", "gesprek",
    "arts", "kundige", "werker", "begeleider", "consulent", "regisseur", "houder", "ambtenaar", "rechter",
    "opvang", "bureau", "dienst", "centrum",
)  # fmt: skip

_TOKEN = re.compile(r"(?<!\w)(?<!\w[\-'’])(?:['’]t(?=\s)|[^\W\d_]+(?:['’\-][^\W\d_]+)*)(?!\w)")
_PHRASE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(PHRASES, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
# A Mattermost @mention names a user of the chat, a professional: "vervanging door @lotte.jansen".
_MENTION = re.compile(r"(?<![\w.@])@[A-Za-z0-9._\-]{1,64}")
_JOIN = re.compile(r"[ \t\u00a0]+")  # the gap between two words of one name: spaces, no line break
_JOIN_AFTER_DOT = re.compile(r"\.[ \t\u00a0]*")  # after an initial or a title: "J. Jansen", "mw. Jansen"
_PAREN_OPEN = re.compile(
    r"[ \t\u00a0]*\([ \t\u00a0]*"
)  # "Vader (Mohammed)": the name in brackets after a role
# An age right after a name: "Noah (8)", "Noah (8 jaar)", "Noah (8jr)", "Noah, 8 jaar": a child's name.
_AGE_AFTER = re.compile(
    r"[ \t\u00a0]{0,3}(?:\([ \t\u00a0]?\d{1,2}[ \t\u00a0]?(?:jaar|jr\.?|j\.?)?\)"
    r"|,[ \t\u00a0]?\d{1,2}[ \t\u00a0]?(?:jaar|jr\b))",
    re.IGNORECASE,
)
_SENTENCE_OPENERS = frozenset(".!?:;([{\"'“‘„«-–—•*>)#|\n\r")
# Family roles (not titles or forms of address): a colleague's name after one of these is still refused.
FAMILY_ROLES = ROLE_WORDS - TITLES - {"collega", "coach", "trainer", "baas", "mentor", "docent", "leerkracht"}


@dataclass(frozen=True)
class NameSpan:
    """A name found at `text[start:end]`; `family` when a family role or an age points at it ("moeder
    Fatima", "Noah (8)"): then even a name a colleague happens to share is refused."""

    start: int
    end: int
    family: bool


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str
    kind: str  # "name" (may be part of a name), "role", "particle", "initial" or "other"
    ordinary: bool = False
    linked: bool = (
        False  # joined to the word before it as in a name (spaces, a dot after an initial, a bracket)
    )
    lexical: bool = False  # a known given name or surname (commands.privacy_lexicon)
    capitals: bool = False  # written in capitals: "FATIMA"


def name_spans(text: str, phrases: tuple[str, ...] = ()) -> list[NameSpan]:
    """The spans of `text` that look like a person's name, in order of appearance. `phrases` are extra names
    of organisations, programmes and places (a region's own) that are never a person's name."""
    words = _words(text, phrases)
    spans: list[NameSpan] = []
    i = 0
    while i < len(words):
        if words[i].kind not in ("name", "particle", "initial"):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(words)
            and words[j + 1].linked
            and words[j + 1].kind in ("name", "particle", "initial")
        ):
            j += 1
        before = words[i - 1] if i > 0 and words[i].linked else None
        span = _judge(text, words[i : j + 1], before)
        if span is not None:
            spans.append(span)
        i = j + 1
    return spans


def _judge(text: str, run: list[_Word], before: _Word | None) -> NameSpan | None:
    """The name in a run of linked name words, particles and initials; None if it is not one."""
    while run and run[-1].kind != "name":
        run = run[:-1]
    names = [w for w in run if w.kind == "name"]
    if not names:
        return None
    if before is not None and before.text.lower() in ORGANISATION_MARKERS and run[0].text[0].isupper():
        return None  # "school De Regenboog", "stichting Het Driespan"; not "het huis van Fatima Bouzid"
    lead = run[: run.index(names[0])]
    particles = [w.text for w in lead if w.kind == "particle"]
    capital_particle = any(len(p) > 1 and p[0].isupper() for p in particles)
    after_role = before is not None and before.kind == "role"
    after_title = before is not None and before.text.lower() in TITLES
    aged = _AGE_AFTER.match(text, run[-1].end) is not None
    lexical = any(w.lexical and not w.ordinary for w in names)
    if all(w.ordinary for w in names) and not (after_title or (after_role and capital_particle)):
        return None  # "het Plan van Aanpak", "vader Zaterdag"; but "mevrouw Groot", "vader De Jong"
    surname = capital_particle or " ".join(particles).lower() in SURNAME_PARTICLES
    if surname and before is not None and before.text.lower() in PLACE_PREPOSITIONS:
        surname = " ".join(particles).lower() in SURNAME_PARTICLES  # "naar De Efteling", but "bij El Amrani"
    with_initials = any(w.kind == "initial" for w in lead)
    if not (len(names) >= 2 or after_role or with_initials or surname or lexical or aged):
        return None
    first = 0 if after_role or with_initials or surname else run.index(names[0])
    family = aged or (after_role and before is not None and before.text.lower() in FAMILY_ROLES)
    return NameSpan(run[first].start, run[-1].end, family)


def _words(text: str, phrases: tuple[str, ...]) -> list[_Word]:
    never = _never_spans(text, phrases)
    words: list[_Word] = []
    k = 0  # the first phrase span that does not end before this word (both lists are in text order)
    for m in _TOKEN.finditer(text):
        previous = words[-1] if words else None
        linked = previous is not None and _linked(text, previous, m.start())
        while k < len(never) and never[k][1] <= m.start():
            k += 1
        in_phrase = k < len(never) and never[k][0] <= m.start()
        words.append(_classify(text, m, previous if linked else None, linked, in_phrase))
    return words


def _never_spans(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = [m.span() for m in _PHRASE.finditer(text)]
    spans += [m.span() for m in _MENTION.finditer(text)]
    if phrases:
        spans += [m.span() for m in _phrase_pattern(phrases).finditer(text)]
    spans.sort()
    return spans


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A region's own organisation and programme names, matched like PHRASES (any case, any spacing)."""
    escaped = (re.escape(p.strip()).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + "|".join(e for e in escaped if e) + r")(?!\w)", re.IGNORECASE)


def _linked(text: str, previous: _Word, start: int) -> bool:
    gap = text[previous.end : start]
    if _JOIN.fullmatch(gap):
        return True
    if previous.kind == "role" and _PAREN_OPEN.fullmatch(gap):
        return True  # "Vader (Mohammed) drinkt"
    dotted = previous.kind == "initial" or previous.text.lower() in TITLE_ABBREVIATIONS
    return dotted and _JOIN_AFTER_DOT.fullmatch(gap) is not None


def _classify(text: str, m: re.Match[str], previous: _Word | None, linked: bool, in_phrase: bool) -> _Word:
    word, lower = m.group(), m.group().lower()

    def made(kind: str, ordinary: bool = False, lexical: bool = False, capitals: bool = False) -> _Word:
        return _Word(m.start(), m.end(), word, kind, ordinary, linked, lexical, capitals)

    if in_phrase:
        return made("other")
    if lower in ROLE_WORDS:
        return made("role")
    if len(word) == 1 and word.isupper() and text.startswith(".", m.end()):
        return made("initial")
    if lower in PARTICLES:
        return made("particle")
    if lower in NEVER_NAMES:
        return made("other")
    given = lower in GIVEN_NAMES
    known = (given and lower not in HOMOGRAPHS) or lower in SURNAMES
    after_role = previous is not None and previous.kind == "role"
    next_to_name = previous is not None and previous.kind == "name"
    if len(word) > 1 and word.isupper():
        # Capitals are usually an acronym ("GGZ"); a known name in capitals is still a name ("FATIMA").
        if lower in ORDINARY_WORDS:
            return made("other")
        if known or (given and after_role) or (next_to_name and previous is not None and previous.capitals):
            return made("name", lexical=known or given, capitals=True)
        return made("other")
    if not _capitalised(word):
        # Lower case: only a known given name ("moeder fatima", "fatima bouzid"), never an ordinary word.
        if lower in ORDINARY_WORDS:
            return made("other")
        if given and (lower not in HOMOGRAPHS or after_role):
            return made("name", lexical=True)
        if lower in SURNAMES and next_to_name:
            return made("name", lexical=True)
        return made("other")
    # A known name is not made ordinary by its ending ("Dennis" ends like "gebeurtenis").
    ordinary = lower in ORDINARY_WORDS or (lower.endswith(ORDINARY_ENDINGS) and not known)
    if ordinary and not linked and _opens_sentence(text, m.start()):
        return made("other")
    return made("name", ordinary, lexical=known)


def _capitalised(word: str) -> bool:
    """'Fatima', 'El-Amrani', "D'Souza", 'Bakker-de': the first part capitalised, every other part
    capitalised or a name particle; not all capitals (an acronym)."""
    parts = word.split("-")
    if not parts[0][:1].isupper() or not any(c.islower() for c in word):
        return False
    return all(p[:1].isupper() or p.lower() in PARTICLES for p in parts[1:])


def _opens_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_OPENERS


def mask_name(value: str) -> str:
    """'Fatima de Vries' → 'F••• de V•••': first letters only; particles stay, they identify no one."""
    return re.sub(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", _mask_word, value)


def _mask_word(m: re.Match[str]) -> str:
    word = m.group()
    if (word.lower() in PARTICLES and not word[0].isupper()) or len(word) == 1:
        return word
    return word[0] + "•••"
