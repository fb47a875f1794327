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
    # --- serve ------------------------------------------------------------------------------------------
    "admin.serve.no_tokens": (
        "Erbij mag zijn slash-commando's niet zelf aanmaken en ERBIJ_COMMAND_TOKENS is leeg. Laat een "
        "teambeheerder de commando's aanmaken (de instructie staat hierboven in het log) en zet hun tokens "
        "in ERBIJ_COMMAND_TOKENS."
    ),
}
