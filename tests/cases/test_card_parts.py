"""Each part of the card through its dialog: what it stores, its per-field errors, and the privacy guard."""

from __future__ import annotations

from typing import Any

import pytest

from commands.cases import card as c
from commands.cases.card import SafetyCard
from tests.cases.conftest import Desk

WORRY = {
    "omschrijving": "Vader slaat moeder als hij gedronken heeft; Kind 1 is erbij.",
    "soort": "gevaar_toekomst",
    "categorie": "getuige_partnergeweld",
    "zekerheid": "vermoeden",
    "ernst": "hoog",
    "sinds": "maart 2025",
}
STRENGTH = {"omschrijving": "Oma vangt Kind 1 op bij ruzie.", "soort_goed": "steunend_netwerk"}
SITUATION = {"situatie": "Ruzie met geweld na alcohol, met Kind 1 erbij.", "frequentie": "wekelijks"}
AGREEMENT = {
    "afspraak": "Bij spanning loopt vader een blokje om.",
    "wie": "vader",
    "wanneer": "als de spanning oploopt",
    "controle_door": "regiehouder",
}
STEP = {"datum": "20-11-2026", "stap": "Huisbezoek met beide ouders.", "door": "lokaal_team"}

# part command → (values, what the card must then show)
PARTS: dict[str, tuple[dict[str, Any], Any]] = {
    "zorgen": (
        WORRY,
        lambda k: k.worries[0] == c.Worry("1", WORRY["omschrijving"], c.WorryKind.DANGER,
                                          c.WorryCategory.WITNESS_PARTNER_VIOLENCE, c.Certainty.SUSPECTED,
                                          c.Level.HIGH, c.NamedBy.PROFESSIONAL, "2025-03"),
    ),
    "zorgen gevaar": (
        {"gevaarformulering": "We zijn bang dat Kind 1 gewond raakt."},
        lambda k: k.danger_statement == "We zijn bang dat Kind 1 gewond raakt.",
    ),
    "goed": (STRENGTH, lambda k: k.strengths[0].kind is c.StrengthKind.SUPPORTIVE_NETWORK),
    "goed werkt": (
        {"wat_werkt": "time-out\n- oma bellen\n\n", "wat_werkt_niet": "alleen praten"},
        lambda k: k.what_works == ("time-out", "oma bellen") and k.what_does_not_work == ("alleen praten",),
    ),
    "top3": (SITUATION, lambda k: k.top3[0].frequency is c.Frequency.WEEKLY),
    "plan": (
        AGREEMENT,
        lambda k: k.agreements[0].status is c.AgreementStatus.NEW and k.agreements[0].who == "vader",
    ),
    "plan doel": (
        {"veiligheidsdoel": "Kind 1 is niet meer getuige van geweld.",
         "voorwaarden": "geen geweld\ngeen alcohol", "evaluatiedatum": "15-1-2027"},
        lambda k: k.safety_conditions == ("geen geweld", "geen alcohol")
        and str(k.evaluation_date) == "2027-01-15",
    ),
    "oordeel": (
        {"fase": "directe_veiligheid", "directe_veiligheid": "onveilig", "risico_toekomst": "hoog",
         "acuut": True, "onderbouwing": "Geweld in het bijzijn van Kind 1."},
        lambda k: k.phase is c.Phase.DIRECT and k.judgement.direct_safety is c.DirectSafety.UNSAFE
        and k.judgement.acute_unsafety and not k.judgement.structural_unsafety,
    ),
    "oordeel schaal": (
        {"score": "3"},
        lambda k: k.scores[0].perspective is c.Perspective.LEAD and k.scores[0].score == 3,
    ),
    "stappen": (STEP, lambda k: k.steps[0].by is c.StepBy.LOCAL_TEAM and str(k.steps[0].on) == "2026-11-20"),
}  # fmt: skip


def card_of(desk: Desk, code: str) -> SafetyCard:
    with desk.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        return uow.cases.latest_card(case.id).card


def version_of(desk: Desk, code: str) -> int:
    return desk.case(code).version


@pytest.mark.parametrize("part", PARTS)
def test_each_part_dialog_stores_what_was_filled_in(desk: Desk, part: str) -> None:
    code = desk.new_case()
    values, check = PARTS[part]
    result = desk.fill("jeroen", f"/kaart {code} bewerken {part}", values)
    assert result.closes, result
    assert check(card_of(desk, code))
    assert version_of(desk, code) == 2


def free_text_fields(desk: Desk, code: str, part: str) -> list[str]:
    dialog = desk.open("jeroen", f"/kaart {code} bewerken {part}")
    return [f.name for f in dialog.fields if f.kind in ("text", "textarea") and f.name not in ("datum",)]


