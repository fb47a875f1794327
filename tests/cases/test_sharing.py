"""The legal basis of a share, read and shown (pure): required, 'anders' needs a toelichting, length limit,
and a share without a recorded basis says so instead of showing one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from commands.cases.form import Form
from commands.cases.sharing import (
    BASIS_FIELD,
    NOTE_FIELD,
    NOTE_MAX,
    CardShare,
    LegalBasis,
    ShareBasis,
    ShareTarget,
    audit_detail,
    basis_fields,
    basis_text,
    read_basis,
    share_line,
)
from commands.roster.model import OrganisationKind

AT = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)  # 10:30 in Amsterdam
TZ = "Europe/Amsterdam"


def read(values: dict[str, object], required: bool = True) -> tuple[ShareBasis | None, dict[str, str]]:
    form = Form(values)
    return read_basis(form, required=required), form.errors


@pytest.mark.parametrize("basis", list(LegalBasis))
def test_every_basis_is_read_with_its_toelichting(basis: LegalBasis) -> None:
    parsed, errors = read({BASIS_FIELD: basis.value, NOTE_FIELD: "  ouders  gaven\ntoestemming  "})
    assert errors == {}
    assert parsed == ShareBasis(basis, "ouders gaven toestemming")  # one line, single spaces


@pytest.mark.parametrize("basis", [LegalBasis.CONSENT, LegalBasis.MELDCODE, LegalBasis.STATUTORY_TASK])
def test_the_toelichting_is_optional_except_for_anders(basis: LegalBasis) -> None:
    assert read({BASIS_FIELD: basis.value}) == (ShareBasis(basis, ""), {})


def test_anders_without_a_toelichting_is_refused_on_the_toelichting() -> None:
    parsed, errors = read({BASIS_FIELD: "anders", NOTE_FIELD: "   "})
    assert parsed is None
    assert errors == {
        NOTE_FIELD: "Je koos Anders: schrijf in de toelichting op grond waarvan je de kaart deelt."
    }


def test_a_missing_or_unknown_basis_is_refused_when_required() -> None:
    assert read({}) == (None, {BASIS_FIELD: "Kies op grond waarvan je de kaart deelt."})
    assert read({BASIS_FIELD: "toestemming_van_niemand"})[1] == {
        BASIS_FIELD: "Kies op grond waarvan je de kaart deelt."
    }
    assert read({BASIS_FIELD: True})[1] == {BASIS_FIELD: "Kies op grond waarvan je de kaart deelt."}


def test_no_basis_is_no_error_when_the_card_is_not_shared() -> None:
    assert read({}, required=False) == (None, {})
    assert read({NOTE_FIELD: "iets"}, required=False) == (None, {})  # a toelichting alone shares nothing


def test_the_toelichting_has_a_length_limit() -> None:
    assert read({BASIS_FIELD: "meldcode", NOTE_FIELD: "x" * NOTE_MAX})[0] == ShareBasis(
        LegalBasis.MELDCODE, "x" * NOTE_MAX
    )
    parsed, errors = read({BASIS_FIELD: "meldcode", NOTE_FIELD: "x" * (NOTE_MAX + 1)})
    assert parsed is None
    assert errors == {
        NOTE_FIELD: f"De toelichting mag hoogstens {NOTE_MAX} tekens lang zijn (nu {NOTE_MAX + 1})."
    }


def test_the_dialog_fields_are_short_enough_for_mattermost_and_guarded() -> None:
    select, note = basis_fields(ShareBasis(LegalBasis.OTHER, "convenant"), optional=True)
    assert (select.name, select.kind, select.default, select.optional) == (
        BASIS_FIELD,
        "select",
        "anders",
        True,
    )
    assert [o.value for o in select.options] == ["toestemming", "meldcode", "wettelijke_taak", "anders"]
    assert [o.label for o in select.options] == [
        "Toestemming van het gezin (ouders, en het kind vanaf 12 jaar)",
        "Meldcode (stap 2: overleg met een deskundige of Veilig Thuis)",
        "Wettelijke taak (bijv. bij een OTS of raadsonderzoek)",
        "Anders, namelijk… (schrijf het in de toelichting)",
    ]
    assert (note.name, note.default, note.max_length, note.optional) == (
        NOTE_FIELD,
        "convenant",
        NOTE_MAX,
        True,
    )
    assert note.guarded and select.guarded  # both pass the facade's privacy guard
    for field in (select, note):
        assert len(field.label) <= 24 and len(field.help) <= 150  # Mattermost's limits
    assert not basis_fields()[0].optional  # a consult always shares the card


def test_a_share_reads_with_whom_by_whom_and_why() -> None:
    share = CardShare(
        case_id=1, target=ShareTarget.EXPERT, basis=ShareBasis(LegalBasis.CONSENT, "ouders, mondeling"),
        shared_by="j", shared_at=AT, expert_id="s", organisation_kind=OrganisationKind.VT,
    )  # fmt: skip
    names = {"j": "Jeroen Peeters", "s": "Sanne de Vries"}
    assert share_line(share, names, {}, TZ) == (
        "- 02-12-2026 10:30: gedeeld met Sanne de Vries (Veilig Thuis), door Jeroen Peeters — grondslag: "
        "toestemming van het gezin (ouders, mondeling)"
    )
    consult = CardShare(
        case_id=1, target=ShareTarget.CONSULT, basis=None, shared_by="j", shared_at=AT, consult_id=4,
        carried=True,
    )  # fmt: skip
    line = share_line(consult, names, {4: "MDO op 07-12-2026 10:00"}, TZ)
    assert "gedeeld met de deelnemers van MDO op 07-12-2026 10:00 (doorgeschoven" in line
    assert line.endswith("grondslag: grondslag niet vastgelegd")


def test_no_basis_is_never_shown_as_one() -> None:
    assert basis_text(None) == "grondslag niet vastgelegd"
    assert basis_text(ShareBasis(LegalBasis.MELDCODE)) == "meldcode (stap 2)"


def test_the_audit_trail_keeps_the_basis_but_not_the_toelichting() -> None:
    share = CardShare(
        case_id=1, target=ShareTarget.EXPERT, basis=ShareBasis(LegalBasis.OTHER, "convenant"), shared_by="j",
        shared_at=AT, expert_id="s", help_request_id=7,
    )  # fmt: skip
    assert audit_detail(share) == {"grondslag": "anders", "met": "s", "verzoek": "7"}
    old = CardShare(
        case_id=1, target=ShareTarget.CONSULT, basis=None, shared_by="j", shared_at=AT, consult_id=3
    )
    assert audit_detail(old) == {"grondslag": "niet_vastgelegd", "overleg": "3"}
