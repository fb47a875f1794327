"""One path for every dialog field: the facade guards submitted values before the handler (and any
transaction) runs, from a mark it put in the dialog's signed state when it opened the dialog."""

from __future__ import annotations

from commands.app import Erbij
from commands.clock import ManualClock
from commands.inbound import CommandRequest, DialogSubmission
from commands.privacy import find_identifiers, refusal
from commands.privacy_fields import STATE_KEY, guard_text, guarded_values, mark
from commands.registry import Context, Router, SlashCommandSpec
from commands.replies import CommandResult, Dialog, DialogField, DialogResult, OpenDialog, Option
from tests.conftest import START

DIALOG = Dialog(
    callback="probe",
    title="Probe",
    fields=(
        DialogField("vraag", "Vraag", kind="textarea"),
        DialogField("kort", "Kort"),
        DialogField("keuze", "Keuze", kind="select", options=(Option("a", "a"),)),
        DialogField("datum", "Datum", free_text=False),
        DialogField("delen", "Delen", kind="bool"),
    ),
)


class NoTransactions:
    """A unit-of-work factory that fails the test if anything opens a transaction."""

    opened = 0

    def __call__(self) -> object:
        self.opened += 1
        raise AssertionError("a transaction was opened")


def facade() -> tuple[Erbij, list[DialogSubmission], NoTransactions]:
    seen: list[DialogSubmission] = []
    uow = NoTransactions()

    def open_probe(ctx: Context, req: CommandRequest) -> CommandResult:
        return OpenDialog(DIALOG)

    def submit(ctx: Context, submission: DialogSubmission) -> DialogResult:
        seen.append(submission)
        return DialogResult()

    router = Router()
    router.trigger(SlashCommandSpec("probe", "", "", "Probe"), "help.erbij").add("open", open_probe)
    router.dialog("probe", submit)
    context = Context(uow=uow, clock=ManualClock(START), directory=None)  # type: ignore[arg-type]
    return Erbij(router, context), seen, uow


def opened(erbij: Erbij) -> Dialog:
    result = erbij.command(CommandRequest("probe", "open", "u1", "jeroen", "c1"))
    assert isinstance(result, OpenDialog)
    return result.dialog


def test_the_facade_marks_every_value_field_but_booleans_and_structured_dates() -> None:
    erbij, _, _ = facade()
    dialog = opened(erbij)
    assert dialog.state[STATE_KEY].split(",") == ["vraag", "kort", "keuze"]
    assert mark(DIALOG).state == dialog.state


def test_a_refused_field_never_reaches_the_handler_nor_a_transaction() -> None:
    erbij, seen, uow = facade()
    dialog = opened(erbij)
    values: dict[str, object] = {
        "vraag": "Moeder (BSN 111222333) drinkt",
        "kort": "ok",
        "keuze": "a",
        "datum": "12-03-2026",
    }
    result = erbij.dialog(DialogSubmission("probe", dict(dialog.state), "u1", "c1", values))
    assert set(result.field_errors) == {"vraag"}
    assert (
        "burgerservicenummer" in result.field_errors["vraag"]
        and "111222333" not in result.field_errors["vraag"]
    )
    assert seen == [] and uow.opened == 0


def test_a_clean_submission_reaches_the_handler_and_an_opted_out_date_is_not_refused() -> None:
    erbij, seen, _ = facade()
    dialog = opened(erbij)
    values: dict[str, object] = {
        "vraag": "Vader drinkt sinds maart 2025",
        "kort": "ok",
        "keuze": "a",
        "datum": "12-03-2015",
    }
    result = erbij.dialog(DialogSubmission("probe", dict(dialog.state), "u1", "c1", values))
    assert result.closes and len(seen) == 1


def test_a_forged_select_value_is_guarded_too() -> None:
    erbij, seen, _ = facade()
    dialog = opened(erbij)
    values: dict[str, object] = {"vraag": "x", "kort": "ok", "keuze": "bel 0612345678"}
    result = erbij.dialog(DialogSubmission("probe", dict(dialog.state), "u1", "c1", values))
    assert set(result.field_errors) == {"keuze"} and seen == []


def test_without_a_mark_every_text_value_is_guarded() -> None:
    submission = DialogSubmission("probe", {}, "u1", "c1", {"datum": "x", "delen": True, "vraag": "y"})
    assert guarded_values(submission) == {"datum": "x", "vraag": "y"}


def test_command_text_is_guarded_like_a_field_and_without_a_transaction() -> None:
    erbij, _, uow = facade()
    text = "Moeder (BSN 111222333) drinkt"
    assert guard_text(erbij.context, text) == refusal(find_identifiers(text))
    assert guard_text(erbij.context, "Vader drinkt sinds maart 2025") is None
    assert uow.opened == 0
