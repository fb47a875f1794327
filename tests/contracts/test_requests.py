"""Contract of `RequestRepository`, on the fake and on SQL: the claims are conditional, reads are ordered."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from commands.cases.model import CloseReason, EndReason
from commands.cases.sharing import LegalBasis, ShareBasis
from commands.clock import ManualClock
from commands.ports import UnitOfWork, UnitOfWorkFactory
from commands.requests.model import (
    EscalationStatus,
    ExpertLoad,
    HelpRequest,
    InvolvementForm,
    NewHelpRequest,
    NewOffer,
    OfferStatus,
    RequestStatus,
    Urgency,
    Widening,
)
from commands.roster.model import OrganisationKind
from tests.contracts.conftest import later, uid
from tests.contracts.test_cases import add_case

VT = OrganisationKind.VT


def ask(
    uow: UnitOfWork, clock: ManualClock, case_id: int, *, wanted: int = 1, minutes: int = 0
) -> HelpRequest:
    return uow.requests.add(
        NewHelpRequest(
            case_id=case_id, asked_by=uid("lotte"), expertise="huiselijk_geweld",
            organisation_kinds=frozenset({VT, OrganisationKind.GI}), form=InvolvementForm.CONSULT,
            urgency=Urgency.THREE_DAYS, experts_wanted=wanted, question="Hoe verder met de afspraken?",
            share_card=True, created_at=clock.now(), first_round_at=later(clock, minutes),
            share_basis=ShareBasis(LegalBasis.MELDCODE, "stap 2"),
        )
    )  # fmt: skip


def offer(
    request: HelpRequest, expert: str, clock: ManualClock, *, rank: int = 1, minutes: int = 0
) -> NewOffer:
    return NewOffer(request.id, uid(expert), 1, rank, ("werkt in Roosendaal",), later(clock, minutes))


def test_a_request_is_stored_open_and_read_per_lead_and_case(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        case = add_case(uow, clock, "WBW-AAAA-11")
        other = add_case(uow, clock, "WBW-BBBB-22", lead="bram")
        first = ask(uow, clock, case.id)
        second = ask(uow, clock, case.id, wanted=2)
        theirs = ask(uow, clock, other.id)
        uow.commit()
    assert first.status is RequestStatus.OPEN and first.round == 0 and first.accepted == 0
    assert first.round_due_at == clock.now() and not first.region_wide and not first.head_start
    assert first.organisation_kinds == frozenset({VT, OrganisationKind.GI})
    assert first.share_basis == ShareBasis(LegalBasis.MELDCODE, "stap 2")
    with seeded() as uow:
        assert uow.requests.get(first.id) == first and uow.requests.get(theirs.id + 9) is None
        assert uow.requests.open_for_lead(uid("lotte")) == [first, second]
        assert uow.requests.for_case(other.id) == [theirs]
        assert uow.requests.set_status(first.id, RequestStatus.ESCALATED.value, later(clock, 1))
        assert uow.requests.set_status(second.id, RequestStatus.MATCHED.value, later(clock, 2))
        uow.commit()
    with seeded() as uow:
        assert [r.id for r in uow.requests.running_for_lead(uid("lotte"))] == [first.id]
        assert uow.requests.open_for_lead(uid("lotte")) == []
        matched = uow.requests.get(second.id)
        escalated = uow.requests.get(first.id)
    assert matched is not None and matched.matched_at == later(clock, 2) and matched.round_due_at is None
    assert escalated is not None and escalated.closed_at == later(clock, 1) and escalated.matched_at is None


def test_set_status_and_reopen_only_move_from_the_expected_status(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    widening = Widening("kindermishandeling", frozenset({OrganisationKind.RVDK}), region_wide=True)
    with seeded() as uow:
        request = ask(uow, clock, add_case(uow, clock, "WBW-AAAA-11").id)
        assert not uow.requests.reopen(request.id)  # open, not escalated
        assert uow.requests.set_status(request.id, RequestStatus.ESCALATED.value, later(clock, 1))
        assert not uow.requests.set_status(request.id, RequestStatus.WITHDRAWN.value, later(clock, 2))
        assert uow.requests.reopen(request.id, widening)
        assert not uow.requests.reopen(request.id)
        assert uow.requests.set_status(
            request.id, RequestStatus.WITHDRAWN.value, later(clock, 3), expected=RequestStatus.OPEN.value
        )
        uow.commit()
    with seeded() as uow:
        stored = uow.requests.get(request.id)
    assert stored is not None and stored.status is RequestStatus.WITHDRAWN
    assert stored.expertise == "kindermishandeling" and stored.region_wide
    assert stored.organisation_kinds == frozenset({OrganisationKind.RVDK}) and stored.closed_at == later(
        clock, 3
    )


def test_rounds_are_due_oldest_first_and_claimed_once(seeded: UnitOfWorkFactory, clock: ManualClock) -> None:
    with seeded() as uow:
        case = add_case(uow, clock, "WBW-AAAA-11")
        late = ask(uow, clock, case.id, minutes=30)
        early = ask(uow, clock, case.id, minutes=10)
        never = ask(uow, clock, case.id, minutes=10)
        uow.requests.set_round_due(never.id, None)
        done = ask(uow, clock, case.id, minutes=5)
        uow.requests.set_status(done.id, RequestStatus.WITHDRAWN.value, clock.now())
        uow.commit()
    with seeded() as uow:
        assert [r.id for r in uow.requests.due_rounds(later(clock, 30), 10)] == [early.id, late.id]
        assert [r.id for r in uow.requests.due_rounds(later(clock, 30), 1)] == [early.id]
        assert uow.requests.due_rounds(later(clock, 9), 10) == []
        assert uow.requests.claim_round(early.id, 0, later(clock, 60))
        assert not uow.requests.claim_round(early.id, 0, later(clock, 90))  # another process was first
        assert not uow.requests.claim_round(done.id, 0, None)
        uow.requests.mark_head_start(early.id)
        uow.commit()
    with seeded() as uow:
        claimed = uow.requests.get(early.id)
    assert claimed is not None and claimed.round == 1 and claimed.round_due_at == later(clock, 60)
    assert claimed.head_start


def test_slots_count_up_to_the_experts_wanted(seeded: UnitOfWorkFactory, clock: ManualClock) -> None:
    with seeded() as uow:
        case = add_case(uow, clock, "WBW-AAAA-11")
        duo = ask(uow, clock, case.id, wanted=2)
        assert [uow.requests.claim_slot(duo.id) for _ in range(3)] == [1, 2, None]
        closed = ask(uow, clock, case.id)
        uow.requests.set_status(closed.id, RequestStatus.WITHDRAWN.value, clock.now())
        assert uow.requests.claim_slot(closed.id) is None
        assert uow.requests.claim_slot(closed.id + 9) is None
        uow.commit()


def test_requests_on_closed_cases_are_found(seeded: UnitOfWorkFactory, clock: ManualClock) -> None:
    with seeded() as uow:
        open_case = add_case(uow, clock, "WBW-AAAA-11")
        closed_case = add_case(uow, clock, "WBW-BBBB-22")
        ask(uow, clock, open_case.id)
        stranded = [ask(uow, clock, closed_case.id) for _ in range(3)]
        uow.cases.close(closed_case.id, clock.now(), CloseReason.OTHER.value)
        uow.commit()
    with seeded() as uow:
        assert uow.requests.open_on_closed_cases(2) == stranded[:2]


def test_offers_are_answered_once_and_the_rest_closed_together(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        request = ask(uow, clock, add_case(uow, clock, "WBW-AAAA-11").id)
        sanne, pieter = uow.requests.add_offers(
            [offer(request, "sanne", clock, rank=2), offer(request, "pieter", clock, rank=1, minutes=1)]
        )
        uow.commit()
    assert sanne.status is OfferStatus.PENDING and sanne.attempt == 1 and sanne.decline_reason == ""
    assert sanne.message_key == f"offer:{sanne.id}"
    with seeded() as uow:
        assert uow.requests.offers_for(request.id) == [pieter, sanne]  # by round, then rank
        assert uow.requests.pending_for_expert(uid("sanne")) == [sanne]
        assert not uow.requests.answer_offer(sanne.id, uid("pieter"), OfferStatus.ACCEPTED, later(clock, 2))
        assert uow.requests.answer_offer(
            sanne.id, uid("sanne"), OfferStatus.DECLINED, later(clock, 2), "anders"
        )
        assert not uow.requests.answer_offer(sanne.id, uid("sanne"), OfferStatus.ACCEPTED, later(clock, 3))
        closed = uow.requests.close_pending_offers(request.id, OfferStatus.WITHDRAWN, later(clock, 4))
        assert uow.requests.close_pending_offers(request.id, OfferStatus.WITHDRAWN, later(clock, 5)) == []
        uow.commit()
    assert closed == [replace(pieter, status=OfferStatus.WITHDRAWN, answered_at=later(clock, 4))]
    with seeded() as uow:
        declined = uow.requests.offer(sanne.id)
        assert (
            uow.requests.pending_for_expert(uid("sanne")) == [] and uow.requests.offer(pieter.id + 9) is None
        )
    assert declined == replace(
        sanne, status=OfferStatus.DECLINED, answered_at=later(clock, 2), decline_reason="anders"
    )


def test_offering_again_reopens_the_experts_earlier_offer(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        request = ask(uow, clock, add_case(uow, clock, "WBW-AAAA-11").id)
        (first,) = uow.requests.add_offers([offer(request, "sanne", clock)])
        uow.requests.answer_offer(first.id, uid("sanne"), OfferStatus.DECLINED, later(clock, 1), "anders")
        again = uow.requests.offer_again(
            replace(offer(request, "sanne", clock, rank=4, minutes=5), round=2, assigned_by=uid("bram"))
        )
        new = uow.requests.offer_again(offer(request, "pieter", clock, minutes=6))
        uow.commit()
    assert again.id == first.id and again.attempt == 2 and again.message_key == f"offer:{first.id}:2"
    assert again.status is OfferStatus.PENDING and again.answered_at is None and again.decline_reason == ""
    assert (again.round, again.rank, again.assigned_by) == (2, 4, uid("bram"))
    assert again.offered_at == later(clock, 5)
    assert new.id != first.id and new.attempt == 1
    with seeded() as uow:
        assert uow.requests.offers_for(request.id) == [new, again]


def test_loads_count_active_involvements_and_the_last_time_asked(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        case = add_case(uow, clock, "WBW-AAAA-11")
        other = add_case(uow, clock, "WBW-BBBB-22")
        request, another = ask(uow, clock, case.id), ask(uow, clock, other.id)
        uow.requests.add_offers([offer(request, "sanne", clock, minutes=3)])
        uow.requests.add_offers([offer(another, "sanne", clock, minutes=1)])  # the latest write wins
        uow.cases.start_involvement(case.id, uid("pieter"), OrganisationKind.GI, clock.now())
        ended = uow.cases.start_involvement(other.id, uid("pieter"), OrganisationKind.GI, clock.now())
        uow.cases.start_involvement(other.id, uid("sanne"), VT, clock.now())
        uow.cases.end_involvement(ended.id, later(clock, 2), EndReason.OTHER)
        uow.commit()
    with seeded() as uow:
        assert uow.requests.loads() == {
            uid("sanne"): ExpertLoad(1, later(clock, 1)),
            uid("pieter"): ExpertLoad(1, None),
        }
        assert uow.requests.loads([uid("sanne"), uid("lotte")]) == {
            uid("sanne"): ExpertLoad(1, later(clock, 1)),
            uid("lotte"): ExpertLoad(0, None),
        }
        assert uow.requests.loads([]) == {}


def test_an_escalation_is_claimed_or_closed_once_and_reposted_once(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        request = ask(uow, clock, add_case(uow, clock, "WBW-AAAA-11").id)
        first = uow.requests.add_escalation(request.id, clock.now(), later(clock, 60))
        second = uow.requests.add_escalation(request.id, later(clock, 1), later(clock, 30))
        never = uow.requests.add_escalation(request.id, later(clock, 2), None)
        uow.commit()
    assert first.status is EscalationStatus.OPEN and first.post_key == f"escalation:{first.id}"
    assert first.version == 0 and first.claimed_by is None
    with seeded() as uow:
        assert uow.requests.escalations_for(request.id) == [first, second, never]
        assert uow.requests.due_reposts(later(clock, 60), 10) == [second, first]
        assert uow.requests.due_reposts(later(clock, 59), 10) == [second]
        assert uow.requests.next_escalation_version(first.id) == 1
        assert uow.requests.next_escalation_version(first.id) == 2
        assert uow.requests.claim_repost(second.id, later(clock, 30), "escalation:2:herhaald")
        assert not uow.requests.claim_repost(second.id, later(clock, 31), "nog eens")
        assert not uow.requests.claim_repost(never.id, later(clock, 31), "nooit")
        assert uow.requests.claim_escalation(first.id, uid("bram"), later(clock, 5))
        assert not uow.requests.claim_escalation(first.id, uid("lotte"), later(clock, 6))
        assert not uow.requests.claim_repost(first.id, later(clock, 60), "te laat")
        assert uow.requests.close_escalation(
            first.id, EscalationStatus.ASSIGNED, uid("bram"), later(clock, 7)
        )
        assert not uow.requests.close_escalation(first.id, EscalationStatus.WITHDRAWN, None, later(clock, 8))
        assert uow.requests.close_escalation(never.id, EscalationStatus.WITHDRAWN, None, later(clock, 9))
        assert not uow.requests.claim_escalation(never.id, uid("bram"), later(clock, 10))
        uow.commit()
    with seeded() as uow:
        assert uow.requests.due_reposts(later(clock, 120), 10) == []
        assigned, reposted = uow.requests.escalation(first.id), uow.requests.escalation(second.id)
        assert uow.requests.escalation(never.id + 9) is None
    assert assigned is not None and reposted is not None
    assert (assigned.status, assigned.claimed_by, assigned.claimed_at) == (
        EscalationStatus.ASSIGNED, uid("bram"), later(clock, 5)
    )  # fmt: skip
    assert (assigned.closed_by, assigned.closed_at, assigned.version) == (uid("bram"), later(clock, 7), 2)
    assert (reposted.post_key, reposted.reposted_at, reposted.repost_due_at) == (
        "escalation:2:herhaald", later(clock, 30), None
    )  # fmt: skip


def test_checkins_are_due_in_order_and_move_on_once(seeded: UnitOfWorkFactory, clock: ManualClock) -> None:
    with seeded() as uow:
        case = add_case(uow, clock, "WBW-AAAA-11")
        sanne = uow.cases.start_involvement(case.id, uid("sanne"), VT, clock.now())
        pieter = uow.cases.start_involvement(case.id, uid("pieter"), OrganisationKind.GI, later(clock, 1))
        uow.requests.schedule_checkin(sanne.id, later(clock, 20))
        uow.requests.schedule_checkin(pieter.id, later(clock, 60))
        uow.requests.schedule_checkin(pieter.id, later(clock, 10))  # rescheduled: one check-in each
        uow.cases.end_involvement(pieter.id, later(clock, 2), EndReason.OTHER)
        uow.commit()
    with seeded() as uow:
        due = uow.requests.due_checkins(later(clock, 30), 10)
        assert [(c.involvement_id, c.due_at, c.ended) for c in due] == [
            (pieter.id, later(clock, 10), True),
            (sanne.id, later(clock, 20), False),
        ]
        assert (due[1].case_id, due[1].expert_id, due[1].started_at) == (case.id, uid("sanne"), clock.now())
        assert len(uow.requests.due_checkins(later(clock, 30), 1)) == 1
        assert uow.requests.claim_checkin(
            sanne.id, later(clock, 20), later(clock, 20 + 7 * 24 * 60), later(clock, 30)
        )
        assert not uow.requests.claim_checkin(sanne.id, later(clock, 20), None, later(clock, 31))
        assert uow.requests.claim_checkin(pieter.id, later(clock, 10), None, later(clock, 31))
        uow.commit()
    with seeded() as uow:
        assert uow.requests.due_checkins(later(clock, 60 * 24), 10) == []
        (next_one,) = uow.requests.due_checkins(later(clock, 20) + timedelta(days=7), 10)
    assert next_one.involvement_id == sanne.id
