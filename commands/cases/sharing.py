"""The legal basis (grondslag) of each time the card is shared, and the record of those shares. Pure.

The card travels twice: to an expert who picks up a request (when the lead shares it, i.e. not an anonymous
consult), and to the participants of a consult (MDO) the case is put on. Each time, the lead records why that
is allowed: the family's consent, a step of the meldcode, a statutory task, or something else she explains.
The basis is asked again for every share (regional protocols: "vraag toestemming elke keer dat je deelt"); a
share from before this was recorded keeps no basis and says so ("grondslag niet vastgelegd"), never a guess.

The toelichting is free text: the facade's privacy guard checks it before any handler runs (it is an ordinary
dialog field), and this module limits its length and requires it for "anders".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from commands.cases.form import Form
from commands.cases.history import local, name_of
from commands.catalogue import t
from commands.replies import DialogField, Option
from commands.roster.model import OrganisationKind

if TYPE_CHECKING:
    from commands.ports import UnitOfWork

BASIS_FIELD = "grondslag"
NOTE_FIELD = "grondslag_toelichting"
SHARE_ACTION = "kaart.delen"  # the audit trail's event for each share
NOT_RECORDED = "niet_vastgelegd"
NOTE_MAX = 300  # a sentence or two: which consent, which meldcode step, which article; not a report


class LegalBasis(StrEnum):
    """Why the card may be shared (the value is stored and written to the audit trail)."""

    CONSENT = "toestemming"  # of the parents with authority, and the child from 12 (16+: the young person)
    MELDCODE = "meldcode"  # step 2 of the meldcode: consulting an expert or Veilig Thuis
    STATUTORY_TASK = "wettelijke_taak"  # e.g. an OTS (Jeugdwet 7.3.11), a raadsonderzoek (BW 1:240)
    OTHER = "anders"  # only with a toelichting


@dataclass(frozen=True)
class ShareBasis:
    basis: LegalBasis
    note: str = ""  # toelichting; required for OTHER


class ShareTarget(StrEnum):
    EXPERT = "expert"  # an expert who picked up a request
    CONSULT = "mdo"  # the participants of a consult with the case on its agenda


@dataclass(frozen=True)
class CardShare:
    """One time the card was shared. `basis` is None for a share made before the basis was recorded."""

    case_id: int
    target: ShareTarget
    basis: ShareBasis | None
    shared_by: str  # who decided to share (the lead who asked, or who put the case on the consult)
    shared_at: datetime
    expert_id: str | None = None
    organisation_kind: OrganisationKind | None = None
    consult_id: int | None = None
    help_request_id: int | None = None
    agenda_item_id: int | None = None
    carried: bool = False  # a consult share carried to a later consult with the earlier basis
    id: int = 0


# --- the dialog --------------------------------------------------------------------------------------------
def basis_fields(default: ShareBasis | None = None, *, optional: bool = False) -> tuple[DialogField, ...]:
    """The basis select and its toelichting; `optional` when sharing itself is optional (anonymous consult):
    Mattermost cannot require a field depending on another, so `read_basis` requires it then."""
    return (
        DialogField(
            BASIS_FIELD,
            t("delen.veld.grondslag"),
            kind="select",
            options=tuple(Option(t(f"delen.grondslag.{b.value}"), b.value) for b in LegalBasis),
            default=default.basis.value if default else "",
            help=t("delen.veld.grondslag.hulp_optioneel" if optional else "delen.veld.grondslag.hulp"),
            optional=optional,
        ),
        DialogField(
            NOTE_FIELD,
            t("delen.veld.toelichting"),
            kind="textarea",
            default=default.note if default else "",
            placeholder=t("delen.veld.toelichting.voorbeeld"),
            help=t("delen.veld.toelichting.hulp"),
            optional=True,
            max_length=NOTE_MAX,
        ),
    )


def read_basis(form: Form, *, required: bool = True) -> ShareBasis | None:
    """The basis in a submission, or None (with the Dutch errors in `form.errors`).

    Without `required` (the card is not shared) an empty basis is None and no error."""
    raw = form.raw(BASIS_FIELD)
    note = " ".join(form.raw(NOTE_FIELD).split())  # one line: it is shown in lists
    if not raw:
        if required:
            form.error(BASIS_FIELD, t("delen.fout.kies"))
        return None
    try:
        basis = LegalBasis(raw)
    except ValueError:
        form.error(BASIS_FIELD, t("delen.fout.kies"))
        return None
    if len(note) > NOTE_MAX:
        form.error(NOTE_FIELD, t("delen.fout.te_lang", max=NOTE_MAX, length=len(note)))
        return None
    if basis is LegalBasis.OTHER and not note:
        form.error(NOTE_FIELD, t("delen.fout.anders_toelichting"))
        return None
    return ShareBasis(basis, note)


# --- showing it ------------------------------------------------------------------------------------------
def basis_text(basis: ShareBasis | None) -> str:
    """'toestemming van het gezin (ouders tekenden op 1 december)'; 'grondslag niet vastgelegd' for none."""
    if basis is None:
        return t("delen.niet_vastgelegd")
    text = t(f"delen.grondslag_kort.{basis.basis.value}")
    return t("delen.met_toelichting", basis=text, note=basis.note) if basis.note else text


def consult_label(title: str, starts_at: datetime, timezone: str) -> str:
    return t("delen.mdo", title=title, when=local(starts_at, timezone))


def consult_labels(uow: UnitOfWork, shares: Sequence[CardShare], timezone: str) -> dict[int, str]:
    """'MDO op 07-12-2026 10:00' for each consult the card was shared with (a handful per case)."""
    labels: dict[int, str] = {}
    for consult_id in sorted({s.consult_id for s in shares if s.consult_id is not None}):
        consult = uow.consults.consult(consult_id)
        if consult is not None:
            labels[consult_id] = consult_label(consult.title, consult.starts_at, timezone)
    return labels


def recipient(
    share: CardShare, names: Mapping[str, str], consults: Mapping[int, str], organisations: bool = True
) -> str:
    """With whom: 'Sanne de Vries (Veilig Thuis)', or 'de deelnemers van het MDO van 07-12-2026 10:00'."""
    if share.target is ShareTarget.CONSULT:
        consult = consults.get(share.consult_id or 0) or t("delen.mdo_onbekend")
        return t("delen.deelnemers", consult=consult)
    who = name_of(share.expert_id or "", names)
    if organisations and share.organisation_kind is not None:
        return f"{who} ({t(f'kaart.waarde.organisatie.{share.organisation_kind.value}')})"
    return who


def share_line(
    share: CardShare,
    names: Mapping[str, str],
    consults: Mapping[int, str],
    timezone: str,
    organisations: bool = True,
) -> str:
    """One share, for the card, the export and the inzage (whose names carry the organisation already)."""
    key = "delen.regel_doorgeschoven" if share.carried else "delen.regel"
    return t(
        key,
        when=local(share.shared_at, timezone),
        to=recipient(share, names, consults, organisations),
        by=name_of(share.shared_by, names),
        basis=basis_text(share.basis),
    )


def share_lines(
    shares: Sequence[CardShare],
    names: Mapping[str, str],
    consults: Mapping[int, str],
    timezone: str,
    organisations: bool = True,
) -> list[str]:
    return [share_line(s, names, consults, timezone, organisations) for s in shares]


def people_in(shares: Sequence[CardShare]) -> list[str]:
    """User ids whose names the lines need."""
    return [u for s in shares for u in (s.expert_id, s.shared_by) if u]


def basis_value(basis: ShareBasis | None) -> str:
    """The basis as the audit trail keeps it."""
    return basis.basis.value if basis else NOT_RECORDED


def audit_detail(share: CardShare) -> dict[str, str]:
    """What the audit trail keeps of a share: with whom and the basis, never the toelichting (typed text
    is erased after the retention period; the trail is kept five years)."""
    detail = {"grondslag": basis_value(share.basis)}
    if share.target is ShareTarget.EXPERT:
        detail["met"] = share.expert_id or ""
    else:
        detail["overleg"] = str(share.consult_id or "")
    if share.help_request_id is not None:
        detail["verzoek"] = str(share.help_request_id)
    if share.carried:
        detail["doorgeschoven"] = "ja"
    return detail
