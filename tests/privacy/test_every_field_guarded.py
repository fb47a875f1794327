"""Every free-text input goes through the one guard: enumerated from the registered dialogs and commands of
the composed product (bot.composition.build_router), not from a hand-kept list.

- Every registered dialog callback: the facade refuses an identifier before the callback's handler runs and
  before any transaction opens, whether the dialog carries its field mark or not.
- Every field that opts out of the guard is a date or month that its reader parses strictly.
- Every registered subcommand: one that declares free text is refused with the masked finding; for every
  other one (and each trigger's default and fallback), an identifier typed after it is never stored.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, String, Text, select
from sqlalchemy.orm import Session

import commands
from bot.composition import build_router
from commands.app import Erbij
from commands.clock import ManualClock
from commands.config import ProductConfig
from commands.inbound import CommandRequest, DialogSubmission
from commands.privacy_fields import STATE_KEY
from commands.registry import Context, Router
from commands.replies import DialogResult, Reply
from storage.models import Base
from storage.uow import SqlUnitOfWorkFactory
from tests.cases.conftest import PEOPLE
from tests.conftest import START
from tests.support import people
from tests.support.people import uid

SECRET = "111222333"  # passes the elfproef
SURNAME = "Bouzidi"
TAIL = f"BSN {SECRET}, moeder Fatima {SURNAME}"
ROUTER = build_router(ProductConfig())


class NoTransactions:
    def __call__(self) -> object:
        raise AssertionError("a transaction was opened before the guard refused")


def spied(router: Router) -> tuple[Router, list[str]]:
    """The router with every dialog handler replaced by a spy that records that it ran."""
    ran: list[str] = []
    for callback in list(router.dialogs):

        def spy(ctx: Context, submission: DialogSubmission, callback: str = callback) -> DialogResult:
            ran.append(callback)
            return DialogResult()

        router.dialogs[callback] = spy
    return router, ran


@pytest.mark.parametrize("callback", sorted(ROUTER.dialogs))
@pytest.mark.parametrize("marked", [True, False])
def test_every_dialog_refuses_an_identifier_before_its_handler(callback: str, marked: bool) -> None:
    router, ran = spied(build_router(ProductConfig()))
    context = Context(uow=NoTransactions(), clock=ManualClock(START), directory=None)  # type: ignore[arg-type]
    state = {STATE_KEY: "toelichting"} if marked else {}
    submission = DialogSubmission(callback, state, "u1", "c1", {"toelichting": f"Zie {TAIL}"})
    result = Erbij(router, context).dialog(submission)
    assert set(result.field_errors) == {"toelichting"}
    assert "burgerservicenummer" in result.field_errors["toelichting"] and SECRET not in str(result)
    assert ran == []


def opted_out_fields() -> Iterator[tuple[Path, str, bool]]:
    """Every `free_text=False` in the product: (module, field name, whether it is a user picker)."""
    root = Path(commands.__file__).parent
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if any(k.arg == "free_text" and isinstance(k.value, ast.Constant) and k.value.value is False
                   for k in node.keywords):  # fmt: skip
                first = node.args[0] if node.args else None
                picker = any(k.arg == "data_source" for k in node.keywords)
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    yield path, first.value, picker


def test_only_strict_dates_and_months_or_self_guarded_parts_opt_out_of_the_guard() -> None:
    """A field may skip the facade's guard only if its reader accepts nothing but a date or a month, if it
    is Mattermost's user picker (its value is a user id, resolved against the roster), or if it splits the
    text and passes each free part through the same guard (the minutes' action lines: the owner's name and
    the deadline are parsed, the description is checked line by line)."""
    found = list(opted_out_fields())
    assert found, "the scan found nothing: it no longer reads the product"
    for path, name, picker in found:
        if picker:
            continue
        source = path.read_text(encoding="utf-8")
        strict = f'form.date("{name}"' in source or f'form.month("{name}"' in source
        self_guarded = name == "acties" and "find_identifiers(parsed.description" in (
            path.parent / "outcomes.py"
        ).read_text(encoding="utf-8")
        assert strict or self_guarded, (path.name, name)


def subcommands() -> list[tuple[str, str]]:
    """(trigger, sub) for every registered subcommand, plus each trigger's default ("") and fallback."""
    found = []
    for trigger, table in sorted(ROUTER.commands.items()):
        found += [(trigger, sub) for sub in sorted(table.handlers)]
        if table.default is not None:
            found.append((trigger, ""))
        if table.fallback is not None:
            found.append((trigger, "WBW-7K3Q-2M"))  # a case code or a name: what fallbacks take
    return found


def test_the_enumeration_covers_the_free_text_commands_of_the_issue() -> None:
    declared = {(trigger, sub) for trigger, table in ROUTER.commands.items() for sub in table.free_text}
    assert ("beschikbaar", "afwezig") in declared
    assert set(declared) <= set(subcommands())


@pytest.fixture
def composed(engine: Engine, clock: ManualClock) -> Erbij:
    uow = SqlUnitOfWorkFactory(engine)
    people.seed_roster(uow, PEOPLE, clock.now())
    directory = people.FakeDirectory(PEOPLE, "onbekend")
    return Erbij(build_router(ProductConfig()), Context(uow=uow, clock=clock, directory=directory))


def stored_text(engine: Engine) -> str:
    """Every text value in every table, as one string to search."""
    parts = []
    with Session(engine) as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text) or "JSON" in str(c.type)]
            if columns:
                parts += [str(row) for row in session.execute(select(*columns))]
    return "\n".join(parts)


@pytest.mark.parametrize(("trigger", "sub"), subcommands())
def test_no_command_stores_an_identifier(composed: Erbij, engine: Engine, trigger: str, sub: str) -> None:
    table = ROUTER.commands[trigger]
    declared = sub in table.free_text
    text = f"{sub} 1 maart t/m 3 maart: {TAIL}" if declared else f"{sub} {TAIL}".strip()
    for user in ("jeroen", "ahmed", "sanne"):  # a lead, a coordinator, an expert
        request = CommandRequest(trigger, text, uid(user), user, "c1", trigger_id="t")
        result = composed.command(request)
        if declared:
            assert isinstance(result, Reply) and "burgerservicenummer" in result.message.text
            assert SECRET not in result.message.text and SURNAME not in result.message.text
    stored = stored_text(engine)
    assert SECRET not in stored and SURNAME not in stored


def test_an_absence_note_with_an_identifier_is_refused_and_a_clean_one_kept(
    composed: Erbij, engine: Engine
) -> None:
    refused = composed.command(
        CommandRequest(
            "beschikbaar", "afwezig 1 maart t/m 3 maart: bel me op 0612345678", uid("sanne"), "sanne", "c1"
        )
    )
    assert isinstance(refused, Reply) and "telefoonnummer" in refused.message.text
    assert "0612345678" not in stored_text(engine)
    kept = composed.command(
        CommandRequest(
            "beschikbaar", "afwezig 1 maart t/m 3 maart: cursus Signs of Safety", uid("sanne"), "sanne", "c1"
        )
    )
    assert isinstance(kept, Reply) and "cursus Signs of Safety" in stored_text(engine)