@pytest.mark.parametrize("part", PARTS)
def test_every_free_text_field_refuses_identifiers_and_nothing_is_stored(desk: Desk, part: str) -> None:
    code = desk.new_case()
    values, _ = PARTS[part]
    fields = [
        f
        for f in free_text_fields(desk, code, part)
        if f not in ("sinds", "laatste_voorval", "evaluatiedatum")
    ]
    assert fields
    for name in fields:
        desk.open("jeroen", f"/kaart {code} bewerken {part}")
        result = desk.submit("jeroen", {**values, name: "Moeder, BSN 111222333, belt 06-12345678"})
        assert set(result.field_errors) == {name}
        message = result.field_errors[name]
        assert (
            "burgerservicenummer" in message and "telefoonnummer" in message and "niets opgeslagen" in message
        )
        assert "111222333" not in message
    assert version_of(desk, code) == 1
    assert card_of(desk, code) == SafetyCard()


@pytest.mark.parametrize(
    ("part", "values", "errors"),
    [
        ("zorgen", {**WORRY, "omschrijving": "", "ernst": ""}, {"omschrijving", "ernst"}),
        ("zorgen", {**WORRY, "sinds": "vorig jaar"}, {"sinds"}),
        ("zorgen", {**WORRY, "soort": "iets_anders"}, {"soort"}),
        ("zorgen", {**WORRY, "omschrijving": "x" * 501}, {"omschrijving"}),
        ("goed", {"omschrijving": "Oma helpt."}, {"soort_goed"}),
        ("goed werkt", {"wat_werkt": "\n".join(f"punt {i}" for i in range(11))}, {"wat_werkt"}),
        (
            "top3",
            {**SITUATION, "frequentie": "", "laatste_voorval": "13-2026"},
            {"frequentie", "laatste_voorval"},
        ),
        ("top3", {**SITUATION, "rang": "4"}, {"rang"}),
        ("plan", {**AGREEMENT, "wie": "", "controle_door": ""}, {"wie", "controle_door"}),
        ("plan doel", {"evaluatiedatum": "31-02-2027"}, {"evaluatiedatum"}),
        ("stappen", {**STEP, "datum": "1-1-2027"}, {"datum"}),
        ("stappen", {**STEP, "datum": "gisteravond"}, {"datum"}),
        ("oordeel schaal", {"score": "11"}, {"score"}),
        ("oordeel schaal", {"score": "5", "datum": "morgen"}, {"datum"}),
        ("oordeel", {"directe_veiligheid": "onveilig"}, {"onderbouwing"}),
    ],
)
def test_per_field_errors_keep_the_dialog_open_and_store_nothing(
    desk: Desk, part: str, values: dict[str, Any], errors: set[str]
) -> None:
    code = desk.new_case()
    result = desk.fill("jeroen", f"/kaart {code} bewerken {part}", values)
    assert set(result.field_errors) == errors
    assert all(result.field_errors.values())
    assert version_of(desk, code) == 1


def test_a_changed_score_asks_for_the_reason_in_its_field(desk: Desk) -> None:
    code = desk.new_case()
    assert desk.fill("jeroen", f"/kaart {code} bewerken oordeel schaal", {"score": "4"}).closes
    refused = desk.fill("jeroen", f"/kaart {code} bewerken oordeel schaal", {"score": "6"})
    assert refused.field_errors == {"reden": "De score verandert: geef de reden."}
    assert desk.fill(
        "jeroen", f"/kaart {code} bewerken schaal", {"score": "6", "reden": "Afspraken werken."}
    ).closes
    latest, previous = card_of(desk, code).latest_scores()[c.Perspective.LEAD]
    assert (latest.score, latest.reason, previous and previous.score) == (6, "Afspraken werken.", 4)


def test_the_scale_dialog_proposes_the_perspective_of_the_person(desk: Desk) -> None:
    code = desk.new_case()
    desk.involve(code, "sanne")
    desk.involve(code, "pieter")
    lead = desk.open("jeroen", f"/kaart {code} bewerken oordeel schaal")
    vt = desk.open("sanne", f"/kaart {code} bewerken oordeel schaal")
    gi = desk.open("pieter", f"/kaart {code} bewerken oordeel schaal")
    assert [next(f.default for f in d.fields if f.name == "perspectief") for d in (lead, vt, gi)] == [
        "regiehouder", "expert_vt", "expert_gi",
    ]  # fmt: skip


