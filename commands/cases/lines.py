"""The card's lists as lines of text, and back: what a multi-item dialog shows and reads. Pure.

One item per line: its free text first, then after a `|` what is known about it, e.g.
`Vader slaat moeder als hij gedronken heeft | gevaar, getuige van partnergeweld, vermoeden, ernst hoog`.
Every tag is optional; what is left out stays "niet beoordeeld" on the card instead of a guessed default.
Rendering an item gives the same line back, so a dialog prefilled with today's items is edited by changing
lines. Parsing is one pass over the line with dictionary look-ups per tag: linear in the line's length.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache

from commands.cases import card as c
from commands.cases.fields import date_text, label, month_text
from commands.cases.form import parse_date, parse_month
from commands.catalogue import t

SEPARATOR = "|"
BULLETS = "-•*+"


class LineError(ValueError):
    """A line that cannot be read; the message is Dutch and says which part is wrong."""


def normal(text: str) -> str:
    """Lower case, no accents, single spaces: 'Beïnvloedbaar ' and 'beinvloedbaar' are the same tag."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("_", " ").split())


def split_line(line: str) -> tuple[str, list[str]]:
    """The free text before the first `|`, and the parts after it (each stripped, empty ones kept)."""
    head, _, rest = line.partition(SEPARATOR)
    parts = [p.strip() for p in rest.split(SEPARATOR)] if rest else []
    return head.strip(), parts


