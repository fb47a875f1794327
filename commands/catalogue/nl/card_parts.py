"""The card's buttons, its multi-item dialogs (one item per line) and the confirmation after saving."""

from __future__ import annotations

_PART_DIALOGS = {
    "zorgen": (
        "Zorgen",
        "**Waar maken we ons zorgen over?** Casus {code}. Eén zorg per regel: feitelijk, wie doet wat bij "
        "wie. "
        "Na een `|` mag je erbij zetten wat je weet, gescheiden door komma's: *gevaar*, *schade* of "
        "*complicerend*; een categorie (bijv. *getuige van partnergeweld*); *vastgesteld* of *vermoeden*; "
        "*ernst hoog*; *door ouder*, *door kind*, *door netwerk*; *sinds maart 2026*. Wat je weglaat, blijft "
        "*niet beoordeeld*.\n"
        "Voorbeeld: `Vader slaat moeder als hij gedronken heeft | gevaar, getuige van partnergeweld, "
        "vastgesteld, ernst hoog`",
    ),
    "goed": (
        "Wat gaat goed",
        "**Wat gaat er goed?** Casus {code}. Eén punt per regel; na een `|` eventueel *kracht*, "
        "*bestaande veiligheid* of *steunend netwerk*, en *door ouder*, *door kind*, ….\n"
        "Voorbeeld: `Oma vangt Kind 1 op als het thuis onrustig is | steunend netwerk, door kind`",
    ),
    "top3": (
        "Top 3",
        "**De drie onveiligste situaties**, de ernstigste bovenaan. Casus {code}. Eén situatie per regel, na "
        "een `|` hoe vaak (*dagelijks*, *wekelijks*, *maandelijks*, *af en toe*, *eenmalig*) en *laatst "
        "oktober 2026*. Risicofactoren eronder, elk op een regel die met `-` begint: factor `|` bij wie (een "
        "rol, geen naam) en eventueel *beïnvloedbaar* of *vast*.\n"
        "Voorbeeld:\n`Ruzie met geweld na alcohol in het weekend | wekelijks, laatst november 2026`\n"
        "`- alcoholgebruik | vader, beïnvloedbaar`",
    ),
    "plan": (
        "Plan",
        "**Wat moet er gebeuren?** Casus {code}.\n"
        "Afspraken, één per regel: afspraak `|` wie `|` wanneer `|` wie controleert `|` status (*nagekomen*, "
        "*deels*, *niet nagekomen*; leeg is nieuw). Voorbeeld: `Bij spanning gaat vader een blokje om | "
        "vader | als de spanning oploopt | regiehouder`\n"
        "Genomen stappen, één per regel: stap `|` door wie `|` datum. Voorbeeld: `Huisbezoek met beide "
        "ouders | lokaal team | 20-11-2026`",
    ),
    "oordeel": (
        "Oordeel",
        "Het gewogen oordeel van de professionals; Erbij rekent zelf geen oordeel uit. Verandert het "
        "oordeel, licht dan toe waarom. Casus {code}.\n"
        "Schaalvragen (0 = het kind kan niet thuis blijven, 10 = veilig genoeg om af te sluiten), één "
        "perspectief per regel: `regiehouder 4`, `ouders 6 — het gaat beter sinds de afspraken`. Verandert "
        "een score, geef dan een nieuwe reden na het streepje.",
    ),
}

_FIELDS = {
    "zorgen": ("Zorgen (één per regel)", "Feitelijk en zonder namen: gebruik rollen zoals Kind 1 of moeder."),
    "goed": ("Wat gaat goed", "Eén punt per regel, zonder namen."),
    "top3": (
        "Top 3 en risicofactoren",
        "Situatie per regel; risicofactoren eronder met een streepje ervoor.",
    ),
    "afspraken": ("Afspraken", "Afspraak | wie | wanneer | wie controleert | status"),
    "stappen": ("Genomen stappen", "Stap | door wie | datum"),
    "schaal": ("Schaalvragen (0–10)", "Perspectief en score per regel, bijv. regiehouder 4 — reden"),
}

