"""Cases and the safety card: commands, dialogs, views, export, history, and the privacy guard's refusals."""

from __future__ import annotations

_VALUES = {
    "fase": {
        "directe_veiligheid": "Directe veiligheid",
        "stabiele_veiligheid": "Stabiele veiligheid",
        "herstel": "Herstel",
    },
    "zorgsoort": {
        "schade_verleden": "Schade (wat is er gebeurd)",
        "gevaar_toekomst": "Gevaar (wat kan er gebeuren)",
        "complicerende_factor": "Complicerende factor",
    },
    "categorie": {
        "fysieke_mishandeling": "Fysieke mishandeling",
        "psychische_mishandeling": "Psychische mishandeling",
        "fysieke_verwaarlozing": "Fysieke verwaarlozing",
        "emotionele_verwaarlozing": "Emotionele verwaarlozing",
        "seksueel_misbruik": "Seksueel misbruik",
        "getuige_partnergeweld": "Getuige van partnergeweld",
        "complexe_scheiding": "Complexe scheiding",
        "eergerelateerd_geweld": "Eergerelateerd geweld",
        "huwelijksdwang": "Huwelijksdwang",
        "vgv": "Vrouwelijke genitale verminking",
        "radicalisering": "Radicalisering",
        "ouder_verslaving": "Verslaving van een ouder",
        "ouder_psychiatrie": "Psychiatrische problemen van een ouder",
        "lvb_ouder_of_kind": "LVB bij ouder of kind",
        "schulden_bestaansonzekerheid": "Schulden of bestaansonzekerheid",
        "huisvesting": "Huisvesting",
        "criminaliteit_ondermijning": "Criminaliteit of ondermijning",
        "schoolverzuim": "Schoolverzuim",
        "overig": "Overig",
    },
    "zekerheid": {"vastgesteld": "Vastgesteld", "vermoeden": "Vermoeden"},
    "niveau": {"laag": "Laag", "midden": "Midden", "hoog": "Hoog"},
    "benoemd_door": {
        "ouder": "Ouder",
        "kind": "Kind of jeugdige",
        "netwerk": "Netwerk",
        "professional": "Professional",
    },
    "krachtsoort": {
        "kracht": "Kracht",
        "bestaande_veiligheid": "Bestaande veiligheid",
        "steunend_netwerk": "Steunend netwerk",
    },
    "frequentie": {
        "eenmalig": "Eenmalig",
        "incidenteel": "Af en toe",
        "maandelijks": "Maandelijks",
        "wekelijks": "Wekelijks",
        "dagelijks": "Dagelijks",
    },
    "afspraakstatus": {
        "nieuw": "Nieuw",
        "nagekomen": "Nagekomen",
        "deels": "Deels nagekomen",
        "niet_nagekomen": "Niet nagekomen",
    },
    "stap_door": {
        "lokaal_team": "Lokaal team",
        "veilig_thuis": "Veilig Thuis",
        "rvdk": "Raad voor de Kinderbescherming",
        "gi": "Gecertificeerde instelling",
        "zorgaanbieder": "Zorgaanbieder",
        "onderwijs": "Onderwijs",
        "politie": "Politie",
        "gezin_netwerk": "Gezin of netwerk",
        "mdo": "MDO",
        "overig": "Overig",
    },
    "perspectief": {
        "regiehouder": "Regiehouder",
        "expert_vt": "Veilig Thuis",
        "expert_rvdk": "Raad",
        "expert_gi": "GI",
        "ouder": "Ouder(s)",
        "kind": "Kind",
        "netwerk": "Netwerk",
    },
    "directe_veiligheid": {
        "veilig": "Veilig",
        "veilig_met_afspraken": "Veilig met afspraken",
        "onveilig": "Onveilig",
    },
    "instrument": {
        "geen": "Geen",
        "lirik": "LIRIK",
        "arij": "ARIJ",
        "sos_mapping": "Signs of Safety-mapping",
        "triage_vt": "Triage Veilig Thuis",
        "anders": "Anders",
    },
    "kader": {"vrijwillig": "Vrijwillig", "drang": "Drang", "gedwongen": "Gedwongen kader"},
    "maatregel": {
        "geen": "Geen maatregel",
        "voorlopige_ots": "Voorlopige OTS",
        "ots": "Ondertoezichtstelling (OTS)",
        "machtiging_uhp": "Machtiging uithuisplaatsing",
        "voogdij": "Voogdij",
        "gezagsbeeindiging": "Gezagsbeëindiging",
        "jeugdreclassering": "Jeugdreclassering",
    },
    "status": {"actief": "Actief", "afgesloten": "Afgesloten"},
    "sluitreden": {
        "veiligheid_hersteld": "Veiligheid hersteld",
        "doel_bereikt": "Doel bereikt",
        "overgedragen": "Overgedragen",
        "anders": "Anders",
    },
    "eindreden": {
        "veiligheid_hersteld": "Veiligheid hersteld",
        "doel_bereikt": "Doel bereikt",
        "overgedragen": "Overgedragen",
        "geen_rol": "Geen rol (meer)",
        "anders": "Anders",
    },
    "organisatie": {
        "VT": "Veilig Thuis",
        "RVDK": "Raad voor de Kinderbescherming",
        "GI": "Gecertificeerde instelling",
        "LOKAAL_TEAM": "Lokaal team",
    },
}

