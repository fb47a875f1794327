"""Erbij halen: the request dialog, offers, answers, escalation, status and check-out."""

MESSAGES = {
    # --- matching reasons ------------------------------------------------------------------------------
    "match.reason.involved_now": "is nu betrokken bij deze casus",
    "match.reason.involved_before": "was eerder betrokken bij deze casus",
    "match.reason.expertise": "expertise: {expertise}",
    "match.reason.municipality": "werkt in {municipality}",
    "match.reason.load": "{used} van {capacity} plekken bezet",
    "match.reason.never_asked": "nog niet eerder gevraagd",
    # --- values ----------------------------------------------------------------------------------------
    "request.urgency.vandaag": "vandaag",
    "request.urgency.binnen_3_werkdagen": "binnen 3 werkdagen",
    "request.urgency.deze_week": "deze week",
    "request.form.consult": "consult (advies)",
    "request.form.meedenken_casusoverleg": "meedenken in casusoverleg",
    "request.form.gezamenlijk_huisbezoek": "gezamenlijk huisbezoek",
    "request.form.samen_optrekken": "samen optrekken",
    "request.org.any": "maakt niet uit",
    "request.experts.1": "één expert",
    "request.experts.2": "een duo (twee experts)",
    "request.status.open": "loopt",
    "request.status.gekoppeld": "gekoppeld",
    "request.status.geescaleerd": "bij coördinatoren",
    "request.status.ingetrokken": "ingetrokken",
    "request.names.and": " en ",
    "request.names.unknown": "onbekend",
    # --- the dialog ------------------------------------------------------------------------------------
    "request.dialog.title": "Expert erbij halen",
    "request.dialog.intro": (
        "Je houdt de regie; de expert schuift aan. Gebruik alleen de casuscode en rollen zoals "
        '"Kind 1" of "moeder": geen namen, BSN, adressen of geboortedata.\n\n'
        "Dit is een adviesvraag, geen melding bij Veilig Thuis. Bij acute of structurele onveiligheid: "
        "doe een melding volgens de meldcode. Bij acuut gevaar: bel 112."
    ),
    "request.dialog.submit": "Erbij halen",
    "request.field.case": "Casuscode",
    "request.field.case.placeholder": "bijv. WBW-7K3Q-2B, of: nieuw",
    "request.field.case.help": 'Typ "nieuw" voor een nieuwe casus; jij wordt dan regiehouder.',
    "request.field.municipality": "Gemeente (nieuwe casus)",
    "request.field.expertise": "Expertise",
    "request.field.organisation": "Organisatie",
    "request.field.form": "Vorm",
    "request.field.urgency": "Urgentie",
    "request.field.experts": "Eén expert of een duo",
    "request.field.experts.help": "Een duo: bijvoorbeeld één expert voor de ouders en één voor de kinderen.",
    "request.field.question": "Je vraag",
    "request.field.question.placeholder": 'Wat wil je weten of samen doen? Bijv. "Hoe maken we de '
    'veiligheidsafspraken met moeder concreet?"',
    "request.field.share": "Veiligheidskaart delen",
    "request.field.share.help": "Uit = anoniem consult: de expert ziet alleen je vraag, niet de kaart.",
    "request.error.required": "Vul dit in.",
    "request.error.choose": "Kies een van de mogelijkheden.",
    "request.error.question_short": "Beschrijf je vraag in minstens {min} tekens.",
    "request.error.municipality": "Kies de gemeente van de nieuwe casus.",
    "request.error.not_lead": "Alleen de regiehouder van casus {code} kan hiervoor een expert erbij halen.",
    "request.error.case_closed": "Casus {code} is afgesloten.",
    "request.error.not_a_lead": (
        "Alleen regiehouders kunnen een expert erbij halen. Sta je niet goed in het rooster? "
        "Vraag het je coördinator."
    ),
    # --- offers ----------------------------------------------------------------------------------------
    "offer.text": "**Wil je aanschuiven bij casus {code}?** {lead} vraagt om {expertise}.",
    "offer.section.title": "Vraag #{id} — {urgency}",
    "offer.field.form": "Vorm",
    "offer.field.urgency": "Urgentie",
    "offer.field.lead": "Regiehouder",
    "offer.field.duo": "Gezocht",
    "offer.question": "**Vraag:** {question}",
    "offer.anonymous": "Anoniem consult: de regiehouder deelt de veiligheidskaart niet.",
    "offer.advice_note": "Dit is een adviesvraag, geen melding.",
    "offer.button.accept": "Ik pak het op",
    "offer.button.decline": "Kan ik niet",
    "offer.accepted.update": (
        "Je hebt deze vraag opgepakt en schuift aan bij casus {code}. Regiehouder: @{lead}."
    ),
    "offer.accepted.ephemeral": (
        "Je hebt de vraag opgepakt. {lead} weet dat je aanschuift; neem contact op via @{lead_username}. "
        "Je kunt de kaart bekijken met `/kaart {code}`."
    ),
    "offer.accepted.ephemeral.anonymous": (
        "Je hebt de vraag opgepakt. {lead} weet dat je aanschuift; neem contact op via @{lead_username}. "
        "Dit is een anoniem consult: de veiligheidskaart wordt niet met je gedeeld."
    ),
    "offer.late.case_closed": "Casus {code} is inmiddels afgesloten; deze vraag vervalt.",
    "offer.declined.update": (
        "Je hebt aangegeven dat je vraag #{id} (casus {code}) niet kunt oppakken. Dank je!"
    ),
    "offer.taken.update": "Vraag #{id} (casus {code}) is al opgepakt door {who}. Dank je voor je tijd!",
    "offer.expired.update": (
        "Vraag #{id} (casus {code}) is doorgezet naar een collega, omdat het antwoord te lang duurde."
    ),
    "offer.withdrawn.update": "De regiehouder heeft vraag #{id} (casus {code}) ingetrokken.",
    "offer.late.taken": "Deze vraag is al opgepakt door {who}. Je hoeft niets te doen.",
    "offer.late.yours": "Je hebt deze vraag al opgepakt.",
    "offer.late.declined": "Je had deze vraag al afgewezen.",
    "offer.late.expired": "Deze vraag is al doorgezet naar een collega.",
    "offer.late.withdrawn": "Deze vraag is ingetrokken door de regiehouder.",
    "offer.not_yours": "Deze vraag is niet aan jou gericht.",
    "offer.decline.title": "Kan ik niet oppakken",
    "offer.decline.intro": "Wil je laten weten waarom? Dat helpt bij het vinden van de juiste collega.",
    "offer.decline.reason": "Reden",
    "offer.decline.submit": "Afwijzen",
    "offer.decline.reason.geen_capaciteit": "geen capaciteit",
    "offer.decline.reason.andere_expertise": "andere expertise nodig",
    "offer.decline.reason.hoort_bij_collega": "hoort bij een collega",
    "offer.decline.reason.anders": "anders",
    # --- the lead -------------------------------------------------------------------------------------
    "lead.offered": (
        "Je vraag #{id} voor casus {code} is uitgezet bij:\n{ranking}\n\n"
        "Zodra iemand hem oppakt, hoor je het."
    ),
    "lead.offered.line": "{rank}. **{name}** ({organisation}) — {reasons}",
    "lead.waiting": (
        "Je vraag #{id} voor casus {code} is opgeslagen. Het is buiten werktijd; de vraag gaat {when} uit. "
        "Is het acuut? Bel 112 of Veilig Thuis: 0800-2000."
    ),
    "lead.accepted": (
        "**{name}** ({organisation}) heeft je vraag #{id} opgepakt en schuift aan bij casus {code}. "
        "Je bereikt {name} via @{username}.{remaining}"
    ),
    "lead.accepted.remaining": " Er wordt nog {count} expert gezocht voor het duo.",
    "lead.next_round": "Nog niemand heeft vraag #{id} (casus {code}) opgepakt. Ik vraag nu:\n{ranking}",
    "lead.escalated": (
        "Voor je vraag #{id} (casus {code}) heb ik niemand gevonden die hem kon oppakken. "
        "De coördinatoren zijn gevraagd te helpen. Is het acuut? Bel 112 of Veilig Thuis: 0800-2000."
    ),
    "coordinators.escalated": (
        "**Hulp gezocht — casus {code}**: vraag #{id} om {expertise} ({organisation}, {form}), "
        "urgentie {urgency}. Niemand beschikbaar of niemand reageerde. Regiehouder: @{lead}."
    ),
    # --- status and withdrawal ------------------------------------------------------------------------
    "status.none": "Je hebt geen lopende vragen en er is niemand aangeschoven bij je casussen.",
    "status.requests": "**Je lopende vragen**",
    "status.involvements": "**Aangeschoven experts**",
    "status.involvement.line": "casus {code}: {name} ({organisation}) sinds {since}",
    "status.mine": "**Casussen waar jij bent aangeschoven**",
    "status.mine.line": "casus {code}: regiehouder @{lead}, sinds {since}",
    "withdraw.usage": "Geef het nummer van de vraag, bijv. `/erbij intrekken 12`. Zie `/erbij status`.",
    "withdraw.unknown": "Vraag #{id} ken ik niet, of hij is niet van jou.",
    "withdraw.not_open": "Vraag #{id} loopt niet meer ({status}).",
    "withdraw.done": "Vraag #{id} is ingetrokken. {count} openstaande aanbieding(en) zijn vervallen.",
    # --- check-out -------------------------------------------------------------------------------------
    "checkout.usage": "Geef de casuscode, bijv. `/erbij uitchecken WBW-7K3Q-2B`.",
    "checkout.none": "Er is niemand aangeschoven bij casus {code} die jij kunt uitchecken.",
    "checkout.title": "Uitchecken",
    "checkout.intro": (
        "Is de directe veiligheid voldoende geborgd? Welke afspraken blijven lopen en wie houdt zicht? "
        "Na het uitchecken kun je altijd opnieuw erbij worden gehaald."
    ),
    "checkout.field.expert": "Expert",
    "checkout.field.reason": "Reden",
    "checkout.submit": "Uitchecken",
    "checkout.done.expert": (
        "Je bent uitgecheckt bij casus {code} ({reason}). De regie blijft bij {lead}. "
        "Je kunt altijd opnieuw erbij worden gehaald."
    ),
    "checkout.done.lead": "{name} is uitgecheckt bij casus {code} ({reason}).",
    "checkout.notice.to_lead": (
        "{name} ({organisation}) is uitgecheckt bij casus {code} ({reason}). De regie blijft bij jou; "
        "met `/erbij {code}` haal je opnieuw iemand erbij."
    ),
    "checkout.notice.to_expert": (
        "{lead} heeft je uitgecheckt bij casus {code} ({reason}). Dank je voor het aanschuiven! "
        "Je kunt altijd opnieuw erbij worden gehaald."
    ),
}
