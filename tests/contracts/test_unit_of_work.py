"""Contract of the unit of work: everything commits together, or nothing does."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.exc import InvalidRequestError

from commands.clock import ManualClock
from commands.outbox import OutgoingMessage, Recipient
from commands.ports import AuditEvent, UnitOfWorkFactory
from commands.replies import Message
from tests.contracts.conftest import later, uid
from tests.fakes.store import TransactionClosed

# The SQL session refuses work after commit or rollback (autobegin is off); the fake does the same.
ENDED = (InvalidRequestError, TransactionClosed)


class Boom(Exception):
    pass


def fail_halfway(uow_factory: UnitOfWorkFactory, written: AuditEvent) -> None:
    with uow_factory() as uow:
        uow.audit.record(written)
        raise Boom


def event(clock: ManualClock, action: str, code: str = "WBW-7K3Q-2B") -> AuditEvent:
    return AuditEvent(
        at=clock.now(), actor_id=uid("lotte"), action=action, case_code=code, authorisation="regiehouder",
        access_point="/kaart", detail={"versie": "2"},
    )  # fmt: skip


def test_committed_writes_are_seen_by_the_next_transaction(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        uow.audit.record(event(clock, "kaart.lezen"))
        uow.roster.set_paused(uid("sanne"), True, clock.now())
        uow.commit()
    with seeded() as uow:
        assert [e.action for e in uow.audit.for_case("WBW-7K3Q-2B")] == ["kaart.lezen"]
        sanne = uow.roster.professional(uid("sanne"))
    assert sanne is not None and sanne.paused


def test_leaving_without_commit_or_with_an_error_writes_nothing(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        uow.audit.record(event(clock, "kaart.lezen"))
        uow.roster.set_paused(uid("sanne"), True, clock.now())
    with pytest.raises(Boom):
        fail_halfway(seeded, event(clock, "kaart.wijzigen"))
    with seeded() as uow:
        assert uow.audit.for_case("WBW-7K3Q-2B") == []
        sanne = uow.roster.professional(uid("sanne"))
    assert sanne is not None and not sanne.paused


def test_rollback_forgets_the_writes_and_ends_the_transaction(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        uow.audit.record(event(clock, "kaart.lezen"))
        uow.rollback()
        with pytest.raises(ENDED):
            uow.audit.for_case("WBW-7K3Q-2B")
    with seeded() as uow:
        assert uow.audit.for_case("WBW-7K3Q-2B") == []


def test_a_committed_transaction_takes_no_further_work(seeded: UnitOfWorkFactory, clock: ManualClock) -> None:
    with seeded() as uow:
        uow.roster.set_paused(uid("sanne"), True, clock.now())
        uow.commit()
        with pytest.raises(ENDED):
            uow.roster.set_capacity(uid("sanne"), 1, clock.now())


def test_a_transaction_reads_its_own_writes_before_commit(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with seeded() as uow:
        uow.audit.record(event(clock, "kaart.lezen"))
        uow.roster.set_capacity(uid("sanne"), 7, clock.now())
        assert [e.action for e in uow.audit.for_case("WBW-7K3Q-2B")] == ["kaart.lezen"]
        sanne = uow.roster.professional(uid("sanne"))
    assert sanne is not None and sanne.capacity == 7


def test_audit_events_come_back_whole_and_per_case_in_order(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    first = event(clock, "kaart.lezen")
    second = AuditEvent(
        at=later(clock, 1), actor_id=uid("bram"), action="kaart.lezen", case_code="WBW-7K3Q-2B",
        result="geweigerd", on_behalf_of=uid("lotte"),
    )  # fmt: skip
    with seeded() as uow:
        uow.audit.record(first)
        uow.audit.record(event(clock, "kaart.lezen", code="WBW-BBBB-22"))
        uow.audit.record(second)
        uow.commit()
    with seeded() as uow:
        assert uow.audit.for_case("WBW-7K3Q-2B") == [first, second]
        assert uow.audit.for_case("WBW-0000-00") == []


def test_a_read_transactions_audit_events_are_committed_by_its_commit(
    seeded: UnitOfWorkFactory, clock: ManualClock
) -> None:
    """Reads are audited without a write transaction of their own (storage.audit): recorded in a read
    transaction, the events are on record once its `commit()` returns; without a commit they are not."""
    read = event(clock, "kaart.lezen")
    with seeded.read() as uow:
        uow.audit.record(read)
        uow.commit()
    with seeded.read() as uow:
        uow.audit.record(event(clock, "kaart.lezen", code="WBW-BBBB-22"))  # left without commit
    with seeded.read() as uow:
        assert uow.audit.for_case("WBW-7K3Q-2B") == [read]
        assert uow.audit.for_case("WBW-BBBB-22") == []


def test_outbox_messages_commit_with_the_transaction(seeded: UnitOfWorkFactory, clock: ManualClock) -> None:
    """Adding is all a handler does; what the worker sees is tested in tests/storage (SQL only)."""
    with seeded() as uow:
        uow.outbox.add(OutgoingMessage("k1", Recipient.user(uid("lotte")), Message("Hallo")), clock.now())
        uow.commit()
    with seeded() as uow:
        uow.outbox.add(OutgoingMessage("k2", Recipient.user(uid("lotte")), Message("Weg")), clock.now())
    # Nothing to read back through the port (handlers never read the outbox): that both accept the
    # same calls is the contract; which rows landed is checked by the handler tests on each side.


def test_a_message_is_added_once_per_key(seeded: UnitOfWorkFactory, clock: ManualClock) -> None:
    warning = OutgoingMessage("guard:post1", Recipient.user(uid("lotte")), Message("Let op"))
    with seeded() as uow:
        assert uow.outbox.add_once(warning, clock.now())
        assert not uow.outbox.add_once(warning, clock.now())  # the same event twice in one transaction
        uow.commit()
    with seeded() as uow:
        assert not uow.outbox.add_once(warning, later(clock, 1))  # committed by an earlier transaction
        assert uow.outbox.add_once(replace(warning, key="guard:post2"), later(clock, 1))
        uow.commit()
