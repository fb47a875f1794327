"""Closing the loop: escalations coordinators act on, one face first, check-ins and status in plain words."""

MESSAGES = {
    # --- moments, as people say them ------------------------------------------------------------------
    "when.today": "vandaag om {time}",
    "when.tomorrow": "morgen om {time}",
    "when.day": "{day} {date} om {time}",
    "when.weekday.0": "maandag",
    "when.weekday.1": "dinsdag",
    "when.weekday.2": "woensdag",
    "when.weekday.3": "donderdag",
    "when.weekday.4": "vrijdag",
    "when.weekday.5": "zaterdag",
    "when.weekday.6": "zondag",
    # --- one face first -------------------------------------------------------------------------------
    "lead.head_start.one": (
        "{names} kent het gezin; zij krijgt je vraag #{id} (casus {code}) eerst. Reageert ze niet vóór "
        "{until}, dan vraag ik ook anderen."
    ),
    "lead.head_start.many": (
        "{names} kennen het gezin; zij krijgen je vraag #{id} (casus {code}) eerst. Reageren ze niet vóór "
        "{until}, dan vraag ik ook anderen."
    ),
    "lead.after_head_start": (
        "Je vraag #{id} (casus {code}) is nog niet opgepakt. Ik vraag nu ook:\n{ranking}\n\n"
        "De eerdere vraag blijft openstaan."
    ),
    # --- escalations ----------------------------------------------------------------------------------
    "escalation.button.claim": "Ik zoek iemand",
    "escalation.button.assign": "Toewijzen",
    "escalation.button.widen": "Breder uitzetten",
    "escalation.button.close": "Niet meer nodig",
    "escalation.state.open": "_Nog niemand zoekt hiernaar._",
    "escalation.state.opgepakt": "**{claimer}** zoekt iemand.",
    "escalation.state.toegewezen": "Toegewezen aan **{detail}** door {closer}.",
    "escalation.state.breder": "Breder uitgezet door {closer}: {detail}.",
    "escalation.state.niet_nodig": "Niet meer nodig, volgens {closer}.",
    "escalation.state.ingetrokken": (
        "Ingetrokken: de regiehouder heeft de vraag ingetrokken of de casus afgesloten."
    ),
    "escalation.reposted": "**Nog steeds open** — niemand heeft deze vraag nog opgepakt.",
    "escalation.moved": "Hulp gezocht — casus {code}, vraag #{id}: opnieuw geplaatst, zie hieronder.",
    "escalation.only_coordinators": (
        "Alleen coördinatoren kunnen een escalatie oppakken, toewijzen of sluiten. "
        "Denk je dat je coördinator bent? Vraag het na bij wie het rooster bijhoudt."
    ),
    "escalation.unknown": "Deze escalatie ken ik niet.",
    "escalation.closed": "Deze escalatie is al afgehandeld; je hoeft niets te doen.",
    "escalation.case_closed": "Casus {code} is afgesloten; er hoeft niemand meer gezocht te worden.",
    "escalation.claim.done": (
        "Je zoekt iemand voor vraag #{id} (casus {code}). De regiehouder weet het. "
        "Gevonden? Gebruik *Toewijzen*."
    ),
    "escalation.claim.taken": "{name} is hier al mee bezig; je hoeft niets te doen.",
    "escalation.assign.title": "Toewijzen",
    "escalation.assign.intro": (
        "Kies wie vraag #{id} (casus {code}) krijgt. Bovenaan wie Erbij nu beschikbaar vindt, met de "
        "redenen; daaronder de rest van het rooster. De expert krijgt de vraag zoals altijd en kan hem "
        "oppakken of afwijzen."
    ),
    "escalation.assign.field": "Expert",
    "escalation.assign.submit": "Toewijzen",
    "escalation.assign.roster": "buiten de zoekvraag of nu niet beschikbaar",
    "escalation.assign.nobody": "Er staat geen enkele expert in het rooster om aan toe te wijzen.",
    "escalation.widen.title": "Breder uitzetten",
    "escalation.widen.intro": (
        "Zet vraag #{id} (casus {code}) breder uit: een andere organisatie, een andere expertise of de "
        "hele regio. Erbij zoekt daarna meteen opnieuw."
    ),
    "escalation.widen.region": "Hele regio",
    "escalation.widen.region.help": "Ook experts die niet in de gemeente van de casus werken.",
    "escalation.widen.submit": "Opnieuw zoeken",
    "escalation.widened.what": "{expertise}, organisatie: {organisation}{region}",
    "escalation.widened.region": ", hele regio",
    "escalation.close.done": "Vraag #{id} is gesloten. De regiehouder weet het.",
    "escalation.lead.claimed": (
        "{name} (coördinator) zoekt iemand voor je vraag #{id} (casus {code}). Je hoort het zodra er "
        "iemand is."
    ),
    "escalation.lead.assigned": (
        "{name} (coördinator) heeft je vraag #{id} (casus {code}) toegewezen aan {expert} ({organisation}). "
        "Zodra {expert} hem oppakt, hoor je het."
    ),
    "escalation.lead.widened": (
        "{name} (coördinator) heeft je vraag #{id} (casus {code}) breder uitgezet ({what}); ik zoek opnieuw."
    ),
    "escalation.lead.not_needed": (
        "{name} (coördinator) heeft je vraag #{id} (casus {code}) gesloten: niet meer nodig. "
        "Is er toch iemand nodig? Met `/erbij {code}` vraag je opnieuw."
    ),
    "match.reason.assigned": "toegewezen door {name} (coördinator)",
    "offer.assigned_note": "_{name} (coördinator) heeft deze vraag aan jou toegewezen._",
    # --- status in people's words ----------------------------------------------------------------------
    "status.request.head": "**Vraag #{id} — casus {code}**: {expertise}, {form} (gevraagd {asked})",
    "status.request.question": "Je vroeg: „{question}”",
    "status.request.asked": "Ik heb gevraagd: {answers}.",
    "status.request.answer": "{name} ({answer})",
    "status.answer.pending": "nog geen antwoord",
    "status.answer.accepted": "pakt het op",
    "status.answer.declined": "kan niet{reason}",
    "status.answer.expired": "reageerde niet op tijd",
    "status.answer.taken": "niet meer nodig, een ander pakte het op",
    "status.answer.withdrawn": "vervallen",
    "status.next.first_round": "Het is buiten werktijd; ik stuur de vraag {when} uit.",
    "status.next.round": "Als niemand reageert, vraag ik {when} {names}.",
    "status.next.also": "Als ze niet reageert, vraag ik {when} ook {names}.",
    "status.next.escalate": (
        "Als niemand reageert, vraag ik {when} de coördinatoren om hulp: er is verder niemand beschikbaar."
    ),
    "status.next.coordinators": "De coördinatoren zoeken iemand; nog niemand heeft het opgepakt.",
    "status.next.coordinators_repost": (
        "De coördinatoren zoeken iemand; nog niemand heeft het opgepakt. Ik zet de vraag {when} opnieuw "
        "in hun kanaal."
    ),
    "status.next.coordinator_on_it": "De coördinatoren zoeken iemand: {name} is ermee bezig.",
    "status.next.unknown": "Ik wacht op antwoord.",
    "status.offers": "**Vragen die op jouw antwoord wachten**",
    "status.offer.line": (
        "vraag #{id}, casus {code}: {lead} vraagt om {expertise} (gevraagd {asked}); je antwoord staat in "
        "je berichten van Erbij"
    ),
    "request.again.button": "Opnieuw erbij halen",
    "request.again.intro": (
        "{name} kent het gezin en krijgt je vraag als eerste, als ze beschikbaar is. De keuzes van de vorige "
        "vraag staan al ingevuld."
    ),
    # --- check-in -------------------------------------------------------------------------------------
    "checkin.to_expert": (
        "Je bent nu {weeks} weken aangeschoven bij casus {code} (regiehouder {lead}). Is je hulp nog nodig? "
        "Bespreek het gerust eerst met {lead}."
    ),
    "checkin.to_lead": (
        "{name} is nu {weeks} weken aangeschoven bij casus {code}. Is die hulp nog nodig? Bij *Uitchecken* "
        "leg je vast welke afspraken blijven lopen en wie zicht houdt."
    ),
    "checkin.button.keep": "Blijft nodig",
    "checkin.button.checkout": "Uitchecken",
    "checkin.kept": (
        "Genoteerd: de hulp bij casus {code} blijft nodig. Over {weeks} weken vraag ik het opnieuw."
    ),
    "checkin.gone": "Deze expert is al uitgecheckt bij de casus; je hoeft niets te doen.",
    "checkin.not_yours": "Deze vraag is niet aan jou gericht.",
    # --- check-out that hands back -------------------------------------------------------------------
    "checkout.field.agreements": "Afspraken die doorlopen",
    "checkout.field.agreements.help": (
        "Eén afspraak per regel, bijv. 'Moeder belt de buurvrouw als vader drinkt'. Ze komen op de kaart."
    ),
    "checkout.field.watch": "Wie houdt zicht?",
    "checkout.field.watch.help": "Bijv. 'de regiehouder' of 'school (mentor)'. Geen namen van gezinsleden.",
    "checkout.card.when": "loopt door na uitchecken van {name} ({date})",
    "checkout.card.watch_unknown": "nog niet afgesproken",
    "checkout.card.step": ("{name} uitgecheckt; {count} afspraak/afspraken lopen door, zicht houdt: {watch}"),
    "checkout.lead.agreements": "**Afspraken die doorlopen** (staan nu op de kaart):",
    "checkout.lead.watch": "Zicht houdt: {watch}",
    "kaart.deel.uitchecken": "uitchecken (afspraken die doorlopen)",
    # --- forward to a colleague ----------------------------------------------------------------------
    "offer.forward.field": "Hoort bij een collega",
    "offer.forward.help": "Kies de collega die dit beter kan oppakken; zij krijgt de vraag meteen van Erbij.",
    "offer.forward.not_expert": "Deze collega staat niet als expert in het rooster; kies een expert.",
    "offer.forward.self": "Kies een collega, niet jezelf.",
    "offer.forwarded_note": "_Doorgestuurd door {name}._",
    "match.reason.forwarded": "doorgestuurd door {name}",
    "lead.forwarded": (
        "{name} kan je vraag #{id} (casus {code}) niet oppakken en heeft hem doorgestuurd naar {colleague} "
        "({organisation}). Zodra iemand hem oppakt, hoor je het."
    ),
}
