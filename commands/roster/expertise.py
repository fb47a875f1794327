"""The controlled expertise vocabulary (docs/domain.md §4): built-in default, overridable per region."""

from __future__ import annotations

from collections.abc import Iterable

from commands.catalogue import catalogue, t
from commands.roster.model import ExpertiseArea

DEFAULT_KEYS = (
    "huiselijk_geweld",
    "kindermishandeling",
    "seksueel_misbruik",
    "complexe_scheiding",
    "eergerelateerd_geweld",
    "verslaving_ouder",
    "psychiatrie_ouder",
    "lvb",
    "schulden_bestaanszekerheid",
    "huisvesting",
    "radicalisering",
    "mensenhandel_loverboys",
    "jeugdcriminaliteit",
    "trauma",
    "juridisch_kader",
)


def default_vocabulary() -> tuple[ExpertiseArea, ...]:
    return tuple(ExpertiseArea(key, t(f"expertise.{key}")) for key in DEFAULT_KEYS)


def label(key: str, areas: Iterable[ExpertiseArea] = ()) -> str:
    """The Dutch label of a tag: the region's own label, else the catalogue's, else the key made readable."""
    for area in areas:
        if area.key == key:
            return area.label
    if f"expertise.{key}" in catalogue():
        return t(f"expertise.{key}")
    return key.replace("_", " ")
