"""Who may do what with a case and its card (docs/domain.md §8): need to know, decided by a pure function.

The relation of a person to a case is the strongest of: lead (regiehouder), expert with an active
involvement, participant of a consult with the case on its agenda, coordinator. Everyone else gets the
same "geen toegang" as for a code that does not exist, so nobody learns whether a code is in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from commands.roster.model import Role

if TYPE_CHECKING:
    from commands.ports import UnitOfWork


class Relation(StrEnum):
    """How someone relates to a case; the value is the NEN 7513 'autorisatie' in the audit trail."""

    LEAD = "regiehouder"
    EXPERT = "betrokken_expert"
    CONSULT = "mdo_deelnemer"
    ACTION_HOLDER = "mdo_actiehouder"  # holds an open MDO action on the case: reads the card until it is done
    COORDINATOR = "coordinator"
    NONE = "geen"


class CardAction(StrEnum):
    VIEW = "bekijken"
    HISTORY = "geschiedenis"
    EDIT = "bewerken"
    FRAMEWORK = "kader"
    HANDOVER = "regie"
    EXPORT = "export"
    CLOSE = "sluiten"


class Outcome(StrEnum):
    ALLOWED = "toegestaan"
    STATUS_ONLY = "alleen_status"  # coordinators: status and framework, no content, no other action
    LEAD_ONLY = "alleen_regiehouder"  # entitled to the card, but this is the lead's call
    CLOSED = "afgesloten"  # entitled, but the case is closed
    NO_ACCESS = "geen_toegang"


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    relation: Relation

    @property
    def allowed(self) -> bool:
        return self.outcome is Outcome.ALLOWED


READERS = frozenset({Relation.LEAD, Relation.EXPERT, Relation.CONSULT, Relation.ACTION_HOLDER})
EDITORS = frozenset({Relation.LEAD, Relation.EXPERT})
LEAD_ACTIONS = frozenset({CardAction.FRAMEWORK, CardAction.HANDOVER, CardAction.EXPORT, CardAction.CLOSE})
READ_ACTIONS = frozenset({CardAction.VIEW, CardAction.HISTORY, CardAction.EXPORT})


def relation_of(
    user_id: str,
    lead_id: str,
    roles: frozenset[Role],
    *,
    active_expert: bool,
    consult_participant: bool,
    action_holder: bool = False,
) -> Relation:
    if user_id == lead_id:
        return Relation.LEAD
    if active_expert:
        return Relation.EXPERT
    if consult_participant:
        return Relation.CONSULT
    if action_holder:
        return Relation.ACTION_HOLDER
    if Role.COORDINATOR in roles:
        return Relation.COORDINATOR
    return Relation.NONE


def decide(action: CardAction, relation: Relation, *, closed: bool) -> Decision:
    """The whole access policy in one table-like function (tested as a matrix: action × relation × closed)."""

    def outcome() -> Outcome:
        if relation is Relation.NONE:
            return Outcome.NO_ACCESS
        if relation is Relation.COORDINATOR:
            return Outcome.STATUS_ONLY
        if action in LEAD_ACTIONS and relation is not Relation.LEAD:
            return Outcome.LEAD_ONLY
        if action is CardAction.EDIT and relation not in EDITORS:
            return Outcome.LEAD_ONLY
        if closed and action not in READ_ACTIONS:
            return Outcome.CLOSED
        return Outcome.ALLOWED

    return Decision(outcome(), relation)


class ConsultAccess(Protocol):
    """Hook for the consult feature: is `user_id` a participant of a consult with this case on its agenda,
    between posting the agenda and recording the consult? Until that feature exists, nobody is."""

    def participates(self, uow: UnitOfWork, case_id: int, user_id: str, now: datetime) -> bool: ...


class NoConsults:
    def participates(self, uow: UnitOfWork, case_id: int, user_id: str, now: datetime) -> bool:
        return False