def items_of(text: str) -> list[tuple[int, str, bool]]:
    """(line number, content, indented-or-bulleted) for every non-empty line of a textarea."""
    out: list[tuple[int, str, bool]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped:
            continue
        bullet = stripped[0] in BULLETS and (len(stripped) == 1 or stripped[1] == " ")
        indented = raw[:1] in (" ", "\t")
        content = stripped[1:].strip() if bullet else stripped
        if content:
            out.append((number, content, bullet or indented))
    return out


CATEGORY_ALIASES = {
    "partnergeweld": "getuige_partnergeweld", "huiselijk geweld": "getuige_partnergeweld",
    "mishandeling": "fysieke_mishandeling", "verwaarlozing": "fysieke_verwaarlozing",
    "scheiding": "complexe_scheiding", "vechtscheiding": "complexe_scheiding",
    "schulden": "schulden_bestaansonzekerheid", "armoede": "schulden_bestaansonzekerheid",
    "verslaving": "ouder_verslaving", "alcohol": "ouder_verslaving",
    "psychiatrie": "ouder_psychiatrie", "ggz": "ouder_psychiatrie", "lvb": "lvb_ouder_of_kind",
    "wonen": "huisvesting", "dakloos": "huisvesting", "criminaliteit": "criminaliteit_ondermijning",
    "verzuim": "schoolverzuim", "seksueel": "seksueel_misbruik", "eer": "eergerelateerd_geweld",
}  # fmt: skip

# The short word a worker types for a worry's kind (its label explains it, but is long to type).
KIND_WORDS = {
    c.WorryKind.HARM: "schade",
    c.WorryKind.DANGER: "gevaar",
    c.WorryKind.COMPLICATING: "complicerend",
}

# --- tags -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    field: str
    value: object


def _enum_words(enum: type[StrEnum], field: str, extra: dict[str, str] | None = None) -> dict[str, Tag]:
    words: dict[str, Tag] = {}
    for member in enum:
        words[normal(member.value)] = Tag(field, member)
        words[normal(label(member))] = Tag(field, member)
    for word, value in (extra or {}).items():
        words[normal(word)] = Tag(field, enum(value))
    return words


@cache
def _worry_tags() -> dict[str, Tag]:
    tags: dict[str, Tag] = {}
    tags.update(_enum_words(c.WorryCategory, "category", CATEGORY_ALIASES))
    tags.update(
        _enum_words(
            c.WorryKind,
            "kind",
            {
                "schade": "schade_verleden",
                "gevaar": "gevaar_toekomst",
                "complicerend": "complicerende_factor",
            },
        )
    )
    tags.update(_enum_words(c.Certainty, "certainty"))
    for level in c.Level:
        tags[normal(f"ernst {level.value}")] = Tag("severity", level)
        tags[normal(level.value)] = Tag("severity", level)
    tags.update(_by_tags())
    return tags


def _by_tags() -> dict[str, Tag]:
    tags: dict[str, Tag] = {}
    aliases = {"ouders": "ouder", "jeugdige": "kind", "professionals": "professional"}
    for member in c.NamedBy:
        for prefix in ("door ", "benoemd door "):
            tags[normal(prefix + member.value)] = Tag("named_by", member)
            tags[normal(prefix + label(member))] = Tag("named_by", member)
    for word, value in aliases.items():
        tags[normal("door " + word)] = Tag("named_by", c.NamedBy(value))
    return tags


@cache
def _strength_tags() -> dict[str, Tag]:
    tags = _enum_words(
        c.StrengthKind, "kind", {"netwerk": "steunend_netwerk", "veiligheid": "bestaande_veiligheid"}
    )
    tags.update(_by_tags())
    return tags


@cache
def _situation_tags() -> dict[str, Tag]:
    return _enum_words(c.Frequency, "frequency", {"af en toe": "incidenteel", "soms": "incidenteel"})


@cache
def _status_tags() -> dict[str, Tag]:
    return _enum_words(c.AgreementStatus, "status", {"niet nagekomen": "niet_nagekomen", "deels": "deels"})


@cache
def _step_by_tags() -> dict[str, Tag]:
    return _enum_words(
        c.StepBy,
        "by",
        {"vt": "veilig_thuis", "raad": "rvdk", "school": "onderwijs", "gezin": "gezin_netwerk",
         "netwerk": "gezin_netwerk", "wijkteam": "lokaal_team", "sociaal team": "lokaal_team"},
    )  # fmt: skip


def _read_tags(
    parts: list[str], table: dict[str, Tag], special: Callable[[str], Tag | None] | None = None
) -> dict[str, object]:
    values: dict[str, object] = {}
    for part in parts:
        for raw in part.split(","):
            word = normal(raw)
            if not word:
                continue
            tag = table.get(word) or (special(word) if special else None)
            if tag is None:
                raise LineError(t("kaart.regels.onbekend_label", label=raw.strip()[:40]))
            if tag.field in values and values[tag.field] != tag.value:
                raise LineError(t("kaart.regels.dubbel_label", label=raw.strip()[:40]))
            values[tag.field] = tag.value
    return values


def _month_tag(prefixes: tuple[str, ...], field: str) -> Callable[[str], Tag | None]:
    def read(word: str) -> Tag | None:
        for prefix in prefixes:
            if word.startswith(prefix + " "):
                month = parse_month(word[len(prefix) + 1 :])
                if month is None:
                    raise LineError(t("kaart.invoer.maand"))
                return Tag(field, month)
        return None

    return read


def _tags(*values: str) -> str:
    present = [v for v in values if v]
    return f" {SEPARATOR} " + ", ".join(present) if present else ""


def _low(value: StrEnum | None) -> str:
    return label(value).lower() if value is not None else ""


def _by(value: c.NamedBy | None) -> str:
    return f"door {value.value}" if value is not None else ""


# --- one line per kind of item ---------------------------------------------------------------------------


def worry_line(w: c.Worry) -> str:
    severity = f"ernst {w.severity.value}" if w.severity else ""
    since = f"sinds {month_text(w.since)}" if w.since else ""
    kind = KIND_WORDS[w.kind] if w.kind else ""
    return w.description + _tags(kind, _low(w.category), _low(w.certainty), severity, _by(w.named_by), since)


def read_worry(line: str, item_id: str) -> c.Worry:
    text, parts = split_line(line)
    values = _read_tags(parts, _worry_tags(), _month_tag(("sinds",), "since"))
    return c.Worry(item_id, _text(text), **values)  # type: ignore[arg-type]


def strength_line(s: c.Strength) -> str:
    return s.description + _tags(_low(s.kind), _by(s.named_by))


def read_strength(line: str, item_id: str) -> c.Strength:
    text, parts = split_line(line)
    values = _read_tags(parts, _strength_tags())
    return c.Strength(item_id, _text(text), **values)  # type: ignore[arg-type]


def situation_line(s: c.UnsafeSituation) -> str:
    last = f"laatst {month_text(s.last_incident)}" if s.last_incident else ""
    return s.situation + _tags(_low(s.frequency), last)


def read_situation(line: str, item_id: str) -> c.UnsafeSituation:
    text, parts = split_line(line)
    values = _read_tags(parts, _situation_tags(), _month_tag(("laatst", "laatste keer"), "last_incident"))
    return c.UnsafeSituation(item_id, _text(text), **values)  # type: ignore[arg-type]


def risk_line(r: c.RiskFactor) -> str:
    modifiable = {True: "beïnvloedbaar", False: "vast", None: ""}[r.modifiable]
    parts = [r.person] if r.person else []
    if modifiable:
        parts.append(modifiable)
    return r.factor + (f" {SEPARATOR} " + ", ".join(parts) if parts else "")


def read_risk(line: str, item_id: str, check_person: Callable[[str], None]) -> c.RiskFactor:
    """`factor | persoon[, beïnvloedbaar|vast]`; the person is a role, checked by `check_person`."""
    text, parts = split_line(line)
    person, modifiable = "", None
    for part in parts:
        for raw in part.split(","):
            word = normal(raw)
            if word in ("beinvloedbaar", "veranderbaar", "dynamisch"):
                modifiable = True
            elif word in ("vast", "vast gegeven", "statisch", "niet beinvloedbaar"):
                modifiable = False
            elif word:
                if person:
                    raise LineError(t("kaart.regels.een_persoon"))
                person = raw.strip()
                check_person(person)
    return c.RiskFactor(item_id, _text(text), person, modifiable)


def agreement_line(a: c.Agreement) -> str:
    status = "" if a.status is c.AgreementStatus.NEW else _low(a.status)
    fields = [a.who, a.when, a.checked_by, status]
    while fields and not fields[-1]:
        fields.pop()
    return a.agreement + "".join(f" {SEPARATOR} {f}" for f in fields)


def read_agreement(line: str, item_id: str, check_person: Callable[[str], None]) -> c.Agreement:
    """`afspraak | wie | wanneer | wie controleert | status`: by position, all but the first optional."""
    text, parts = split_line(line)
    if len(parts) > 4:
        raise LineError(t("kaart.regels.te_veel_delen", max=5))
    who, when, checked, status_text = [*parts, "", "", "", ""][:4]
    status = c.AgreementStatus.NEW
    if status_text:
        found = _status_tags().get(normal(status_text))
        if found is None:
            raise LineError(t("kaart.regels.onbekend_label", label=status_text[:40]))
        status = found.value  # type: ignore[assignment]
    for person in (who, checked):
        if person:
            check_person(person)
    _short(who, when, checked)
    return c.Agreement(item_id, _text(text), who, when, checked, status)


def step_line(s: c.Step) -> str:
    by = _low(s.by)
    return (
        f"{s.step} {SEPARATOR} {by} {SEPARATOR} {date_text(s.on)}"
        if by
        else f"{s.step} {SEPARATOR} {date_text(s.on)}"
    )


def read_step(line: str, item_id: str, today: date, default_on: date | None = None) -> c.Step:
    """`stap | door | datum`: door and datum in either order and optional (datum: today for a new step)."""
    text, parts = split_line(line)
    by: c.StepBy | None = None
    on: date | None = None
    for part in parts:
        if not part:
            continue
        day = parse_date(part, today)
        if day is not None:
            if day > today:
                raise LineError(t("kaart.fout.datum_toekomst"))
            on = day
            continue
        found = _step_by_tags().get(normal(part))
        if found is None:
            raise LineError(t("kaart.regels.onbekend_label", label=part[:40]))
        by = found.value  # type: ignore[assignment]
    return c.Step(item_id, on or default_on or today, _text(text), by)


@cache
def _provider_tags() -> dict[str, Tag]:
    return _enum_words(
        c.ProviderKind,
        "provider",
        {"ggz": "ggz_volwassenen", "volwassenen-ggz": "ggz_volwassenen", "jeugdggz": "jeugd_ggz",
         "verslaving": "verslavingszorg", "schulden": "schuldhulp", "lvb": "lvb_zorg",
         "opvoeden": "opvoedondersteuning", "scheiding": "scheidingsaanbod"},
    )  # fmt: skip


def help_line(h: c.HelpItem) -> str:
    parts = [h.target] if h.target or h.provider or h.requested_on or h.started_on else []
    if h.provider:
        parts.append(_low(h.provider))
    if h.requested_on:
        parts.append(f"aangevraagd {date_text(h.requested_on)}")
    if h.started_on:
        parts.append(f"gestart {date_text(h.started_on)}")
    return h.help + "".join(f" {SEPARATOR} {p}" for p in parts)


def read_help(line: str, item_id: str, today: date) -> c.HelpItem:
    """`hulp | voor welke risicofactor | aanbieder | aangevraagd <datum> | gestart <datum>`, all but the
    first optional; the second part is free text, the others are recognised by their words."""
    text, parts = split_line(line)
    target = parts[0] if parts else ""
    provider: c.ProviderKind | None = None
    requested: date | None = None
    started: date | None = None
    for part in parts[1:]:
        word = normal(part)
        if not word:
            continue
        for prefix in ("aangevraagd", "gestart"):
            if word.startswith(prefix + " "):
                day = parse_date(word[len(prefix) + 1 :], today)
                if day is None:
                    raise LineError(t("kaart.invoer.datum"))
                if day > today:
                    raise LineError(t("kaart.fout.datum_toekomst"))
                if prefix == "aangevraagd":
                    requested = day
                else:
                    started = day
                break
        else:
            found = _provider_tags().get(word)
            if found is None:
                raise LineError(t("kaart.regels.onbekend_label", label=part[:40]))
            provider = found.value  # type: ignore[assignment]
    _short(target)
    return c.HelpItem(item_id, _text(text), target, provider, requested, started)


@cache
def _perspectives() -> dict[str, c.Perspective]:
    words = {normal(p.value): p for p in c.Perspective}
    words.update({normal(label(p)): p for p in c.Perspective})
    extra = {
        "ouders": "ouder", "moeder": "ouder", "vader": "ouder", "jeugdige": "kind", "vt": "expert_vt",
        "veilig thuis": "expert_vt", "rvdk": "expert_rvdk", "raad": "expert_rvdk", "gi": "expert_gi",
        "jeugdbescherming": "expert_gi", "regie": "regiehouder", "ik": "regiehouder",
    }  # fmt: skip
    words.update({normal(k): c.Perspective(v) for k, v in extra.items()})
    return words


@dataclass(frozen=True)
class ScaleLine:
    perspective: c.Perspective
    score: int
    reason: str


def scale_line(score: c.ScaleScore) -> str:
    reason = f" — {score.reason}" if score.reason else ""
    return f"{label(score.perspective)} {score.score}{reason}"


def read_scale(line: str) -> ScaleLine:
    """`regiehouder 4`, `ouders: 6 — het gaat beter`, `Veilig Thuis 3, want …` (one scan, no regex)."""
    first = next((i for i, ch in enumerate(line) if ch.isdigit()), -1)
    if first <= 0:
        raise LineError(t("kaart.regels.schaal_vorm"))
    end = first
    while end < len(line) and line[end].isdigit():
        end += 1
    who = normal(line[:first]).rstrip(" :=")
    perspective = _perspectives().get(who)
    if perspective is None:
        raise LineError(t("kaart.regels.perspectief", label=line[:first].strip(" :=")[:40]))
    score = int(line[first:end]) if end - first <= 2 else 99
    if not 0 <= score <= 10:
        raise LineError(t("kaart.fout.schaal_bereik"))
    reason = line[end:].strip()
    for lead in ("—", "–", "-", ":", ",", "want "):
        if reason.startswith(lead):
            reason = reason[len(lead) :].strip()
            break
    return ScaleLine(perspective, score, reason)


def _text(text: str) -> str:
    if not text:
        raise LineError(t("kaart.regels.geen_tekst"))
    if len(text) > c.TEXT_MAX:
        raise LineError(t("kaart.invoer.te_lang", max=c.TEXT_MAX, length=len(text)))
    return text


def _short(*values: str) -> None:
    for value in values:
        if len(value) > 150:
            raise LineError(t("kaart.invoer.te_lang", max=150, length=len(value)))
