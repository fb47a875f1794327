"""The Markdown export for a warm handover: a private file to the lead, and the same on the command line."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot import cli
from commands.outbox import FileAttachment, OutgoingMessage, Recipient
from tests.cases.conftest import Desk, uid
from tests.cases.test_card_parts import AGREEMENT, STEP, WORRY


def filled_case(desk: Desk) -> str:
    code = desk.new_case()
    j = "jeroen"

    def fill(user: str, line: str, values: dict[str, Any]) -> None:
        result = desk.fill(user, line, values)
        assert result.closes, (line, result)

    fill(j, f"/kaart {code} bewerken zorgen", WORRY)
    fill(
        j,
        f"/kaart {code} bewerken zorgen gevaar",
        {"gevaarformulering": "We zijn bang dat Kind 1 gewond raakt."},
    )
    fill(j, f"/kaart {code} bewerken goed", {"omschrijving": "Oma vangt Kind 1 op.", "soort_goed": "kracht"})
    fill(
        j, f"/kaart {code} bewerken goed werkt", {"wat_werkt": "time-out", "wat_werkt_niet": "alleen praten"}
    )
    fill(
        j,
        f"/kaart {code} bewerken top3",
        {"situatie": "Ruzie met geweld na alcohol.", "frequentie": "wekelijks"},
    )
    fill(j, f"/kaart {code} bewerken top3 1 risico", {"factor": "alcoholgebruik", "persoon": "vader"})
    fill(
        j,
        f"/kaart {code} bewerken plan doel",
        {"veiligheidsdoel": "Geen geweld meer.", "voorwaarden": "nuchter"},
    )
    fill(j, f"/kaart {code} bewerken plan", {**AGREEMENT, "wanneer": "als de spanning | oploopt"})
    fill(j, f"/kaart {code} bewerken stappen", STEP)
    fill(j, f"/kaart {code} bewerken oordeel schaal", {"score": "3"})
    desk.involve(code, "sanne")
    fill("sanne", f"/kaart {code} bewerken oordeel schaal", {"score": "4"})
    fill(
        j, f"/kaart {code} bewerken oordeel",
        {"fase": "directe_veiligheid", "directe_veiligheid": "onveilig",
         "onderbouwing": "Geweld bij Kind 1."},
    )  # fmt: skip
    desk.say(j, f"/kaart {code} kader drang")
    return code


def export_rows(desk: Desk) -> list[tuple[OutgoingMessage, FileAttachment]]:
    return [(m, m.file) for m in desk.outbox() if m.file is not None]


def test_export_is_sent_privately_to_the_lead_as_a_markdown_and_a_pdf_file(desk: Desk) -> None:
    code = filled_case(desk)
    reply = desk.say("jeroen", f"/kaart {code} export")
    assert "privébericht" in reply
    (markdown, md_file), (pdf, pdf_file) = export_rows(desk)
    assert markdown.to == Recipient.user(uid("jeroen"))
    assert md_file.filename == f"veiligheidskaart-{code}-v14.md"
    assert md_file.mime_type == "text/markdown"
    assert code in markdown.message.text
    assert pdf.to == Recipient.user(uid("jeroen"))
    assert (pdf_file.filename, pdf_file.mime_type) == (f"veiligheidskaart-{code}-v14.pdf", "application/pdf")
    assert pdf_file.content.startswith(b"%PDF-")


def test_export_holds_the_whole_card_and_its_history(desk: Desk) -> None:
    code = filled_case(desk)
    desk.say("jeroen", f"/kaart {code} export")
    document = export_rows(desk)[0][1].content.decode("utf-8")
    assert document.startswith(f"# Veiligheidskaart {code}\n")
    for expected in [
        "## Kader en maatregel", "Vrijwillig · Jeroen Bakker", "Drang · Jeroen Bakker",
        "**Fase:** Directe veiligheid",
        "## Waar maken we ons zorgen over?", WORRY["omschrijving"], "sinds maart 2025",
        "We zijn bang dat Kind 1 gewond raakt.",
        "## Wat gaat er goed?", "Oma vangt Kind 1 op.", "- time-out", "- alleen praten",
        "## Top 3 onveilige situaties", "alcoholgebruik — vader (beïnvloedbaar)",
        "## Wat moet er gebeuren?", "**Veiligheidsdoel:** Geen geweld meer.", "- nuchter",
        "| 1 | Bij spanning loopt vader een blokje om. | vader | als de spanning \\| oploopt "
        "| regiehouder | Nieuw |",
        "## Genomen stappen", "20-11-2026 · Lokaal team · Huisbezoek met beide ouders.",
        "Regiehouder: **3**", "Veilig Thuis: **4** _(Sanne de Vries)_", "Onderbouwing: Geweld bij Kind 1.",
        "Erbij rekent zelf geen oordeel uit",
        "## Betrokken experts", "Sanne de Vries (Veilig Thuis)", "tot nu (nog betrokken)",
        "## Geschiedenis", "**v1**", "**v14**", "kader (vrijwillig → drang)",
        "geen direct identificerende gegevens",
    ]:  # fmt: skip
        assert expected in document, expected


def test_exporting_again_sends_again(desk: Desk) -> None:
    code = desk.new_case()
    desk.say("jeroen", f"/kaart {code} export")
    desk.clock.advance(timedelta(minutes=5))
    desk.say("jeroen", f"/kaart {code} export")
    assert len(export_rows(desk)) == 4  # Markdown and PDF, twice


def test_erbij_card_export_on_the_command_line(
    sql_desk: Desk,
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = sql_desk  # the CLI reads the database
    code = filled_case(desk)
    monkeypatch.setenv("ERBIJ_DATABASE_URL", database_url)
    assert cli.main(["card", "export", code.lower()], clock=desk.clock) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"# Veiligheidskaart {code}")
    assert "Sanne de Vries (Veilig Thuis)" in printed  # names come from the roster on the CLI
    assert cli.main(["card", "export", code, "--output", str(tmp_path)], clock=desk.clock) == 0
    written = (tmp_path / f"veiligheidskaart-{code}-v14.md").read_text(encoding="utf-8")
    assert (
        written.split("\n")[4:] == printed.split("\n")[4:]
    )  # the same document (the export time may differ)
    cli_exports = [e for e in desk.audit(code) if e.action == "kaart.exporteren"]
    assert [(e.access_point, e.authorisation) for e in cli_exports] == [("cli", "beheerder")] * 2
    assert export_rows(desk) == []  # the CLI prints; it sends nothing to chat


def test_the_command_line_names_an_unknown_case(
    sql_desk: Desk, database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = sql_desk  # the command line reads the database
    monkeypatch.setenv("ERBIJ_DATABASE_URL", database_url)
    code = desk.new_case()
    with desk.uow() as uow:
        from commands.cases.lifecycle import fresh_code

        other = fresh_code(uow)
    assert cli.main(["card", "export", other], clock=desk.clock) == 2
    assert f"Casus {other} bestaat niet." in capsys.readouterr().err
    assert code != other
