"""The access policy as a pure function: every action × every relation × open or closed."""

from __future__ import annotations

import pytest

from commands.cases.access import CardAction, Outcome, Relation, decide, relation_of
from commands.roster.model import Role

A, R, X = CardAction, Relation, Outcome

# What each relation may do on an open case.
OPEN = {
    R.LEAD: dict.fromkeys(A, X.ALLOWED),
    R.EXPERT: {
        A.VIEW: X.ALLOWED, A.HISTORY: X.ALLOWED, A.EDIT: X.ALLOWED,
        A.FRAMEWORK: X.LEAD_ONLY, A.HANDOVER: X.LEAD_ONLY, A.EXPORT: X.LEAD_ONLY, A.CLOSE: X.LEAD_ONLY,
    },
    R.CONSULT: {
        A.VIEW: X.ALLOWED, A.HISTORY: X.ALLOWED, A.EDIT: X.LEAD_ONLY,
        A.FRAMEWORK: X.LEAD_ONLY, A.HANDOVER: X.LEAD_ONLY, A.EXPORT: X.LEAD_ONLY, A.CLOSE: X.LEAD_ONLY,
    },
    # an open MDO action on the case: read the card until the action is done, nothing more
    R.ACTION_HOLDER: {
        A.VIEW: X.ALLOWED, A.HISTORY: X.ALLOWED, A.EDIT: X.LEAD_ONLY,
        A.FRAMEWORK: X.LEAD_ONLY, A.HANDOVER: X.LEAD_ONLY, A.EXPORT: X.LEAD_ONLY, A.CLOSE: X.LEAD_ONLY,
    },
    R.COORDINATOR: dict.fromkeys(A, X.STATUS_ONLY),
    R.NONE: dict.fromkeys(A, X.NO_ACCESS),
}  # fmt: skip


@pytest.mark.parametrize("relation", list(R))
@pytest.mark.parametrize("action", list(A))
def test_open_case(action: CardAction, relation: Relation) -> None:
    decision = decide(action, relation, closed=False)
    assert decision.outcome is OPEN[relation][action]
    assert decision.relation is relation


@pytest.mark.parametrize("relation", list(R))
@pytest.mark.parametrize("action", list(A))
def test_closed_case_can_be_read_and_exported_but_not_changed(action: CardAction, relation: Relation) -> None:
    outcome = decide(action, relation, closed=True).outcome
    expected = OPEN[relation][action]
    if expected is X.ALLOWED and action not in (A.VIEW, A.HISTORY, A.EXPORT):
        expected = X.CLOSED
    assert outcome is expected


@pytest.mark.parametrize(
    ("user", "roles", "expert", "consult", "expected"),
    [
        ("lead", frozenset(), False, False, R.LEAD),
        ("lead", frozenset({Role.COORDINATOR}), True, True, R.LEAD),  # the strongest relation counts
        ("x", frozenset({Role.EXPERT}), True, False, R.EXPERT),
        ("x", frozenset({Role.EXPERT}), False, False, R.NONE),  # checked out: no access any more
        ("x", frozenset({Role.CHAIR}), False, True, R.CONSULT),
        ("x", frozenset({Role.COORDINATOR}), True, False, R.EXPERT),
        ("x", frozenset({Role.COORDINATOR}), False, False, R.COORDINATOR),
        ("x", frozenset({Role.LEAD}), False, False, R.NONE),  # another family's lead
        ("x", frozenset(), False, False, R.NONE),
    ],
)
def test_relation(user: str, roles: frozenset[Role], expert: bool, consult: bool, expected: Relation) -> None:
    assert relation_of(user, "lead", roles, active_expert=expert, consult_participant=consult) is expected
