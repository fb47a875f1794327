"""The "Expert erbij halen" dialog: its fields, and reading a submission into a draft (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from commands.cases.codes import InvalidCaseCode, parse_code
from commands.cases.fields import label
from commands.cases.form import Form
from commands.cases.lifecycle import framework_fields, read_framework
from commands.cases.model import Framework, Measure
from commands.cases.sharing import ShareBasis, basis_fields, read_basis
from commands.catalogue import t
from commands.replies import Dialog, DialogField, Option
from commands.requests.model import InvolvementForm, NewHelpRequest, Urgency
from commands.roster.model import ExpertiseArea, OrganisationKind

CALLBACK = "request.new"
NEW_CASE_WORDS = ("nieuw", "nieuwe casus", "new")
QUESTION_MIN = 15
QUESTION_MAX = 2000
ANY_ORGANISATION = "any"
ORGANISATIONS = (OrganisationKind.VT, OrganisationKind.RVDK, OrganisationKind.GI)
E = TypeVar("E", InvolvementForm, Urgency)


@dataclass(frozen=True)
class Draft:
    """A checked submission: everything needed to store the request (the case is resolved later)."""

    case_text: str  # a code, or "" for a new case
    municipality: str
    expertise: str
    organisation_kinds: frozenset[OrganisationKind]
    form: InvolvementForm
    urgency: Urgency
    experts_wanted: int
    question: str
    share_card: bool
    # A new case's framework and measure, as the lead chose them (None when an existing code was given).
    framework: Framework | None = None
    measure: Measure | None = None
    share_basis: ShareBasis | None = None  # required when the card is shared, None for an anonymous consult

    def request(self, case_id: int, asked_by: str, now: datetime, first_round_at: datetime) -> NewHelpRequest:
        """The request to store for this submission: the one way from the dialog's answers to a request."""
        return NewHelpRequest(
            case_id=case_id,
            asked_by=asked_by,
            expertise=self.expertise,
            organisation_kinds=self.organisation_kinds,
            form=self.form,
            urgency=self.urgency,
            experts_wanted=self.experts_wanted,
            question=self.question,
            share_card=self.share_card,
            created_at=now,
            first_round_at=first_round_at,
            share_basis=self.share_basis,
        )


def request_dialog(
    areas: Sequence[ExpertiseArea],
    municipalities: Sequence[str],
    case_code: str = "",
    defaults: Mapping[str, str] | None = None,
    introduction: str = "",
    basis: ShareBasis | None = None,
) -> Dialog:
    """The dialog; `defaults` prefill choices (re-engaging an expert repeats the earlier request's, and
    `basis` the legal basis the lead recorded then: she confirms it or changes it)."""
    chosen = dict(defaults or {})

    def select(
        name: str, options: tuple[Option, ...], default: str = "", kind: str = "select"
    ) -> DialogField:
        return DialogField(name, t(f"request.field.{name}"), kind=kind, options=options, default=default)  # type: ignore[arg-type]

    fields = [
        DialogField(
            "case",
            t("request.field.case"),
            default=case_code,
            placeholder=t("request.field.case.placeholder"),
            help=t("request.field.case.help"),
            max_length=40,
        ),
    ]
    if not case_code:
        fields.append(
            DialogField(
                "municipality",
                t("request.field.municipality"),
                kind="select",
                options=tuple(Option(m, m) for m in municipalities),
                default=municipalities[0] if len(municipalities) == 1 else "",
                optional=True,
            )
        )
        # A new case asks its kader like `/kaart nieuw`, nothing preselected; optional in the dialog because
        # an existing code needs none, and required on submit for "nieuw" (see `read_submission`).
        fields += [replace(field, optional=True) for field in framework_fields(None, Measure())]
    fields += [
        select("expertise", tuple(Option(a.label, a.key) for a in areas), chosen.get("expertise", "")),
        select(
            "organisation",
            (
                *(Option(label(k), k.value) for k in ORGANISATIONS),
                Option(t("request.org.any"), ANY_ORGANISATION),
            ),
            chosen.get("organisation", ANY_ORGANISATION),
        ),
        select(
            "form",
            tuple(Option(t(f"request.form.{f.value}"), f.value) for f in InvolvementForm),
            chosen.get("form", InvolvementForm.CONSULT.value),
        ),
        select(
            "urgency",
            tuple(Option(t(f"request.urgency.{u.value}"), u.value) for u in Urgency),
            Urgency.THREE_DAYS.value,
            kind="radio",
        ),
        DialogField(
            "experts",
            t("request.field.experts"),
            kind="radio",
            options=(Option(t("request.experts.1"), "1"), Option(t("request.experts.2"), "2")),
            default="1",
            help=t("request.field.experts.help"),
        ),
        DialogField(
            "question",
            t("request.field.question"),
            kind="textarea",
            placeholder=t("request.field.question.placeholder"),
            min_length=QUESTION_MIN,
            max_length=QUESTION_MAX,
        ),
        DialogField(
            "share",
            t("request.field.share"),
            kind="bool",
            default="true",
            help=t("request.field.share.help"),
            optional=True,
        ),
        *basis_fields(basis, optional=True),
    ]
    return Dialog(
        callback=CALLBACK,
        title=t("request.dialog.title"),
        introduction=f"{introduction}\n\n{t('request.dialog.intro')}"
        if introduction
        else t("request.dialog.intro"),
        fields=tuple(fields),
        submit_label=t("request.dialog.submit"),
    )


