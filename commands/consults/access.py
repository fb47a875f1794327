"""Who sees which agenda, and the card-access hook for consult participants.

Participants of a consult are its chair and its standing members (the delegates configured on the slot).
They see the whole agenda. A lead or involved expert sees the agenda with details of their own cases only;
a coordinator sees codes and times; anyone else is refused. For the safety card, a participant counts as
`mdo_deelnemer` for the cases on the agenda from the moment the agenda is posted until the consult is
recorded (the `ConsultAccess` hook of the cases feature).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from commands.consults.model import AgendaItem, Consult
from commands.roster.model import Professional, Role

if TYPE_CHECKING:
    from commands.ports import UnitOfWork


class Visibility(StrEnum):
    FULL = "volledig"
    OWN = "eigen_casussen"
    CODES = "alleen_codes"
    NONE = "geen"


@dataclass(frozen=True)
class AgendaAccess:
    visibility: Visibility
    own_cases: frozenset[int] = frozenset()
    authorisation: str = ""  # for the audit trail

    def detailed(self, item: AgendaItem) -> bool:
        return self.visibility is Visibility.FULL or item.case_id in self.own_cases


def agenda_access(
    consult: Consult, viewer: Professional | None, items: Iterable[AgendaItem], own_cases: frozenset[int]
) -> AgendaAccess:
    """Pure: what `viewer` may see of this consult's agenda, given the cases they lead or are involved in."""
    if viewer is None or not viewer.active:
        return AgendaAccess(Visibility.NONE)
    role = consult.participant_role(viewer.user_id)
    if role is not None:
        return AgendaAccess(Visibility.FULL, authorisation=f"mdo_{role}")
    on_agenda = own_cases & {item.case_id for item in items}
    if on_agenda:
        return AgendaAccess(Visibility.OWN, frozenset(on_agenda), authorisation="regiehouder_of_expert")
    if Role.COORDINATOR in viewer.roles:
        return AgendaAccess(Visibility.CODES, authorisation="coordinator")
    return AgendaAccess(Visibility.NONE)


def own_cases(uow: UnitOfWork, items: Iterable[AgendaItem], user_id: str) -> frozenset[int]:
    """The cases among these items that `user_id` leads or is involved in as an expert."""
    case_ids = sorted({item.case_id for item in items})
    cases = uow.cases.by_ids(case_ids)
    aboard = uow.cases.active_for_cases(case_ids)  # one query for the agenda, not one per case
    return frozenset(
        case_id
        for case_id in case_ids
        if (case_id in cases and cases[case_id].lead_id == user_id)
        or any(i.expert_id == user_id and i.card_access for i in aboard.get(case_id, ()))
    )


class ConsultParticipation:
    """The cases feature's `ConsultAccess`: chair or standing member of a posted, unrecorded consult."""

    def participates(self, uow: UnitOfWork, case_id: int, user_id: str, now: datetime) -> bool:
        consults = uow.consults.posted_unrecorded_with_case(case_id, now)
        return any(consult.participant_role(user_id) is not None for consult in consults)
