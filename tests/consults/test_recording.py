"""The verslag: only the chair records; decisions, action items and returns; carry-over; the besluitenlijst;
the lead's outcome; reminders the working day before the due date; *Klaar*."""

from __future__ import annotations

from commands.consults.agenda import plan_for
from commands.consults.model import ItemKind, ItemStatus
from commands.ports import AuditEvent
from commands.replies import Button, OpenDialog, Reply
from tests.consults.conftest import CHANNEL, Office


def setup_consult(office: Office) -> dict[str, str]:
    """Three cases on Wednesday's consult and one new case on Friday's; the agenda has gone out."""
    office.default_slots()
    codes = {lead: office.new_case(lead) for lead in ("jeroen", "fatima", "eva")}
    office.involve(codes["jeroen"], "sanne")
    for lead, code in codes.items():
        office.register(lead, code)
    office.at("2026-11-24 13:00")
    codes["nieuw"] = office.new_case("jeroen")
    office.register("jeroen", codes["nieuw"])  # too late for Wednesday: Friday
    office.at("2026-11-24 15:00")
    office.tick()
    office.at("2026-11-25 10:00")
    return codes


def overview(office: Office) -> Reply:
    result = office.command("karin", "/overleg verslag")
    assert isinstance(result, Reply)
    return result


def button(reply: Reply, label: str) -> Button:
    return next(b for b in reply.message.buttons if b.label == label)


def test_only_the_chair_records(office: Office) -> None:
    codes = setup_consult(office)
    assert "Alleen de voorzitter legt het verslag vast" in office.say("eva", "/overleg verslag")
    assert "Alleen de voorzitter legt het verslag vast" in office.say("sanne", "/overleg verslag")
    reply = overview(office)
    assert [b.label for b in reply.message.buttons] == [
        codes["jeroen"],
        codes["fatima"],
        codes["eva"],
        "Verslag afronden",
    ]
    sneaky = office.click("eva", button(reply, codes["jeroen"]))
    assert sneaky.ephemeral == "Alleen de voorzitter van dit overleg legt het verslag vast."
    assert office.click("eva", button(reply, "Verslag afronden")).ephemeral == sneaky.ephemeral


