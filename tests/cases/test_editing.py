"""Pure card edits: stable ids, positions, the card's rules, and change descriptions without free text."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from commands.cases import card as c
from commands.cases import editing as e
from commands.cases.codec import card_from_json, card_to_json

TODAY = date(2026, 11, 23)


def worry(i: str, text: str = "vader schreeuwt", severity: c.Level = c.Level.MEDIUM) -> c.Worry:
    return c.Worry(
        i, text, c.WorryKind.DANGER, c.WorryCategory.OTHER, c.Certainty.SUSPECTED, severity, c.NamedBy.PARENT
    )


def situation(i: str, text: str = "ruzie") -> c.UnsafeSituation:
    return c.UnsafeSituation(i, text, c.Frequency.WEEKLY)


def test_items_get_stable_ids_and_removal_shifts_positions_only() -> None:
    card = c.SafetyCard()
    for text in ("een", "twee", "drie"):
        card = e.add_item(card, "worries", partial(worry, text=text)).card
    assert [w.id for w in card.worries] == ["1", "2", "3"]
    edit = e.remove_item(card, "worries", "2")
    assert [w.description for w in edit.card.worries] == ["een", "drie"]
    assert edit.changes == (c.Change(c.ChangeKind.REMOVED, "zorgsignaal", 2),)
    again = e.add_item(edit.card, "worries", lambda i: worry(i, "vier")).card
    assert [w.id for w in again.worries] == ["1", "3", "4"]  # ids are never reused


def test_an_edit_names_changed_fields_and_enum_values_but_never_free_text() -> None:
    card = e.add_item(c.SafetyCard(), "worries", lambda i: worry(i, "geheim verhaal")).card
    edit = e.edit_item(card, "worries", worry("1", "ander geheim verhaal", c.Level.HIGH))
    (change,) = edit.changes
    assert change.kind is c.ChangeKind.EDITED and change.number == 1
    assert c.FieldChange("description") in change.fields
    assert c.FieldChange("severity", "midden", "hoog") in change.fields
    assert "geheim" not in repr(edit.changes)


def test_an_unchanged_item_is_no_change() -> None:
    card = e.add_item(c.SafetyCard(), "worries", worry).card
    assert not e.edit_item(card, "worries", card.worries[0]).changed


def test_top3_has_at_most_three_and_rank_is_position() -> None:
    card = c.SafetyCard()
    for text in ("a", "b", "c"):
        card = e.add_item(card, "top3", partial(situation, text=text)).card
    with pytest.raises(e.CardRuleBroken) as full:
        e.add_item(card, "top3", situation)
    assert full.value.key == "kaart.fout.lijst_vol"
    moved = e.edit_item(card, "top3", card.top3[2], position=1)
    assert [s.situation for s in moved.card.top3] == ["c", "a", "b"]
    assert moved.changes[0].fields[0] == c.FieldChange("rank", "3", "1")


def test_a_changed_score_needs_a_reason_and_a_first_score_does_not() -> None:
    card = e.record_score(c.SafetyCard(), c.ScaleScore(c.Perspective.PARENT, 5, TODAY, "u"), TODAY).card
    with pytest.raises(e.CardRuleBroken) as missing:
        e.record_score(card, c.ScaleScore(c.Perspective.PARENT, 3, TODAY, "u"), TODAY)
    assert missing.value.field == "reden"
    same = e.record_score(card, c.ScaleScore(c.Perspective.PARENT, 5, TODAY, "u"), TODAY)
    assert len(same.card.scores) == 2  # a repeated judgement is still a judgement, with its date
    lower = e.record_score(card, c.ScaleScore(c.Perspective.PARENT, 3, TODAY, "u", "terugval"), TODAY)
    assert lower.changes[0].fields[0] == c.FieldChange("score", "5", "3")
    latest, previous = lower.card.latest_scores()[c.Perspective.PARENT]
    assert (latest.score, previous and previous.score) == (3, 5)


def test_scores_stay_within_0_to_10_and_not_in_the_future() -> None:
    with pytest.raises(e.CardRuleBroken):
        e.record_score(c.SafetyCard(), c.ScaleScore(c.Perspective.CHILD, 11, TODAY, "u"), TODAY)
    with pytest.raises(e.CardRuleBroken):
        e.record_score(c.SafetyCard(), c.ScaleScore(c.Perspective.CHILD, 5, date(2026, 12, 1), "u"), TODAY)


def test_a_changed_judgement_needs_new_reasoning() -> None:
    first = c.Judgement(c.DirectSafety.UNSAFE, c.Level.HIGH, reasoning="eerste")
    card = e.set_judgement(c.SafetyCard(), first).card
    with pytest.raises(e.CardRuleBroken):
        e.set_judgement(
            card, c.Judgement(c.DirectSafety.SAFE_WITH_AGREEMENTS, c.Level.HIGH, reasoning="eerste")
        )
    ok = e.set_judgement(
        card, c.Judgement(c.DirectSafety.SAFE_WITH_AGREEMENTS, c.Level.HIGH, reasoning="tweede")
    )
    assert c.FieldChange("direct_safety", "onveilig", "veilig_met_afspraken") in ok.changes[0].fields
    # Only the reasoning changes: allowed without rules.
    assert e.set_judgement(
        card, c.Judgement(c.DirectSafety.UNSAFE, c.Level.HIGH, reasoning="aangevuld")
    ).changed


def test_risk_factors_belong_to_their_situation() -> None:
    card = e.add_item(c.SafetyCard(), "top3", situation).card
    added = e.put_risk_factor(card, "1", None, lambda i: c.RiskFactor(i, "alcohol", "vader", True))
    assert added.changes[0].parent == 1
    factor = added.card.top3[0].risk_factors[0]
    edited = e.put_risk_factor(added.card, "1", c.RiskFactor(factor.id, "alcohol", "vader", False))
    assert edited.changes[0].fields == (c.FieldChange("modifiable", "ja", "nee"),)
    assert e.remove_risk_factor(edited.card, "1", factor.id).card.top3[0].risk_factors == ()


def test_an_item_removed_meanwhile_is_reported() -> None:
    with pytest.raises(e.CardRuleBroken) as gone:
        e.edit_item(c.SafetyCard(), "worries", worry("9"))
    assert gone.value.key == "kaart.fout.item_weg"


def test_the_card_round_trips_through_json_and_tolerates_schema_growth() -> None:
    card = e.add_item(c.SafetyCard(phase=c.Phase.DIRECT), "worries", worry).card
    card = e.add_item(card, "steps", lambda i: c.Step(i, TODAY, "huisbezoek", c.StepBy.LOCAL_TEAM)).card
    card = e.record_score(card, c.ScaleScore(c.Perspective.LEAD, 4, TODAY, "u"), TODAY).card
    data = card_to_json(card)
    assert card_from_json(data) == card
    data["a_field_from_the_future"] = 1
    del data["danger_statement"]
    assert card_from_json(data) == card
