"""`/erbij status` names who the next round would ask; a lead asking again reuses that forecast for a minute,
but never one whose experts changed meanwhile (paused, asked elsewhere, filled up)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from commands.requests.rounds import RequestSettings
from commands.requests.status import status_text
from storage.roster import SqlRosterRepository
from tests.requests.conftest import Region

NEXT = "Als niemand reageert, vraag ik"


@pytest.fixture
def region(e2e_region: Region) -> Region:
    """These tests count the SQL roster repository's reads: the full path, on the database."""
    return e2e_region


def _fresh(region: Region) -> str:
    """The status as worked out from scratch (no kept forecast)."""
    stack = region.stack
    with stack.bot.uow.read() as uow:
        return status_text(uow, region["jeroen.peeters"].id, None, stack.clock.now(), RequestSettings())


def _rankings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = SqlRosterRepository.candidate_experts

    def counted(self: SqlRosterRepository, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SqlRosterRepository, "candidate_experts", counted)
    return calls


def test_asking_again_reuses_the_forecast_with_the_same_words(
    region: Region, monkeypatch: pytest.MonkeyPatch
) -> None:
    region.ask("jeroen.peeters")
    lead = region["jeroen.peeters"]
    first = region.stack.slash(lead, "/erbij status")
    assert f"{NEXT} vandaag om 13:00 Ahmed." in first
    rankings = _rankings(monkeypatch)
    region.stack.clock.advance(timedelta(seconds=30))
    assert region.stack.slash(lead, "/erbij status") == first
    assert rankings == []  # nobody ranked the region again
    region.stack.clock.advance(timedelta(seconds=31))
    assert region.stack.slash(lead, "/erbij status") == first
    assert rankings == [1]  # a minute on, ranked afresh


def test_a_forecast_expert_who_pauses_is_not_named_from_the_kept_forecast(region: Region) -> None:
    region.ask("jeroen.peeters")
    lead = region["jeroen.peeters"]
    assert "Ahmed." in region.stack.slash(lead, "/erbij status")
    with region.stack.bot.uow() as uow:
        uow.roster.set_paused(region["ahmed.elamrani"].id, True, region.stack.clock.now())
        uow.commit()
    again = region.stack.slash(lead, "/erbij status")
    assert "Ahmed" not in again.split(NEXT)[1]
    assert again == _fresh(region)