def test_recording_reporting_and_carrying_over(office: Office) -> None:
    codes = setup_consult(office)
    reply = overview(office)
    office.click("karin", button(reply, codes["jeroen"]))
    bad = office.submit(
        "karin",
        {"besluit": "Raadsonderzoek aanvragen", "acties": "@niemand iets doen uiterlijk vrijdag\nzomaar wat"},
    )
    assert bad.field_errors["acties"] == (
        "Regel 1: „@niemand” is geen deelnemer van dit overleg (of staat niet actief in het rooster). "
        "Regel 2: wie doet het? Begin met de naam of @gebruikersnaam van een deelnemer, bijv. "
        "„Jeroen belt school voor vrijdag”."
    )
    private = office.submit("karin", {"besluit": "Bellen met 06-12345678", "acties": ""})
    assert "besluit" in private.field_errors
    good = office.submit(
        "karin",
        {
            "besluit": "Raadsonderzoek aanvragen; Veilig Thuis blijft aangesloten.",
            "acties": "@sanne veiligheidsafspraken evalueren met moeder uiterlijk vrijdag\n"
            "@jeroen netwerkberaad plannen uiterlijk 4-12",
            "terug": "nee",
        },
    )
    assert good.closes
    opened = office.command("karin", f"/overleg verslag {codes['fatima']}")
    assert isinstance(opened, OpenDialog)
    assert office.submit(
        "karin", {"besluit": "Eerst huisbezoek, dan opnieuw bespreken.", "terug": "ja"}
    ).closes
    # recording again pre-fills what was recorded
    again = office.click("karin", button(overview(office), codes["jeroen"])).open_dialog
    assert again is not None
    assert {f.name: f.default for f in again.fields}["acties"].splitlines() == [
        "@sanne veiligheidsafspraken evalueren met moeder uiterlijk 27-11-2026",
        "@jeroen netwerkberaad plannen uiterlijk 04-12-2026",
    ]
    assert "| vastgelegd |" in overview(office).message.text

    done = office.click("karin", button(overview(office), "Verslag afronden"))
    assert done.ephemeral is not None and "2 besproken, 1 doorgeschoven" in done.ephemeral
    assert "al afgerond" in office.click("karin", button(reply, "Verslag afronden")).ephemeral  # type: ignore[operator]

    [besluiten] = [m.text for k, m in office.channel(CHANNEL) if k.startswith("overleg-besluiten")]
    assert f"**{codes['jeroen']}**: Raadsonderzoek aanvragen; Veilig Thuis blijft aangesloten." in besluiten
    assert "actiehouders: Sanne de Vries (uiterlijk 27-11), Jeroen Bakker (uiterlijk 04-12)" in besluiten
    assert f"**{codes['eva']}**: niet besproken" in besluiten
    assert "evalueren met moeder" not in besluiten and "Veiligheidskaart" not in besluiten

    jeroen = office.dms("jeroen")[-1]
    assert "Besluit: Raadsonderzoek aanvragen" in jeroen
    assert (
        "- Actiepunt: veiligheidsafspraken evalueren met moeder — Sanne de Vries, "
        "uiterlijk vrijdag 27 november" in jeroen
    )
    assert "De casus staat op de agenda van vrijdag 27 november 2026, 10:00." in office.dms("fatima")[-1]
    assert (
        f"Casus {codes['eva']} is in het overleg van woensdag 25 november 2026, 10:00 niet besproken."
        in office.dms("eva")[-1]
    )
    [(_key, sanne)] = [(k, m) for k, m in office.messages_to("sanne") if k.startswith("overleg-actie:")]
    assert "Nieuw actiepunt voor jou" in sanne.text and [b.label for b in sanne.buttons] == ["Klaar"]
    assert not [k for k, _ in office.messages_to("jeroen") if k.startswith("overleg-actie:")]

    # Friday: the two follow-ups come before the new case registered on Tuesday
    with office.uow() as uow:
        consults = uow.consults.consults_between(office.clock.now(), office.clock.now().replace(day=28))
        friday = next(c for c in consults if c.starts_at.day == 27)
        items = uow.agenda_items.items([friday.id])
    plan = plan_for(friday, items)
    assert [i.case_code for i in plan.items] == [codes["fatima"], codes["eva"], codes["nieuw"]]
    assert [i.kind for i in plan.items] == [ItemKind.FOLLOW_UP, ItemKind.FOLLOW_UP, ItemKind.NEW]
    with office.uow() as uow:
        wednesday = next(c for c in consults if c.starts_at.day == 25)
        recorded = {
            i.case_code: i.status for i in uow.agenda_items.items([wednesday.id], statuses=list(ItemStatus))
        }
    assert recorded == {
        codes["jeroen"]: ItemStatus.DISCUSSED,
        codes["fatima"]: ItemStatus.DISCUSSED,
        codes["eva"]: ItemStatus.CARRIED,
    }


def test_reminders_the_working_day_before_and_klaar(office: Office) -> None:
    codes = setup_consult(office)
    office.click("karin", button(overview(office), codes["jeroen"]))
    office.submit(
        "karin",
        {
            "besluit": "Afspraken maken.",
            "acties": "@sanne veiligheidsafspraken evalueren met moeder uiterlijk maandag\n"
            "@pieter contact met school uiterlijk 4-12",
        },
    )
    office.click("karin", button(overview(office), "Verslag afronden"))
    # due Monday 30 November: reminded on Friday 27 November at 09:00
    office.at("2026-11-27 08:59")
    office.tick()
    assert not [k for k, _ in office.messages_to("sanne") if k.startswith("overleg-herinnering")]
    office.at("2026-11-27 09:00")
    assert office.tick()["overleg"] >= 1
    office.tick()
    [(_, reminder)] = [(k, m) for k, m in office.messages_to("sanne") if k.startswith("overleg-herinnering")]
    assert reminder.text == (
        'Herinnering: actiepunt "veiligheidsafspraken evalueren met moeder" (Sanne, casus '
        f"{codes['jeroen']}) staat nog open — uiterlijk maandag 30 november 2026."
    )
    # Pieter marks his action done before his reminder: none comes
    listing = office.command("pieter", "/overleg acties")
    assert isinstance(listing, Reply) and "contact met school" in listing.message.text
    assert office.click("sanne", listing.message.buttons[0]).ephemeral == (
        "Dit actiepunt is niet van jou; alleen de actiehouder zet het op klaar."
    )
    clicked = office.click("pieter", listing.message.buttons[0])
    assert clicked.update is not None and clicked.update.text == "Je hebt geen openstaande actiepunten."
    assert f"bij casus {codes['jeroen']} is afgerond door Pieter Jansen" in office.dms("jeroen")[-1]
    assert "al afgerond" in (office.click("pieter", listing.message.buttons[0]).ephemeral or "")
    office.at("2026-12-03 09:00")
    office.tick()
    assert not [k for k, _ in office.messages_to("pieter") if k.startswith("overleg-herinnering")]
    # Sanne uses the button on the reminder itself
    from_dm = office.click("sanne", reminder.buttons[0])
    assert from_dm.update is not None and from_dm.update.text.startswith("✓ Actiepunt")
    assert office.say("sanne", "/overleg acties") == "Je hebt geen openstaande actiepunten."


