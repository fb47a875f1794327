"""One path for every free-text field: the privacy guard runs on a dialog's typed fields before its handler.

The facade (commands.app) marks every dialog it opens with the names of its guarded fields (text and
textarea fields, see `DialogField.guarded`); the mark travels in the dialog's state, which the bot signs, so
a submission cannot drop it. On submission the facade checks those fields here, before the handler runs and
so before any database transaction is open: a refusal stores nothing and holds no lock while the guard works.
"""

from __future__ import annotations

from dataclasses import replace

from commands.inbound import DialogSubmission
from commands.privacy import check_fields
from commands.replies import Dialog

STATE_KEY = "_guarded"  # state entry: the guarded field names, comma-separated


def mark(dialog: Dialog) -> Dialog:
    """The dialog with its guarded field names in its state."""
    names = ",".join(f.name for f in dialog.fields if f.guarded)
    return replace(dialog, state={**dialog.state, STATE_KEY: names})


def guarded_values(submission: DialogSubmission) -> dict[str, str]:
    """The typed values the guard must see. Without a mark (a dialog opened before this release) every
    text value is checked: over-checking costs a rewrite, under-checking could store an identifier."""
    marked = submission.state.get(STATE_KEY)
    names = None if marked is None else set(marked.split(","))
    return {
        name: value
        for name, value in submission.submission.items()
        if isinstance(value, str) and (names is None or name in names)
    }


def refusals(submission: DialogSubmission) -> dict[str, str]:
    """Per guarded field, the Dutch refusal naming what was found (masked); empty when all may be stored."""
    return check_fields(guarded_values(submission))
