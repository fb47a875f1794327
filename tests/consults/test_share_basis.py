"""Putting a case on a consult shares the card with its participants: the lead records the legal basis every
time (the dialog offers her last one to keep), a carried case keeps the earlier basis and says so, and the
card's participants see with whom it was shared and why. Through the facade on the fakes; over HTTP on the
database under test."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import Engine

from bot.demo.world import World, render_post
from commands.cases.sharing import CardShare, LegalBasis, ShareBasis, ShareTarget
from commands.consults.model import ItemStatus
from commands.replies import Reply
from tests.consults.conftest import Office
from tests.consults.test_e2e import Story
from tests.consults.test_recording import button, overview
from tests.support.people import uid

ANDERS = "Je koos Anders: schrijf in de toelichting op grond waarvan je de kaart deelt."


def shares_of(office: Office, code: str) -> list[CardShare]:
    with office.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        return uow.cases.shares_for_case(case.id)


def test_registering_records_the_basis_for_the_consult_and_audits_it(office: Office) -> None:
    office.default_slots()
    code = office.new_case("jeroen")
    office.register("jeroen", code, grondslag="meldcode", grondslag_toelichting="stap 2, met VT")
    (share,) = shares_of(office, code)
    with office.uow() as uow:
        item = uow.agenda_items.open_item_for_case(share.case_id)
        assert item is not None
        consult = uow.consults.consult(item.consult_id)
        assert consult is not None
        events = [e for e in uow.audit.for_case(code) if e.action == "kaart.delen"]
    assert share.target is ShareTarget.CONSULT and share.basis == ShareBasis(
        LegalBasis.MELDCODE, "stap 2, met VT"
    )
    assert (share.consult_id, share.agenda_item_id) == (consult.id, item.id)
    assert (share.shared_by, share.shared_at, share.carried) == (uid("jeroen"), office.clock.now(), False)
    (event,) = events
    assert event.actor_id == uid("jeroen") and event.access_point == "/overleg inbrengen"
    assert event.detail == {"grondslag": "meldcode", "overleg": str(consult.id)}


def test_no_basis_and_anders_without_toelichting_are_refused_and_nothing_is_placed(office: Office) -> None:
    office.default_slots()
    code = office.new_case("jeroen")
    office.open("jeroen", f"/overleg inbrengen {code}")
    question = {"vraag": "Wat is nodig voor zicht op veiligheid?", "urgentie": "regulier"}
    assert office.submit("jeroen", question).field_errors == {
        "grondslag": "Kies op grond waarvan je de kaart deelt."
    }
    other = office.submit("jeroen", {**question, "grondslag": "anders"})
    assert other.field_errors == {"grondslag_toelichting": ANDERS}
    refused = office.submit(
        "jeroen",
        {**question, "grondslag": "anders", "grondslag_toelichting": "vader Mohammed Bouzidi stemde in"},
    )
    assert set(refused.field_errors) == {"grondslag_toelichting"} and "Bouzidi" not in str(refused)
    with office.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None and uow.agenda_items.open_item_for_case(case.id) is None
    assert shares_of(office, code) == []


def test_the_next_registration_offers_the_last_basis_to_keep(office: Office) -> None:
    office.default_slots()
    code = office.new_case("jeroen")
    first = office.open("jeroen", f"/overleg inbrengen {code}")
    assert {f.name: f.default for f in first.fields}["grondslag"] == ""  # nothing chosen for her
    assert "Vorige keer" not in first.introduction
    office.register("jeroen", code, grondslag="toestemming", grondslag_toelichting="ouders, mondeling")
    office.say("jeroen", f"/overleg afmelden {code}")
    again = office.open("jeroen", f"/overleg inbrengen {code}")
    defaults = {f.name: f.default for f in again.fields}
    assert (defaults["grondslag"], defaults["grondslag_toelichting"]) == ("toestemming", "ouders, mondeling")
    assert (
        "Vorige keer deelde je de kaart met een overleg op grond van: toestemming van het gezin "
        "(ouders, mondeling). Geldt dat nog?" in again.introduction
    )
    result = office.submit(
        "jeroen", {"vraag": "Nog eens bespreken", "urgentie": "regulier"}
    )  # kept as it was
    assert result.closes, result
    assert [s.basis for s in shares_of(office, code)] == [
        ShareBasis(LegalBasis.CONSENT, "ouders, mondeling")
    ] * 2


def test_a_carried_case_is_shared_again_on_the_earlier_basis_and_shows_on_the_card(office: Office) -> None:
    office.default_slots()
    code = office.new_case("eva")
    office.register("eva", code, grondslag="wettelijke_taak")
    office.at("2026-11-24 15:00")
    office.tick()  # the agenda goes out: the participants may read the card
    office.at("2026-11-25 10:00")
    card = office.command("sanne", f"/kaart {code}")  # a standing member of the consult
    assert isinstance(card, Reply)
    delen = next(s.text for s in card.message.sections if s.title == "Delen")
    assert (
        "gedeeld met de deelnemers van MDO op 25-11-2026 10:00, door Eva Mulder — grondslag: wettelijke taak"
        in delen
    )
    done = office.click("karin", button(overview(office), "Verslag afronden"))  # not discussed: carried
    assert done.ephemeral is not None and "1 doorgeschoven" in done.ephemeral
    first, carried = shares_of(office, code)
    assert carried.carried and carried.basis == first.basis == ShareBasis(LegalBasis.STATUTORY_TASK)
    assert carried.shared_by == uid("karin") and carried.consult_id != first.consult_id
    with office.uow() as uow:
        item = uow.agenda_items.open_item_for_case(carried.case_id)
        assert item is not None and item.status is ItemStatus.PLANNED and item.id == carried.agenda_item_id
        events = [e.detail for e in uow.audit.for_case(code) if e.action == "kaart.delen"]
    assert events[-1] == {
        "grondslag": "wettelijke_taak",
        "overleg": str(carried.consult_id),
        "doorgeschoven": "ja",
    }
    card = office.command("eva", f"/kaart {code}")
    assert isinstance(card, Reply)
    lines = next(s.text for s in card.message.sections if s.title == "Delen")
    assert lines.splitlines()[0].startswith("- 25-11-2026 ")  # newest first
    assert "(doorgeschoven naar dit overleg), door Karin Smit — grondslag: wettelijke taak" in lines


def test_over_http_the_consult_dialog_requires_the_basis_and_the_card_and_export_show_it(
    stack: World, engine: Engine
) -> None:
    story = Story(stack, engine)
    code = story.case("jeroen.st")
    jeroen = story.users["jeroen.st"]
    assert stack.slash(jeroen, f"/overleg inbrengen {code}") == ""
    dialog = stack.emulator.dialogs(jeroen)[-1].dialog
    fields = {e["name"]: e for e in dialog["elements"]}
    assert (
        fields["grondslag"]["display_name"] == "Grondslag voor delen" and not fields["grondslag"]["optional"]
    )
    assert "Op grond waarvan deel je de kaart" in fields["grondslag"]["help_text"]
    question = {"vraag": "Is een raadsonderzoek nodig?", "urgentie": "regulier"}
    refused = stack.submit(jeroen, question)  # the webapp itself holds back a required field
    assert not refused.closed and set(refused.errors) == {"grondslag"}
    note = "ouders stemden in bij het huisbezoek"
    assert stack.submit(
        jeroen, {**question, "grondslag": "toestemming", "grondslag_toelichting": note}
    ).closed
    stack.deliver()

    story.at("2026-11-24 15:00")
    stack.tick()  # the agenda goes out: the chair may read the card until the verslag
    line = (
        "gedeeld met de deelnemers van MDO op 25-11-2026 10:00, door Jeroen Bakker — grondslag: "
        f"toestemming van het gezin ({note})"
    )
    karin = story.users["karin.mdo"]
    stack.slash(karin, f"/kaart {code}")
    shown = stack.emulator.ephemerals(karin)[-1]
    attachments = shown.get("attachments") or (shown.get("props") or {}).get("attachments") or []
    assert line in render_post({"message": "", "props": {"attachments": attachments}})

    assert "privébericht" in stack.slash(jeroen, f"/kaart {code} export")
    stack.deliver()
    files = [p for p in stack.dms(jeroen) if p.get("file_ids")][-2:]
    (_, markdown), (_, pdf) = (stack.emulator.posts.file(p["file_ids"][0]) for p in files)
    assert line in markdown.decode("utf-8")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert line.replace("—", "-") in text

    inzage = stack.slash(jeroen, f"/kaart {code} inzage")
    assert (
        "deelde de kaart met de deelnemers van MDO op 25-11-2026 10:00 (grondslag: toestemming van het gezin)"
        in inzage
    )
    assert line.replace("Bakker", "Bakker (regiehouder, Sociaal Team Roosendaal)") in inzage
    assert stack.emulator.warnings == [] and stack.emulator.unmodelled == []
