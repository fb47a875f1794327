"""Other features writing to the card: a consult's decision and action items, a check-out's agreements.

`append_to_card` appends items to the card as one new version, by the person who recorded them, with a
`source` saying where they came from ("mdo:12:2026-11-25", "uitchecken:7:2026-11-30"); the history shows it.
It runs inside the caller's transaction (the consult's verslag, the check-out) and commits nothing itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from commands.cases import card as c
from commands.cases import editing as e
from commands.cases.card import CardVersion, VersionInfo
from commands.cases.model import Case
from commands.ports import AuditEvent, UnitOfWork

# The card list each kind of entry goes to.
ATTRIBUTE: dict[type, str] = {c.Step: "steps", c.Agreement: "agreements", c.Strength: "strengths",
                              c.Worry: "worries"}  # fmt: skip
SOURCE_MAX = 80


def source(kind: str, ref: object, on: date | None = None) -> str:
    """A source tag: `kind:ref[:YYYY-MM-DD]`, e.g. source("mdo", consult.id, day)."""
    text = f"{kind}:{ref}" + (f":{on.isoformat()}" if on else "")
    return text[:SOURCE_MAX]


def step(on: date, text: str, by: c.StepBy | None = None) -> c.Step:
    """A step to append (its id is given on appending)."""
    return c.Step("", on, text[: c.TEXT_MAX], by)


def agreement(text: str, who: str = "", when: str = "", checked_by: str = "") -> c.Agreement:
    """An agreement to append (its id is given on appending)."""
    return c.Agreement("", text[: c.TEXT_MAX], who[: c.SHORT_MAX], when[:150], checked_by[: c.SHORT_MAX])


def appended(card: c.SafetyCard, entries: Sequence[object]) -> e.Edit:
    """The card with `entries` (steps, agreements, strengths, worries) appended to their lists. Pure.

    What no longer fits a full list is left out rather than refused: the outcome itself stays recorded
    where it came from (the consult, the check-out), and the card says how many it holds."""
    changes: list[c.Change] = []
    for entry in entries:
        attr = ATTRIBUTE[type(entry)]
        try:
            edit = e.add_item(card, attr, lambda item_id, entry=entry: replace(entry, id=item_id))  # type: ignore[misc]
        except e.CardRuleBroken:
            continue
        card = edit.card
        changes += edit.changes
    return e.Edit(card, tuple(changes))


def append_to_card(
    uow: UnitOfWork,
    case: Case,
    author_id: str,
    now: datetime,
    *,
    part: str,
    entries: Sequence[object],
    source: str,
    authorisation: str,
    access_point: str,
) -> int | None:
    """Append `entries` to the card of `case` as one version with `source`; the new version's number, or
    None when nothing was added (no entries, a full list, or a closed case, whose card no longer changes)."""
    if case.closed or not entries:
        return None
    current = uow.cases.latest_card(case.id)
    edit = appended(current.card, entries)
    if not edit.changed:
        return None
    number = current.info.number + 1
    info = VersionInfo(number, now, author_id, part, edit.changes, source[:SOURCE_MAX])
    uow.cases.append_version(case.id, CardVersion(info, edit.card))
    uow.audit.record(
        AuditEvent(
            at=now, actor_id=author_id, action="kaart.wijzigen", case_code=case.code,
            authorisation=authorisation, access_point=access_point,
            detail={"onderdeel": part, "versie": str(number), "bron": source[:SOURCE_MAX]},
            on_behalf_of=case.lead_id if author_id != case.lead_id else None,
        )
    )  # fmt: skip
    return number