_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

# Dialog fields: label (≤ 24 characters), and for text fields an example, for checkboxes an explanation.
_DIALOG = {
    "omschrijving": "Omschrijving",
    "soort": "Soort",
    "categorie": "Categorie",
    "zekerheid": "Vastgesteld of vermoeden",
    "ernst": "Ernst",
    "benoemd_door": "Wie noemt dit?",
    "sinds": "Sinds (maand)",
    "sinds.voorbeeld": "bijv. maart 2025",
    "gevaarformulering": "Gevaarformulering",
    "soort_goed": "Soort",
    "wat_werkt": "Wat werkt",
    "wat_werkt_niet": "Wat werkt niet",
    "rang": "Plek in de top 3",
    "rang.optie": "{n}",
    "situatie": "Onveilige situatie",
    "frequentie": "Hoe vaak",
    "laatste_voorval": "Laatste keer (maand)",
    "laatste_voorval.voorbeeld": "bijv. oktober 2026",
    "factor": "Risicofactor",
    "factor.voorbeeld": "bijv. alcoholgebruik, schulden, vechtscheiding",
    "persoon": "Bij wie",
    "persoon.voorbeeld": "een rol, bijv. vader of Kind 1 (geen naam)",
    "beinvloedbaar": "Beïnvloedbaar",
    "beinvloedbaar.uitleg": "Aan te pakken met hulp (niet vast, zoals een verleden)",
    "veiligheidsdoel": "Veiligheidsdoel",
    "voorwaarden": "Veiligheidsvoorwaarden",
    "evaluatiedatum": "Evaluatiedatum",
    "evaluatiedatum.voorbeeld": "bijv. 15-1-2027",
    "afspraak": "Afspraak",
    "wie": "Wie",
    "wie.voorbeeld": "een rol, bijv. vader, oma, regiehouder",
    "wanneer": "Wanneer",
    "wanneer.voorbeeld": "bijv. als de spanning oploopt; elke vrijdag",
    "controle_door": "Wie controleert",
    "controle_door.voorbeeld": "bijv. regiehouder of buurvrouw",
    "afspraakstatus": "Status",
    "datum": "Datum",
    "datum.voorbeeld": "bijv. 23-11-2026 of vandaag",
    "stap": "Genomen stap",
    "door": "Door",
    "fase": "Fase",
    "directe_veiligheid": "Directe veiligheid",
    "risico_toekomst": "Risico op termijn",
    "acuut": "Acute onveiligheid",
    "acuut.uitleg": "Volgens de meldcode: nu direct gevaar. Bel bij acuut gevaar 112.",
    "structureel": "Structurele onveiligheid",
    "structureel.uitleg": "Volgens de meldcode: herhaald of langdurig onveilig.",
    "instrument": "Instrument",
    "onderbouwing": "Onderbouwing",
    "perspectief": "Perspectief",
    "score": "Schaal (0–10)",
    "score.optie": "{n}",
    "reden": "Reden",
    "verwijderen": "Verwijderen",
    "verwijderen.uitleg": "Haal dit onderdeel van de kaart (de geschiedenis bewaart het).",
    "gemeente": "Gemeente",
    "gemeente.voorbeeld": "bijv. Roosendaal",
    "kader": "Kader",
    "maatregel": "Maatregel",
    "maatregel_sinds": "Maatregel sinds (maand)",
    "maatregel_sinds.voorbeeld": "bijv. september 2026",
    "toelichting": "Toelichting",
    "toelichting.voorbeeld": "kort, zonder namen",
    "sluitreden": "Reden van afsluiten",
    "opslaan": "Opslaan",
    "privacy_hint": (
        "Geen namen, BSN, adressen, telefoonnummers of geboortedata: gebruik rollen zoals Kind 1 of moeder."
    ),
}

