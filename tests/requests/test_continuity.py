"""One face, for real: a known expert gets the offer alone first; re-engaging her takes one click."""

from __future__ import annotations

from datetime import timedelta

from commands.requests.model import OfferStatus, RequestStatus
from tests.requests.conftest import Region


def _involve_then_check_out(region: Region, username: str = "sanne.devries") -> str:
    region.ask("jeroen.peeters")
    code = region.case_code()
    region.click(username, "Ik pak het op")
    region.stack.slash(region[username], f"/erbij uitchecken {code}")
    region.stack.submit(region[username], {"reason": "veiligheid_hersteld"})
    region.stack.deliver()
    return code


def _offers(region: Region, code: str) -> dict[str, OfferStatus]:
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        request = uow.requests.for_case(case.id)[-1]
        offers = uow.requests.offers_for(request.id)
        names = {o.expert_id: uow.roster.professional(o.expert_id) for o in offers}
    return {names[o.expert_id].username: o.status for o in offers}  # type: ignore[union-attr]


def test_the_earlier_expert_is_asked_alone_first_then_with_the_others_after_the_head_start(
    region: Region,
) -> None:
    code = _involve_then_check_out(region)
    region.stack.clock.advance(timedelta(days=7))
    # Kees (a stranger to the family) is just as available and has the expertise
    region.ask("jeroen.peeters", code=code)
    assert _offers(region, code) == {"sanne.devries": OfferStatus.PENDING}
    assert region.has_open_offer("sanne.devries") and not region.has_open_offer("kees.vanderberg")
    notice = region.last_dm("jeroen.peeters")
    assert "Sanne de Vries kent het gezin; zij krijgt je vraag" in notice
    status = region.stack.slash(region["jeroen.peeters"], "/erbij status")
    assert "Als ze niet reageert, vraag ik" in status and "ook Kees en Ahmed" in status

    region.stack.clock.advance(timedelta(minutes=59))  # within the head start (one working hour)
    region.stack.tick()
    assert not region.has_open_offer("kees.vanderberg")

    region.stack.clock.advance(timedelta(minutes=2))
    region.stack.tick()
    assert _offers(region, code) == {
        "sanne.devries": OfferStatus.PENDING,  # her offer stays open: she may still answer
        "kees.vanderberg": OfferStatus.PENDING,
        "ahmed.elamrani": OfferStatus.PENDING,
    }
    assert region.has_open_offer("sanne.devries") and region.has_open_offer("kees.vanderberg")
    assert "Ik vraag nu ook" in region.last_dm("jeroen.peeters")
    region.click("sanne.devries", "Ik pak het op")
    assert not region.has_open_offer("kees.vanderberg")


def test_when_the_known_face_accepts_within_the_head_start_nobody_else_is_asked(region: Region) -> None:
    code = _involve_then_check_out(region)
    region.ask("jeroen.peeters", code=code)
    region.click("sanne.devries", "Ik pak het op")
    region.stack.clock.advance(timedelta(hours=2))
    region.stack.tick()
    assert _offers(region, code) == {"sanne.devries": OfferStatus.ACCEPTED}


def test_a_duo_keeps_its_pair_when_the_case_comes_back(region: Region) -> None:
    region.ask("jeroen.peeters", experts="2", urgency="vandaag")
    code = region.case_code()
    region.click("sanne.devries", "Ik pak het op")
    region.click("ahmed.elamrani", "Ik pak het op")
    for username in ("sanne.devries", "ahmed.elamrani"):
        region.stack.slash(region[username], f"/erbij uitchecken {code}")
        region.stack.submit(region[username], {"reason": "doel_bereikt"})
    region.stack.clock.advance(timedelta(days=14))
    region.ask("jeroen.peeters", code=code, experts="2")
    assert _offers(region, code) == {
        "sanne.devries": OfferStatus.PENDING,
        "ahmed.elamrani": OfferStatus.PENDING,
    }
    assert "kennen het gezin" in region.last_dm("jeroen.peeters")


def test_opnieuw_erbij_halen_is_one_click_to_a_prefilled_dialog(region: Region) -> None:
    code = _involve_then_check_out(region)
    notice = next(
        p for p in reversed(region.stack.dms(region["jeroen.peeters"])) if "uitgecheckt" in p["message"]
    )
    result = region.stack.click(region["jeroen.peeters"], notice, "Opnieuw erbij halen")
    assert result.ok
    dialog = region.stack.emulator.dialogs(region["jeroen.peeters"])[-1].dialog
    defaults = {e["name"]: e.get("default") for e in dialog["elements"]}
    assert defaults["case"] == code and defaults["expertise"] == "huiselijk_geweld"
    assert "Sanne de Vries" in dialog["introduction_text"]
    region.stack.submit(
        region["jeroen.peeters"], {"question": "Het gaat weer minder goed; kun je meedenken?"}
    )
    region.stack.deliver()
    assert _offers(region, code) == {"sanne.devries": OfferStatus.PENDING}
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        assert uow.requests.for_case(case.id)[-1].status is RequestStatus.OPEN


def test_only_the_lead_can_use_opnieuw_erbij_halen(region: Region) -> None:
    _involve_then_check_out(region)
    notice = next(
        p for p in reversed(region.stack.dms(region["jeroen.peeters"])) if "uitgecheckt" in p["message"]
    )
    replay = region.press("noor.vermeulen", notice, "Opnieuw erbij halen")
    assert "Alleen de regiehouder" in replay["ephemeral_text"]


def test_a_known_face_out_of_office_gets_no_head_start(region: Region) -> None:
    code = _involve_then_check_out(region)
    region.stack.emulator.set_status(region["sanne.devries"], "ooo")
    region.stack.tick()  # the tick reads the experts' statuses in bulk
    region.ask("jeroen.peeters", code=code)
    offers = _offers(region, code)
    assert "kees.vanderberg" in offers and "kent het gezin" not in region.last_dm("jeroen.peeters")
