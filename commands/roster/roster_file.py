"""The roster file (YAML): its schema, and loading it into a checked `RosterFile` with Dutch, located errors.

Every problem names the line, the entry (e.g. `professionals #4 (sanne.devries)`) and the field, and all
problems are reported at once, in file order, so a coordinator can fix the file in one go.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, time
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from commands.catalogue import t
from commands.roster.expertise import DEFAULT_KEYS
from commands.roster.model import OrganisationKind, Role
from commands.roster.periods import WEEKDAYS
from commands.roster.yaml_lines import Path, YamlMap, parse

MAX_CAPACITY = 25
USERNAME = re.compile(r"^[a-z][a-z0-9.\-_]{2,21}$")  # Mattermost's own rule
KEY = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,39}$")
HOURS = re.compile(r"^(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})$")
DAY_RANGE = re.compile(r"^([a-z]+)\s*(?:-|t/m)\s*([a-z]+)$")
DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def _invalid(key: str, **values: object) -> PydanticCustomError:
    return PydanticCustomError("roster_file", t(key, **values))


def _kind(value: object) -> object:
    if isinstance(value, str):
        normalised = value.strip().upper().replace(" ", "_").replace("-", "_")
        if normalised in OrganisationKind.__members__.values():
            return OrganisationKind(normalised)
    raise _invalid("roster.file.kind", allowed=", ".join(OrganisationKind))


def _roles(value: object) -> object:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise _invalid("roster.file.list")
    roles = []
    for item in items:
        word = str(item).strip().lower().replace("ö", "o")
        if word not in Role.__members__.values():
            raise _invalid("roster.file.role", role=item, allowed=", ".join(Role))
        roles.append(Role(word))
    return roles


def _days(value: object) -> object:
    """`[ma, di, do]`, `ma-vr` or `ma, wo, vr` → weekday numbers."""
    if isinstance(value, str):
        text = value.strip().lower()
        if match := DAY_RANGE.match(text):
            first, last = WEEKDAYS.get(match[1]), WEEKDAYS.get(match[2])
            if first is None or last is None or last < first:
                raise _invalid("roster.file.days")
            return list(range(first, last + 1))
        value = [part for part in re.split(r"[,\s]+", text) if part]
    if not isinstance(value, list):
        raise _invalid("roster.file.days")
    days = []
    for item in value:
        day = WEEKDAYS.get(str(item).strip().lower())
        if day is None:
            raise _invalid("roster.file.days")
        days.append(day)
    return sorted(set(days))


def _hours(value: object) -> object:
    if not isinstance(value, str) or not (match := HOURS.match(value.strip())):
        # YAML 1.1 reads an unquoted 8:30 as the number 510: ask for the quoted range instead.
        raise _invalid("roster.file.hours")
    try:
        start, end = time(int(match[1]), int(match[2])), time(int(match[3]), int(match[4]))
    except ValueError:
        raise _invalid("roster.file.hours") from None
    if end <= start:
        raise _invalid("roster.file.hours_order")
    return (start, end)


def _date(value: object) -> object:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and (match := DUTCH_DATE.match(value.strip())):
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            raise _invalid("roster.file.date") from None
    return value


def _username(value: object) -> object:
    if isinstance(value, str):
        name = value.strip().lstrip("@").lower()
        if USERNAME.match(name):
            return name
    raise _invalid("roster.file.username")


def _words(value: object) -> object:
    if isinstance(value, str):
        return [value]
    return value


Text = Annotated[str, Field(min_length=1, max_length=200)]
Day = Annotated[date, BeforeValidator(_date)]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class AbsenceEntry(Entry):
    first_day: Day
    last_day: Day
    note: str = Field(default="", max_length=500)

    @model_validator(mode="after")
    def _in_order(self) -> AbsenceEntry:
        if self.last_day < self.first_day:
            raise _invalid("roster.file.absence_order")
        return self


class OrganisationEntry(Entry):
    key: Annotated[str, Field(pattern=KEY.pattern)]
    kind: Annotated[OrganisationKind, BeforeValidator(_kind)]
    name: Text
    region: str = Field(default="", max_length=100)


class ProfessionalEntry(Entry):
    username: Annotated[str, BeforeValidator(_username)]
    name: str = Field(default="", max_length=200)
    organisation: str
    roles: Annotated[list[Role], BeforeValidator(_roles), Field(min_length=1)]
    expertise: Annotated[list[str], BeforeValidator(_words)] = []
    municipalities: Annotated[list[Text], BeforeValidator(_words)] = []
    capacity: int | None = Field(default=None, ge=0, le=MAX_CAPACITY)
    working_days: Annotated[list[int], BeforeValidator(_days)] = [0, 1, 2, 3, 4]
    working_hours: Annotated[tuple[time, time], BeforeValidator(_hours)] = (time(8, 30), time(17, 0))
    absences: list[AbsenceEntry] = []

    @model_validator(mode="after")
    def _expert_has_capacity(self) -> ProfessionalEntry:
        if Role.EXPERT in self.roles and self.capacity is None:
            raise PydanticCustomError("roster_capacity", t("roster.file.capacity_required"))
        return self


class RosterFile(BaseModel):
    """A whole roster: the optional expertise vocabulary, the organisations and the people."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    expertise: dict[str, str | None] | None = None  # key → Dutch label (empty: the built-in label)
    organisations: Annotated[list[OrganisationEntry], Field(min_length=1)]
    professionals: list[ProfessionalEntry] = []

    _lines: YamlMap = PrivateAttr(default_factory=YamlMap)

    @property
    def vocabulary_keys(self) -> tuple[str, ...]:
        return tuple(self.expertise) if self.expertise is not None else DEFAULT_KEYS

    def where(self, path: Path, raw: dict[str, Any] | None = None) -> str:
        """A Dutch location: line, entry and field, for messages about this file."""
        return _where(path, self._lines, self.model_dump() if raw is None else raw)


