"""Consults (MDO): registering cases, agendas, verslag, action items, the schedule and the calendar."""

MESSAGES = {
    # --- general ------------------------------------------------------------------------------------------
    "overleg.onbekend": "(onbekend)",
    "overleg.geen_voorzitter": "nog geen voorzitter",
    "overleg.ja": "Ja",
    "overleg.casus_een": "1 casus",
    "overleg.casussen": "{n} casussen",
    "overleg.nee": "Nee",
    "overleg.code_ongeldig": (
        "`{code}` is geen geldige casuscode. Controleer de code (bijvoorbeeld `WBW-7K3Q-2B`); "
        "bij een tikfout opent Erbij bewust niets."
    ),
    "overleg.geen_toegang_casus": (
        "Geen toegang tot {code}. Alleen de regiehouder van de casus of een coördinator kan hem inbrengen "
        "of afmelden."
    ),
    "overleg.geen_slots": (
        "Er zijn nog geen vaste overlegmomenten ingesteld. Een coördinator doet dat met "
        "`erbij consults init` (maandag, woensdag en vrijdag) of `erbij consults add`."
    ),
    "overleg.invoer.verplicht": "Vul dit in.",
    "overleg.invoer.kies": "Kies een van de mogelijkheden.",
    "overleg.invoer.te_lang": "Maximaal {max} tekens (nu {length}).",
    "overleg.discipline.veilig_thuis": "Veilig Thuis",
    "overleg.discipline.raad": "Raad voor de Kinderbescherming",
    "overleg.discipline.gi": "Gecertificeerde Instelling (GI)",
    "overleg.discipline.gedragswetenschapper": "Gedragswetenschapper",
    "overleg.discipline.lokaal_team": "Collega van het lokaal team",
    "overleg.discipline_kort.veilig_thuis": "Veilig Thuis",
    "overleg.discipline_kort.raad": "Raad (RvdK)",
    "overleg.discipline_kort.gi": "GI (jeugdbescherming)",
    "overleg.discipline_kort.gedragswetenschapper": "Gedragswetenschapper",
    "overleg.discipline_kort.lokaal_team": "Lokaal team",
    "overleg.inbrengen.discipline_hulp": "Wie wil je aan tafel voor deze casus?",
    "overleg.urgentie.spoed": "Spoed: gaat voor op de agenda",
    "overleg.urgentie.regulier": "Regulier",
    "overleg.dag.vandaag": "vandaag",
    "overleg.dag.morgen": "morgen ({day})",
    # --- registering --------------------------------------------------------------------------------------
    "overleg.inbrengen.gebruik": "Geef de casuscode mee, bijvoorbeeld `/overleg inbrengen WBW-7K3Q-2B`.",
    "overleg.inbrengen.titel": "Casus inbrengen",
    "overleg.inbrengen.intro": (
        "Casus {code} inbrengen voor het eerstvolgende MDO met ruimte. Gebruik alleen de casuscode en rollen "
        'zoals "Kind 1" of "moeder": geen namen, BSN, adressen of geboortedata.'
    ),
    "overleg.inbrengen.vraag": "Consultvraag",
    "overleg.inbrengen.vraag_hulp": "Wat wil je van het overleg weten of besloten hebben?",
    "overleg.inbrengen.urgentie": "Urgentie",
    "overleg.inbrengen.knop": "Inbrengen",
    "overleg.inbrengen.gesloten": "Casus {code} is afgesloten; een afgesloten casus breng je niet meer in.",
    "overleg.inbrengen.al_ingebracht": (
        "Casus {code} staat al op de agenda van {when}. Wil je hem verplaatsen? Meld hem eerst af met "
        "`/overleg afmelden {code}`."
    ),
    "overleg.inbrengen.geen_ruimte": (
        "Er is de komende {weeks} weken geen overleg met ruimte. Neem contact op met je coördinator."
    ),
    "overleg.inbrengen.geplaatst": "Casus {code} staat op de agenda van het {title} van {when} (~{channel}).",
    "overleg.inbrengen.reden_termijn": "Niet op {when}: inbrengen kon tot {deadline}.",
    "overleg.inbrengen.reden_vol": "Niet op {when}: dat overleg zit vol ({capacity} casussen).",
    "overleg.inbrengen.spoed": "Spoed: je casus gaat op de agenda voor de reguliere casussen.",
    "overleg.inbrengen.agenda_moment": "De agenda gaat {agenda} naar de voorzitter en het kanaal.",
    "overleg.inbrengen.afmelden": "Toch niet nodig? `/overleg afmelden {code}`.",
    # --- withdrawing --------------------------------------------------------------------------------------
    "overleg.afmelden.gebruik": "Geef de casuscode mee, bijvoorbeeld `/overleg afmelden WBW-7K3Q-2B`.",
    "overleg.afmelden.niet_ingebracht": "Casus {code} staat niet op de agenda van een komend overleg.",
    "overleg.afmelden.begonnen": (
        "Het overleg met casus {code} is al begonnen. De voorzitter legt vast dat de casus niet besproken "
        "is; hij schuift dan door naar het volgende overleg."
    ),
    "overleg.afmelden.gedaan": "Casus {code} is afgemeld voor het {title} van {when}.",
    "overleg.afmelden.door_ander": (
        "Je casus {code} is afgemeld voor het overleg van {when} (door een coördinator)."
    ),
    # --- overflow -----------------------------------------------------------------------------------------
    "overleg.doorgeschoven": (
        "Je casus {code} schuift door naar het {title} van {target} (~{channel}): het overleg van {source} "
        "{reason}."
    ),
    "overleg.reden.vol": "zit vol; spoedcasussen en vervolgbesprekingen gaan voor",
    "overleg.reden.feestdag": "gaat niet door ({holiday})",
    "overleg.reden.vervallen": "gaat niet door",
    # --- holidays -----------------------------------------------------------------------------------------
    "overleg.feestdag.vervalt": "Het {title} van {regular} om {time} gaat niet door: het is {holiday}.",
    "overleg.feestdag.botsing": (
        "Het {title} van {regular} om {time} gaat niet door: het is {holiday}, en de volgende werkdag is er "
        "al een overleg in dit kanaal."
    ),
    "overleg.feestdag.verplaatst": (
        "Het {title} van {regular} ({holiday}) wordt verplaatst naar {when}. Casussen voor dat overleg "
        "schuiven mee."
    ),
    "overleg.feestdagbeleid.overslaan": "vervalt op een feestdag",
    "overleg.feestdagbeleid.volgende_werkdag": "op een feestdag naar de volgende werkdag",
    "overleg.feestdagbeleid.vorige_werkdag": "op een feestdag naar de werkdag ervoor",
    # --- the agenda ---------------------------------------------------------------------------------------
    "overleg.agenda.titel": "#### Agenda {title} {when}",
    "overleg.agenda.laat": (
        "_Let op: deze agenda komt later dan gepland ({planned}), omdat Erbij toen niet bereikbaar was._"
    ),
    "overleg.agenda.verplaatst": "Verplaatst vanwege {holiday} (gewoonlijk op {regular}).",
    "overleg.agenda.kop": "Voorzitter: {chair} · kanaal ~{channel}{video}",
    "overleg.agenda.video": " · videoverbinding: {url}",
    "overleg.agenda.leeg": "Er zijn geen casussen ingebracht.",
    "overleg.agenda.opzet": (
        "Opening en vaststellen agenda; daarna {cases} van {minutes} minuten, tot {end}. "
        "Sluit af met rondvraag en het samenvatten van besluiten en actiepunten."
    ),
    "overleg.agenda.punt": "{time} · {code}{marks}",
    "overleg.agenda.spoed": "spoed",
    "overleg.agenda.vervolg": "vervolg",
    "overleg.agenda.alleen_code": "Details alleen voor de deelnemers aan het overleg.",
    "overleg.agenda.regiehouder": "Regiehouder: {lead}",
    "overleg.agenda.vraag": "Consultvraag: {question}",
    "overleg.agenda.gevraagd": "Gevraagd aan tafel: {disciplines}",
    "overleg.agenda.experts": "Betrokken experts: {experts}",
    "overleg.agenda.geen_experts": "nog geen",
    "overleg.agenda.eerder": "Eerdere besluiten: {decisions}",
    "overleg.agenda.tabel_kop": "| Tijd | Casus |\n|---|---|",
    "overleg.agenda.tabel_regel": "| {time} | {code} |",
    "overleg.agenda.kanaal_uitleg": (
        "De voorzitter heeft de volledige agenda met de samenvattingen. Deelnemers zien hem met "
        "`/overleg agenda`."
    ),
    "overleg.agenda.voorlopig": "_Voorlopige agenda: inbrengen kan nog tot {deadline}._",
    "overleg.agenda.gemist": (
        "De agenda van het {title} van {when} is niet verstuurd: Erbij was niet bereikbaar tot na het begin. "
        "Je ziet de agenda met `/overleg agenda`."
    ),
    "overleg.agenda.bijgewerkt": (
        "De agenda van het {title} van {when} is gewijzigd; de agenda hierboven is bijgewerkt.\n{changes}"
    ),
    "overleg.agenda.geen_deelnemer": (
        "Je bent geen deelnemer van dit overleg en hebt er geen casus op staan; de agenda is alleen voor "
        "deelnemers."
    ),
    "overleg.agenda.geen_overleg": "Er is geen komend overleg gepland.",
    "overleg.agenda.welke_dag": (
        'Welke dag bedoel je met "{text}"? Bijvoorbeeld `/overleg agenda woensdag` of '
        "`/overleg agenda 25-11`."
    ),
    "overleg.agenda.niet_op_dag": "Op {day} is er geen overleg. `/overleg rooster` laat zien wanneer wel.",
    "overleg.agenda.vervallen": "Het {title} van {day} gaat niet door ({holiday}).",
    "overleg.wijziging.afgemeld": "{code} is afgemeld.",
    "overleg.wijziging.doorgeschoven": "{codes} schuift door naar een volgend overleg (geen ruimte meer).",
    # --- the verslag --------------------------------------------------------------------------------------
    "overleg.verslag.geen_overleg": (
        "Je bent geen voorzitter van een overleg dat nu vastgelegd kan worden (vanaf een half uur voor het "
        "begin tot twee weken erna). Alleen de voorzitter legt het verslag vast."
    ),
    "overleg.verslag.alleen_voorzitter": "Alleen de voorzitter van dit overleg legt het verslag vast.",
    "overleg.verslag.al_afgerond": "Het verslag van dit overleg is al afgerond.",
    "overleg.verslag.nog_niet_begonnen": "Het overleg is nog niet begonnen; afronden kan daarna.",
    "overleg.verslag.niet_op_agenda": "Casus {code} staat niet op de agenda van dit overleg.",
    "overleg.verslag.punt_weg": "Dit agendapunt staat niet (meer) op de agenda van dit overleg.",
    "overleg.verslag.titel": "#### Verslag {title} {when}",
    "overleg.verslag.leeg": "Er stonden geen casussen op de agenda. Rond het verslag af om het te sluiten.",
    "overleg.verslag.uitleg": (
        "Klik per casus om het besluit, de actiepunten en het vervolg vast te leggen (opnieuw klikken past "
        "het aan). Casussen zonder besluit schuiven bij het afronden door naar het volgende overleg."
    ),
    "overleg.verslag.tabel_kop": "| Tijd | Casus | Status |\n|---|---|---|",
    "overleg.verslag.tabel_regel": "| {time} | {code} | {status} |",
    "overleg.verslag.vastgelegd": "vastgelegd",
    "overleg.verslag.open": "nog open",
    "overleg.verslag.afronden_knop": "Verslag afronden",
    "overleg.verslag.dialoog_titel": "Verslag {code}",
    "overleg.verslag.dialoog_intro": "Consultvraag bij {code}: {question}",
    "overleg.verslag.besluit": "Besluit",
    "overleg.verslag.acties": "Actiepunten",
    "overleg.verslag.acties_hulp": (
        "Eén per regel: wie, wat, wanneer. Bijv. Jeroen belt school voor vrijdag; @sanne … over 2 weken."
    ),
    "overleg.verslag.terug": "Komt terug?",
    "overleg.verslag.terug_hulp": "Komt de casus terug op een volgend overleg?",
    "overleg.verslag.opslaan": "Opslaan",
    "overleg.verslag.afgerond": (
        "Het verslag is afgerond: {discussed} besproken, {carried} doorgeschoven. De besluitenlijst staat in "
        "~{channel}; regiehouders en actiehouders hebben een bericht."
    ),
    "overleg.actie.te_veel": "Maximaal {max} actiepunten per casus.",
    "overleg.actie.geen_eigenaar": (
        "Regel {n}: wie doet het? Begin met de naam of @gebruikersnaam van een deelnemer, bijv. "
        "„Jeroen belt school voor vrijdag”."
    ),
    "overleg.actie.geen_deelnemer": (
        "Regel {n}: „{text}” is geen deelnemer van dit overleg (of staat niet actief in het rooster)."
    ),
    "overleg.actie.dubbelzinnig": (
        "Regel {n}: met „{text}” kan ik {candidates} bedoelen. Zet de achternaam erbij of gebruik de "
        "@gebruikersnaam."
    ),
    "overleg.actie.kandidaat": "@{username} ({name})",
    "overleg.actie.of": " of ",
    "overleg.actie.twee_eigenaren": (
        "Regel {n}: één actiehouder per regel („{text}”); maak er twee regels van."
    ),
    "overleg.actie.geen_datum": (
        "Regel {n}: wanneer? Schrijf bijv. „uiterlijk vrijdag”, „voor 4-12”, „over 2 weken” of "
        "„volgende week”."
    ),
    "overleg.actie.geen_omschrijving": "Regel {n}: wat moet er gebeuren?",
    "overleg.actie.te_lang": "Regel {n}: de omschrijving mag maximaal {max} tekens zijn.",
    "overleg.actie.privacy": "Regel {n}: {refusal}",
    "overleg.actie.datum_bereik": "Regel {n}: {due} ligt niet tussen het overleg en een jaar daarna.",
    "overleg.actie.nieuw": (
        "Nieuw actiepunt voor jou uit het overleg van {when}, casus {code}: {description} — uiterlijk {due}."
    ),
    # --- besluitenlijst and outcome -----------------------------------------------------------------------
    "overleg.besluiten.titel": "#### Besluitenlijst {title} {when}",
    "overleg.besluiten.besluit": "- **{code}**: {decision}",
    "overleg.besluiten.acties": "  - actiehouders: {owners}",
    "overleg.besluiten.eigenaar": "{name} (uiterlijk {due})",
    "overleg.besluiten.komt_terug": "  - komt terug op een volgend overleg",
    "overleg.besluiten.niet_besproken": (
        "- **{code}**: niet besproken; schuift door naar het volgende overleg"
    ),
    "overleg.besluiten.leeg": "Er stonden geen casussen op de agenda.",
    "overleg.uitkomst.titel": "Uitkomst van het overleg van {when} over casus {code}:",
    "overleg.uitkomst.besluit": "Besluit: {decision}",
    "overleg.uitkomst.actie": "- Actiepunt: {description} — {owner}, uiterlijk {due}",
    "overleg.uitkomst.niet_besproken": "Casus {code} is in het overleg van {when} niet besproken.",
    "overleg.uitkomst.volgende": "De casus staat op de agenda van {when}.",
    # --- action items -------------------------------------------------------------------------------------
    "overleg.acties.geen": "Je hebt geen openstaande actiepunten.",
    "overleg.acties.titel": "#### Jouw openstaande actiepunten ({count})",
    "overleg.acties.regel": "{n}. {code}: {description} — uiterlijk {due}{late}",
    "overleg.acties.te_laat": " (verlopen)",
    "overleg.acties.klaar": "Klaar",
    "overleg.acties.klaar_nummer": "Klaar: {n}",
    "overleg.acties.niet_van_jou": "Dit actiepunt is niet van jou; alleen de actiehouder zet het op klaar.",
    "overleg.acties.al_klaar": "Dit actiepunt was al afgerond.",
    "overleg.acties.afgerond": 'Actiepunt "{description}" ({code}) is afgerond.',
    "overleg.acties.afgerond_post": '✓ Actiepunt "{description}" ({code}) is afgerond.',
    "overleg.acties.lead_bericht": 'Actiepunt "{description}" bij casus {code} is afgerond door {owner}.',
    "overleg.herinnering": (
        'Herinnering: actiepunt "{description}" ({name}, casus {code}) staat nog open — uiterlijk {due}.'
    ),
    # --- schedule and calendar ----------------------------------------------------------------------------
    "overleg.rooster.titel": "#### Overleggen (MDO)",
    "overleg.rooster.vaste_momenten": "Vaste momenten:",
    "overleg.rooster.slot": (
        "- {day} {start}–{end} in ~{channel}: maximaal {max} casussen van {minutes} minuten; inbrengen tot "
        "{deadline}, agenda {agenda}; voorzitter: {chair}; {holiday}"
    ),
    "overleg.rooster.zelfde_dag": "dezelfde dag om {time}",
    "overleg.rooster.werkdagen_ervoor": "{days} werkdag(en) ervoor om {time}",
    "overleg.rooster.alle_voorzitters": "om de beurt uit alle voorzitters",
    "overleg.rooster.rota": "om de beurt {names}",
    "overleg.rooster.komend": "De komende {weeks} weken:",
    "overleg.rooster.overleg": (
        "- {when}: {count} van {capacity} casussen, voorzitter {chair}, inbrengen tot {deadline}{moved}"
    ),
    "overleg.rooster.verplaatst": " (verplaatst vanwege {holiday})",
    "overleg.rooster.kalender": "Zet de overleggen in je eigen agenda met `/overleg kalender`.",
    "overleg.kalender.bericht": (
        "De overleggen van de komende {weeks} weken als agendabestand (.ics). Open het in je agenda-app; "
        "vraag je coördinator om een abonnementslink als je wijzigingen automatisch wilt zien."
    ),
    "overleg.kalender.onderweg": "Je krijgt het agendabestand zo in een privébericht.",
    "overleg.ical.naam": "Erbij: overleggen (MDO)",
    "overleg.ical.titel": "{title} (~{channel})",
    "overleg.ical.kanaal": "Kanaal in Mattermost: ~{channel}",
    "overleg.ical.voorzitter": "Voorzitter: {chair}",
    "overleg.ical.video": "Videoverbinding: {url}",
    "overleg.ical.vervallen": "Gaat niet door ({holiday}).",
    "overleg.ical.verplaatst": "Verplaatst vanwege {holiday}.",
    # --- CLI ----------------------------------------------------------------------------------------------
    "overleg.beheer.dag_onbekend": (
        '"{text}" is geen dag; gebruik maandag t/m vrijdag (of ma, di, wo, do, vr).'
    ),
    "overleg.beheer.tijd_onbekend": '"{text}" is geen tijd; gebruik bijvoorbeeld 10:00.',
    "overleg.beheer.moment_onbekend": (
        '"{text}" is geen moment; gebruik werkdagen ervoor en een tijd, bijvoorbeeld "1 12:00" of "0 08:30".'
    ),
    "overleg.beheer.feestdag_onbekend": (
        '"{text}" ken ik niet; kies overslaan, volgende_werkdag of vorige_werkdag.'
    ),
    "overleg.beheer.dag_en_kanaal": "Geef minstens --weekday en --channel op.",
    "overleg.beheer.kanaal_nodig": (
        "Geef het kanaal op met --channel, bijvoorbeeld --channel mdo-west-brabant."
    ),
    "overleg.beheer.bestaat": "Er is al een overlegmoment met de naam {key}.",
    "overleg.beheer.onbekend": "Er is geen overlegmoment met de naam {key}.",
    "overleg.beheer.persoon_onbekend": "@{username} staat niet (actief) in het rooster.",
    "overleg.beheer.fout.naam": "De naam {key} mag alleen kleine letters, cijfers, - en _ bevatten.",
    "overleg.beheer.fout.weekend": "Een overleg valt op een werkdag (maandag t/m vrijdag).",
    "overleg.beheer.fout.starttijd": "De starttijd ligt tussen 07:00 en 20:00.",
    "overleg.beheer.fout.duur": "De duur is 15 tot 480 minuten.",
    "overleg.beheer.fout.casussen": "Per casus 5 tot 120 minuten, en 1 tot 40 casussen per overleg.",
    "overleg.beheer.fout.past_niet": "Er past geen enkele casus in de duur van het overleg.",
    "overleg.beheer.fout.kanaal": "{channel} is geen kanaalnaam (kleine letters, cijfers, - en _).",
    "overleg.beheer.fout.ver_vooruit": (
        "Inbrengtermijn en agenda liggen hooguit 10 werkdagen voor het overleg."
    ),
    "overleg.beheer.fout.termijn_na_agenda": "Het inbrengen moet sluiten voordat de agenda verstuurd wordt.",
    "overleg.beheer.fout.agenda_te_laat": "De agenda moet vóór het begin van het overleg verstuurd worden.",
    "overleg.beheer.fout.video": "De videolink begint met https:// en bevat geen spaties.",
    "overleg.cli.niet_gelukt": "Niet gelukt; er is niets veranderd:\n{problems}",
    "overleg.cli.gestopt": " (gestopt)",
    "overleg.cli.gestopt_reden": "overlegmoment gestopt",
    "overleg.cli.deelnemers": "    vaste deelnemers: {names}",
    "overleg.cli.video": "    videolink: {url}",
    "overleg.cli.init": "{count} overlegmoment(en) aangemaakt: {keys}.",
    "overleg.cli.toegevoegd": "Overlegmoment {key} is toegevoegd; de komende overleggen zijn ingepland.",
    "overleg.cli.gewijzigd": (
        "Overlegmoment {key} is gewijzigd: {replanned} komende overleg(gen) aangepast, {moved} casus(sen) "
        "doorgeschoven (hun regiehouders krijgen bericht)."
    ),
    "overleg.cli.gestopt_melding": (
        "Overlegmoment {key} is gestopt: {replanned} komende overleg(gen) vervallen, {moved} casus(sen) "
        "doorgeschoven (hun regiehouders krijgen bericht)."
    ),
    "overleg.cli.geen_overleggen": "Geen overleggen in de komende {weeks} weken.",
    "overleg.cli.plan_regel": (
        "[{key}] {when}: voorzitter {chair}, {count}/{capacity} casussen, inbrengen tot {deadline}, "
        "agenda {agenda}{moved}"
    ),
    "overleg.cli.plan_vervalt": "[{key}] {when}: vervalt ({holiday})",
    "overleg.cli.ical_geschreven": "Agendabestand geschreven naar {path}.",
    "overleg.cli.feed_instellingen": (
        "Voor een abonnementslink zijn ERBIJ_SECRET en ERBIJ_PUBLIC_URL nodig (dezelfde als voor "
        "`erbij serve`)."
    ),
}
