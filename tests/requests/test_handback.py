"""Check-out that hands back: agreements that keep running and who keeps watch go onto the card."""

from __future__ import annotations

from datetime import date

import pytest

from commands.cases.card import Agreement, SafetyCard, StepBy
from commands.cases.editing import CardRuleBroken
from commands.requests.handback import Handback, handback_edit
from commands.roster.model import OrganisationKind
from tests.requests.conftest import Region

AGREEMENTS = "Moeder belt de buurvrouw als vader drinkt\n- Kind 1 gaat na school naar oma\n\n"


def test_the_edit_adds_one_agreement_per_line_and_a_step_with_name_and_date() -> None:
    handback = Handback(("Moeder belt de buurvrouw", "Kind 1 naar oma"), "de regiehouder")
    edit = handback_edit(SafetyCard(), handback, "Sanne de Vries", OrganisationKind.VT, date(2026, 11, 24))
    first, second = edit.card.agreements
    assert (first.agreement, second.agreement) == ("Moeder belt de buurvrouw", "Kind 1 naar oma")
    assert first.checked_by == "de regiehouder"
    assert "Sanne de Vries" in first.when and "24-11-2026" in first.when
    (step,) = edit.card.steps
    assert (
        step.on == date(2026, 11, 24) and step.by is StepBy.VT and "Sanne de Vries uitgecheckt" in step.step
    )
    assert [c.subject for c in edit.changes] == ["afspraak", "afspraak", "stap"]
    # history describes changes without the free text
    assert "buurvrouw" not in repr(edit.changes)


def test_a_full_plan_is_refused_by_the_cards_own_rule() -> None:
    full = SafetyCard(agreements=tuple(Agreement(str(i), "x", "", "", "") for i in range(25)), next_id=26)
    with pytest.raises(CardRuleBroken):
        handback_edit(full, Handback(("nog een",), ""), "Sanne", OrganisationKind.VT, date(2026, 11, 24))


def _aboard(region: Region, **values: object) -> str:
    region.ask("jeroen.peeters", **values)
    region.click("sanne.devries", "Ik pak het op")
    return region.case_code()


def test_checking_out_puts_the_agreements_on_the_card_and_repeats_them_to_the_lead(region: Region) -> None:
    code = _aboard(region)
    region.stack.slash(region["sanne.devries"], f"/erbij uitchecken {code}")
    result = region.stack.submit(
        region["sanne.devries"],
        {"reason": "veiligheid_hersteld", "agreements": AGREEMENTS, "watch": "de regiehouder"},
    )
    assert result.closed, result
    region.stack.deliver()
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        latest = uow.cases.latest_card(case.id)
    assert [a.agreement for a in latest.card.agreements] == [
        "Moeder belt de buurvrouw als vader drinkt",
        "Kind 1 gaat na school naar oma",
    ]
    assert latest.info.part == "uitchecken" and latest.info.author_id == region["sanne.devries"].id
    assert latest.info.source.startswith("uitchecken:VT:")  # the version says where it came from
    notice = region.last_dm("jeroen.peeters")
    assert "Afspraken die doorlopen" in notice and "- Kind 1 gaat na school naar oma" in notice
    assert "Zicht houdt: de regiehouder" in notice
    history = region.stack.slash(region["jeroen.peeters"], f"/kaart {code} geschiedenis")
    assert "uitchecken (afspraken die doorlopen)" in history and "(bron: uitchecken op " in history


def test_an_identifier_in_the_agreements_is_refused_and_nothing_changes(region: Region) -> None:
    code = _aboard(region)
    region.stack.slash(region["sanne.devries"], f"/erbij uitchecken {code}")
    result = region.stack.submit(
        region["sanne.devries"],
        {"reason": "doel_bereikt", "agreements": "Moeder belt 06-12345678 als het misgaat"},
    )
    assert not result.closed and "agreements" in result.errors
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        assert len(uow.cases.active_for_case(case.id)) == 1
        assert uow.cases.latest_card(case.id).card.agreements == ()


def test_an_anonymous_consult_leaves_the_card_alone(region: Region) -> None:
    code = _aboard(region, share=False)
    region.stack.slash(region["sanne.devries"], f"/erbij uitchecken {code}")
    region.stack.submit(
        region["sanne.devries"], {"reason": "doel_bereikt", "agreements": "Samen verder bellen"}
    )
    region.stack.deliver()
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        assert uow.cases.latest_card(case.id).card.agreements == ()
    assert "- Samen verder bellen" in region.last_dm("jeroen.peeters")
