"""General messages: help, errors, hints."""

MESSAGES = {
    "general.unknown_sub": (
        "Dat ken ik niet: `/{command} {sub}`. Typ `/{command} help` voor wat ik wel kan."
    ),
    "general.not_allowed": "Dat mag je niet doen met jouw rol.",
    "general.no_access": "Geen toegang.",
    "general.expired": (
        "Deze knop of dit formulier is verlopen. Typ het commando opnieuw om verder te gaan."
    ),
    "general.internal_error": (
        "Er ging iets mis aan onze kant; er is niets opgeslagen. Probeer het zo nog eens."
    ),
    "general.crisis_note": (
        "Erbij is geen crisislijn en geen melding. Bij acuut gevaar: bel 112. "
        "Voor advies of een melding: Veilig Thuis, 0800-2000 (gratis, dag en nacht)."
    ),
    "general.not_registered": (
        "Je staat (nog) niet in het rooster van Erbij. Vraag je coördinator om je toe te voegen."
    ),
    "help.erbij": (
        "#### Erbij halen: een expert laten aanschuiven\n"
        "Je houdt zelf de regie; een expert van Veilig Thuis, de Raad of een GI schuift aan "
        "zolang dat nodig is.\n\n"
        "| Commando | Wat het doet |\n|---|---|\n"
        "| `/erbij` | Opent het formulier om een expert erbij te halen |\n"
        "| `/erbij <casuscode>` | Hetzelfde, met de casuscode al ingevuld |\n"
        "| `/erbij status [casuscode]` | Je openstaande vragen en wie er aangeschoven is |\n"
        "| `/erbij intrekken <nummer>` | Een vraag intrekken; openstaande aanbiedingen vervallen |\n"
        "| `/erbij uitchecken <casuscode>` | Een betrokkenheid beëindigen (expert of regiehouder) |\n"
        "| `/erbij help` | Deze uitleg |\n\n"
        'Gebruik in vragen alleen de casuscode en rollen zoals "Kind 1" of "moeder": geen namen, BSN, '
        "adressen of geboortedata.\n\n{crisis}"
    ),
    "help.kaart": (
        "#### Veiligheidskaart\n"
        "| Commando | Wat het doet |\n|---|---|\n"
        "| `/kaart nieuw` | Nieuwe casus met een casuscode; jij bent regiehouder |\n"
        "| `/kaart` of `/kaart lijst` | Jouw casussen, met een knop per casus |\n"
        "| `/kaart <casuscode>` | De kaart bekijken (als je toegang hebt), met knoppen om bij te werken |\n"
        "| `/kaart <casuscode> zorgen` (of goed, top3, plan, oordeel) | Eén formulier per onderdeel, "
        "één punt per regel |\n"
        "| `/kaart <casuscode> bewerken <deel> [nr]` | Eén punt apart bijwerken |\n"
        "| `/kaart <casuscode> kader <vrijwillig/drang/gedwongen>` | Het kader vastleggen |\n"
        "| `/kaart <casuscode> geschiedenis` | Versies en wat er veranderde |\n"
        "| `/kaart <casuscode> export` | De kaart als document voor een warme overdracht |\n"
        "| `/kaart <casuscode> regie @collega` | De regie overdragen aan een collega |\n"
        "| `/kaart <casuscode> sluiten` | De casus afsluiten |\n"
        "| `/kaart <casuscode> inzage` | Wie de kaart las, wijzigde of exporteerde (voor de regiehouder; "
        "voor een inzageverzoek van het gezin) |\n"
        "| `/kaart help` | Deze uitleg |\n\n{crisis}"
    ),
    "help.overleg": (
        "#### Multidisciplinair overleg (MDO)\n"
        "| Commando | Wat het doet |\n|---|---|\n"
        "| `/overleg inbrengen <casuscode>` | Een casus inbrengen voor het eerstvolgende overleg "
        "met ruimte |\n"
        "| `/overleg afmelden <casuscode>` | Een ingebrachte casus weer afmelden |\n"
        "| `/overleg agenda [dag of datum]` | De agenda van een overleg |\n"
        "| `/overleg verslag` | Voorzitter of notulist: besluiten en actiepunten vastleggen "
        "(bijv. „Jeroen belt school voor vrijdag”) |\n"
        "| `/overleg notulist @naam` | Voorzitter: wie notuleert (en mag het verslag vastleggen) |\n"
        "| `/overleg aanwezig <namen>` / `afgemeld <namen>` | Aanwezigheid bij het overleg vastleggen |\n"
        "| `/overleg acties` | Jouw openstaande actiepunten |\n"
        "| `/overleg rooster` | Wanneer de overleggen zijn |\n"
        "| `/overleg kalender` | De overleggen als agendabestand (.ics) in een privébericht |\n"
        "| `/overleg help` | Deze uitleg |"
    ),
    "help.beschikbaar": (
        "#### Beschikbaarheid\n"
        "| Commando | Wat het doet |\n|---|---|\n"
        "| `/beschikbaar` | Je status: beschikbaar of niet, bezetting, lopende casussen |\n"
        "| `/beschikbaar afwezig <van> t/m <tot>` | Afwezigheid doorgeven, bv. `afwezig 24-12 t/m 2-1` of "
        "`afwezig morgen` |\n"
        "| `/beschikbaar capaciteit <aantal>` | Hoeveel casussen je tegelijk kunt hebben |\n"
        "| `/beschikbaar afwezig <van> t/m <tot>: <notitie>` | Met een notitie die alleen jij ziet |\n"
        "| `/beschikbaar afwezig wissen` | Je zelf doorgegeven afwezigheid weer wissen |\n"
        "| `/beschikbaar pauze` / `hervat` | Tijdelijk geen nieuwe vragen ontvangen, en weer wel |\n"
        "| `/beschikbaar overzicht` | Coördinatoren: wie is deze week beschikbaar, wie zit vol |\n"
        "| `/beschikbaar @naam …` | Coördinatoren: beschikbaarheid van een collega bekijken of aanpassen |\n"
        "| `/beschikbaar help` | Deze uitleg |"
    ),
}