def test_an_action_agreed_after_its_reminder_moment_gets_no_second_message(office: Office) -> None:
    codes = setup_consult(office)
    office.click("karin", button(overview(office), codes["jeroen"]))
    office.submit("karin", {"besluit": "Snel handelen.", "acties": "@sanne huisbezoek uiterlijk morgen"})
    office.click("karin", button(overview(office), "Verslag afronden"))
    [fresh] = [m.text for k, m in office.messages_to("sanne") if k.startswith("overleg-actie:")]
    assert fresh.endswith("huisbezoek — uiterlijk donderdag 26 november 2026.")
    office.at("2026-11-26 09:00")
    office.tick()
    assert not [k for k, _ in office.messages_to("sanne") if k.startswith("overleg-herinnering")]


def test_minutes_in_natural_words_through_the_dialog(office: Office) -> None:
    """Names of participants, dates as deadlines (not taken for a date of birth), and nothing guessed."""
    codes = setup_consult(office)
    office.click("karin", button(overview(office), codes["jeroen"]))
    result = office.submit(
        "karin",
        {
            "besluit": "Veilig Thuis blijft aangesloten.",
            "acties": "Sanne evalueert de afspraken met moeder voor vrijdag\n"
            "Jeroen: netwerkberaad plannen over 2 weken\n"
            "@jer belt school uiterlijk 4-12-2026",
            "terug": "nee",
        },
    )
    assert result.closes, result
    again = office.click("karin", button(overview(office), codes["jeroen"])).open_dialog
    assert again is not None
    assert {f.name: f.default for f in again.fields}["acties"].splitlines() == [
        "@sanne evalueert de afspraken met moeder uiterlijk 27-11-2026",
        "@jeroen netwerkberaad plannen uiterlijk 09-12-2026",
        "@jeroen belt school uiterlijk 04-12-2026",
    ]
    refused = office.submit(
        "karin", {"besluit": "Goed.", "acties": "Sanne belt moeder (BSN 111222333) morgen"}
    )
    assert (
        refused.field_errors["acties"].startswith("Regel 1: ")
        and "burgerservicenummer" in refused.field_errors["acties"]
    )


def test_an_ambiguous_owner_is_asked_back_with_the_candidates() -> None:
    from datetime import date

    from commands.consults.minutes import Participant
    from commands.consults.outcomes import parse_actions

    people = [
        Participant("a", "jeroen.bakker", "Jeroen Bakker"),
        Participant("b", "jeroen.smit", "Jeroen Smit"),
    ]
    parsed = parse_actions("Jeroen belt school voor vrijdag", date(2026, 11, 23), people, {})
    assert parsed.problems == (
        "Regel 1: met „Jeroen” kan ik @jeroen.bakker (Jeroen Bakker) of @jeroen.smit (Jeroen Smit) bedoelen. "
        "Zet de achternaam erbij of gebruik de @gebruikersnaam.",
    )


