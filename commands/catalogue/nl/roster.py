"""Roster and availability: `/beschikbaar`, the coordinator's overview, the roster file and its import."""

EXAMPLES = (
    "Voorbeelden die werken: `/beschikbaar afwezig morgen`, `/beschikbaar afwezig 24-12 t/m 2-1`, "
    "`/beschikbaar afwezig vrijdag t/m dinsdag: cursus`."
)

MESSAGES = {
    # --- expertise vocabulary (docs/domain.md §4) ----------------------------------------------------
    "expertise.huiselijk_geweld": "huiselijk geweld",
    "expertise.kindermishandeling": "kindermishandeling",
    "expertise.seksueel_misbruik": "seksueel misbruik",
    "expertise.complexe_scheiding": "complexe scheiding",
    "expertise.eergerelateerd_geweld": "eergerelateerd geweld (ook huwelijksdwang en vgv)",
    "expertise.verslaving_ouder": "verslaving van een ouder",
    "expertise.psychiatrie_ouder": "psychiatrische problemen van een ouder",
    "expertise.lvb": "licht verstandelijke beperking (LVB)",
    "expertise.schulden_bestaanszekerheid": "schulden en bestaanszekerheid",
    "expertise.huisvesting": "huisvesting",
    "expertise.radicalisering": "radicalisering",
    "expertise.mensenhandel_loverboys": "mensenhandel en loverboys",
    "expertise.jeugdcriminaliteit": "jeugdcriminaliteit",
    "expertise.trauma": "trauma",
    "expertise.juridisch_kader": "juridisch kader (maatregelen, raadsonderzoek)",
    # --- calendar words (comma-separated, Monday first) -----------------------------------------------
    "roster.calendar.weekdays": "maandag,dinsdag,woensdag,donderdag,vrijdag,zaterdag,zondag",
    "roster.calendar.weekdays_short": "ma,di,wo,do,vr,za,zo",
    "roster.calendar.months": (
        "januari,februari,maart,april,mei,juni,juli,augustus,september,oktober,november,december"
    ),
    "roster.period": "{start} t/m {end}",
    "roster.no_working_days": "geen vaste werkdagen",
    # --- availability -----------------------------------------------------------------------------------
    "roster.reason.inactive": "niet (meer) actief in het rooster",
    "roster.reason.not_expert": "geen expertrol",
    "roster.reason.paused": "op pauze",
    "roster.reason.absent": "afwezig t/m {until}",
    "roster.reason.holiday": "feestdag ({name})",
    "roster.reason.not_working_day": "geen werkdag",
    "roster.reason.outside_hours": "buiten werktijd ({start}–{end})",
    "roster.reason.no_capacity": "geen capaciteit ingesteld",
    "roster.reason.full": "vol ({used} van {capacity} casussen)",
    "roster.soft.ooo": "status 'Afwezig' (ooo) in Mattermost",
    "roster.soft.dnd": "status 'Niet storen' in Mattermost",
    # --- /beschikbaar: status -----------------------------------------------------------------------------
    "roster.status.title_own": "#### Je beschikbaarheid",
    "roster.status.title_other": "#### Beschikbaarheid van {name} ({organisation})",
    "roster.status.available_own": "**Je bent nu beschikbaar** voor nieuwe vragen.",
    "roster.status.available_other": "**{name} is nu beschikbaar** voor nieuwe vragen.",
    "roster.status.unavailable_own": "**Je bent nu niet beschikbaar:** {reasons}.",
    "roster.status.unavailable_other": "**{name} is nu niet beschikbaar:** {reasons}.",
    "roster.status.soft": (
        "Let op: {signal}. Dat telt niet mee voor de beschikbaarheid in Erbij, maar collega's zien het wel."
    ),
    "roster.status.load": "Bezetting: {used} van {capacity} casussen{cases}.",
    "roster.status.cases": " ({codes})",
    "roster.status.hours": "Werktijden: {days}, {start}–{end}.",
    "roster.status.absences": "Afwezig:",
    "roster.status.from_roster": " (uit het rooster)",
    "roster.status.tips": (
        "Aanpassen: `/beschikbaar afwezig <van> t/m <tot>` · `/beschikbaar afwezig wissen` · "
        "`/beschikbaar capaciteit <aantal>` · `/beschikbaar pauze` / `hervat`"
    ),
    # --- /beschikbaar: changes -----------------------------------------------------------------------------
    "roster.period_examples": EXAMPLES,
    "roster.period.missing": "Van wanneer tot wanneer ben je afwezig?",
    "roster.period.too_many_parts": "Ik zie meer dan één 't/m' in \"{text}\".",
    "roster.period.bare_tot": (
        "Gebruik `t/m` (tot en met) in plaats van `tot`, dan is duidelijk dat de laatste dag meetelt."
    ),
    "roster.period.half_range": 'In "{text}" mist de begin- of einddatum.',
    "roster.period.ends_before_start": "De periode eindigt ({end}) voordat hij begint ({start}).",
    "roster.period.over": "Die periode is al voorbij (t/m {end}).",
    "roster.period.too_long": (
        "Die periode duurt {days} dagen; langer dan een jaar kan alleen je coördinator invoeren."
    ),
    "roster.period.unknown_month": 'Ik ken de maand in "{text}" niet.',
    "roster.period.not_a_day": 'Ik begrijp "{text}" niet als datum.',
    "roster.period.weekday_mismatch": 'In "{text}" klopt de dag niet: het is {day}.',
    "roster.period.no_such_day": '"{text}" is geen bestaande datum.',
    "roster.absent.already": "Die afwezigheid ({period}) stond er al.",
    "roster.absent.saved_own": (
        "Genoteerd: je bent afwezig {period}. Je krijgt in die tijd geen nieuwe vragen; "
        "lopende casussen blijven gewoon van jou."
    ),
    "roster.absent.saved_other": "Genoteerd: {name} is afwezig {period}.",
    "roster.absent.cleared": "{count} afwezigheid/afwezigheden gewist die je zelf had ingevoerd.",
    "roster.absent.roster_kept": (
        "{count} afwezigheid/afwezigheden uit het rooster blijven staan; die kan je coördinator aanpassen."
    ),
    "roster.capacity.invalid": (
        "Geef een aantal van 0 t/m {maximum}, bijvoorbeeld `/beschikbaar capaciteit 3`."
    ),
    "roster.capacity.saved": "Capaciteit van {name} staat nu op {capacity} casussen tegelijk.",
    "roster.capacity.zero": (
        "Met capaciteit 0 krijg je geen nieuwe vragen. Liever even pauze? `/beschikbaar pauze`."
    ),
    "roster.capacity.below_load": (
        "Er lopen nu al {used} casussen, dus er komen pas weer vragen als er een afloopt."
    ),
    "roster.pause.no_arguments": "`/beschikbaar {sub}` heeft verder niets nodig.",
    "roster.pause.already_on": "Die pauze stond al aan.",
    "roster.pause.already_off": "Er stond geen pauze aan: je krijgt gewoon vragen.",
    "roster.pause.on_own": (
        "Je staat op pauze: je krijgt geen nieuwe vragen. Je lopende casussen blijven gewoon van jou. "
        "Typ `/beschikbaar hervat` als je weer vragen wilt krijgen."
    ),
    "roster.pause.on_other": "{name} staat nu op pauze en krijgt geen nieuwe vragen.",
    "roster.pause.off_own": "Welkom terug: je krijgt weer nieuwe vragen.",
    "roster.pause.off_other": "De pauze van {name} is opgeheven.",
    "roster.one_person": "Noem één persoon tegelijk.",
    "roster.only_own": "Je kunt alleen je eigen beschikbaarheid bekijken en aanpassen.",
    "roster.unknown_person": "@{username} staat niet actief in het rooster.",
    # --- coordinators' overview -----------------------------------------------------------------------------
    "roster.summary.only_coordinators": "Het roosteroverzicht is alleen voor coördinatoren.",
    "roster.summary.title": "#### Rooster: {period}",
    "roster.summary.no_experts": "Er staan nog geen experts in het rooster.",
    "roster.summary.org_header": "| Organisatie | Experts | Nu beschikbaar | Deze week beschikbaar |",
    "roster.summary.expertise_header": "| Expertise | Experts | Deze week beschikbaar |",
    "roster.summary.full_header": "**Vol of overvol**",
    "roster.summary.full_line": "- {name} ({organisation}): vol, {used} van {capacity}",
    "roster.summary.over_line": "- {name} ({organisation}): **overvol**, {used} van {capacity}",
    "roster.summary.nobody_full": "Niemand zit vol.",
    "roster.summary.more": "- … en nog {count}",
    "roster.summary.and_more": " en nog {count}",
    "roster.summary.paused": "**Op pauze:** {names}",
    "roster.summary.away": "**De hele week afwezig of vrij:** {names}",
    # --- the roster file ---------------------------------------------------------------------------------
    "roster.file.line": "regel {line}",
    "roster.file.top": "het bestand",
    "roster.file.syntax": "geen geldige YAML ({detail})",
    "roster.file.not_a_mapping": (
        "Het bestand moet beginnen met de onderdelen `organisations:` en `professionals:`."
    ),
    "roster.file.duplicate_key": "dit veld staat er twee keer",
    "roster.file.missing": "ontbreekt",
    "roster.file.extra": "onbekend veld (tikfout?)",
    "roster.file.int": "moet een geheel getal zijn",
    "roster.file.min": "moet minstens {limit} zijn",
    "roster.file.max": "mag hoogstens {limit} zijn",
    "roster.file.text": "moet tekst zijn",
    "roster.file.empty": "mag niet leeg zijn",
    "roster.file.too_long": "is te lang (hoogstens {limit} tekens)",
    "roster.file.key": "gebruik alleen kleine letters, cijfers, - en _ (bv. `vt-wbw`)",
    "roster.file.empty_list": "mag niet leeg zijn",
    "roster.file.list": "moet een lijst zijn, bv. `[expert, voorzitter]`",
    "roster.file.mapping": "moet een blok met velden zijn",
    "roster.file.date": "geen geldige datum; schrijf bv. 2026-12-24 of 24-12-2026",
    "roster.file.kind": "onbekende soort organisatie; kies uit {allowed}",
    "roster.file.role": "onbekende rol '{role}'; kies uit {allowed}",
    "roster.file.days": "werkdagen als `[ma, di, do]` of `ma-vr`",
    "roster.file.hours": 'werktijden tussen aanhalingstekens, bv. "08:30-17:00"',
    "roster.file.hours_order": "de eindtijd moet na de begintijd liggen",
    "roster.file.absence_order": "last_day ligt vóór first_day",
    "roster.file.username": (
        "geen geldige Mattermost-gebruikersnaam (3 tot 22 tekens: kleine letters, cijfers, . - _)"
    ),
    "roster.file.capacity_required": "capacity is verplicht voor een expert (hoeveel casussen tegelijk)",
    "roster.file.expertise_key": "gebruik alleen kleine letters, cijfers, - en _",
    "roster.file.duplicate": "'{value}' komt vaker voor in het bestand",
    "roster.file.unknown_org": "organisatie '{key}' staat niet onder `organisations`",
    "roster.file.unknown_expertise": "niet in de lijst met expertises: {tag}",
    "roster.file.unknown_user": "geen Mattermost-gebruiker met de naam '{username}'",
    # --- CLI ----------------------------------------------------------------------------------------------
    "roster.export.header": (
        "Rooster van Erbij, geëxporteerd op {day}. Inlezen: erbij roster import <bestand>"
    ),
    "roster.import.invalid": "Het rooster is niet ingelezen; er is niets veranderd. Los dit op:",
    "roster.import.dry_run": "Proefrun: er is niets opgeslagen.",
    "roster.import.nothing": "Niets veranderd: het rooster was al zo ({unchanged} personen).",
    "roster.import.done": (
        "Rooster ingelezen: {added} nieuw, {updated} gewijzigd, {reactivated} terug, "
        "{deactivated} gedeactiveerd, {unchanged} ongewijzigd."
    ),
    "roster.import.organisations": "De organisaties zijn bijgewerkt.",
    "roster.import.vocabulary": "De lijst met expertises is bijgewerkt.",
    "roster.import.names": "  {label}: {names}",
    "roster.import.label.added": "nieuw",
    "roster.import.label.updated": "gewijzigd",
    "roster.import.label.reactivated": "terug",
    "roster.import.label.deactivated": "gedeactiveerd",
    "roster.show.header": "| Naam | Gebruiker | Organisatie | Rollen | Bezetting | Nu |",
    "roster.show.available": "beschikbaar",
    "roster.cli.needs_mattermost": (
        "Voor het inlezen zijn ERBIJ_MATTERMOST_URL, ERBIJ_MATTERMOST_TOKEN en ERBIJ_MATTERMOST_TEAM nodig: "
        "Erbij zoekt elke gebruikersnaam op in Mattermost. Zonder Mattermost kun je het bestand wel "
        "controleren met `erbij roster import --dry-run <bestand>`."
    ),
    "roster.cli.unchecked": (
        "Let op: de gebruikersnamen zijn niet in Mattermost gecontroleerd, want ERBIJ_MATTERMOST_URL en "
        "ERBIJ_MATTERMOST_TOKEN zijn niet ingesteld. Het bestand zelf is wel gecontroleerd."
    ),
    "roster.cli.checked": "Alle gebruikersnamen zijn in Mattermost gevonden.",
    "roster.cli.unreadable": "Kan {path} niet lezen: {reason}",
    "roster.show.empty": "Het rooster is leeg. Lees het in met `erbij roster import <bestand>`.",
}
