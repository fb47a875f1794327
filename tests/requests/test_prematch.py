"""A submission ranks before its write transaction; the transaction re-checks the few it chose.

Between the two, another request may ask the chosen expert, or she may pause: the write transaction then
ranks again, so fairness (never asked first, then least recently asked) and availability hold as if the
ranking had been made inside it. When nothing changed, the region is ranked once, outside the write lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from commands.cases.lifecycle import create_case
from commands.cases.model import Framework
from commands.cases.sharing import LegalBasis, ShareBasis
from commands.requests import early, handlers, rounds
from commands.requests.early import rank_early
from commands.requests.model import HelpRequest, OfferStatus
from commands.requests.rounds import Ranking
from commands.roster.model import OrganisationKind
from storage.roster import SqlRosterRepository
from tests.requests.conftest import Region


@pytest.fixture
def region(e2e_region: Region) -> Region:
    """These tests count the SQL roster repository's reads: the full path, on the database."""
    return e2e_region


def _offered(region: Region, code: str) -> set[str]:
    """Usernames asked by the newest request on this case."""
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        request = uow.requests.for_case(case.id)[-1]
        offers = uow.requests.offers_for(request.id)
        names = {o.expert_id: uow.roster.professional(o.expert_id) for o in offers}
    return {names[o.expert_id].username for o in offers if o.status is OfferStatus.PENDING}  # type: ignore[union-attr]


def _names(ranking: Ranking | None) -> set[str]:
    assert ranking is not None and ranking.chosen
    return {c.professional.username for c in ranking.chosen}


def _between(
    monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[[Ranking | None], None]
) -> dict[str, Ranking | None]:
    """Run `meanwhile` (committed) after the early ranking and before the submission's write transaction."""
    seen: dict[str, Ranking | None] = {}

    def early(*args: Any) -> Ranking | None:
        seen["early"] = ranking = rank_early(*args)
        meanwhile(ranking)
        seen["after"] = rank_early(*args)  # what a ranking inside the write transaction now sees
        return ranking

    monkeypatch.setattr(handlers, "rank_early", early)
    return seen


def _first_request(region: Region) -> str:
    region.ask("jeroen.peeters")
    code = region.case_code()
    region.stack.clock.advance(timedelta(minutes=10))
    return code


def test_the_early_ranking_ranks_the_request_as_it_is_stored_legal_basis_included(
    region: Region, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The early path and the write transaction build the request from the dialog one way (`Draft.request`):
    what was ranked is what was stored, the legal basis for sharing the card included."""
    code = _first_request(region)
    ranked: list[HelpRequest] = []
    original = rounds.prematch

    def seen(uow: Any, request: HelpRequest, *args: Any) -> Ranking:
        ranked.append(request)
        return original(uow, request, *args)

    monkeypatch.setattr(early, "prematch", seen)
    note = "stap 2: overleg met Veilig Thuis"
    region.ask("jeroen.peeters", code=code, grondslag="meldcode", grondslag_toelichting=note)
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        stored = uow.requests.for_case(case.id)[-1]
    (request,) = ranked
    assert request.share_basis == ShareBasis(LegalBasis.MELDCODE, note)
    assert stored.round == 1  # since then, the first round started: it has an id, a round and its deadline
    assert replace(request, id=stored.id, round=1, round_due_at=stored.round_due_at) == stored


def test_nothing_changed_the_region_is_ranked_once_outside_the_write_transaction(
    region: Region, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _first_request(region)
    seen = _between(monkeypatch, lambda _ranking: None)
    calls: list[int] = []
    original = SqlRosterRepository.candidate_experts

    def counted(self: SqlRosterRepository, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SqlRosterRepository, "candidate_experts", counted)
    region.ask("jeroen.peeters", code=code)
    assert _offered(region, code) == _names(seen["early"])
    assert len(calls) == 2  # the early ranking and the test's own look at it; none in the transaction


@pytest.mark.parametrize("spares", [rounds.SPARES, 0])  # 0: no spare to replace her, so the region is ranked
def test_an_expert_whose_caseload_filled_meanwhile_is_not_asked(
    region: Region, monkeypatch: pytest.MonkeyPatch, spares: int
) -> None:
    monkeypatch.setattr(rounds, "SPARES", spares)
    code = _first_request(region)
    stack = region.stack
    full: list[str] = []

    def other_cases_take_her(ranking: Ranking | None) -> None:
        assert ranking is not None
        chosen = ranking.candidates[0].professional
        now = stack.clock.now()
        with stack.bot.uow() as uow:
            lead = uow.roster.professional(region["jeroen.peeters"].id)
            assert lead is not None
            for _ in range(chosen.capacity):
                other = create_case(uow, lead, "Roosendaal", now, access_point="test",
                                    framework=Framework.VOLUNTARY)  # fmt: skip
                uow.cases.start_involvement(other.id, chosen.user_id, OrganisationKind.VT, now)
            uow.commit()
        full.append(chosen.username)

    seen = _between(monkeypatch, other_cases_take_her)
    region.ask("jeroen.peeters", code=code)
    assert full[0] not in _offered(region, code)
    assert _offered(region, code) == _names(seen["after"])


def test_an_expert_who_paused_meanwhile_is_not_asked(region: Region, monkeypatch: pytest.MonkeyPatch) -> None:
    code = _first_request(region)
    stack = region.stack
    paused: list[str] = []

    def pause_the_first(ranking: Ranking | None) -> None:
        assert ranking is not None
        chosen = ranking.candidates[0].professional
        with stack.bot.uow() as uow:
            uow.roster.set_paused(chosen.user_id, True, stack.clock.now())
            uow.commit()
        paused.append(chosen.username)

    seen = _between(monkeypatch, pause_the_first)
    region.ask("jeroen.peeters", code=code)
    assert paused[0] not in _offered(region, code)
    assert _offered(region, code) == _names(seen["after"])
