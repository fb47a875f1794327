"""Rounds and escalation with a fake clock: deadlines in working hours, restarts, several bot processes."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from bot.composition import build_runtime
from commands.requests.model import OfferStatus, RequestStatus
from tests.requests.conftest import Region

# Friday 27 November 2026, 15:00 in Amsterdam (winter time: UTC+1)
FRIDAY_1500 = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)


def _coordinator_posts(region: Region) -> list[str]:
    return [
        p["message"]
        for p in region.stack.channel_posts("erbij-coordinatie")
        if "Hulp gezocht" in p["message"]
    ]


def _request(region: Region):  # type: ignore[no-untyped-def]
    with region.stack.bot.uow() as uow:
        (request,) = uow.requests.for_case(uow.cases.by_code(region.case_code()).id)  # type: ignore[union-attr]
        return request, uow.requests.offers_for(request.id)


def test_escalation_waits_over_the_weekend_then_moves_on_and_reaches_the_coordinators(region: Region) -> None:
    stack = region.stack
    stack.clock.set(FRIDAY_1500)
    region.ask("jeroen.peeters", urgency="deze_week")  # 8 working hours per round
    # Sanne does not work on Fridays: the two region-wide VT experts are asked
    assert region.has_open_offer("kees.vanderberg") and region.has_open_offer("ahmed.elamrani")
    assert not region.has_open_offer("sanne.devries")

    stack.clock.set(FRIDAY_1500 + timedelta(hours=3))  # Friday 18:00: only 2 working hours have passed
    stack.tick()
    stack.clock.set(datetime(2026, 11, 29, 12, 0, tzinfo=UTC))  # Sunday
    stack.tick()
    request, offers = _request(region)
    assert request.round == 1 and {o.status for o in offers} == {OfferStatus.PENDING}
    # 2 working hours on Friday, 6 on Monday from 08:30: Monday 14:30 local
    assert request.round_due_at == datetime(2026, 11, 30, 13, 30, tzinfo=UTC)

    stack.clock.set(datetime(2026, 11, 30, 13, 31, tzinfo=UTC))  # Monday 14:31
    stack.tick()
    request, offers = _request(region)
    assert request.round == 2
    assert region.has_open_offer("sanne.devries")
    assert not region.has_open_offer("kees.vanderberg")
    assert "doorgezet naar een collega" in region.offers("kees.vanderberg")[-1]["message"]
    assert "Ik vraag nu" in region.last_dm("jeroen.peeters")
    assert _coordinator_posts(region) == []

    stack.clock.advance(timedelta(days=1))  # round 2 passes its deadline, nobody is left
    stack.tick()
    request, offers = _request(region)
    assert request.status is RequestStatus.ESCALATED
    (post,) = _coordinator_posts(region)
    code = region.case_code()
    assert code in post and "huiselijk geweld" in post and "@jeroen.peeters" in post
    assert "moeder" not in post.lower()  # the channel gets code and status only, never the question
    assert "coördinatoren" in region.last_dm("jeroen.peeters")
    stack.clock.advance(timedelta(days=1))
    stack.tick()
    stack.clock.advance(timedelta(days=1))
    stack.tick()
    # escalated once; re-posted once the next working morning (nobody claimed it), and never again
    moved, reposted = _coordinator_posts(region)
    assert "opnieuw geplaatst" in moved and "Nog steeds open" in reposted


def test_a_restart_during_the_wait_neither_loses_nor_repeats_the_next_round(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    stack = region.stack
    region.ask("jeroen.peeters")
    stack.restart()
    stack.clock.advance(timedelta(hours=5))
    stack.tick()
    stack.restart()
    stack.tick()
    stack.tick()
    request, offers = _request(region)
    assert request.round == 2
    assert sorted(o.round for o in offers) == [1, 1, 2]
    assert len([p for p in region.offers("ahmed.elamrani")]) == 1


def test_two_bot_processes_ticking_at_once_start_each_round_once(e2e_region: Region) -> None:
    region = e2e_region  # the full path: emulator, HTTP, database
    stack = region.stack
    region.ask("jeroen.peeters")
    stack.clock.advance(timedelta(hours=5))
    second = build_runtime(stack.bot.settings, clock=stack.clock)
    try:
        barrier = threading.Barrier(2)
        results: list[dict[str, int]] = []

        def tick(runtime):  # type: ignore[no-untyped-def]
            barrier.wait()
            results.append(runtime.erbij.tick())

        threads = [threading.Thread(target=tick, args=(r,)) for r in (stack.bot, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        second.stop()
    assert sorted(r["requests.rounds"] for r in results) == [0, 1]
    stack.deliver()
    request, offers = _request(region)
    assert request.round == 2 and len(offers) == 3
    assert len(region.offers("ahmed.elamrani")) == 1


def test_a_non_urgent_request_at_night_waits_for_the_morning(region: Region) -> None:
    stack = region.stack
    stack.clock.set(datetime(2026, 11, 24, 21, 0, tzinfo=UTC))  # Tuesday 22:00
    region.ask("jeroen.peeters")
    assert "buiten werktijd" in region.last_dm("jeroen.peeters")
    assert not region.has_open_offer("sanne.devries")
    stack.tick()
    assert not region.has_open_offer("sanne.devries")
    stack.clock.set(datetime(2026, 11, 25, 7, 30, tzinfo=UTC))  # Wednesday 08:30
    stack.tick()
    assert region.has_open_offer("sanne.devries")


def test_an_urgent_request_at_night_goes_out_at_once(region: Region) -> None:
    stack = region.stack
    stack.clock.set(datetime(2026, 11, 24, 21, 0, tzinfo=UTC))  # Tuesday 22:00
    region.ask("jeroen.peeters", urgency="vandaag")
    assert region.has_open_offer("sanne.devries")
    request, _offers = _request(region)
    assert request.round_due_at == stack.clock.now() + timedelta(hours=1)


def test_closing_the_case_withdraws_its_waiting_request(region: Region) -> None:
    stack = region.stack
    region.ask("jeroen.peeters")
    with stack.bot.uow() as uow:
        case = uow.cases.by_code(region.case_code())
        assert case is not None
        uow.cases.close(case.id, stack.clock.now(), "doel_bereikt")
        uow.commit()
    stack.clock.advance(timedelta(hours=5))
    stack.tick()
    request, offers = _request(region)
    assert request.status is RequestStatus.WITHDRAWN
    assert {o.status for o in offers} == {OfferStatus.WITHDRAWN}
    assert not region.has_open_offer("ahmed.elamrani")
