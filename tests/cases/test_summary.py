"""The compact summary: a pure function of the card and the case, reused by offers and agendas."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from commands.cases import card as c
from commands.cases.model import Case, CaseStatus, Framework, Measure, MeasureKind
from commands.cases.summary import BUDGET, compact_summary, compact_summary_text, snippet

D = date(2026, 11, 1)


def case(**overrides: object) -> Case:
    values: dict[str, object] = {
        "id": 1, "code": "WBW-7K3Q-2M", "municipality": "Roosendaal", "lead_id": "u",
        "status": CaseStatus.ACTIVE, "framework": Framework.DRANG, "measure": Measure(),
        "created_at": datetime(2026, 11, 1, tzinfo=UTC), "created_by": "u", "version": 3,
    }  # fmt: skip
    values.update(overrides)
    return Case(**values)  # type: ignore[arg-type]


def full_card() -> c.SafetyCard:
    return c.SafetyCard(
        phase=c.Phase.STABLE,
        top3=(
            c.UnsafeSituation("1", "Ruzie met geweld na alcohol in het weekend", c.Frequency.WEEKLY),
            c.UnsafeSituation("2", "Kind 1 alleen thuis " + "heel lang " * 20, c.Frequency.MONTHLY),
        ),
        agreements=(
            c.Agreement(
                "3", "Vader loopt een blokje om", "vader", "bij spanning", "oma", c.AgreementStatus.PARTLY
            ),
            c.Agreement("4", "Oma komt op vrijdag", "oma", "vrijdag", "regiehouder", c.AgreementStatus.KEPT),
            c.Agreement("5", "School belt bij verzuim", "school", "dagelijks", "regiehouder"),
        ),
        scores=(
            c.ScaleScore(c.Perspective.LEAD, 4, D, "u"),
            c.ScaleScore(c.Perspective.PARENT, 7, D, "u"),
            c.ScaleScore(c.Perspective.LEAD, 6, D, "u", "afspraken werken"),
            c.ScaleScore(c.Perspective.EXPERT_VT, 3, D, "v"),
            c.ScaleScore(c.Perspective.PARENT, 5, D, "u", "terugval"),
        ),
    )


def test_framework_phase_scale_with_trend_top3_and_open_agreements() -> None:
    section = compact_summary(full_card(), case())
    assert section.title == "Veiligheidskaart WBW-7K3Q-2M"
    assert dict(section.fields) == {"Kader": "Drang", "Fase": "Stabiele veiligheid"}
    top3, scale, agreements = section.text.splitlines()
    assert scale == "Schaal: Regiehouder 6 ↑ (was 4) · Veilig Thuis 3 · Ouder(s) 5 ↓ (was 7)"
    assert top3.startswith(
        "Top 3: 1. Ruzie met geweld na alcohol in het weekend (Wekelijks) 2. Kind 1 alleen"
    )
    assert "…" in top3  # long situations are cut short
    assert agreements == "Open afspraken (2): Vader loopt een blokje om; School belt bij verzuim"


def test_what_helps_decide_comes_first() -> None:
    card = replace(
        full_card(),
        worries=(
            c.Worry("6", "Moeder slaapt slecht", severity=c.Level.LOW),
            c.Worry("7", "Vader slaat moeder als hij drinkt", severity=c.Level.HIGH),
        ),
        strengths=(c.Strength("8", "Oma vangt Kind 1 op"), c.Strength("9", "Moeder zoekt hulp"),
                   c.Strength("10", "Vader sport")),
    )  # fmt: skip
    card = replace(
        card, top3=(replace(card.top3[0], risk_factors=(c.RiskFactor("11", "alcohol", "vader"),)),)
    )
    lines = compact_summary(card, case()).text.splitlines()
    assert lines[0] == "Zorg: Vader slaat moeder als hij drinkt (en nog 1)"  # the most serious worry
    assert lines[1] == "Gaat goed: Oma vangt Kind 1 op; Moeder zoekt hulp (en nog 1)"
    assert lines[2] == "Top 3: 1. Ruzie met geweld na alcohol in het weekend (Wekelijks; alcohol)"
    with_danger = replace(card, danger_statement="We zijn bang dat Kind 1 gewond raakt.")
    assert compact_summary(with_danger, case()).text.splitlines()[0] == (
        "Gevaar: We zijn bang dat Kind 1 gewond raakt."
    )


def test_a_full_card_fits_a_phone() -> None:
    long = "Een lange feitelijke beschrijving van wat er thuis gebeurt, wie wat doet en wanneer. " * 5
    card = c.SafetyCard(
        danger_statement=long,
        strengths=tuple(c.Strength(str(i), long) for i in range(5)),
        top3=tuple(
            c.UnsafeSituation(str(i), long, c.Frequency.DAILY,
                              risk_factors=tuple(c.RiskFactor(f"r{i}{j}", long, "vader") for j in range(4)))
            for i in range(3)
        ),
        agreements=tuple(c.Agreement(str(i), long, "vader", "altijd", "oma") for i in range(10, 20)),
        scores=tuple(c.ScaleScore(p, 5, D, "u") for p in c.Perspective),
    )  # fmt: skip
    text = compact_summary(card, case()).text
    assert len(text) <= BUDGET
    assert [line.split(":")[0] for line in text.splitlines()] == [
        "Gevaar", "Gaat goed", "Top 3", "Schaal", "Open afspraken (10)",
    ]  # fmt: skip


def test_an_empty_card_is_one_line() -> None:
    assert compact_summary(c.SafetyCard(), case()).text == "Kaart nog leeg."
    assert "nog niet ingevuld" not in compact_summary(full_card(), case()).text


def test_measure_and_closed_status_show() -> None:
    closed = case(
        status=CaseStatus.CLOSED, framework=Framework.COMPULSORY, measure=Measure(MeasureKind.OTS, "2026-10")
    )
    section = compact_summary(c.SafetyCard(), closed)
    assert dict(section.fields)["Kader"] == "Gedwongen kader (Ondertoezichtstelling (OTS))"
    assert section.text.startswith("_Casus afgesloten._")


def test_the_text_form_and_purity() -> None:
    card, kase = full_card(), case()
    assert compact_summary(card, kase) == compact_summary(card, kase)
    text = compact_summary_text(card, kase)
    assert text.startswith("**Veiligheidskaart WBW-7K3Q-2M** — Kader: Drang · Fase: Stabiele veiligheid\n")


def test_snippet() -> None:
    assert snippet("kort") == "kort"
    assert snippet("a  b\n c") == "a b c"
    assert len(snippet("x" * 200)) == 70
