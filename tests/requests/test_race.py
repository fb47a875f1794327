"""First accept wins: simultaneous clicks are decided by the database (conditional updates), on both."""

from __future__ import annotations

import threading
from datetime import timedelta

import httpx

from commands.cases.lifecycle import create_case
from commands.cases.model import Framework
from commands.requests.model import (
    InvolvementForm,
    NewHelpRequest,
    NewOffer,
    OfferStatus,
    RequestStatus,
    Urgency,
)
from commands.roster.model import OrganisationKind
from tests.requests.conftest import Region

EXPERTS = ("sanne.devries", "kees.vanderberg", "ahmed.elamrani", "lotte.jansen", "hanneke.degroot")
ACCEPTED = "Je hebt de vraag opgepakt"


def _seed(region: Region, wanted: int) -> tuple[int, dict[str, int]]:
    """A case with a request and one pending offer per expert, as if round 1 had just gone out."""
    stack = region.stack
    now = stack.clock.now()
    with stack.bot.uow() as uow:
        lead = uow.roster.professional(region["jeroen.peeters"].id)
        assert lead is not None
        case = create_case(uow, lead, "Roosendaal", now, access_point="test", framework=Framework.VOLUNTARY)
        request = uow.requests.add(
            NewHelpRequest(case.id, lead.user_id, "huiselijk_geweld", frozenset({OrganisationKind.VT}),
                           InvolvementForm.CONSULT, Urgency.TODAY, wanted, "Een vraag voor de race.", True,
                           now, now)
        )  # fmt: skip
        uow.requests.claim_round(request.id, 0, now + timedelta(hours=1))
        offers = uow.requests.add_offers(
            NewOffer(request.id, region[name].id, 1, rank, (), now) for rank, name in enumerate(EXPERTS, 1)
        )
        uow.commit()
    return request.id, {name: offer.id for name, offer in zip(EXPERTS, offers, strict=True)}


def _click_all_at_once(region: Region, offers: dict[str, int]) -> dict[str, str]:
    stack = region.stack
    url = f"{stack.server.url}/mattermost/action"  # type: ignore[union-attr]
    expires = stack.clock.now() + timedelta(days=1)
    barrier = threading.Barrier(len(offers))
    answers: dict[str, str] = {}

    def click(name: str, offer_id: int) -> None:
        context = {"t": stack.bot.signer.sign({"a": "offer.accept", "d": {"offer": str(offer_id)}}, expires)}
        user = region[name]
        with httpx.Client(timeout=30) as client:
            barrier.wait()
            response = client.post(url, json={"user_id": user.id, "user_name": user.username,
                                               "post_id": "p", "context": context})  # fmt: skip
        answers[name] = response.json().get("ephemeral_text", "")

    threads = [threading.Thread(target=click, args=item) for item in offers.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _race(region: Region, rounds: int, wanted: int) -> None:
    for _ in range(rounds):
        request_id, offers = _seed(region, wanted)
        answers = _click_all_at_once(region, offers)
        winners = [name for name, text in answers.items() if text.startswith(ACCEPTED)]
        assert len(winners) == wanted, answers
        with region.stack.bot.uow() as uow:
            request = uow.requests.get(request_id)
            assert request is not None
            stored = uow.requests.offers_for(request_id)
            involvements = uow.cases.active_for_case(request.case_id)
        assert request.status is RequestStatus.MATCHED
        assert request.accepted == wanted
        assert sorted(o.status for o in stored).count(OfferStatus.ACCEPTED) == wanted
        assert {o.status for o in stored} == {OfferStatus.ACCEPTED, OfferStatus.TAKEN}
        assert {i.expert_id for i in involvements} == {region[name].id for name in winners}
        losers = [text for name, text in answers.items() if name not in winners]
        assert all("al opgepakt door" in text for text in losers), losers


def test_five_simultaneous_clicks_have_exactly_one_winner_100_times(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    _race(region, rounds=100, wanted=1)


def test_a_duo_gets_exactly_two_distinct_winners(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    _race(region, rounds=25, wanted=2)
