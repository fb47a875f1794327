"""Erbij halen end to end through the emulator: ask, rank, offer, accept, decline, withdraw, check out."""

from __future__ import annotations

import pytest

from commands.requests.model import OfferStatus, RequestStatus
from tests.requests.conftest import Region


def test_a_request_is_ranked_offered_and_picked_up(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    result = region.ask("jeroen.peeters")
    assert result.ok and result.closed
    code = region.case_code()

    ranking = region.last_dm("jeroen.peeters")
    assert f"casus {code}" in ranking
    # local specialist first, then the region-wide expert with the fewest other tags
    assert ranking.index("Sanne de Vries") < ranking.index("Kees van der Berg")
    assert "werkt in Roosendaal" in ranking and "0 van 4 plekken bezet" in ranking
    assert "Ahmed" not in ranking  # two offers per round for "binnen 3 werkdagen"

    offer = region.open_offer("sanne.devries")
    text = offer["message"] + str(offer["props"])
    assert code in text and "huiselijk geweld" in text and "Ik pak het op" in text
    assert "Veiligheidskaart" in text  # the compact card travels with the offer
    assert not region.has_open_offer("ahmed.elamrani")

    click = region.click("sanne.devries", "Ik pak het op")
    assert "Je hebt de vraag opgepakt" in click.ephemeral_text
    lead_notice = region.last_dm("jeroen.peeters")
    assert "Sanne de Vries" in lead_notice and "@sanne.devries" in lead_notice and code in lead_notice

    # Kees's offer no longer has buttons and says who picked it up
    kees_post = region.offers("kees.vanderberg")[-1]
    assert "al opgepakt door Sanne de Vries" in kees_post["message"]
    assert not region.has_open_offer("kees.vanderberg")

    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        (involvement,) = uow.cases.active_for_case(case.id)
        (request,) = uow.requests.for_case(case.id)
    assert involvement.expert_id == region["sanne.devries"].id
    assert request.status is RequestStatus.MATCHED


def test_double_and_late_clicks_are_harmless(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    region.ask("jeroen.peeters")
    sanne_offer = region.open_offer("sanne.devries")
    kees_offer = region.open_offer("kees.vanderberg")
    first = region.press("sanne.devries", sanne_offer, "Ik pak het op")
    assert "Je hebt de vraag opgepakt" in first["ephemeral_text"]
    again = region.press("sanne.devries", sanne_offer, "Ik pak het op")  # a double click
    assert again["ephemeral_text"] == "Je hebt deze vraag al opgepakt."
    late = region.stack.click(region["kees.vanderberg"], kees_offer, "Ik pak het op")
    assert "al opgepakt door Sanne de Vries" in late.ephemeral_text
    with region.stack.bot.uow() as uow:
        still_open = uow.requests.open_for_lead(region["jeroen.peeters"].id)
    assert still_open == []  # matched, not open
    assert region.offers_total() == 2


def test_someone_else_cannot_answer_an_offer(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    region.ask("jeroen.peeters")
    offer = region.open_offer("sanne.devries")
    # Kees replays Sanne's button: the signed context names the offer, and the offer names Sanne
    result = region.press("kees.vanderberg", offer, "Ik pak het op")
    assert result["ephemeral_text"] == "Deze vraag is niet aan jou gericht."
    assert region.has_open_offer("sanne.devries")


def test_decline_asks_an_optional_reason_and_the_next_round_follows(region: Region) -> None:
    region.ask("jeroen.peeters")
    for username in ("sanne.devries", "kees.vanderberg"):
        region.click(username, "Kan ik niet")
        dialog = region.stack.emulator.dialogs(region[username])[-1]
        assert dialog.dialog["title"] == "Kan ik niet oppakken"
        region.stack.submit(region[username], {"reason": "geen_capaciteit"})
        region.stack.deliver()
        assert "niet kunt oppakken" in region.offers(username)[-1]["message"]
    assert not region.has_open_offer("ahmed.elamrani")
    region.stack.tick()  # nobody left in round 1: the tick moves on without waiting for the deadline
    assert region.has_open_offer("ahmed.elamrani")
    assert "Ik vraag nu" in region.last_dm("jeroen.peeters")


def test_a_duo_needs_two_distinct_experts(region: Region) -> None:
    region.ask("jeroen.peeters", experts="2", urgency="vandaag")
    # TODAY asks three per expert wanted, but only three VT experts have this expertise
    assert all(region.has_open_offer(u) for u in ("sanne.devries", "kees.vanderberg", "ahmed.elamrani"))
    region.click("sanne.devries", "Ik pak het op")
    assert "nog 1 expert gezocht" in region.last_dm("jeroen.peeters")
    assert region.has_open_offer("kees.vanderberg")
    region.click("ahmed.elamrani", "Ik pak het op")
    assert "Ahmed" in region.last_dm("jeroen.peeters")
    assert not region.has_open_offer("kees.vanderberg")
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(region.case_code())
        assert case is not None
        experts = {i.expert_id for i in uow.cases.active_for_case(case.id)}
    assert experts == {region["sanne.devries"].id, region["ahmed.elamrani"].id}


def test_only_the_lead_can_withdraw_and_pending_offers_are_updated(region: Region) -> None:
    region.ask("jeroen.peeters")
    with region.stack.bot.uow() as uow:
        (request,) = uow.requests.open_for_lead(region["jeroen.peeters"].id)
    other = region.stack.slash(region["noor.vermeulen"], f"/erbij intrekken {request.id}")
    assert other == f"Vraag #{request.id} ken ik niet, of hij is niet van jou."
    done = region.stack.slash(region["jeroen.peeters"], f"/erbij intrekken {request.id}")
    assert done == f"Vraag #{request.id} is ingetrokken. 2 openstaande aanbieding(en) zijn vervallen."
    region.stack.deliver()
    for username in ("sanne.devries", "kees.vanderberg"):
        assert "ingetrokken" in region.offers(username)[-1]["message"]
        assert not region.has_open_offer(username)
    again = region.stack.slash(region["jeroen.peeters"], f"/erbij intrekken {request.id}")
    assert "loopt niet meer" in again
    assert region.stack.slash(region["jeroen.peeters"], "/erbij intrekken").startswith("Geef het nummer")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Moeder heeft BSN 111222333, hoe verder met de veiligheid?", "burgerservicenummer"),
        ("Kind 1 is geboren op 12-03-2015, wat is nu wijs om te doen?", "volledige datum"),
        ("Bel vader op 06-12345678 voor de afspraken met de school", "telefoonnummer"),
        ("Moeder mailt via moeder.test@example.nl, wat nu te doen?", "e-mailadres"),
        ("Rekening NL91ABNA0417164300 staat rood, schulden spelen mee", "IBAN"),
        ("Het gezin woont op 4701 AB 12 en de buren melden ruzie", "postcode met huisnummer"),
    ],
)
def test_the_privacy_guard_refuses_identifiers_and_nothing_is_stored(
    region: Region, question: str, kind: str
) -> None:
    result = region.ask("jeroen.peeters", question=question)
    assert not result.closed
    assert "question" in result.errors
    assert kind.lower() in result.errors["question"].lower()
    assert region.requests() == 0
    assert region.offers_total() == 0
    assert region.stack.dms(region["sanne.devries"]) == []


def test_field_errors_come_back_in_dutch(region: Region) -> None:
    result = region.ask("jeroen.peeters", case="WBW-0000-00", question="kort")
    assert not result.closed
    assert set(result.errors) >= {"case", "question"}
    assert region.requests() == 0


def test_someone_elses_case_cannot_be_used(region: Region) -> None:
    region.ask("jeroen.peeters")
    code = region.case_code()
    answer = region.stack.slash(region["noor.vermeulen"], f"/erbij {code}")
    assert "Alleen de regiehouder" in answer


def test_experts_and_unregistered_people_cannot_ask(region: Region) -> None:
    answer = region.stack.slash(region["sanne.devries"], "/erbij")
    assert "Alleen regiehouders" in answer
    stranger = region.stack.person("onbekend.persoon", "On", "Bekend")
    assert "rooster" in region.stack.slash(stranger, "/erbij")


def test_status_shows_open_requests_and_who_is_aboard(region: Region) -> None:
    region.ask("jeroen.peeters")
    code = region.case_code()
    status = region.stack.slash(region["jeroen.peeters"], "/erbij status")
    assert "Je lopende vragen" in status and code in status
    assert "Sanne de Vries (nog geen antwoord); Kees van der Berg (nog geen antwoord)" in status
    assert "Je vroeg: „Hoe maken we de veiligheidsafspraken met moeder concreet?”" in status
    assert "Als niemand reageert, vraag ik vandaag om 13:00 Ahmed." in status
    waiting = region.stack.slash(region["sanne.devries"], "/erbij status")
    assert (
        "Vragen die op jouw antwoord wachten" in waiting and code in waiting and "Jeroen Peeters" in waiting
    )
    region.click("sanne.devries", "Ik pak het op")
    status = region.stack.slash(region["jeroen.peeters"], f"/erbij status {code}")
    assert "Aangeschoven experts" in status and "Sanne de Vries" in status
    mine = region.stack.slash(region["sanne.devries"], "/erbij status")
    assert "Casussen waar jij bent aangeschoven" in mine and code in mine


def test_check_out_by_the_expert_tells_the_lead_and_reengagement_prefers_her(region: Region) -> None:
    region.ask("jeroen.peeters")
    code = region.case_code()
    region.click("sanne.devries", "Ik pak het op")

    refused = region.stack.slash(region["kees.vanderberg"], f"/erbij uitchecken {code}")
    assert "niemand aangeschoven" in refused

    assert region.stack.slash(region["sanne.devries"], f"/erbij uitchecken {code}") == ""
    region.stack.submit(region["sanne.devries"], {"reason": "veiligheid_hersteld"})
    region.stack.deliver()
    assert "uitgecheckt bij casus" in region.last_dm("jeroen.peeters")
    assert "De regie blijft bij jou" in region.last_dm("jeroen.peeters")
    assert "Je bent uitgecheckt" in region.last_dm("sanne.devries")

    # bijschalen: a new request for the same case goes to Sanne first, for a different expertise too
    region.ask("jeroen.peeters", code=code, expertise="kindermishandeling")
    ranking = region.last_dm("jeroen.peeters")
    assert ranking.splitlines()[1].startswith("1. **Sanne de Vries**")
    assert "was eerder betrokken bij deze casus" in ranking


def test_the_lead_can_check_an_expert_out(region: Region) -> None:
    region.ask("jeroen.peeters")
    code = region.case_code()
    region.click("sanne.devries", "Ik pak het op")
    region.stack.slash(region["jeroen.peeters"], f"/erbij uitchecken {code}")
    region.stack.submit(
        region["jeroen.peeters"], {"involvement": _only_choice(region), "reason": "doel_bereikt"}
    )
    region.stack.deliver()
    assert "heeft je uitgecheckt" in region.last_dm("sanne.devries")
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        assert uow.cases.active_for_case(case.id) == []


def _only_choice(region: Region) -> str:
    dialog = region.stack.emulator.dialogs(region["jeroen.peeters"])[-1].dialog
    (element,) = [e for e in dialog["elements"] if e["name"] == "involvement"]
    (option,) = element["options"]
    return str(option["value"])


def test_offer_statuses_are_recorded_for_the_monitor(region: Region) -> None:
    region.ask("jeroen.peeters")
    region.click("sanne.devries", "Ik pak het op")
    with region.stack.bot.uow() as uow:
        (request,) = uow.requests.for_case(uow.cases.by_code(region.case_code()).id)  # type: ignore[union-attr]
        offers = {o.expert_id: o for o in uow.requests.offers_for(request.id)}
    sanne = offers[region["sanne.devries"].id]
    kees = offers[region["kees.vanderberg"].id]
    assert sanne.status is OfferStatus.ACCEPTED and sanne.answered_at == region.stack.clock.now()
    assert kees.status is OfferStatus.TAKEN
    assert request.matched_at == region.stack.clock.now()


def test_an_offer_cannot_be_accepted_once_the_case_is_closed(region: Region) -> None:
    region.ask("jeroen.peeters")
    code = region.case_code()
    closed = region.stack.slash(region["jeroen.peeters"], f"/kaart {code} sluiten doel_bereikt")
    assert code in closed
    result = region.click("sanne.devries", "Ik pak het op")
    assert result.ephemeral_text == f"Casus {code} is inmiddels afgesloten; deze vraag vervalt."
    region.stack.tick()  # the tick withdraws the request and updates the remaining offer
    assert not region.has_open_offer("kees.vanderberg")
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        (request,) = uow.requests.for_case(case.id)
        assert uow.cases.active_for_case(case.id) == []
    assert request.status is RequestStatus.WITHDRAWN


def test_an_anonymous_consult_does_not_open_the_card(region: Region) -> None:
    region.ask("jeroen.peeters", share=False)
    code = region.case_code()
    offer = region.open_offer("sanne.devries")
    assert "Veiligheidskaart" not in str(offer["props"])
    assert "Anoniem consult" in str(offer["props"])
    click = region.click("sanne.devries", "Ik pak het op")
    assert "anoniem consult" in click.ephemeral_text
    answer = region.stack.slash(region["sanne.devries"], f"/kaart {code}")
    assert "Geen toegang" in answer or "geen toegang" in answer
    # she is aboard all the same: the lead sees her, and she counts towards her capacity
    status = region.stack.slash(region["jeroen.peeters"], f"/erbij status {code}")
    assert "Sanne de Vries" in status


def test_after_a_handover_the_new_lead_hears_and_decides(region: Region) -> None:
    region.ask("jeroen.peeters")
    code = region.case_code()
    region.stack.slash(region["jeroen.peeters"], f"/kaart {code} regie @noor.vermeulen")
    region.stack.deliver()
    with region.stack.bot.uow() as uow:
        (request,) = uow.requests.open_for_lead(region["noor.vermeulen"].id)
        assert uow.requests.open_for_lead(region["jeroen.peeters"].id) == []
    old = region.stack.slash(region["jeroen.peeters"], f"/erbij intrekken {request.id}")
    assert "ken ik niet" in old
    region.click("sanne.devries", "Ik pak het op")
    assert "Sanne de Vries" in region.last_dm("noor.vermeulen")
    assert "heeft je vraag" not in region.last_dm("jeroen.peeters")


def test_another_leads_code_in_the_dialog_is_refused_per_field(region: Region) -> None:
    region.ask("noor.vermeulen", municipality="Roosendaal")
    with region.stack.bot.uow() as uow:
        (case,) = uow.cases.led_by(region["noor.vermeulen"].id)
    before = region.requests()
    result = region.ask("jeroen.peeters", case=case.code)
    assert not result.closed
    assert (
        result.errors["case"]
        == f"Alleen de regiehouder van casus {case.code} kan hiervoor een expert erbij halen."
    )
    assert region.requests() == before


def test_an_expert_cannot_check_out_a_colleague(region: Region) -> None:
    region.ask("jeroen.peeters", experts="2", urgency="vandaag")
    code = region.case_code()
    region.click("sanne.devries", "Ik pak het op")
    region.click("ahmed.elamrani", "Ik pak het op")
    region.stack.slash(region["sanne.devries"], f"/erbij uitchecken {code}")
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        ahmed = next(
            i for i in uow.cases.active_for_case(case.id) if i.expert_id == region["ahmed.elamrani"].id
        )
    # Sanne's dialog is bound to her own involvement; a crafted field naming Ahmed's changes nothing
    region.stack.submit(region["sanne.devries"], {"reason": "geen_rol", "involvement": str(ahmed.id)})
    with region.stack.bot.uow() as uow:
        active = {i.expert_id for i in uow.cases.active_for_case(case.id)}
    assert active == {region["ahmed.elamrani"].id}


def test_free_text_after_a_command_stays_out_of_the_log(
    e2e_region: Region, caplog: pytest.LogCaptureFixture
) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    with caplog.at_level("INFO"):
        region.stack.slash(region["jeroen.peeters"], "/erbij Fatima heeft hulp nodig")
        region.stack.slash(region["jeroen.peeters"], "/erbij status")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "fatima" not in logged.lower()
    assert "/erbij status" in logged


def test_an_expert_out_of_office_in_mattermost_is_asked_after_the_others(region: Region) -> None:
    region.stack.emulator.set_status(region["sanne.devries"], "ooo")
    region.stack.tick()  # the tick reads the experts' statuses in bulk
    region.ask("jeroen.peeters")
    first = region.last_dm("jeroen.peeters")
    # otherwise first in line (she works in Roosendaal), now the two region-wide experts go first
    assert "Kees van der Berg" in first and "Ahmed" in first and "Sanne" not in first
    assert not region.has_open_offer("sanne.devries")
    # a soft signal, not a refusal: when the others decline, she is asked, and the lead sees why so late
    for username in ("kees.vanderberg", "ahmed.elamrani"):
        region.click(username, "Kan ik niet")
        region.stack.submit(region[username], {"reason": "geen_capaciteit"})
    region.stack.tick()
    assert region.has_open_offer("sanne.devries")
    assert "status 'Afwezig' (ooo) in Mattermost" in region.last_dm("jeroen.peeters")
