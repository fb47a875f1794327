"""Kan ik niet -> hoort bij een collega: the expert picks the colleague, who gets the same request."""

from __future__ import annotations

import pytest

from commands.requests.model import OfferStatus, RequestStatus
from tests.requests.conftest import Region


def _decline_dialog(region: Region, username: str) -> dict[str, object]:
    region.click(username, "Kan ik niet")
    return dict(region.stack.emulator.dialogs(region[username])[-1].dialog)


def test_the_colleague_gets_the_offer_in_the_same_round_of_the_same_request(region: Region) -> None:
    region.ask("jeroen.peeters")
    dialog = _decline_dialog(region, "sanne.devries")
    picker = next(e for e in dialog["elements"] if e["name"] == "colleague")  # type: ignore[attr-defined]
    assert picker["type"] == "select" and picker["data_source"] == "users" and "options" not in picker
    result = region.stack.submit(region["sanne.devries"], {"colleague": region["lotte.jansen"].id})
    assert result.closed, result
    region.stack.deliver()

    offer = region.open_offer("lotte.jansen")
    assert "Doorgestuurd door Sanne de Vries" in offer["message"]
    assert "doorgestuurd naar Lotte Jansen" in region.last_dm("jeroen.peeters")
    assert region.requests() == 1
    with region.stack.bot.uow() as uow:
        (request,) = uow.requests.for_case(uow.cases.by_code(region.case_code()).id)  # type: ignore[union-attr]
        offers = {o.expert_id: o for o in uow.requests.offers_for(request.id)}
    sanne, lotte = offers[region["sanne.devries"].id], offers[region["lotte.jansen"].id]
    assert sanne.status is OfferStatus.DECLINED and sanne.decline_reason == "hoort_bij_collega"
    assert lotte.round == sanne.round == request.round == 1
    assert lotte.forwarded_by == region["sanne.devries"].id
    status = region.stack.slash(region["jeroen.peeters"], "/erbij status")
    assert (
        "Sanne de Vries (kan niet: hoort bij een collega)" in status
        and "Lotte Jansen (nog geen antwoord)" in status
    )

    region.click("lotte.jansen", "Ik pak het op")
    with region.stack.bot.uow() as uow:
        assert uow.requests.get(request.id).status is RequestStatus.MATCHED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("colleague", "error"),
    [("noor.vermeulen", "niet als expert"), ("sanne.devries", "niet jezelf")],
)
def test_only_another_expert_can_be_chosen(region: Region, colleague: str, error: str) -> None:
    region.ask("jeroen.peeters")
    _decline_dialog(region, "sanne.devries")
    result = region.stack.submit(region["sanne.devries"], {"colleague": region[colleague].id})
    assert not result.closed and error in result.errors["colleague"]
    assert region.has_open_offer("sanne.devries")  # nothing happened: she can still answer


def test_the_emulator_picker_offers_only_existing_users(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    region.ask("jeroen.peeters")
    _decline_dialog(region, "sanne.devries")
    with pytest.raises(ValueError, match="user picker"):
        region.stack.submit(region["sanne.devries"], {"colleague": "iemand-die-niet-bestaat"})
