from __future__ import annotations

import re

from commands.catalogue import catalogue, placeholders, t


def test_catalogue_loads_and_every_template_formats() -> None:
    messages = catalogue()
    assert messages
    for key in messages:
        values = {name: "x" for name in placeholders(key)}
        assert t(key, **values)


def test_no_english_leftovers_in_help() -> None:
    for trigger in ("erbij", "kaart", "overleg", "beschikbaar", "monitor"):
        text = t(f"help.{trigger}", crisis=t("general.crisis_note"))
        assert text.startswith("####")
        assert not re.search(r"\b(the|and|please|error)\b", text, flags=re.IGNORECASE)


def test_crisis_note_points_to_112_and_veilig_thuis() -> None:
    note = t("general.crisis_note")
    assert "112" in note
    assert "0800-2000" in note