class RosterFileError(Exception):
    """The file is not a valid roster; `problems` are Dutch, one per line, each located."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_roster_file(text: str) -> RosterFile:
    """Parse and check a roster file; raises RosterFileError listing every problem."""
    try:
        raw, lines = parse(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f"{t('roster.file.line', line=mark.line + 1)}: " if mark is not None else ""
        detail = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise RosterFileError([line + t("roster.file.syntax", detail=detail)]) from None
    if not isinstance(raw, dict):
        raise RosterFileError([t("roster.file.not_a_mapping")])
    found: dict[Path, str] = {path: t("roster.file.duplicate_key") for path, _ in lines.duplicates}
    roster: RosterFile | None = None
    try:
        roster = RosterFile.model_validate(raw)
    except ValidationError as err:
        for error in err.errors():
            found.setdefault(tuple(error["loc"]), _message(error))
    for path, message in _cross_checks(raw):
        found.setdefault(path, message)
    if found or roster is None:
        ordered = sorted(found.items(), key=lambda item: lines.line(item[0]) or 0)
        raise RosterFileError([f"{_where(path, lines, raw)}: {message}" for path, message in ordered])
    roster._lines = lines
    return roster


def _cross_checks(raw: dict[str, Any]) -> list[tuple[Path, str]]:
    """What pydantic cannot see per entry: duplicates and references between entries.

    Works on the raw data, leniently, so these problems are reported together with the others.
    """
    problems: list[tuple[Path, str]] = []
    vocabulary = raw.get("expertise")
    if isinstance(vocabulary, dict):
        problems += [
            (("expertise", key), t("roster.file.expertise_key")) for key in vocabulary if not _is_key(key)
        ]
        known_tags = {str(key) for key in vocabulary}
    else:
        known_tags = set(DEFAULT_KEYS)
    organisations = _entries(raw, "organisations")
    org_keys = Counter(str(org.get("key")) for _, org in organisations)
    for index, org in organisations:
        if org_keys[str(org.get("key"))] > 1:
            problems.append(
                (("organisations", index, "key"), t("roster.file.duplicate", value=org.get("key")))
            )
    people = _entries(raw, "professionals")
    usernames = Counter(str(p.get("username", "")).strip().lstrip("@").lower() for _, p in people)
    for index, person in people:
        here: Path = ("professionals", index)
        name = str(person.get("username", "")).strip().lstrip("@").lower()
        if name and usernames[name] > 1:
            problems.append(((*here, "username"), t("roster.file.duplicate", value=name)))
        reference = person.get("organisation")
        if isinstance(reference, str) and reference not in org_keys:
            problems.append(((*here, "organisation"), t("roster.file.unknown_org", key=reference)))
        tags = person.get("expertise")
        tags = [tags] if isinstance(tags, str) else tags
        unknown = (
            [str(tag) for tag in tags or () if str(tag) not in known_tags] if isinstance(tags, list) else []
        )
        if unknown:
            problems.append(
                ((*here, "expertise"), t("roster.file.unknown_expertise", tag=", ".join(unknown)))
            )
    return problems


def _entries(raw: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    items = raw.get(section)
    if not isinstance(items, list):
        return []
    return [(index, item) for index, item in enumerate(items) if isinstance(item, dict)]


def _is_key(value: object) -> bool:
    return isinstance(value, str) and KEY.match(value) is not None


def _where(path: Path, lines: YamlMap, raw: Any) -> str:
    parts: list[str] = []
    node: Any = raw
    for step in path:
        if isinstance(step, int):
            label = f"#{step + 1}"
            item = node[step] if isinstance(node, list) and step < len(node) else None
            if name := _entry_name(item):
                label += f" ({name})"
            parts[-1:] = [f"{parts[-1]} {label}"] if parts else [label]
            node = item
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    line = lines.line(path)
    location = " · ".join(parts) or t("roster.file.top")
    return f"{t('roster.file.line', line=line)}, {location}" if line else location


def _entry_name(item: object) -> str:
    if isinstance(item, dict):
        for field in ("username", "key"):
            if isinstance(item.get(field), str):
                return str(item[field])
    return ""


ERROR_KEYS = {
    "missing": "roster.file.missing",
    "extra_forbidden": "roster.file.extra",
    "int_type": "roster.file.int",
    "int_parsing": "roster.file.int",
    "int_from_float": "roster.file.int",
    "greater_than_equal": "roster.file.min",
    "less_than_equal": "roster.file.max",
    "string_type": "roster.file.text",
    "string_too_short": "roster.file.empty",
    "string_too_long": "roster.file.too_long",
    "string_pattern_mismatch": "roster.file.key",
    "too_short": "roster.file.empty_list",
    "list_type": "roster.file.list",
    "dict_type": "roster.file.mapping",
    "model_type": "roster.file.mapping",
    "model_attributes_type": "roster.file.mapping",
    "date_type": "roster.file.date",
    "date_parsing": "roster.file.date",
    "date_from_datetime_parsing": "roster.file.date",
    "date_from_datetime_inexact": "roster.file.date",
}


def _message(error: Any) -> str:
    if error["type"].startswith("roster_"):
        return str(error["msg"])
    key = ERROR_KEYS.get(error["type"])
    if key is None:
        return str(error["msg"])
    context = error.get("ctx") or {}
    return t(key, limit=context.get("ge", context.get("le", context.get("max_length", ""))))