# Forms: the noun (for "er is geen … 3"), titles (≤ 24 characters) and an introduction.
_FORMS = {
    "zorg": ("zorgsignaal", "Nieuw zorgsignaal", "Zorgsignaal bewerken",
             "**Waar maken we ons zorgen over?** Feitelijk: wie doet wat bij wie. Casus {code}."),
    "gevaar": ("gevaarformulering", "Gevaarformulering", "Gevaarformulering",
               "Waar zijn we bang voor als er niets verandert? Casus {code}."),
    "goed": ("wat gaat goed", "Wat gaat goed", "Wat gaat goed bewerken",
             "**Wat gaat er goed?** Krachten, veiligheid die er al is, steunend netwerk. Casus {code}."),
    "werkt": ("wat werkt", "Wat werkt (niet)", "Wat werkt (niet)",
              "Eén punt per regel: welke hulp of afspraken helpen wel en welke niet? Casus {code}."),
    "situatie": ("onveilige situatie", "Onveilige situatie", "Onveilige situatie",
                 "**Top 3 onveiligste situaties.** Concreet: wat gebeurt er, tussen wie, wanneer, hoe vaak. "
                 "Casus {code}."),
    "risico": ("risicofactor", "Nieuwe risicofactor", "Risicofactor bewerken",
               "Wat drijft deze onveilige situatie? Casus {code}."),
    "doel": ("veiligheidsdoel", "Veiligheidsdoel", "Veiligheidsdoel",
             "Wat moet er zichtbaar zijn om tevreden te zijn? Voorwaarden: één per regel. Casus {code}."),
    "afspraak": ("afspraak", "Nieuwe afspraak", "Afspraak bewerken",
                 "**Veiligheidsplan:** concreet gedrag, wie, wanneer en wie controleert. Casus {code}."),
    "stap": ("stap", "Genomen stap", "Stap bewerken", "Wat is er gedaan, en door wie? Casus {code}."),
    "oordeel": ("oordeel", "Oordeel", "Oordeel",
                "Het gewogen oordeel van de professionals. Erbij rekent zelf geen oordeel uit. "
                "Verandert het oordeel, licht dan toe waarom. Casus {code}."),
    "schaal": ("schaalvraag", "Schaalvraag (0–10)", "Schaalvraag (0–10)",
               "0 = het kind kan niet thuis blijven, 10 = veilig genoeg om af te sluiten. "
               "Verandert de score van dit perspectief, geef dan de reden. Casus {code}."),
}  # fmt: skip

_PARTS = {
    "nieuw": "aangemaakt",
    "zorgen": "zorgen",
    "goed": "wat gaat goed",
    "top3": "top 3",
    "plan": "plan en afspraken",
    "oordeel": "oordeel",
    "stappen": "stappen",
    "kader": "kader",
    "regie": "regie",
    "sluiten": "afgesloten",
    "mdo": "uit het MDO",
}

_SUBJECTS = {
    "casus": "casus",
    "zorgsignaal": "zorgsignaal",
    "positief_signaal": "wat gaat goed",
    "situatie": "onveilige situatie",
    "risicofactor": "risicofactor",
    "afspraak": "afspraak",
    "stap": "stap",
    "gevaarformulering": "gevaarformulering",
    "wat_werkt": "wat werkt (niet)",
    "plan": "veiligheidsdoel",
    "oordeel": "oordeel",
    "fase": "fase",
    "kader": "kader",
    "regie": "regie",
}

