"""Escalations with hands, end to end through the emulator: every button, the race, the morning re-post."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from commands.requests.model import EscalationStatus, OfferStatus, RequestStatus
from tests.requests.conftest import Region

COORDINATORS = ("ingrid.bakker", "anne.martens")
# Tuesday 24 November 2026, 10:00 in Amsterdam
TUESDAY_1000 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _escalate(region: Region) -> None:
    """No VT expert knows about youth crime: the request escalates as soon as it is sent."""
    stack = region.stack
    stack.clock.set(TUESDAY_1000)
    for name in COORDINATORS:
        stack.emulator.add_to_channel(stack.coordinators_channel, region[name])
    region.ask("jeroen.peeters", expertise="jeugdcriminaliteit", organisation="VT")
    assert _request(region).status is RequestStatus.ESCALATED


def _posts(region: Region) -> list[dict[str, Any]]:
    return [p for p in region.stack.channel_posts("erbij-coordinatie") if "Hulp gezocht" in p["message"]]


def _post(region: Region) -> dict[str, Any]:
    (post,) = [p for p in _posts(region) if _buttons(p)]
    return post


def _buttons(post: dict[str, Any]) -> list[str]:
    return [
        a["name"]
        for att in (post.get("props") or {}).get("attachments") or []
        for a in att.get("actions") or []
    ]


def _request(region: Region):  # type: ignore[no-untyped-def]
    with region.stack.bot.uow() as uow:
        (request,) = uow.requests.for_case(uow.cases.by_code(region.case_code()).id)  # type: ignore[union-attr]
        return request


def _escalations(region: Region):  # type: ignore[no-untyped-def]
    with region.stack.bot.uow() as uow:
        return uow.requests.escalations_for(_request(region).id)


def _click(region: Region, username: str, button: str) -> Any:
    result = region.stack.click(region[username], _post(region), button)
    region.stack.deliver()
    return result


def test_the_escalation_post_has_buttons_and_only_coordinators_may_press_them(region: Region) -> None:
    _escalate(region)
    post = _post(region)
    assert _buttons(post) == ["Ik zoek iemand", "Toewijzen", "Breder uitzetten", "Niet meer nodig"]
    assert "Nog niemand zoekt hiernaar" in post["message"]
    assert "moeder" not in post["message"].lower()  # the question never reaches the channel
    region.stack.emulator.add_to_channel("erbij-coordinatie", region["sanne.devries"])
    for button in ("Ik zoek iemand", "Toewijzen", "Niet meer nodig"):
        result = _click(region, "sanne.devries", button)
        assert "Alleen coördinatoren" in result.ephemeral_text
    assert _escalations(region)[0].status is EscalationStatus.OPEN
    assert _request(region).status is RequestStatus.ESCALATED
    # the lead still sees the request, with its real state
    status = region.stack.slash(region["jeroen.peeters"], "/erbij status")
    assert region.case_code() in status and "coördinatoren" in status
    assert "Ik zet de vraag morgen om 8:30 opnieuw in hun kanaal" in status


def test_ik_zoek_iemand_claims_it_shows_who_and_tells_the_lead(region: Region) -> None:
    _escalate(region)
    result = _click(region, "ingrid.bakker", "Ik zoek iemand")
    assert "Je zoekt iemand" in result.ephemeral_text
    post = _post(region)
    assert "**Ingrid Bakker** zoekt iemand" in post["message"]
    assert _buttons(post) == ["Toewijzen", "Breder uitzetten", "Niet meer nodig"]
    assert len(_posts(region)) == 1  # updated in place, not posted again
    assert "Ingrid Bakker (coördinator) zoekt iemand" in region.last_dm("jeroen.peeters")
    status = region.stack.slash(region["jeroen.peeters"], "/erbij status")
    assert "Ingrid Bakker" in status


def _claim_at_once(region: Region, post: dict[str, Any]) -> dict[str, str]:
    barrier = threading.Barrier(len(COORDINATORS))
    answers: dict[str, str] = {}

    def press(name: str) -> None:
        barrier.wait()
        answers[name] = region.press(name, post, "Ik zoek iemand").get("ephemeral_text", "")

    threads = [threading.Thread(target=press, args=(name,)) for name in COORDINATORS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_coordinators_clicking_at_once_one_wins(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    _escalate(region)
    post = _post(region)
    for attempt in range(10):
        if attempt:
            # a fresh escalation for the next race: the lead asks again, nobody is there again
            region.ask("jeroen.peeters", expertise="jeugdcriminaliteit", organisation="VT")
            post = next(p for p in reversed(_posts(region)) if _buttons(p))
        answers = _claim_at_once(region, post)
        winners = [name for name, text in answers.items() if text.startswith("Je zoekt iemand")]
        assert len(winners) == 1, answers
        (loser,) = set(COORDINATORS) - set(winners)
        assert "al mee bezig" in answers[loser]
        region.stack.deliver()
        with region.stack.bot.uow() as uow:
            escalation = uow.requests.escalation(int(post["props"]["erbij_key"].split(":")[1]))
        assert escalation is not None and escalation.claimed_by == region[winners[0]].id


def test_toewijzen_offers_the_request_to_the_chosen_expert(region: Region) -> None:
    _escalate(region)
    _click(region, "anne.martens", "Toewijzen")
    dialog = region.stack.emulator.dialogs(region["anne.martens"])[-1].dialog
    (field,) = dialog["elements"]
    labels = {o["value"]: o["text"] for o in field["options"]}
    assert region["mohamed.yilmaz"].id in labels  # any expert of the roster can be chosen
    result = region.stack.submit(region["anne.martens"], {"expert": region["mohamed.yilmaz"].id})
    assert result.closed, result
    region.stack.deliver()
    offer = region.open_offer("mohamed.yilmaz")
    assert "Anne Martens (coördinator) heeft deze vraag aan jou toegewezen" in offer["message"]
    post = next(p for p in _posts(region))
    assert "Toegewezen aan **Mohamed Yilmaz** door Anne Martens" in post["message"]
    assert _buttons(post) == []
    assert "toegewezen aan Mohamed Yilmaz" in region.last_dm("jeroen.peeters")
    region.click("mohamed.yilmaz", "Ik pak het op")
    request = _request(region)
    assert request.status is RequestStatus.MATCHED
    with region.stack.bot.uow() as uow:
        (assigned,) = uow.requests.offers_for(request.id)
    assert assigned.assigned_by == region["anne.martens"].id and assigned.status is OfferStatus.ACCEPTED


def test_toewijzen_refuses_someone_who_is_not_an_expert(region: Region) -> None:
    _escalate(region)
    _click(region, "anne.martens", "Toewijzen")
    result = region.stack.submit(region["anne.martens"], {"expert": region["noor.vermeulen"].id})
    assert not result.closed and "expert" in result.errors
    assert _request(region).status is RequestStatus.ESCALATED


def test_breder_uitzetten_runs_matching_again_on_the_wider_search(region: Region) -> None:
    _escalate(region)
    _click(region, "ingrid.bakker", "Ik zoek iemand")
    _click(region, "ingrid.bakker", "Breder uitzetten")
    result = region.stack.submit(region["ingrid.bakker"], {"organisation": "any", "region": True})
    assert result.closed, result
    region.stack.deliver()
    assert region.has_open_offer("bart.smits")  # a Raad expert: any organisation now
    post = _posts(region)[0]
    assert "Breder uitgezet door Ingrid Bakker" in post["message"] and "hele regio" in post["message"]
    assert _buttons(post) == []
    request = _request(region)
    assert request.status is RequestStatus.OPEN and request.organisation_kinds == frozenset()
    assert request.region_wide
    dms = [p["message"] for p in region.stack.dms(region["jeroen.peeters"])]
    assert any("breder uitgezet" in m for m in dms)


def test_breder_uitzetten_that_still_finds_nobody_escalates_again(region: Region) -> None:
    _escalate(region)
    _click(region, "ingrid.bakker", "Breder uitzetten")
    region.stack.submit(region["ingrid.bakker"], {"organisation": "VT", "region": True})
    region.stack.deliver()
    assert _request(region).status is RequestStatus.ESCALATED
    first, second = _escalations(region)
    assert first.status is EscalationStatus.WIDENED and second.status is EscalationStatus.OPEN
    assert _buttons(_post(region))  # the new post is the one with buttons


def test_niet_meer_nodig_ends_the_request(region: Region) -> None:
    _escalate(region)
    post_before = _post(region)
    result = _click(region, "anne.martens", "Niet meer nodig")
    assert "gesloten" in result.ephemeral_text
    post = _posts(region)[0]
    assert "Niet meer nodig, volgens Anne Martens" in post["message"] and _buttons(post) == []
    assert _request(region).status is RequestStatus.WITHDRAWN
    assert "niet meer nodig" in region.last_dm("jeroen.peeters")
    # a stale click on the old buttons (e.g. a second screen) changes nothing
    late = region.press("ingrid.bakker", post_before, "Ik zoek iemand")
    assert "al afgehandeld" in late["ephemeral_text"]
    status = region.stack.slash(region["jeroen.peeters"], "/erbij status")
    assert f"Vraag #{_request(region).id}" not in status


def test_the_lead_withdrawing_closes_the_escalation_post(region: Region) -> None:
    _escalate(region)
    request = _request(region)
    done = region.stack.slash(region["jeroen.peeters"], f"/erbij intrekken {request.id}")
    assert "ingetrokken" in done
    region.stack.deliver()
    post = _posts(region)[0]
    assert "de regiehouder heeft de vraag ingetrokken" in post["message"] and _buttons(post) == []


def test_an_unclaimed_escalation_is_posted_again_once_the_next_working_morning(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    stack = region.stack
    _escalate(region)
    stack.clock.set(datetime(2026, 11, 24, 20, 0, tzinfo=UTC))  # Tuesday evening: not yet
    stack.tick()
    assert len(_posts(region)) == 1
    stack.clock.set(datetime(2026, 11, 25, 7, 31, tzinfo=UTC))  # Wednesday 08:31
    stack.restart()
    stack.tick()
    stack.tick()
    posts = _posts(region)
    assert len(posts) == 2
    assert "opnieuw geplaatst" in posts[0]["message"] and _buttons(posts[0]) == []
    assert "Nog steeds open" in posts[1]["message"] and _buttons(posts[1])
    # the buttons of the new post act on the same escalation
    _click(region, "ingrid.bakker", "Ik zoek iemand")
    assert "**Ingrid Bakker** zoekt iemand" in _posts(region)[1]["message"]
    stack.clock.advance(timedelta(days=1))
    stack.tick()
    assert len(_posts(region)) == 2  # once, never again


def test_a_claimed_escalation_is_not_posted_again(region: Region) -> None:
    stack = region.stack
    _escalate(region)
    _click(region, "ingrid.bakker", "Ik zoek iemand")
    stack.clock.set(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    stack.tick()
    assert len(_posts(region)) == 1


def test_an_escalation_on_a_closed_case_cannot_be_assigned_and_is_not_posted_again(region: Region) -> None:
    _escalate(region)
    code = region.case_code()
    region.stack.slash(region["jeroen.peeters"], f"/kaart {code} sluiten doel_bereikt")
    result = _click(region, "anne.martens", "Toewijzen")
    assert f"Casus {code} is afgesloten" in result.ephemeral_text
    region.stack.clock.set(datetime(2026, 11, 25, 7, 31, tzinfo=UTC))  # the next working morning
    region.stack.tick()
    (post,) = _posts(region)
    assert _buttons(post) == [] and "afgesloten" in post["message"]
    assert _escalations(region)[0].status is EscalationStatus.WITHDRAWN
