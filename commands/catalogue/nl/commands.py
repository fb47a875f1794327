"""Descriptions and autocomplete hints of the slash commands, as Mattermost shows them."""

MESSAGES = {
    "command.erbij.display_name": "Erbij halen",
    "command.erbij.description": "Een expert van Veilig Thuis, de Raad of een GI erbij halen",
    "command.erbij.hint": "[casuscode | status | intrekken | uitchecken | help]",
    "command.kaart.display_name": "Veiligheidskaart",
    "command.kaart.description": "De veiligheidskaart van een casus bekijken of bijwerken",
    "command.kaart.hint": (
        "[nieuw | lijst | <casuscode> [bewerken | kader | geschiedenis | export | regie | sluiten] | help]"
    ),
    "command.overleg.display_name": "Multidisciplinair overleg",
    "command.overleg.description": "Casussen inbrengen, agenda en verslag van het MDO",
    "command.overleg.hint": "[inbrengen | afmelden | agenda | verslag | acties | rooster | kalender | help]",
    "command.beschikbaar.display_name": "Beschikbaarheid",
    "command.beschikbaar.description": "Je beschikbaarheid als expert bekijken of doorgeven",
    "command.beschikbaar.hint": (
        "[afwezig <van> t/m <tot> | capaciteit <n> | pauze | hervat | overzicht | help]"
    ),
}