MESSAGES: dict[str, str] = {
    "kaart.knop.zorgen": "Zorgen bijwerken",
    "kaart.knop.goed": "Wat gaat goed",
    "kaart.knop.top3": "Top 3",
    "kaart.knop.plan": "Plan",
    "kaart.knop.oordeel": "Oordeel",
    "kaart.knop.erbij": "Erbij halen",
    "kaart.knop.mdo": "Inbrengen in MDO",
    "kaart.knop.export": "Exporteren",
    "kaart.knop.niet_beschikbaar": "Dat kan hier (nog) niet; typ het commando zelf.",
    "kaart.lijst.knoppen": "_Klik op een casus om de kaart te openen._",
    "kaart.opgeslagen": "Opgeslagen op de kaart van **{code}** ({part}), nu versie {version}:\n{changes}",
    "kaart.opgeslagen.niets": (
        "Er is niets veranderd aan de kaart van **{code}** ({part}); het blijft versie {version}."
    ),
    "kaart.opgeslagen.meer": "… en nog {more} wijziging(en); zie `geschiedenis`.",
    "kaart.regels.regel": "Regel {n}: {message}",
    "kaart.regels.onbekend_label": "„{label}” ken ik niet na het streepje `|`.",
    "kaart.regels.dubbel_label": "„{label}” spreekt een eerder label op deze regel tegen.",
    "kaart.regels.een_persoon": "noem één rol per risicofactor (bijv. vader).",
    "kaart.regels.te_veel_delen": "maximaal {max} delen, gescheiden door `|`.",
    "kaart.regels.geen_tekst": "er staat geen tekst vóór de `|`.",
    "kaart.regels.schaal_vorm": "schrijf een perspectief en een score, bijv. regiehouder 4.",
    "kaart.regels.perspectief": (
        "„{label}” is geen perspectief; kies regiehouder, Veilig Thuis, Raad, GI, ouders, kind of netwerk."
    ),
    "kaart.regels.perspectief_dubbel": "{perspective} staat er al; één score per perspectief.",
    "kaart.regels.risico_zonder_situatie": "een risicofactor hoort onder een situatie.",
    "kaart.regels.top3_max": "De top 3 heeft maximaal {max} situaties (risicofactoren met een `-` ervoor).",
}

for _part, (_title, _intro) in _PART_DIALOGS.items():
    MESSAGES[f"kaart.onderdeel.{_part}.titel"] = _title
    MESSAGES[f"kaart.onderdeel.{_part}.intro"] = _intro
for _name, (_label, _help) in _FIELDS.items():
    MESSAGES[f"kaart.onderdeel.veld.{_name}"] = _label
    MESSAGES[f"kaart.onderdeel.hulp.{_name}"] = _help

MESSAGES.update(
    {
        "kaart.bron.mdo": "_(bron: MDO van {day})_",
        "kaart.bron.mdo.zonder_datum": "_(bron: MDO)_",
        "kaart.bron.uitchecken": "_(bron: uitchecken op {day})_",
        "kaart.bron.uitchecken.zonder_datum": "_(bron: uitchecken)_",
        "kaart.bron.anders": "_(bron: {source})_",
        "kaart.mdo.stap": "Besluit {title}: {decision}",
        "kaart.mdo.wanneer": "uiterlijk {due}",
        "kaart.mdo.controle": "regiehouder",
    }
)

MESSAGES.update(
    {
        "kaart.export.mdo": "Besluiten in het MDO",
        "kaart.export.open_acties": "Openstaande actiepunten",
        "kaart.export.actie": "- {description} — {who}, uiterlijk {due}",
        "kaart.export.pdf_bericht": (
            "De veiligheidskaart van casus **{code}** (versie {version}) als PDF, voor een warme overdracht."
        ),
    }
)

