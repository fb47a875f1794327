"""Check-out that hands back: the agreements that keep running and who keeps watch go onto the card.

Pure: builds the card edit (plan agreements and one step, each carrying the expert's name and the date) with
the card's own editing functions, so the card's rules (list limits, history without free text) hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from commands.cases.card import Agreement, Change, SafetyCard, Step, StepBy
from commands.cases.editing import Edit, add_item
from commands.catalogue import t
from commands.replies import DialogField
from commands.roster.model import OrganisationKind

PART = "uitchecken"  # the card history names the version after the check-out it came from
MAX_AGREEMENTS = 10
AGREEMENT_MAX = 300
WATCH_MAX = 200
STEP_BY = {
    OrganisationKind.VT: StepBy.VT,
    OrganisationKind.RVDK: StepBy.RVDK,
    OrganisationKind.GI: StepBy.GI,
    OrganisationKind.LOKAAL_TEAM: StepBy.LOCAL_TEAM,
}


@dataclass(frozen=True)
class Handback:
    agreements: tuple[str, ...]
    watch: str

    @property
    def empty(self) -> bool:
        return not self.agreements and not self.watch


def fields() -> tuple[DialogField, ...]:
    return (
        DialogField(
            "agreements",
            t("checkout.field.agreements"),
            kind="textarea",
            optional=True,
            help=t("checkout.field.agreements.help"),
            max_length=MAX_AGREEMENTS * (AGREEMENT_MAX + 1),
        ),
        DialogField(
            "watch",
            t("checkout.field.watch"),
            optional=True,
            help=t("checkout.field.watch.help"),
            max_length=WATCH_MAX,
        ),
    )


def handback_edit(
    card: SafetyCard, handback: Handback, expert_name: str, kind: OrganisationKind, on: date
) -> Edit:
    """The card with one plan agreement per line (checked by whoever keeps watch) and one step saying so."""
    changes: list[Change] = []
    when = t("checkout.card.when", name=expert_name, date=f"{on:%d-%m-%Y}")
    watch = handback.watch or t("checkout.card.watch_unknown")
    for line in handback.agreements:
        edit = add_item(card, "agreements", _agreement(line, when, watch))
        card, changes = edit.card, [*changes, *edit.changes]
    text = t("checkout.card.step", name=expert_name, count=len(handback.agreements), watch=watch)
    edit = add_item(card, "steps", _step(text, on, STEP_BY[kind]))
    return Edit(edit.card, (*changes, *edit.changes))


def _agreement(line: str, when: str, watch: str) -> Callable[[str], Agreement]:
    return lambda item_id: Agreement(item_id, line, "", when, watch)


def _step(text: str, on: date, by: StepBy) -> Callable[[str], Step]:
    return lambda item_id: Step(item_id, on, text, by)


def lead_lines(handback: Handback) -> str:
    """The agreements repeated in the lead's DM."""
    if handback.empty:
        return ""
    lines = [t("checkout.lead.agreements")] + [f"- {a}" for a in handback.agreements]
    if handback.watch:
        lines.append(t("checkout.lead.watch", watch=handback.watch))
    return "\n" + "\n".join(lines)
