"""Versions and what changed, in Dutch: for `/kaart <code> geschiedenis` and the export's history summary."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from commands.cases.card import Change, ChangeKind, FieldChange, Perspective, VersionInfo
from commands.cases.fields import label
from commands.catalogue import catalogue, t

HISTORY_SHOWN = 30  # the newest versions in chat; the export holds them all


def local(at: datetime, timezone: str) -> str:
    return at.astimezone(ZoneInfo(timezone)).strftime("%d-%m-%Y %H:%M")


def name_of(user_id: str, names: Mapping[str, str]) -> str:
    return names.get(user_id) or t("kaart.onbekende_gebruiker")


def describe_change(change: Change, names: Mapping[str, str]) -> str:
    subject = _subject(change)
    if change.kind is ChangeKind.SCORED:
        score = change.fields[0]
        if score.before:
            return t("kaart.wijziging.schaal", what=subject, before=score.before, after=score.after)
        return t("kaart.wijziging.schaal_eerste", what=subject, after=score.after)
    if change.kind is ChangeKind.HANDED_OVER:
        lead = change.fields[0]
        return t(
            "kaart.wijziging.regie", before=name_of(lead.before, names), after=name_of(lead.after, names)
        )
    if change.kind is ChangeKind.CREATED:
        return t("kaart.wijziging.aangemaakt")
    if change.kind is ChangeKind.CLOSED:
        reason = change.fields[0].after if change.fields else ""
        return t("kaart.wijziging.gesloten", reason=reason.replace("_", " "))
    what = subject if change.number is None else f"{subject} {change.number}"
    if change.parent is not None:
        what = t("kaart.wijziging.bij_situatie", what=what, parent=change.parent)
    text = t(f"kaart.wijziging.{change.kind.value}", what=what)
    described = [_field(fc) for fc in change.fields]
    if described and described != [subject]:  # not "aanleiding gewijzigd: aanleiding"
        text += ": " + ", ".join(described)
    return text


def _subject(change: Change) -> str:
    if change.subject.startswith("schaal."):
        return t("kaart.onderwerp.schaal", perspective=label(Perspective(change.subject.split(".", 1)[1])))
    return t(f"kaart.onderwerp.{change.subject}")


def _field(change: FieldChange) -> str:
    name = t(f"kaart.veld.{change.name}")
    if change.before or change.after:
        before = change.before.replace("_", " ") or t("kaart.leeg")
        after = change.after.replace("_", " ") or t("kaart.leeg")
        return f"{name} ({before} → {after})"
    return name


def version_line(info: VersionInfo, names: Mapping[str, str], timezone: str) -> str:
    changes = "; ".join(describe_change(ch, names) for ch in info.changes) or t("kaart.leeg")
    line = t(
        "kaart.geschiedenis.regel",
        number=info.number,
        at=local(info.at, timezone),
        who=name_of(info.author_id, names),
        part=t(f"kaart.deel.{info.part}"),
        changes=changes,
    )
    return f"{line} {source_text(info.source)}" if info.source else line


def source_text(source: str) -> str:
    """'mdo:12:2026-11-25' → '(bron: MDO van 25-11-2026)'; an unknown kind is shown as it is."""
    kind, _, rest = source.partition(":")
    _ref, _, day = rest.partition(":")
    when = ".".join(reversed(day.split("-"))).replace(".", "-") if day else ""
    key = f"kaart.bron.{kind}"
    if key not in catalogue():
        return t("kaart.bron.anders", source=source)
    return t(key, day=when) if when else t(f"{key}.zonder_datum")


def history_text(code: str, versions: list[VersionInfo], names: Mapping[str, str], timezone: str) -> str:
    shown = versions[-HISTORY_SHOWN:]
    lines = [t("kaart.geschiedenis.kop", code=code, count=len(versions))]
    if len(versions) > len(shown):
        lines.append(t("kaart.geschiedenis.ingekort", shown=len(shown), code=code))
    lines += [version_line(v, names, timezone) for v in reversed(shown)]
    return "\n".join(lines)
