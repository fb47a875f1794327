"""Dialog field builders and Dutch labels for the card's enums (all text from the catalogue)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from commands.cases import card as c
from commands.cases import model as m
from commands.catalogue import t
from commands.replies import DialogField, Option
from commands.roster.model import OrganisationKind

# The catalogue group of each enum's labels: `kaart.waarde.<group>.<value>`.
GROUPS: dict[type[StrEnum], str] = {
    c.Phase: "fase",
    c.WorryKind: "zorgsoort",
    c.WorryCategory: "categorie",
    c.Certainty: "zekerheid",
    c.Level: "niveau",
    c.NamedBy: "benoemd_door",
    c.StrengthKind: "krachtsoort",
    c.Frequency: "frequentie",
    c.AgreementStatus: "afspraakstatus",
    c.StepBy: "stap_door",
    c.ProviderKind: "aanbieder",
    c.Perspective: "perspectief",
    c.DirectSafety: "directe_veiligheid",
    c.Instrument: "instrument",
    m.Framework: "kader",
    m.MeasureKind: "maatregel",
    m.CaseStatus: "status",
    m.CloseReason: "sluitreden",
    m.EndReason: "eindreden",
    OrganisationKind: "organisatie",
}


def label(value: StrEnum | None) -> str:
    """The Dutch label of an enum value ('—' for none)."""
    if value is None:
        return t("kaart.leeg")
    return t(f"kaart.waarde.{GROUPS[type(value)]}.{value.value}")


def options(enum: type[StrEnum]) -> tuple[Option, ...]:
    return tuple(Option(label(v), v.value) for v in enum)


def select(
    name: str, enum: type[StrEnum], default: StrEnum | None = None, *, optional: bool = False
) -> DialogField:
    return DialogField(
        name=name,
        label=t(f"kaart.dialoog.{name}"),
        kind="select",
        options=options(enum),
        default=default.value if default is not None else "",
        optional=optional,
    )


def textarea(
    name: str, default: str = "", *, optional: bool = False, max_length: int = c.TEXT_MAX
) -> DialogField:
    return DialogField(
        name=name,
        label=t(f"kaart.dialoog.{name}"),
        kind="textarea",
        default=default,
        optional=optional,
        max_length=max_length,
        help=t("kaart.dialoog.privacy_hint"),
    )


def text(
    name: str,
    default: str = "",
    *,
    optional: bool = False,
    max_length: int = c.SHORT_MAX,
    free_text: bool = True,
) -> DialogField:
    """A one-line text field; `free_text=False` only for a date or month its reader parses strictly."""
    return DialogField(
        name=name,
        label=t(f"kaart.dialoog.{name}"),
        kind="text",
        default=default,
        optional=optional,
        max_length=max_length,
        placeholder=t(f"kaart.dialoog.{name}.voorbeeld"),
        free_text=free_text,
    )


def flag(name: str, default: bool = False) -> DialogField:
    return DialogField(
        name=name,
        label=t(f"kaart.dialoog.{name}"),
        kind="bool",
        default="true" if default else "false",
        optional=True,
        help=t(f"kaart.dialoog.{name}.uitleg"),
    )


def yes_no(name: str, value: bool | None) -> DialogField:
    """Ja / nee, or left open: 'not assessed' stays visible instead of defaulting to 'nee'."""
    default = {True: "ja", False: "nee", None: ""}[value]
    return DialogField(
        name=name,
        label=t(f"kaart.dialoog.{name}"),
        kind="select",
        options=(Option(t("kaart.ja"), "ja"), Option(t("kaart.nee"), "nee")),
        default=default,
        optional=True,
        help=t(f"kaart.dialoog.{name}.uitleg"),
    )


def assessed(value: bool | None) -> str:
    """'ja', 'nee' or 'niet beoordeeld' — never a default answer for what nobody assessed."""
    if value is None:
        return t("kaart.niet_beoordeeld")
    return t("kaart.ja") if value else t("kaart.nee")


def assessed_label(value: StrEnum | None) -> str:
    return label(value) if value is not None else t("kaart.niet_beoordeeld")


def remove_flag() -> DialogField:
    return flag("verwijderen")


def numbered(name: str, numbers: range, default: int | None = None) -> DialogField:
    return DialogField(
        name=name,
        label=t(f"kaart.dialoog.{name}"),
        kind="select",
        options=tuple(Option(t(f"kaart.dialoog.{name}.optie", n=n), str(n)) for n in numbers),
        default=str(default) if default is not None else "",
    )


def date_text(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def month_text(value: str | None) -> str:
    """'2025-03' → 'maart 2025' (as people say it)."""
    if not value:
        return ""
    year, month = value.split("-")
    return f"{t(f'kaart.maand.{int(month)}')} {year}"