def test_lists_are_edited_item_by_item_with_the_current_values_filled_in(desk: Desk) -> None:
    code = desk.new_case()
    desk.fill("jeroen", f"/kaart {code} bewerken zorgen", WORRY)
    desk.fill(
        "jeroen",
        f"/kaart {code} bewerken zorgen",
        {**WORRY, "omschrijving": "Moeder drinkt.", "ernst": "laag"},
    )
    dialog = desk.open("jeroen", f"/kaart {code} bewerken zorgen 2")
    defaults = {f.name: f.default for f in dialog.fields}
    assert defaults["omschrijving"] == "Moeder drinkt." and defaults["ernst"] == "laag"
    assert defaults["sinds"] == "maart 2025" and "verwijderen" in defaults
    assert desk.submit("jeroen", {"ernst": "midden"}).closes
    worries = card_of(desk, code).worries
    assert [(w.description, w.severity) for w in worries] == [
        (WORRY["omschrijving"], c.Level.HIGH), ("Moeder drinkt.", c.Level.MEDIUM),
    ]  # fmt: skip
    assert desk.fill("jeroen", f"/kaart {code} bewerken zorgen 1", {"verwijderen": True}).closes
    assert [w.description for w in card_of(desk, code).worries] == ["Moeder drinkt."]


def test_an_item_removed_by_someone_else_meanwhile_is_not_resurrected(desk: Desk) -> None:
    code = desk.new_case()
    desk.involve(code, "sanne")
    desk.fill("jeroen", f"/kaart {code} bewerken plan", AGREEMENT)
    stale = desk.open("sanne", f"/kaart {code} bewerken plan 1")
    assert desk.fill("jeroen", f"/kaart {code} bewerken plan 1", {"verwijderen": True}).closes
    result = desk.submit("sanne", {"afspraakstatus": "nagekomen"}, stale)
    assert result.error and "niet meer op de kaart" in result.error
    assert card_of(desk, code).agreements == ()


def test_top3_ranks_and_risk_factors(desk: Desk) -> None:
    code = desk.new_case()
    for text in ("eerste", "tweede", "derde"):
        desk.fill("jeroen", f"/kaart {code} bewerken top3", {**SITUATION, "situatie": text})
    assert [s.situation for s in card_of(desk, code).top3] == ["eerste", "tweede", "derde"]
    full = desk.fill(
        "jeroen", f"/kaart {code} bewerken top3", {**SITUATION, "situatie": "vierde", "rang": "3"}
    )
    assert full.error and "maximaal 3" in full.error
    assert desk.fill("jeroen", f"/kaart {code} bewerken top3 3", {"rang": "1"}).closes
    assert [s.situation for s in card_of(desk, code).top3] == ["derde", "eerste", "tweede"]
    factor = {"factor": "alcoholgebruik", "persoon": "vader", "beinvloedbaar": True}
    assert desk.fill("jeroen", f"/kaart {code} bewerken top3 1 risico", factor).closes
    assert desk.fill("jeroen", f"/kaart {code} bewerken top3 1 risico 1", {"beinvloedbaar": False}).closes
    top = card_of(desk, code).top3[0]
    assert top.situation == "derde"
    assert [(r.factor, r.person, r.modifiable) for r in top.risk_factors] == [
        ("alcoholgebruik", "vader", False)
    ]
    refused = desk.fill(
        "jeroen", f"/kaart {code} bewerken top3 1 risico", {**factor, "persoon": "Jan, 0612345678"}
    )
    assert set(refused.field_errors) == {"persoon"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("", "Wat wil je bijwerken"),
        ("dossier", "Wat wil je bijwerken"),
        ("zorgen 3", "Er is geen zorgsignaal 3"),
        ("plan x", "Er is geen afspraak x"),
        ("top3 1 risico", "Er is geen onveilige situatie 1"),
    ],
)
def test_what_can_be_edited_is_explained(desk: Desk, args: str, expected: str) -> None:
    code = desk.new_case()
    assert expected in desk.say("jeroen", f"/kaart {code} bewerken {args}".rstrip())


def test_an_unchanged_submission_adds_no_version(desk: Desk) -> None:
    code = desk.new_case()
    desk.fill("jeroen", f"/kaart {code} bewerken zorgen gevaar", {"gevaarformulering": "We zijn bang."})
    assert desk.fill("jeroen", f"/kaart {code} bewerken zorgen gevaar", {}).closes
    assert version_of(desk, code) == 2


def test_dialogs_fit_mattermost_limits(desk: Desk) -> None:
    code = desk.new_case()
    desk.fill("jeroen", f"/kaart {code} bewerken zorgen", WORRY)
    desk.fill("jeroen", f"/kaart {code} bewerken top3", SITUATION)
    for part in [*PARTS, "zorgen 1", "top3 1", "top3 1 risico"]:
        dialog = desk.open("jeroen", f"/kaart {code} bewerken {part}")
        assert len(dialog.title) <= 24
        for f in dialog.fields:
            assert len(f.label) <= 24, f.label
            assert len(f.help) <= 150 and len(f.placeholder) <= 150
            if f.kind == "text":
                assert len(f.default) <= 150
            if f.kind == "select" and f.default:
                assert f.default in {o.value for o in f.options}
