"""The monitor: `/monitor`, the monthly report and the export (definitions: docs/monitor.md)."""

MESSAGES = {
    "command.monitor.display_name": "Monitor",
    "command.monitor.description": "De cijfers van erbij halen en samen doen (coördinatoren en beleid)",
    "command.monitor.hint": (
        "[maand | kwartaal | jaar | 2026-11 | K4 2026] [gemeente|regio|organisatie <naam>] [detail]"
    ),
    "help.monitor": (
        "#### Monitor\n"
        "Of erbij halen en samen doen werkt, in cijfers: alleen voor coördinatoren en beleid, alleen totalen "
        "(aantallen onder de 5 staan er als <5). De cijfers krijg je als privébericht van Erbij.\n"
        "| Commando | Wat het doet |\n|---|---|\n"
        "| `/monitor` | Dit kwartaal tot nu |\n"
        "| `/monitor maand` / `kwartaal` / `jaar` | De lopende maand, het kwartaal of het jaar |\n"
        "| `/monitor vorige maand`, `/monitor 2026-11`, `/monitor K4 2026`, `/monitor 2026` "
        "| Een eerdere periode |\n"
        "| `/monitor … gemeente <naam>` / `regio <naam>` / `organisatie <sleutel>` | Alleen die casussen |\n"
        "| `/monitor … detail` | Ook per urgentie, organisatie en expertise, schaalvragen en MDO |\n"
        "| `/monitor help` | Deze uitleg |\n"
        "Hoe elk cijfer berekend wordt staat in docs/monitor.md."
    ),
    # --- refusals and usage --------------------------------------------------------------------------
    "monitor.geen_toegang": (
        "De monitor is alleen voor coördinatoren en beleidsmedewerkers. Heb je de cijfers nodig? Vraag je "
        "coördinator om je de rol *beleid* te geven in het rooster."
    ),
    "monitor.periode_onbekend": (
        "Die periode ken ik niet: '{text}'. Probeer `maand`, `kwartaal`, `jaar`, `vorige maand`, `2026-11`, "
        "`K4 2026` of `2026`."
    ),
    "monitor.scope_leeg": "Zeg ook welke {kind}: bijvoorbeeld `/monitor {kind} {example}`.",
    "monitor.bezig": "Ik reken de cijfers van {period} uit; je krijgt ze zo in een privébericht.",
    "monitor.al_bezig": (
        "Ik ben je vorige vraag nog aan het uitrekenen; je krijgt die cijfers zo in een privébericht. "
        "Daarna kun je gerust iets anders vragen."
    ),
    "monitor.mislukt": (
        "Het uitrekenen van de cijfers van {period} is niet gelukt. Probeer het zo nog eens; lukt het "
        "weer niet, meld het dan bij je functioneel beheerder."
    ),
    "monitor.scope_onbekend": "Ik ken geen {kind} '{value}' in de casussen. Bekend: {known}.",
    # --- the summary -----------------------------------------------------------------------------------
    "monitor.kop": "**Monitor erbij halen — {period}** ({scope}; stand {at})",
    "monitor.scope.alles": "alle casussen",
    "monitor.scope.gemeente": "gemeente {value}",
    "monitor.scope.regio": "regio {value}",
    "monitor.scope.organisatie": "organisatie {value}",
    "monitor.vrijwillig": "**In het vrijwillig kader gebleven:** {share} afgesloten casussen",
    "monitor.vrijwillig.drang": " (waarvan {drang} met drang)",
    "monitor.gezin": (
        "**Hulp sloot aan bij wat het gezin nodig had:** ja bij {share} gevraagde gezinnen bij afsluiten"
    ),
    "monitor.gezin.uitchecken": "; bij uitchecken van een expert ja bij {share}",
    "monitor.vragen": "**Erbij gehaald:** {asked} vragen; opgepakt binnen de eigen termijn: {in_time}",
    "monitor.oppakken": "**Tijd tot oppakken:** {pickup}; tot de expert aanschoof: {joined}",
    "monitor.spreiding": "mediaan {median} (90% binnen {p90})",
    "monitor.te_weinig": "te weinig om te tonen",
    "monitor.escalaties": (
        "**Escalaties:** {escalated} van {asked} vragen; daarna toch opgepakt {picked}, ingetrokken "
        "{withdrawn}, niemand (nog) {nobody}"
    ),
    "monitor.overdracht": (
        "**Overdracht voorkomen:** bij {share} casussen met een expert van een GI of de Raad erbij bleef de "
        "regie lokaal"
    ),
    "monitor.bijschalen": (
        "**Bijschalen:** van {cases} casussen waar een expert uitcheckte, kwam binnen 6 maanden bij "
        "{within_6} weer een expert aan tafel, binnen 12 maanden bij {within_12}; {same} keer dezelfde expert"
    ),
    "monitor.bijschalen.open": " ({open} casussen zijn nog geen 6 maanden uitgecheckt)",
    "monitor.betrokkenheid": (
        "**Betrokkenheid:** uitgecheckt na {length}; nu {open} experts aan tafel, {older} al langer dan "
        "{weeks} weken"
    ),
    "monitor.mdo": (
        "**MDO:** {held} overleggen met gemiddeld {per_consult} casussen; doorgeschoven: {carried}; "
        "met besluit: {decided}; acties op tijd klaar: {on_time}"
    ),
    "monitor.meer": "Meer: `{command}`. Definities: docs/monitor.md.",
    # --- units -------------------------------------------------------------------------------------
    "monitor.uur": "{value} uur",
    "monitor.dagen": "{value} dagen",
    "monitor.geen_cijfer": "—",
    # --- detail --------------------------------------------------------------------------------------
    "monitor.detail.kop": "**Detail — {period}**",
    "monitor.detail.per_urgentie": "**Tijd tot oppakken per urgentie**",
    "monitor.detail.per_organisatie": "**Per organisatie van de expert die oppakte**",
    "monitor.detail.per_expertise": "**Per expertise**",
    "monitor.detail.regel": "- {label}: {asked} vragen, {pickup}; binnen de termijn {in_time}",
    "monitor.detail.niet_opgepakt": "(nog) niet opgepakt",
    "monitor.detail.geen_vragen": "- geen vragen in deze periode",
    "monitor.detail.schaal": "**Schaalvraag (0–10), gemiddeld: eerste score → score bij {moment}**",
    "monitor.detail.schaal.regel": "- {perspective}: {start} → {end} ({n} casussen)",
    "monitor.detail.schaal.geen": "- nog geen schaalvragen bij uitchecken of afsluiten",
    "monitor.detail.moment.uitchecken": "uitchecken",
    "monitor.detail.moment.afsluiten": "afsluiten",
    "monitor.detail.gezin": (
        "**Sloot de hulp aan bij wat het gezin nodig had? (bij {moment})** ja {ja}, deels {deels}, "
        "nee {nee}, niet gevraagd {niet_gevraagd}, niet vastgelegd {not_recorded}"
    ),
    "monitor.detail.mdo": (
        "**MDO:** {cases} casussen in {held} overleggen; besproken {discussed}, doorgeschoven {carried}, "
        "met besluit {decided}; acties: {on_time} op tijd van {due} die klaar moesten zijn"
    ),
    "monitor.detail.overdracht": (
        "**Overdrachten:** {brought_in} casussen kregen een expert van een GI of de Raad terwijl een lokale "
        "regiehouder de regie had; bij {kept} bleef dat zo, bij {moved} ging de regie over"
    ),
    # --- the monthly report ----------------------------------------------------------------------------
    "monitor.rapport.kop": "**Maandcijfers erbij halen — {period}**",
    "monitor.rapport.grafiek": "Grafiek: {title}",
    "monitor.grafiek.oppakken": "Tijd tot oppakken (mediaan, uren) per maand",
    "monitor.grafiek.vrijwillig": "Afgesloten casussen in het vrijwillig kader (%) per maand",
    "monitor.grafiek.organisatie": "Vragen per organisatie",
    "monitor.grafiek.expertise": "Vragen per expertise",
    "monitor.grafiek.mdo": "Casussen per MDO-overleg per maand",
    "monitor.grafiek.onderdrukt": "<5: te klein om te tonen",
    "monitor.grafiek.geen": "geen",
    # --- the export (erbij monitor) ---------------------------------------------------------------------
    "monitor.export.datum": "{option} '{text}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-11-01.",
    "monitor.export.volgorde": "--tot ({tot}) ligt voor --van ({van}); draai ze om.",
    "monitor.export.map_nodig": (
        "Een csv-export bestaat uit drie bestanden: geef met --uit een map op, "
        "bijvoorbeeld --uit monitor-export."
    ),
    "monitor.export.geschreven": "Geschreven: {path} (schema erbij-monitor/1, pseudoniem).",
    # --- perspectives (the card's own labels are in cases.py; these are the short monitor forms) --------
    "monitor.perspectief.regiehouder": "regiehouder",
    "monitor.perspectief.expert_vt": "expert Veilig Thuis",
    "monitor.perspectief.expert_rvdk": "expert Raad",
    "monitor.perspectief.expert_gi": "expert GI",
    "monitor.perspectief.ouder": "ouder",
    "monitor.perspectief.kind": "kind",
    "monitor.perspectief.netwerk": "netwerk",
    # --- the family's answer (check-out and closing dialogs) -------------------------------------------
    "monitor.gezinsvraag": "Sloot de hulp aan bij wat het gezin nodig had?",
    "monitor.gezinsvraag.help": "Vraag het gezin zelf; kies 'niet gevraagd' als dat (nog) niet kon.",
    "monitor.antwoord.ja": "ja",
    "monitor.antwoord.deels": "deels",
    "monitor.antwoord.nee": "nee",
    "monitor.antwoord.niet_gevraagd": "niet gevraagd",
}
