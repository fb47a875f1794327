"""One path for every free-text field: the privacy guard runs on a dialog's typed fields before its handler.

The facade (commands.app) marks every dialog it opens with the names of its guarded fields (every value field
but checkboxes and strictly parsed dates, see `DialogField.guarded`); the mark travels in the dialog's state,
which the bot signs, so a submission cannot drop it. On submission the facade checks those fields here, before
the handler runs and so before any write transaction is open: a refusal stores nothing and holds no lock
while the guard works. Slash-command text goes the same way (`guard_text`), for the subcommands that take it.

Known professionals (the roster) and the region's organisations are never flagged (`Allowlist`); the roster is
read only when a name was found, in a short read of its own, and the check itself runs outside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from commands.inbound import DialogSubmission
from commands.privacy import Allowlist, Finding, IdentifierKind, find_identifiers, refusal
from commands.registry import Context
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


def refusals(ctx: Context, values: Mapping[str, str]) -> dict[str, str]:
    """Per field, the Dutch refusal naming what was found (masked); empty when everything may be stored."""
    return {name: refusal(findings) for name, findings in findings_per_field(ctx, values).items()}


def findings_per_field(ctx: Context, values: Mapping[str, str]) -> dict[str, list[Finding]]:
    """Per field, the identifiers found (fields without any left out), with the region's organisations and
    the roster's people allowed. Also used by the channel guard (commands.privacy_channel)."""
    allow = Allowlist(phrases=ctx.config.privacy_phrases)
    found = {name: find_identifiers(value, allow) for name, value in values.items()}
    # The roster matters only for a field whose findings are all names (a colleague's name never hides a
    # BSN): then read it once, in a short read of its own, and check those fields again outside it.
    if any(findings and all(f.kind is IdentifierKind.NAME for f in findings) for findings in found.values()):
        allow = _with_roster(ctx, allow)
        found = {name: _without_colleagues(value, findings, allow) for name, value in values.items()
                 if (findings := found[name])}  # fmt: skip
    return {name: findings for name, findings in found.items() if findings}


def guard_text(ctx: Context, value: str) -> str | None:
    """The refusal for one piece of command text, or None when it may be stored."""
    return refusals(ctx, {"text": value}).get("text")


def _with_roster(ctx: Context, allow: Allowlist) -> Allowlist:
    with ctx.uow.read() as uow:  # no write lock; it closes before the names are compared
        people = uow.roster.professionals(include_inactive=True)
        organisations = uow.roster.organisations()
    return Allowlist(
        phrases=allow.phrases + tuple(o.name for o in organisations if o.name),
        people=tuple(p.display_name for p in people if p.display_name),
    )


def _without_colleagues(value: str, findings: list[Finding], allow: Allowlist) -> list[Finding]:
    """The findings again with the roster's people and organisations allowed (names only: a colleague's
    name never hides a BSN)."""
    names = {(f.start, f.end) for f in find_identifiers(value, allow) if f.kind is IdentifierKind.NAME}
    return [f for f in findings if f.kind is not IdentifierKind.NAME or (f.start, f.end) in names]