def read_submission(
    submission: Mapping[str, object], areas: Sequence[ExpertiseArea], municipalities: Sequence[str]
) -> Draft | dict[str, str]:
    """The draft, or per-field Dutch errors. Free text passes the privacy guard before anything is kept."""
    form = Form(submission)
    case_text = form.raw("case")
    if not case_text:
        form.error("case", t("request.error.required"))
    new_case = case_text.lower() in NEW_CASE_WORDS
    if case_text and not new_case:
        try:
            parse_code(case_text)
        except InvalidCaseCode:
            form.error("case", t("kaart.code_ongeldig", code=case_text[:40]))
    municipality = form.raw("municipality")
    if new_case and municipality not in municipalities:
        form.error("municipality", t("request.error.municipality"))
    framework, measure = read_framework(form) if new_case else (None, None)
    expertise = form.raw("expertise")
    if expertise not in {a.key for a in areas}:
        form.error("expertise", t("request.error.choose"))
    organisation = form.raw("organisation") or ANY_ORGANISATION
    kinds: frozenset[OrganisationKind] = frozenset()
    if organisation != ANY_ORGANISATION:
        try:
            kinds = frozenset({OrganisationKind(organisation)})
        except ValueError:
            form.error("organisation", t("request.error.choose"))
        if kinds and not kinds <= set(ORGANISATIONS):
            form.error("organisation", t("request.error.choose"))
    involvement_form = _enum(form, "form", InvolvementForm)
    urgency = _enum(form, "urgency", Urgency)
    experts = form.raw("experts") or "1"
    if experts not in ("1", "2"):
        form.error("experts", t("request.error.choose"))
    question = form.text("question", max_length=QUESTION_MAX)
    if question and len(question) < QUESTION_MIN:
        form.error("question", t("request.error.question_short", min=QUESTION_MIN))
    share = "share" not in submission or form.flag("share")
    # An anonymous consult shares no card, so it needs no basis (and keeps none that was filled in).
    basis = read_basis(form, required=True) if share else None
    if form.errors or involvement_form is None or urgency is None:
        return dict(form.errors)
    return Draft(
        case_text="" if new_case else case_text,
        municipality=municipality,
        expertise=expertise,
        organisation_kinds=kinds,
        form=involvement_form,
        urgency=urgency,
        experts_wanted=int(experts),
        question=question,
        share_card=share,
        framework=framework,
        measure=measure,
        share_basis=basis,
    )


def _enum(form: Form, name: str, enum: type[E]) -> E | None:
    value = form.raw(name)
    try:
        return enum(value)
    except ValueError:
        form.error(name, t("request.error.choose"))
        return None