_FIELDS = {
    "description": "omschrijving",
    "kind": "soort",
    "category": "categorie",
    "certainty": "zekerheid",
    "severity": "ernst",
    "named_by": "benoemd door",
    "since": "sinds",
    "situation": "situatie",
    "frequency": "frequentie",
    "last_incident": "laatste voorval",
    "risk_factors": "risicofactoren",
    "rank": "plek",
    "agreement": "afspraak",
    "who": "wie",
    "when": "wanneer",
    "checked_by": "controle door",
    "status": "status",
    "on": "datum",
    "step": "stap",
    "by": "door",
    "factor": "factor",
    "person": "bij wie",
    "modifiable": "beïnvloedbaar",
    "score": "score",
    "direct_safety": "directe veiligheid",
    "future_risk": "risico op termijn",
    "acute_unsafety": "acute onveiligheid",
    "structural_unsafety": "structurele onveiligheid",
    "reasoning": "onderbouwing",
    "instrument": "instrument",
    "danger_statement": "gevaarformulering",
    "what_works": "wat werkt",
    "what_does_not_work": "wat werkt niet",
    "safety_goal": "veiligheidsdoel",
    "safety_conditions": "veiligheidsvoorwaarden",
    "evaluation_date": "evaluatiedatum",
    "phase": "fase",
    "framework": "kader",
    "measure": "maatregel",
    "measure_since": "maatregel sinds",
    "lead": "regiehouder",
    "reason": "reden",
}

