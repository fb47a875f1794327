"""What the administrator reads: setup mistakes (settings, database, Mattermost), `serve` and `doctor`.

Every message names the setting or the step, and the fix; one language (Dutch) throughout.
"""

_NEW_SECRET = '`python3 -c "import secrets; print(secrets.token_urlsafe(32))"`'

MESSAGES = {
    # --- settings ---------------------------------------------------------------------------------------
    "admin.settings.header": (
        "Erbij kan niet starten; controleer deze instellingen (in de omgeving of in het bestand .env):"
    ),
    "admin.setting.int": "{name} moet een geheel getal zijn (nu: {value}).",
    "admin.setting.float": "{name} moet een getal zijn (nu: {value}).",
    "admin.setting.bool": "{name} moet true of false zijn (nu: {value}).",
    "admin.setting.url": (
        "{name} moet een volledig webadres zijn dat met http:// of https:// begint, "
        "bijv. https://chat.voorbeeld.nl (nu: {value})."
    ),
    "admin.setting.at_least": "{name} moet minstens {limit} zijn (nu: {value}).",
    "admin.setting.at_most": "{name} mag hoogstens {limit} zijn (nu: {value}).",
    "admin.setting.above": "{name} moet groter dan {limit} zijn (nu: {value}).",
    "admin.setting.invalid": "{name} heeft geen geldige waarde (nu: {value}).",
    "admin.setting.timezone": (
        "ERBIJ_TIMEZONE: de tijdzone {value} bestaat niet; gebruik een naam als Europe/Amsterdam."
    ),
    "admin.setting.channel_guard": (
        "ERBIJ_CHANNEL_GUARD moet delete, warn of off zijn (nu: {value}): delete haalt een bericht met "
        "een identificerend gegeven weg waar Erbij dat mag, warn waarschuwt alleen de schrijver."
    ),
    "admin.setting.prefix": (
        "ERBIJ_CASE_CODE_PREFIX: {value} kan geen voorvoegsel van casuscodes zijn; gebruik 2 tot 5 "
        "hoofdletters zonder I, L en O, bijv. WBW."
    ),
    "admin.setting.secret_short": (
        "ERBIJ_SECRET is te kort ({length} tekens); gebruik minstens 16 willekeurige tekens, bijvoorbeeld "
        "de uitvoer van " + _NEW_SECRET + "."
    ),
    "admin.setting.missing": "{name} ontbreekt; `erbij {step}` heeft deze instelling nodig: {hint}.",
    "admin.setting.hint.mattermost_url": "het adres van je Mattermost, bijv. https://chat.voorbeeld.nl",
    "admin.setting.hint.mattermost_token": (
        "het toegangstoken van het bot-account (Systeemconsole > Integraties > Bot-accounts)"
    ),
    "admin.setting.hint.mattermost_team": (
        "de teamnaam zoals in de adresbalk van Mattermost, bijv. jeugdregio"
    ),
    "admin.setting.hint.public_url": (
        "het adres waarop Mattermost Erbij bereikt, bijv. https://erbij.voorbeeld.nl"
    ),
    "admin.setting.hint.secret": "minstens 16 willekeurige tekens, bijv. de uitvoer van " + _NEW_SECRET,
    # --- database ---------------------------------------------------------------------------------------
    "admin.db.url": (
        "{setting} is geen geldige database-URL. Gebruik bijv. sqlite:///erbij.db of "
        "postgresql://erbij@localhost/erbij."
    ),
    "admin.db.driver": (
        "{setting} wijst naar een soort database die Erbij niet ondersteunt ({where}). Erbij werkt met "
        "SQLite (sqlite:///pad/naar/erbij.db) en PostgreSQL (postgresql://gebruiker@host/database)."
    ),
    "admin.db.missing": (
        "De database {name} bestaat niet op de databaseserver ({where}). Maak hem aan, bijv. met "
        "`createdb {name}` of `CREATE DATABASE {name};` in psql, en draai daarna `erbij db upgrade`; "
        "of corrigeer de naam in {setting}."
    ),
    "admin.db.login": (
        "De databaseserver weigert de inlog ({where}). Controleer gebruikersnaam en wachtwoord in {setting}."
    ),
    "admin.db.unreachable": (
        "De databaseserver is niet bereikbaar ({where}). Controleer of PostgreSQL draait en of host en poort "
        "in {setting} kloppen."
    ),
    "admin.db.file": (
        "Erbij kan het databasebestand niet openen of aanmaken ({where}). Controleer of de map bestaat en "
        "Erbij erin mag schrijven, of corrigeer het pad in {setting}."
    ),
    "admin.db.schema": (
        "De database ({where}) heeft schemaversie {current}; deze versie van Erbij verwacht {head}. "
        "Draai eerst `erbij db upgrade`."
    ),
    "admin.db.schema_empty": "leeg (nog niet ingericht)",
    "admin.db.revision": (
        "Schemaversie {revision} bestaat niet. Gebruik `erbij db upgrade` (naar de nieuwste, {head}), "
        "`erbij db downgrade base` (alles leeg) of een versie die `erbij db current` noemt."
    ),
    "admin.db.downgrade_needs_revision": (
        "Geef de versie om naar terug te gaan, bijv. `erbij db downgrade base`."
    ),
    "admin.db.drift": (
        "De modellen en de migraties verschillen: maak een migratie die het verschil vastlegt "
        "(ontwikkelaars: alembic revision --autogenerate). Melding van alembic: {detail}"
    ),
    "admin.db.other": (
        "De database ({where}) geeft een fout; controleer {setting}. Melding van de database: {detail}"
    ),
    # --- Mattermost -------------------------------------------------------------------------------------
    "admin.mm.unreachable": (
        "Mattermost is niet bereikbaar op {url}. Controleer ERBIJ_MATTERMOST_URL en of Mattermost draait."
    ),
    "admin.mm.token": (
        "Mattermost weigert het token in ERBIJ_MATTERMOST_TOKEN. Maak een nieuw toegangstoken voor het "
        "bot-account (Systeemconsole > Integraties > Bot-accounts) en zet dat in ERBIJ_MATTERMOST_TOKEN."
    ),
    "admin.mm.team": (
        "Mattermost kent geen team {team} (ERBIJ_MATTERMOST_TEAM), of het bot-account is er geen lid van. "
        "Gebruik de teamnaam zoals in de adresbalk (https://chat.voorbeeld.nl/<teamnaam>/…) en voeg het "
        "bot-account aan dat team toe."
    ),
    "admin.mm.other": (
        "Mattermost gaf een onverwacht antwoord (HTTP {status}); controleer ERBIJ_MATTERMOST_URL, "
        "ERBIJ_MATTERMOST_TOKEN en ERBIJ_MATTERMOST_TEAM, en `erbij doctor`."
    ),
    "admin.serve.port": (
        "Erbij kan niet luisteren op {host}:{port} ({reason}). Is Erbij al gestart, of gebruikt een ander "
        "programma die poort? Kies een vrije poort met ERBIJ_PORT, of een ander adres met ERBIJ_HOST."
    ),
    # --- serve ------------------------------------------------------------------------------------------
    "admin.serve.no_tokens": (
        "Erbij mag zijn slash-commando's niet zelf aanmaken en ERBIJ_COMMAND_TOKENS is leeg. Laat een "
        "teambeheerder de commando's aanmaken (de instructie staat hierboven in het log) en zet hun tokens "
        "in ERBIJ_COMMAND_TOKENS."
    ),
    # --- command line ---------------------------------------------------------------------------------
    "cli.help.positionals": "argumenten",
    "cli.help.options": "opties",
    "cli.help.help": "toon deze hulp",
    "cli.help.usage": "gebruik: ",
    "cli.parse.error": "{prog}: {message} (`{prog} --help` toont wat kan)",
    "cli.parse.required": "dit ontbreekt: {names}",
    "cli.parse.choice": "{value} kan niet bij {name}; kies uit {choices}",
    "cli.parse.number": "{name} moet een getal zijn, niet {value}",
    "cli.parse.one_value": "na {name} hoort een waarde",
    "cli.parse.unknown": "dit ken ik niet: {names}",
    "cli.parse.other": "de opdracht klopt niet: {message}",
    # --- doctor -----------------------------------------------------------------------------------------
    "doctor.header": "Erbij doctor: controle van deze installatie",
    "doctor.ok": "ok    {what}",
    "doctor.wrong": "FOUT  {what}\n      oplossing: {fix}",
    "doctor.all_ok": "Alles in orde ({count} controles).",
    "doctor.some_wrong": (
        "{wrong} van de {count} controles niet in orde; los ze op en draai `erbij doctor` opnieuw."
    ),
    "doctor.skipped": "      (niet gecontroleerd: {what}; los eerst de fout hierboven op)",
    "doctor.db.reachable": "database bereikbaar ({where})",
    "doctor.db.schema": "databaseschema actueel ({head})",
    "doctor.setting": "{name} ingesteld",
    "doctor.mm.reachable": "Mattermost bereikbaar op {url}",
    "doctor.mm.reachable_fix": (
        "controleer ERBIJ_MATTERMOST_URL en of Mattermost draait en vanaf deze machine bereikbaar is"
    ),
    "doctor.mm.token": "token geldig (ERBIJ_MATTERMOST_TOKEN)",
    "doctor.mm.bot": "het token hoort bij een bot-account (@{username})",
    "doctor.mm.bot_fix": (
        "@{username} is een gewone gebruiker. Maak een bot-account aan (Systeemconsole > Integraties > "
        "Bot-accounts), geef het een toegangstoken en zet dat in ERBIJ_MATTERMOST_TOKEN"
    ),
    "doctor.mm.team": "team {team} bestaat (ERBIJ_MATTERMOST_TEAM)",
    "doctor.mm.team_fix": (
        "Mattermost kent geen team {team}; gebruik de teamnaam zoals in de adresbalk "
        "(https://chat.voorbeeld.nl/<teamnaam>/…) in ERBIJ_MATTERMOST_TEAM"
    ),
    "doctor.mm.member": "@{username} is lid van team {team}",
    "doctor.mm.member_fix": (
        "voeg @{username} toe aan team {team} (Systeemconsole > Gebruikersbeheer > Teams > {team} > "
        "Leden toevoegen)"
    ),
    "doctor.mm.unexpected": "Mattermost gaf een onverwacht antwoord: {error}",
    "doctor.commands": "slash-commando's {triggers} aanwezig, met URL {url}",
    "doctor.commands.missing": (
        "{triggers} bestaan niet in team {team}; start `erbij serve` (die maakt ze aan), of laat een "
        "teambeheerder ze aanmaken met URL {url} en zet hun tokens in ERBIJ_COMMAND_TOKENS"
    ),
    "doctor.commands.url": (
        "{triggers} wijzen naar {found}; dat moet {url} zijn (onder ERBIJ_PUBLIC_URL). Start `erbij serve` "
        "opnieuw (die zet de URL goed) of pas het aan in Integraties > Slash-commando's"
    ),
    "doctor.commands.tokens": (
        "slash-commando's: Erbij mag ze niet inzien, ERBIJ_COMMAND_TOKENS heeft {count} tokens"
    ),
    "doctor.commands.no_permission": (
        "Erbij mag de slash-commando's niet beheren en ERBIJ_COMMAND_TOKENS heeft {count} van de {needed} "
        "tokens. Geef het bot-account het recht om slash-commando's te beheren, of laat een teambeheerder "
        "{triggers} aanmaken met URL {url} en zet hun tokens in ERBIJ_COMMAND_TOKENS"
    ),
    "doctor.channel": "kanaal ~{channel} bestaat, met {who} erin",
    "doctor.channel.missing": (
        "kanaal ~{channel} bestaat niet in team {team}; maak het aan (privé) en voeg {who} toe{hint}"
    ),
    "doctor.channel.closed": (
        "kanaal ~{channel} bestaat, maar @{bot} is geen lid; voeg @{bot} toe aan ~{channel}"
    ),
    "doctor.channel.members": "voeg {missing} toe aan ~{channel}",
    "doctor.channel.coordinators_hint": ", of kies een ander kanaal met ERBIJ_COORDINATORS_CHANNEL",
    "doctor.channel.consult_hint": ", of kies een ander kanaal met `erbij consults set {key} --channel …`",
    "doctor.consult.roster": "voorzitter en deelnemers van overleg [{key}] staan in het rooster",
    "doctor.consult.roster_fix": (
        "{names} staan niet (meer) in het rooster; pas het overleg aan met "
        "`erbij consults set {key} --chair … --members …` of neem ze weer op in het rooster"
    ),
    "doctor.roster.exist": "alle {count} mensen uit het rooster bestaan in Mattermost",
    "doctor.roster.exist_fix": (
        "{names} bestaan niet (meer) in Mattermost; maak de accounts aan of haal ze uit het rooster "
        "(`erbij roster import`)"
    ),
    "doctor.roster.renamed": (
        "{names} horen nu bij een ander Mattermost-account dan bij het inlezen; lees het rooster opnieuw in "
        "(`erbij roster import`)"
    ),
    "doctor.roster.team": "alle {count} mensen uit het rooster zijn lid van team {team}",
    "doctor.roster.team_fix": "voeg {names} toe aan team {team}",
    "doctor.health": "Erbij bereikbaar op {url}",
    "doctor.health_fix": (
        "start `erbij serve` en controleer dat ERBIJ_PUBLIC_URL (en de reverse proxy ervoor) naar Erbij "
        "leidt; vanaf hier: {reason}"
    ),
    "doctor.health.status": "Erbij antwoordt met HTTP {status} ({body})",
}