def test_the_consult_writes_its_decision_and_actions_to_the_card(office: Office) -> None:
    codes = setup_consult(office)
    office.click("karin", button(overview(office), codes["jeroen"]))
    office.submit(
        "karin",
        {
            "besluit": "Raadsonderzoek aanvragen.",
            "acties": "Sanne evalueert de afspraken met moeder voor vrijdag\n"
            "Jeroen plant een netwerkberaad over 2 weken",
            "terug": "nee",
        },
    )
    office.click("karin", button(overview(office), "Verslag afronden"))
    with office.uow() as uow:
        case = uow.cases.by_code(codes["jeroen"])
        assert case is not None
        latest = uow.cases.latest_card(case.id)
        history = uow.cases.history(case.id)
        untouched = uow.cases.by_code(codes["eva"])  # not discussed: nothing written
        assert untouched is not None
        assert uow.cases.latest_card(untouched.id).info.number == 1
    card, info = latest.card, latest.info
    assert info.author_id == "u-karin" and info.part == "mdo" and info.source.startswith("mdo:")
    assert info.source.endswith(":2026-11-25")
    assert [(s.step, s.by.value if s.by else None, str(s.on)) for s in card.steps] == [
        ("Besluit MDO: Raadsonderzoek aanvragen.", "mdo", "2026-11-25")
    ]
    assert [(a.agreement, a.who, a.when) for a in card.agreements] == [
        ("evalueert de afspraken met moeder", "Sanne de Vries", "uiterlijk 27-11-2026"),
        ("plant een netwerkberaad", "Jeroen Bakker", "uiterlijk 09-12-2026"),
    ]
    assert history[-1].source == info.source
    shown = office.say("jeroen", f"/kaart {codes['jeroen']} geschiedenis")
    assert "(bron: MDO van 25-11-2026)" in shown and "Karin Smit" in shown
    audit = [e for e in office_audit(office, codes["jeroen"]) if e.detail.get("bron")]
    assert audit and audit[-1].actor_id == "u-karin" and audit[-1].on_behalf_of == "u-jeroen"


def office_audit(office: Office, code: str) -> list[AuditEvent]:
    with office.uow() as uow:
        return uow.audit.for_case(code)


def test_the_chair_names_a_notulist_who_records_and_attendance_is_kept(office: Office) -> None:
    codes = setup_consult(office)
    assert "Alleen de voorzitter" in office.say("sanne", "/overleg notulist @ruud")
    assert office.say("karin", "/overleg notulist Sanne").startswith("Sanne de Vries notuleert het MDO")
    assert "Aanwezig bij het MDO: Sanne de Vries, Jeroen Bakker." in office.say(
        "sanne", "/overleg aanwezig sanne @jeroen"
    )
    assert office.say("karin", "/overleg afgemeld Eva") == "Afgemeld voor het MDO: Eva Mulder."
    assert "geen deelnemer" in office.say("karin", "/overleg aanwezig Thomas")
    # the notulist records and closes the verslag
    reply = overview_of(office, "sanne")
    office.click("sanne", button(reply, codes["jeroen"]))
    assert office.submit("sanne", {"besluit": "Raadsonderzoek aanvragen.", "terug": "nee"}).closes
    done = office.click("sanne", button(overview_of(office, "sanne"), "Verslag afronden"))
    assert done.ephemeral is not None and "1 besproken" in done.ephemeral
    [besluiten] = [m.text for k, m in office.channel(CHANNEL) if k.startswith("overleg-besluiten")]
    assert "Aanwezig: Sanne de Vries, Jeroen Bakker" in besluiten and "Afgemeld: Eva Mulder" in besluiten
    assert "Alleen de voorzitter" in office.say("pieter", "/overleg verslag")


def overview_of(office: Office, username: str) -> Reply:
    result = office.command(username, "/overleg verslag")
    assert isinstance(result, Reply), result
    return result


def test_the_notulist_reads_the_cards_on_the_agenda_like_the_chair(office: Office) -> None:
    codes = setup_consult(office)
    assert office.say("pieter", f"/kaart {codes['fatima']}").startswith(f"Geen toegang tot {codes['fatima']}")
    office.say("karin", "/overleg notulist @pieter")
    shown = office.command("pieter", f"/kaart {codes['fatima']}")
    assert isinstance(shown, Reply) and shown.message.text.startswith(
        f"#### Veiligheidskaart {codes['fatima']}"
    )
