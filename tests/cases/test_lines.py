"""The card's items as lines and back (pure): every tag optional, round trips, per-line errors, matching."""

from __future__ import annotations

from datetime import date

import pytest

from commands.cases import bulk
from commands.cases import card as c
from commands.cases import lines as ln
from commands.cases.editing import CardRuleBroken

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Vader slaat moeder", c.Worry("", "Vader slaat moeder")),
        (
            "Vader slaat moeder | gevaar, partnergeweld, vermoeden, ernst hoog, door kind, sinds maart 2026",
            c.Worry("", "Vader slaat moeder", c.WorryKind.DANGER, c.WorryCategory.WITNESS_PARTNER_VIOLENCE,
                    c.Certainty.SUSPECTED, c.Level.HIGH, c.NamedBy.CHILD, "2026-03"),
        ),
        ("Schulden | Complicerende factor, SCHULDEN", c.Worry("", "Schulden", c.WorryKind.COMPLICATING,
                                                             c.WorryCategory.DEBTS)),
        ("Verwaarlozing | schade, midden | door ouders", c.Worry("", "Verwaarlozing", c.WorryKind.HARM,
                                                                 severity=c.Level.MEDIUM,
                                                                 named_by=c.NamedBy.PARENT)),
    ],
)  # fmt: skip
def test_a_worry_line_reads_only_what_is_written(line: str, expected: c.Worry) -> None:
    assert ln.read_worry(line, "") == expected


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("| gevaar", "geen tekst"),
        ("Ruzie | gevaarlijk", "„gevaarlijk” ken ik niet"),
        ("Ruzie | hoog, laag", "spreekt een eerder label"),
        ("Ruzie | sinds gisteren", "Geef een maand"),
        ("x" * 501, "te lang"),
    ],
)
def test_a_bad_worry_line_says_what_is_wrong(line: str, problem: str) -> None:
    with pytest.raises(ln.LineError, match=problem):
        ln.read_worry(line, "")


ITEMS = [
    c.Worry("1", "Vader drinkt", c.WorryKind.DANGER, c.WorryCategory.PARENT_ADDICTION,
            c.Certainty.ESTABLISHED, c.Level.HIGH, c.NamedBy.NETWORK, "2025-10"),
    c.Worry("2", "Alleen tekst"),
]  # fmt: skip


@pytest.mark.parametrize("worry", ITEMS)
def test_worry_lines_round_trip(worry: c.Worry) -> None:
    assert ln.read_worry(ln.worry_line(worry), worry.id) == worry


def test_other_items_round_trip() -> None:
    strength = c.Strength("3", "Oma helpt", c.StrengthKind.SUPPORTIVE_NETWORK, c.NamedBy.CHILD)
    assert ln.read_strength(ln.strength_line(strength), "3") == strength
    situation = c.UnsafeSituation("4", "Ruzie", c.Frequency.INCIDENTAL, "2026-10")
    assert ln.read_situation(ln.situation_line(situation), "4") == situation
    agreement = c.Agreement(
        "5", "Blokje om", "vader", "bij spanning", "regiehouder", c.AgreementStatus.PARTLY
    )
    assert ln.read_agreement(ln.agreement_line(agreement), "5", lambda _p: None) == agreement
    bare = c.Agreement("6", "Oma belt elke week", "", "", "")
    assert ln.agreement_line(bare) == "Oma belt elke week"
    step = c.Step("7", date(2026, 11, 20), "Huisbezoek", c.StepBy.LOCAL_TEAM)
    assert ln.read_step(ln.step_line(step), "7", TODAY) == step
    factor = c.RiskFactor("8", "alcohol", "vader", True)
    assert ln.read_risk(ln.risk_line(factor), "8", lambda _p: None) == factor


def test_a_step_without_a_date_is_today_or_keeps_its_date() -> None:
    assert ln.read_step("Gebeld met school | school", "", TODAY).on == TODAY
    assert ln.read_step("Gebeld", "", TODAY, date(2026, 1, 5)).on == date(2026, 1, 5)
    assert ln.read_step("Gebeld | 20-11-2026 | vt", "", TODAY).by is c.StepBy.VT
    with pytest.raises(ln.LineError, match="toekomst"):
        ln.read_step("Gebeld | 24-11-2026", "", TODAY)


@pytest.mark.parametrize(
    ("line", "perspective", "score", "reason"),
    [
        ("regiehouder 4", c.Perspective.LEAD, 4, ""),
        ("Ouders: 6 — het gaat beter", c.Perspective.PARENT, 6, "het gaat beter"),
        ("Veilig Thuis 3, want recent geweld", c.Perspective.EXPERT_VT, 3, "want recent geweld"),
        ("kind 10", c.Perspective.CHILD, 10, ""),
        ("GI = 0 - onveilig", c.Perspective.EXPERT_GI, 0, "onveilig"),
    ],
)
def test_scale_lines(line: str, perspective: c.Perspective, score: int, reason: str) -> None:
    assert ln.read_scale(line) == ln.ScaleLine(perspective, score, reason)


BAD_SCALES = [("regiehouder", "perspectief en een score"), ("buurman 4", "geen perspectief"),
              ("kind 11", "0 tot en met 10")]  # fmt: skip


@pytest.mark.parametrize(("line", "problem"), BAD_SCALES)
def test_bad_scale_lines(line: str, problem: str) -> None:
    with pytest.raises(ln.LineError, match=problem):
        ln.read_scale(line)


def test_items_of_keeps_bullets_and_indentation_apart() -> None:
    assert ln.items_of("Situatie\n- factor\n  ingesprongen\n\n*nadruk* is tekst") == [
        (1, "Situatie", False), (2, "factor", True), (3, "ingesprongen", True),
        (5, "*nadruk* is tekst", False),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (["a", "b", "c"], ["a", "b", "c"], [0, 1, 2]),
        (["a", "b", "c"], ["c", "a"], [2, 0]),  # reordered, one removed
        (["a", "b"], ["a", "B!", "x"], [0, 1, None]),  # a changed line at the same place continues that item
        (["a", "a"], ["a", "a", "a"], [0, 1, None]),
        ([], ["a"], [None]),
    ],
)
def test_lines_continue_the_items_they_came_from(
    old: list[str], new: list[str], expected: list[int | None]
) -> None:
    assert bulk.match_items(old, new) == expected


def test_replacing_a_list_keeps_ids_and_describes_the_change() -> None:
    card = c.SafetyCard(worries=(c.Worry("1", "a"), c.Worry("2", "b")), next_id=3)
    drafts = [(c.Worry("", "b", severity=c.Level.LOW), card.worries[1]), (c.Worry("", "nieuw"), None)]
    edit = bulk.replace_list(card, "worries", drafts)
    assert [w.id for w in edit.card.worries] == ["2", "3"] and edit.card.next_id == 4
    assert [(ch.kind.value, ch.number) for ch in edit.changes] == [
        ("verwijderd", 1), ("gewijzigd", 1), ("toegevoegd", 2),
    ]  # fmt: skip


def test_the_top3_holds_three() -> None:
    drafts = [(c.UnsafeSituation("", str(i)), None) for i in range(4)]
    with pytest.raises(CardRuleBroken):
        bulk.replace_list(c.SafetyCard(), "top3", drafts)
