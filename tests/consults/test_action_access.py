"""Access follows the work: an open MDO action on a case lets its holder read the card until it is done."""

from __future__ import annotations

from commands.cases.access import CardAction, Outcome, Relation, decide, relation_of
from commands.replies import Reply
from commands.roster.model import Role
from tests.consults.conftest import Office
from tests.consults.test_recording import button, office_audit, overview, setup_consult


def test_an_action_holder_reads_but_does_not_edit_export_or_close() -> None:
    def relation(user: str, roles: frozenset[Role]) -> Relation:
        return relation_of(
            user, "lead", roles, active_expert=False, consult_participant=False, action_holder=True
        )

    assert relation("u", frozenset({Role.EXPERT})) is Relation.ACTION_HOLDER
    assert relation("lead", frozenset()) is Relation.LEAD  # stronger relations win
    # a coordinator holding an action reads the card like any action holder, not just its status
    assert relation("u", frozenset({Role.COORDINATOR})) is Relation.ACTION_HOLDER
    expected = {
        CardAction.VIEW: Outcome.ALLOWED,
        CardAction.HISTORY: Outcome.ALLOWED,
        CardAction.EDIT: Outcome.LEAD_ONLY,
        CardAction.EXPORT: Outcome.LEAD_ONLY,
        CardAction.CLOSE: Outcome.LEAD_ONLY,
        CardAction.HANDOVER: Outcome.LEAD_ONLY,
        CardAction.FRAMEWORK: Outcome.LEAD_ONLY,
    }
    for action, outcome in expected.items():
        assert decide(action, Relation.ACTION_HOLDER, closed=False).outcome is outcome, action
    assert decide(CardAction.VIEW, Relation.ACTION_HOLDER, closed=True).outcome is Outcome.ALLOWED


def test_the_holder_of_an_open_action_reads_the_card_until_it_is_done(office: Office) -> None:
    codes = setup_consult(office)
    code = codes["jeroen"]
    office.click("karin", button(overview(office), code))
    office.submit(
        "karin", {"besluit": "Afspraken maken.", "acties": "@pieter contact met school uiterlijk 4-12"}
    )
    office.click("karin", button(overview(office), "Verslag afronden"))
    # the consult is recorded: Pieter no longer sits at it, but he holds an open action on the case
    card = office.command("pieter", f"/kaart {code}")
    assert isinstance(card, Reply) and "geen toegang" not in card.message.text.lower()
    reads = [
        e for e in office_audit(office, code) if e.actor_id.endswith("pieter") and e.action == "kaart.lezen"
    ]
    assert reads and reads[-1].authorisation == "mdo_actiehouder"
    refused = office.command("pieter", f"/kaart {code} bewerken zorgen gevaar")
    assert isinstance(refused, Reply) and "regiehouder" in refused.message.text

    listing = office.command("pieter", "/overleg acties")
    assert isinstance(listing, Reply)
    office.click("pieter", listing.message.buttons[0])  # klaar
    after = office.command("pieter", f"/kaart {code}")
    assert isinstance(after, Reply) and "geen toegang" in after.message.text.lower()
    # Ruud holds no action on this case: nothing for him, before or after
    other = office.command("ruud", f"/kaart {code}")
    assert isinstance(other, Reply) and "geen toegang" in other.message.text.lower()