MESSAGES: dict[str, str] = {
    # --- privacy guard (shared by every feature that takes free text) ---
    "privacy.refused": (
        "Let op: dit lijkt {found} te bevatten. Er is niets opgeslagen. Gebruik alleen de casuscode en "
        "rollen "
        'zoals "Kind 1" of "moeder"; een datum als maand en jaar.'
    ),
    "privacy.and": " en ",
    "privacy.kind.bsn": "een burgerservicenummer ({masked})",
    "privacy.kind.datum": "een volledige datum, mogelijk een geboortedatum ({masked})",
    "privacy.kind.telefoon": "een telefoonnummer ({masked})",
    "privacy.kind.email": "een e-mailadres ({masked})",
    "privacy.kind.iban": "een rekeningnummer (IBAN) ({masked})",
    "privacy.kind.adres": "een adres of postcode met huisnummer ({masked})",
    "privacy.kind.naam": "een naam ({masked})",
    # --- access and codes ---
    "kaart.geen_toegang": (
        "Geen toegang tot {code}. Klopt de code? Heb je wel een rol bij deze casus, vraag dan de regiehouder "
        "om je erbij te halen."
    ),
    "kaart.code_ongeldig": (
        "`{code}` is geen geldige casuscode: er zit waarschijnlijk een typfout in. Een casuscode ziet "
        "eruit als "
        "WBW-7K3Q-2B (zonder 0, O, 1, I of L)."
    ),
    "kaart.alleen_regiehouder": "Dat kan alleen de regiehouder van {code}.",
    "kaart.is_afgesloten": "Casus {code} is afgesloten; de kaart kun je nog bekijken en exporteren.",
    "kaart.alleen_status": "Als coördinator zie je van {code} alleen de status en het kader, geen inhoud.",
    "kaart.onbekend": "Dat ken ik niet: `/kaart {code} {sub}`. Typ `/kaart help` voor wat ik wel kan.",
    "kaart.niets_veranderd": "Er is niets veranderd.",
    "kaart.onbekende_gebruiker": "(onbekend)",
    "kaart.leeg": "—",
    "kaart.ja": "ja",
    "kaart.niet_beoordeeld": "niet beoordeeld",
    "kaart.nee": "nee",
    "kaart.sinds": "sinds {since}",
    # --- a new case ---
    "kaart.nieuw.titel": "Nieuwe casus",
    "kaart.nieuw.intro": (
        "Erbij maakt een willekeurige casuscode. Die code koppel je in je eigen dossier aan het gezin; "
        "in Mattermost staan geen namen. Jij wordt regiehouder."
    ),
    "kaart.nieuw.aanmaken": "Aanmaken",
    "kaart.nieuw.geen_regiehouder": "Alleen een regiehouder kan een nieuwe casus aanmaken.",
    "kaart.nieuw.gemaakt": (
        "Casus **{code}** is aangemaakt (kader: {framework}). Jij bent regiehouder.\n"
        "Zet de code in je eigen dossier; hier gebruik je alleen de code.\n"
        "Vul de kaart via `/kaart {code}`: met de knoppen open je per onderdeel één formulier met alles erin."
    ),
    # --- framework ---
    "kaart.kader.titel": "Kader en maatregel",
    "kaart.kader.intro": "Het kader van casus {code}. De geschiedenis van het kader blijft bewaard.",
    "kaart.kader.maatregel_nodig": "In het gedwongen kader hoort een maatregel (bijv. OTS).",
    "kaart.kader.geen_maatregel": "Bij {framework} hoort geen kinderbeschermingsmaatregel.",
    "kaart.kader.gebruik": (
        "{error}\nGebruik: `/kaart {code} kader <vrijwillig|drang|gedwongen> [maatregel] [sinds]`, "
        "bijv. `/kaart {code} kader gedwongen ots 2026-10`, of alleen `/kaart {code} kader` voor een "
        "formulier."
    ),
    "kaart.kader.vastgelegd": "Kader van casus {code} is nu (versie {version}): {framework}{measure}.",
    # --- lead handover ---
    "kaart.regie.gebruik": "Gebruik: `/kaart {code} regie @collega` om de regie over te dragen.",
    "kaart.regie.geen_regiehouder": "@{username} staat niet als regiehouder in het rooster van Erbij.",
    "kaart.regie.al_regiehouder": "@{username} is al regiehouder van {code}.",
    "kaart.regie.overgedragen": (
        "De regie van casus {code} ligt nu bij {who}. Je hebt zelf geen toegang meer tot de kaart, "
        "tenzij je erbij gehaald wordt."
    ),
    "kaart.regie.ontvangen": (
        "{who} heeft de regie van casus **{code}** aan jou overgedragen. Bekijk de kaart met `/kaart {code}`."
    ),
    # --- closing ---
    "kaart.sluiten.titel": "Casus afsluiten",
    "kaart.sluiten.intro": (
        "Casus {code} afsluiten. Betrokken experts worden uitgecheckt. Exporteer de kaart eerst als je "
        "hem in "
        "je eigen dossier wilt bewaren (`/kaart {code} export`)."
    ),
    "kaart.sluiten.knop": "Afsluiten",
    "kaart.sluiten.gebruik": (
        "Gebruik: `/kaart {code} sluiten <veiligheid_hersteld|doel_bereikt|overgedragen|anders>`, "
        "of alleen `/kaart {code} sluiten` voor een formulier."
    ),
    "kaart.sluiten.gesloten": (
        "Casus {code} is afgesloten ({reason}, versie {version}). Uitgecheckt: {count} expert(s)."
    ),
    "kaart.sluiten.melding": (
        "Casus **{code}** is afgesloten door de regiehouder ({reason}). Je bent uitgecheckt; je kunt altijd "
        "opnieuw erbij worden gehaald."
    ),
    # --- your cases ---
    "kaart.lijst.kop": "#### Jouw casussen",
    "kaart.lijst.leeg": "Je hebt geen lopende casussen. Een nieuwe maak je met `/kaart nieuw`.",
    "kaart.lijst.regie": "- **{code}** — regiehouder · {framework}",
    "kaart.lijst.expert": "- **{code}** — aangeschoven als expert · {framework}",
    # --- editing ---
    "kaart.bewerken.uitleg": (
        "Wat wil je bijwerken op de kaart van {code}?\n"
        "| Commando | Wat |\n|---|---|\n"
        "| `/kaart {code} bewerken zorgen [nr]` | Zorgsignaal toevoegen, of nummer [nr] bewerken |\n"
        "| `/kaart {code} bewerken zorgen gevaar` | De gevaarformulering |\n"
        "| `/kaart {code} bewerken goed [nr]` | Wat gaat goed |\n"
        "| `/kaart {code} bewerken goed werkt` | Wat werkt en wat werkt niet |\n"
        "| `/kaart {code} bewerken top3 [nr]` | Onveilige situatie (top 3) |\n"
        "| `/kaart {code} bewerken top3 <nr> risico [nr]` | Risicofactor bij een situatie |\n"
        "| `/kaart {code} bewerken plan [nr]` | Afspraak in het veiligheidsplan |\n"
        "| `/kaart {code} bewerken plan doel` | Veiligheidsdoel, voorwaarden en evaluatiedatum |\n"
        "| `/kaart {code} bewerken oordeel` | Fase en gewogen oordeel |\n"
        "| `/kaart {code} bewerken oordeel schaal` | Schaalvraag 0–10 per perspectief |\n"
        "| `/kaart {code} bewerken stappen [nr]` | Genomen stap |\n\n"
        "De nummers zie je met `/kaart {code}`."
    ),
    "kaart.bewerken.geen_item": (
        "Er is geen {what} {n} op de kaart van {code}. Bekijk de nummers met `/kaart {code}`."
    ),
    "kaart.melding.bijgewerkt": (
        "{who} heeft de veiligheidskaart van casus **{code}** bijgewerkt: {part} (versie {version}). "
        "Bekijk hem met `/kaart {code}`."
    ),
    # --- input errors ---
    "kaart.invoer.verplicht": "Vul dit in.",
    "kaart.invoer.te_lang": "Dit is te lang ({length} tekens, maximaal {max}). Houd het kort en feitelijk.",
    "kaart.invoer.te_veel_regels": "Maximaal {max} regels.",
    "kaart.invoer.regel_te_lang": "Een regel is te lang (maximaal {max} tekens).",
    "kaart.invoer.kies": "Maak een keuze.",
    "kaart.invoer.maand": "Geef een maand, bijv. maart 2025 of 2025-03.",
    "kaart.invoer.datum": "Geef een datum, bijv. 23-11-2026, of vandaag.",
    "kaart.invoer.getal": "Kies een getal van {low} tot en met {high}.",
    "kaart.fout.item_weg": (
        "Dit onderdeel staat niet meer op de kaart (iemand anders heeft het net verwijderd)."
    ),
    "kaart.fout.lijst_vol": (
        "Hier passen maximaal {max} onderdelen. Werk een bestaand onderdeel bij of verwijder er een."
    ),
    "kaart.fout.schaal_bereik": "De schaal loopt van 0 tot en met 10.",
    "kaart.fout.datum_toekomst": "Deze datum ligt in de toekomst.",
    "kaart.fout.reden_nodig": "De score verandert: geef de reden.",
    "kaart.fout.onderbouwing_nodig": "Het oordeel verandert: licht in de onderbouwing toe waarom.",
    # --- compact summary ---
    "kaart.samenvatting.titel": "Veiligheidskaart {code}",
    "kaart.samenvatting.kader": "Kader",
    "kaart.samenvatting.fase": "Fase",
    "kaart.samenvatting.afgesloten": "_Casus afgesloten._",
    "kaart.samenvatting.schaal": "Schaal: {scores}",
    "kaart.samenvatting.top3": "Top 3: {items}",
    "kaart.samenvatting.afspraken": "Open afspraken ({count}): {items}",
    "kaart.samenvatting.leeg": "Kaart nog leeg.",
    "kaart.samenvatting.gevaar": "Gevaar: {text}",
    "kaart.samenvatting.zorg": "Zorg: {text}{more}",
    "kaart.samenvatting.goed": "Gaat goed: {items}",
    "kaart.samenvatting.meer": " (en nog {more})",
    "kaart.trend.op": " ↑ (was {before})",
    "kaart.trend.neer": " ↓ (was {before})",
    "kaart.trend.gelijk": " =",
    # --- full view ---
    "kaart.weergave.kop": (
        "#### Veiligheidskaart {code}\n"
        "Versie {version}, bijgewerkt {at} door {who} · regiehouder: {lead} · gemeente {municipality}"
    ),
    "kaart.weergave.voet": (
        "_Alleen jij ziet dit bericht. Bijwerken met de knoppen hieronder (of `/kaart {code} bewerken`) · "
        "versies: `/kaart {code} geschiedenis`._"
    ),
    "kaart.weergave.status": (
        "Casus **{code}**: {status} · kader: {framework}.\n_Als coördinator zie je geen inhoud van de kaart._"
    ),
    "kaart.weergave.kader_titel": "Kader en betrokkenen",
    "kaart.weergave.status_veld": "Status",
    "kaart.weergave.kader_veld": "Kader",
    "kaart.weergave.fase_veld": "Fase",
    "kaart.weergave.niemand_aangeschoven": "Er is nu geen expert aangeschoven.",
    "kaart.weergave.aangeschoven": "Aangeschoven: {people}",
    "kaart.weergave.aangeschoven_persoon": "{who} ({organisation}, sinds {since})",
    "kaart.weergave.zorgen_titel": "Waar maken we ons zorgen over?",
    "kaart.weergave.goed_titel": "Wat gaat er goed?",
    "kaart.weergave.top3_titel": "Top 3 onveilige situaties",
    "kaart.weergave.plan_titel": "Wat moet er gebeuren?",
    "kaart.weergave.stappen_titel": "Genomen stappen",
    "kaart.weergave.oordeel_titel": "Oordeel",
    "kaart.weergave.leeg": "_Nog niets ingevuld._ (`bewerken {part}`)",
    "kaart.weergave.zorg": "{n}. {text}",
    "kaart.weergave.ernst": "ernst {level}",
    "kaart.weergave.benoemd": "benoemd door {by}",
    "kaart.weergave.gevaar": "**Gevaarformulering:** {text}",
    "kaart.weergave.goed": "{n}. {text}",
    "kaart.weergave.werkt": "**Wat werkt:** {items}",
    "kaart.weergave.werkt_niet": "**Wat werkt niet:** {items}",
    "kaart.weergave.situatie": "{n}. {text} _({frequency}{last})_",
    "kaart.weergave.laatste": "laatst {when}",
    "kaart.weergave.risico_beinvloedbaar": "    - risico {m}: {factor} — {person} (beïnvloedbaar)",
    "kaart.weergave.risico_vast": "    - risico {m}: {factor} — {person} (vast gegeven)",
    "kaart.weergave.risico_open": "    - risico {m}: {factor} — {person}",
    "kaart.weergave.doel": "**Veiligheidsdoel:** {text}",
    "kaart.weergave.voorwaarden": "**Voorwaarden:** {items}",
    "kaart.weergave.afspraak": (
        "{n}. {text} — wie: {who} · wanneer: {when} · controle: {checked_by} · _{status}_"
    ),
    "kaart.weergave.evaluatie": "Evaluatie: {on}",
    "kaart.weergave.stap": "{n}. {on} · {by}: {text}",
    "kaart.weergave.schaal": "**{perspective}: {score}**{trend} op {on}{reason}",
    "kaart.weergave.geen_schaal": "_Nog geen schaalvragen ingevuld._ (`bewerken oordeel schaal`)",
    "kaart.weergave.oordeel": (
        "Directe veiligheid: {direct} · risico op termijn: {risk} · acute onveiligheid: {acute} · "
        "structurele onveiligheid: {structural} · instrument: {instrument}"
    ),
    "kaart.weergave.onderbouwing": "Onderbouwing: {text}",
    "kaart.weergave.beoordeeld": "_Beoordeeld door {who} op {on}._",
    "kaart.weergave.ingekort": "_… ingekort; de volledige kaart krijg je met `/kaart {code} export`._",
    # --- history ---
    "kaart.geschiedenis.kop": "#### Geschiedenis van {code} ({count} versies, nieuwste eerst)",
    "kaart.geschiedenis.ingekort": (
        "_De laatste {shown} versies; alle versies staan in `/kaart {code} export`._"
    ),
    "kaart.geschiedenis.regel": "**v{number}** · {at} · {who} · {part}: {changes}",
    "kaart.wijziging.aangemaakt": "casus aangemaakt",
    "kaart.wijziging.toegevoegd": "{what} toegevoegd",
    "kaart.wijziging.gewijzigd": "{what} gewijzigd",
    "kaart.wijziging.verwijderd": "{what} verwijderd",
    "kaart.wijziging.gescoord": "{what} ingevuld",
    "kaart.wijziging.overgedragen": "{what} overgedragen",
    "kaart.wijziging.gesloten": "casus afgesloten ({reason})",
    "kaart.wijziging.bij_situatie": "{what} bij situatie {parent}",
    "kaart.wijziging.schaal": "{what}: {before} → {after}",
    "kaart.wijziging.schaal_eerste": "{what}: {after}",
    "kaart.wijziging.regie": "regie overgedragen van {before} aan {after}",
    "kaart.onderwerp.schaal": "schaal {perspective}",
    # --- command line (administrator) ---
    "kaart.cli.onbekend": "Casus {code} bestaat niet.",
    "kaart.cli.geen_audit": "Geen auditregels voor {code}.",
    "kaart.cli.audit_kop": "Auditlog van {code} ({count} regels, oudste eerst; dit inzien wordt ook gelogd):",
    "kaart.cli.geschreven": "Geschreven: {path}",
    # --- export ---
    "kaart.export.titel": "# Veiligheidskaart {code}",
    "kaart.export.kop": (
        "Versie {version} van {at} · geëxporteerd {exported} · regiehouder: {lead} · gemeente "
        "{municipality} · "
        "status: {status}"
    ),
    "kaart.export.privacy": (
        "_Deze kaart bevat geen direct identificerende gegevens. Koppel hem via de casuscode aan het "
        "gezin in "
        "je eigen dossier, en verwijder hem daarna uit Mattermost._"
    ),
    "kaart.export.kader": "Kader en maatregel",
    "kaart.export.fase": "**Fase:** {phase}",
    "kaart.export.leeg": "_Niet ingevuld._",
    "kaart.export.beinvloedbaar": "beïnvloedbaar",
    "kaart.export.vast": "vast gegeven",
    "kaart.export.afspraken_kop": "Afspraak | Wie | Wanneer | Controle door | Status",
    "kaart.export.schaal": (
        "Schaalvragen (0 = kind kan niet thuis blijven, 10 = veilig genoeg om af te sluiten)"
    ),
    "kaart.export.schaal_nu": "**Nu:** {scores}",
    "kaart.export.geen_verdict": (
        "_Dit is het oordeel van de professionals; Erbij rekent zelf geen oordeel uit._"
    ),
    "kaart.export.betrokken": "Betrokken experts",
    "kaart.export.niemand": "_Er is geen expert betrokken geweest._",
    "kaart.export.nog_betrokken": "tot nu (nog betrokken)",
    "kaart.export.tot": "tot {until} ({reason})",
    "kaart.export.geschiedenis": "Geschiedenis",
    "kaart.export.bericht": (
        "De veiligheidskaart van casus **{code}** (versie {version}) als bestand, voor een warme overdracht. "
        "Bewaar het in je eigen dossier."
    ),
    "kaart.export.onderweg": (
        "Ik stuur je de kaart van {code} (versie {version}) als bestand in een privébericht."
    ),
}

MESSAGES.update(
    {
        f"kaart.waarde.{group}.{value}": text
        for group, values in _VALUES.items()
        for value, text in values.items()
    }
)
MESSAGES.update({f"kaart.maand.{i}": name for i, name in enumerate(_MONTHS, 1)})
MESSAGES.update({f"kaart.dialoog.{name}": text for name, text in _DIALOG.items()})
for _form, (_noun, _new, _edit, _intro) in _FORMS.items():
    MESSAGES[f"kaart.formulier.{_form}"] = _noun
    MESSAGES[f"kaart.formulier.{_form}.nieuw"] = _new
    MESSAGES[f"kaart.formulier.{_form}.bewerken"] = _edit
    MESSAGES[f"kaart.formulier.{_form}.intro"] = _intro
MESSAGES.update({f"kaart.deel.{part}": text for part, text in _PARTS.items()})
MESSAGES.update({f"kaart.onderwerp.{subject}": text for subject, text in _SUBJECTS.items()})
MESSAGES.update({f"kaart.veld.{name}": text for name, text in _FIELDS.items()})
