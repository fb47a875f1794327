"""The family's answer to "Sloot de hulp aan bij wat het gezin nodig had?": one dialog field, read one way.

Asked of the lead when she checks an expert out and when she closes the case. Optional in the dialog: an
unanswered question stays "niet vastgelegd" in the monitor, never a default answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from commands.catalogue import t
from commands.monitor.model import FamilyAnswer
from commands.replies import DialogField, Option

FIELD = "gezin"


def family_field() -> DialogField:
    return DialogField(
        FIELD,
        t("monitor.gezinsvraag"),
        kind="radio",
        options=tuple(Option(t(f"monitor.antwoord.{a.value}"), a.value) for a in FamilyAnswer),
        optional=True,
        help=t("monitor.gezinsvraag.help"),
    )


def read_family(submission: Mapping[str, object]) -> FamilyAnswer | dict[str, str] | None:
    """The answer, None when not given, or a field error for a value that is not one of the options."""
    raw = str(submission.get(FIELD) or "").strip()
    if not raw:
        return None
    try:
        return FamilyAnswer(raw)
    except ValueError:
        return {FIELD: t("kaart.invoer.kies")}
