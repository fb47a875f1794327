"""`one_of`: the same rows whether the list is short (a plain IN), long (one array or JSON parameter) or
holds values that look like SQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from commands.outbox import OutgoingMessage, Recipient
from commands.replies import Message
from storage.models import OutboxRow
from storage.sql import SQLITE_JSON_FROM, one_of
from storage.uow import SqlUnitOfWorkFactory
from tests.conftest import START

KEYS = [f"k-{n}" for n in range(3 * SQLITE_JSON_FROM)] + ['it\'s "quoted"', "[1, 2]"]


@pytest.mark.parametrize("wanted", [KEYS[:3], KEYS[: SQLITE_JSON_FROM + 1], KEYS[::2], [], ["nobody"]])
def test_one_of_finds_exactly_the_listed_values(engine: Engine, wanted: list[str]) -> None:
    factory = SqlUnitOfWorkFactory(engine)
    with factory() as uow:
        for key in KEYS:
            uow.outbox.add(OutgoingMessage(key=key, to=Recipient.user("u1"), message=Message("x")), START)
        uow.commit()
    with factory.read() as uow:
        found = uow.session.scalars(select(OutboxRow.key).where(one_of(uow.session, OutboxRow.key, wanted)))
        assert sorted(found) == sorted(set(wanted) & set(KEYS))