# The TOP-3 method's other parts: the family (roles), why the card exists, the help and the future plans.
MESSAGES.update(
    {
        "kaart.rol.geen_rol": (
            "gebruik een rol, zoals Kind 1 (8), moeder, vader, oma of partner van moeder; geen naam."
        ),
        "kaart.dialoog.aanleiding": "Aanleiding",
        "kaart.dialoog.toekomstplan": "Toekomstplan",
        "kaart.onderdeel.veld.gezin": "Gezinsleden (rollen)",
        "kaart.onderdeel.hulp.gezin": "Eén per regel, alleen rollen: Kind 1 (8), moeder, partner van moeder.",
        "kaart.onderdeel.veld.hulp": "Hulpverleningsplan",
        "kaart.onderdeel.hulp.hulp": (
            "Hulp | voor welke risicofactor | aanbieder | aangevraagd 1-11 | gestart 20-11"
        ),
        "kaart.onderwerp.aanleiding": "aanleiding",
        "kaart.onderwerp.gezin": "gezinsleden",
        "kaart.onderwerp.hulp": "hulp",
        "kaart.onderwerp.toekomstplan": "toekomstplan",
        "kaart.veld.occasion": "aanleiding",
        "kaart.veld.family": "gezinsleden",
        "kaart.veld.help": "hulp",
        "kaart.veld.target": "voor",
        "kaart.veld.provider": "aanbieder",
        "kaart.veld.requested_on": "aangevraagd",
        "kaart.veld.started_on": "gestart",
        "kaart.veld.future_plan": "toekomstplan",
        "kaart.waarde.aanbieder.ggz_volwassenen": "GGZ volwassenen",
        "kaart.waarde.aanbieder.jeugd_ggz": "Jeugd-GGZ",
        "kaart.waarde.aanbieder.verslavingszorg": "Verslavingszorg",
        "kaart.waarde.aanbieder.schuldhulp": "Schuldhulp",
        "kaart.waarde.aanbieder.lvb_zorg": "LVB-zorg",
        "kaart.waarde.aanbieder.opvoedondersteuning": "Opvoedondersteuning",
        "kaart.waarde.aanbieder.scheidingsaanbod": "Scheidingsaanbod",
        "kaart.waarde.aanbieder.overig": "Overig",
        "kaart.weergave.gezin": "**Gezin:** {members}",
        "kaart.weergave.aanleiding": "**Aanleiding:** {text}",
        "kaart.weergave.hulp_kop": "**Hulpverleningsplan:**",
        "kaart.weergave.hulp": "- {help}{details}",
        "kaart.weergave.toekomst": "**Toekomstplan:** {items}",
    }
)

# The consult's notulist and attendance (the verslag lives in consults; these are new words for it).
MESSAGES.update(
    {
        "overleg.notulist.alleen_voorzitter": "Alleen de voorzitter wijst een notulist aan.",
        "overleg.notulist.gebruik": "Gebruik: `/overleg notulist @gebruikersnaam` (of een voornaam).",
        "overleg.notulist.gezet": "{name} notuleert het {title}, en mag het verslag ook vastleggen.",
        "overleg.aanwezig.gebruik": (
            "Gebruik: `/overleg aanwezig Sanne @piet …` of `/overleg afgemeld Ruud`: namen of "
            "@gebruikersnamen."
        ),
        "overleg.aanwezig.aanwezig": "Aanwezig bij het {title}: {names}.",
        "overleg.aanwezig.afgemeld": "Afgemeld voor het {title}: {names}.",
        "overleg.persoon.onbekend": "„{text}” is geen deelnemer van dit overleg.",
        "overleg.persoon.dubbelzinnig": (
            "Met „{text}” kan ik {candidates} bedoelen; gebruik de @gebruikersnaam."
        ),
        "overleg.besluiten.aanwezig": "Aanwezig: {names}",
        "overleg.besluiten.afgemeld": "Afgemeld: {names}",
    }
)
