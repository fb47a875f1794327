"""The legal basis of sharing the card with an expert, end to end: the request dialog submitted over real HTTP
as Mattermost sends it, the share recorded when the expert picks up, and the basis on the card, in the export
(Markdown and PDF) and in the inzage. Bad input is refused in the dialog with nothing written."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text, update

from bot import cli
from bot.demo.world import render_post
from commands.cases.sharing import LegalBasis, ShareBasis, ShareTarget
from storage.case_models import CardShareRow
from storage.models import AuditRow
from storage.request_models import HelpRequestRow
from tests.requests.conftest import DEFAULTS, Region

NOTE = "stap 2: overleg met Veilig Thuis over de signalen"
BASIS = f"meldcode (stap 2) ({NOTE})"
ANDERS = "Je koos Anders: schrijf in de toelichting op grond waarvan je de kaart deelt."


@pytest.fixture
def region(e2e_region: Region) -> Region:
    """These tests read the database, the exported files and the emulator's ephemerals: the full path."""
    return e2e_region


def card_text(region: Region, username: str, code: str) -> str:
    """The whole card as the user sees it: the reply and its sections."""
    user = region[username]
    region.stack.slash(user, f"/kaart {code}")
    shown = region.stack.emulator.ephemerals(user)[-1]
    attachments = shown.get("attachments") or (shown.get("props") or {}).get("attachments") or []
    return f"{shown.get('text', '')}\n" + render_post({"message": "", "props": {"attachments": attachments}})


def exported(region: Region, username: str, code: str) -> tuple[str, str]:
    """(Markdown, PDF text) of `/kaart <code> export`, as the lead receives them by DM."""
    user = region[username]
    assert "privébericht" in region.stack.slash(user, f"/kaart {code} export")
    region.stack.deliver()
    files = [p for p in region.stack.dms(user) if p.get("file_ids")][-2:]
    (md_info, markdown), (pdf_info, pdf) = (region.stack.emulator.posts.file(p["file_ids"][0]) for p in files)
    assert md_info["name"].endswith(".md") and pdf_info["name"].endswith(".pdf")
    reader = PdfReader(io.BytesIO(pdf))
    return markdown.decode("utf-8"), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def shares(region: Region) -> list[Any]:
    with region.stack.bot.engine.connect() as conn:
        return list(conn.execute(select(CardShareRow).order_by(CardShareRow.id)))


def test_the_basis_travels_from_the_dialog_to_the_card_the_export_and_the_inzage(region: Region) -> None:
    result = region.ask("jeroen.peeters", grondslag="meldcode", grondslag_toelichting=NOTE)
    assert result.ok and result.closed, result
    code = region.case_code()
    with region.stack.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        (request,) = uow.requests.for_case(case.id)
    assert request.share_basis == ShareBasis(LegalBasis.MELDCODE, NOTE)
    assert shares(region) == []  # asked, not yet shared: nobody has the card yet

    offer = region.open_offer("sanne.devries")
    fields = {f["title"]: f["value"] for a in offer["props"]["attachments"] for f in a.get("fields") or []}
    assert fields["Grondslag voor delen"] == BASIS  # the card summary travels with the offer, and why
    picked = region.click("sanne.devries", "Ik pak het op")
    assert (
        f"De regiehouder deelt de kaart met je op grond van: meldcode (stap 2) ({NOTE})."
        in picked.ephemeral_text
    )
    with region.stack.bot.uow() as uow:
        (share,) = uow.cases.shares_for_case(case.id)
    assert share.target is ShareTarget.EXPERT
    assert (share.expert_id, share.shared_by) == (region["sanne.devries"].id, region["jeroen.peeters"].id)
    assert share.basis == ShareBasis(LegalBasis.MELDCODE, NOTE) and share.help_request_id == request.id
    assert share.shared_at == region.stack.clock.now()  # the injected clock, not the machine's
    with region.stack.bot.engine.connect() as conn:
        events = conn.execute(
            select(AuditRow.actor_id, AuditRow.case_code, AuditRow.detail).where(
                AuditRow.action == "kaart.delen"
            )
        ).all()
    # The compact card went with each offer (two experts asked), the full card to the one who picked up.
    offered = sorted(e.detail["aan"] for e in events if "aan" in e.detail)
    assert offered == sorted([region["sanne.devries"].id, region["kees.vanderberg"].id])
    assert all(e.detail["grondslag"] == "meldcode" for e in events)
    (event,) = [e for e in events if "met" in e.detail]
    assert (event.actor_id, event.case_code) == (region["jeroen.peeters"].id, code)
    assert event.detail == {
        "grondslag": "meldcode",
        "met": region["sanne.devries"].id,
        "verzoek": str(request.id),
    }

    line = f"gedeeld met Sanne de Vries (Veilig Thuis), door Jeroen Peeters — grondslag: {BASIS}"
    for reader in ("jeroen.peeters", "sanne.devries"):  # the lead and the expert who now reads the card
        card = card_text(region, reader, code)
        assert "Delen" in card and line in card

    markdown, pdf = exported(region, "jeroen.peeters", code)
    assert "## Gedeeld met, en op welke grondslag" in markdown and line in markdown
    assert "Gedeeld met, en op welke grondslag" in pdf
    assert f"gedeeld met Sanne de Vries (Veilig Thuis), door Jeroen Peeters - grondslag: {BASIS}" in pdf

    inzage = region.stack.slash(region["jeroen.peeters"], f"/kaart {code} inzage")
    assert "Jeroen Peeters (regiehouder, " in inzage
    assert (
        "deelde de kaart met Sanne de Vries (expert, " in inzage
        and "(grondslag: meldcode (stap 2))" in inzage
    )
    assert "stuurde een samenvatting van de kaart mee met de vraag aan Kees van der Berg (expert, " in inzage
    assert "**Gedeeld**, met de grondslag van elke keer:" in inzage
    assert f"— grondslag: meldcode (stap 2) ({NOTE})" in inzage
    assert region["sanne.devries"].id not in inzage  # names, not user ids
    assert (
        region.stack.emulator.warnings == []
    )  # the dialog is one Mattermost accepts (label and help lengths)


def test_an_anonymous_consult_needs_no_basis_and_shares_nothing(region: Region) -> None:
    result = region.ask("jeroen.peeters", share=False, grondslag="")
    assert result.closed, result
    code = region.case_code()
    picked = region.click("sanne.devries", "Ik pak het op")
    assert "op grond van" not in picked.ephemeral_text
    assert shares(region) == []
    assert "De kaart is nog met niemand gedeeld." in card_text(region, "jeroen.peeters", code)


def test_a_missing_basis_or_anders_without_toelichting_is_refused_in_the_dialog(region: Region) -> None:
    missing = region.ask("jeroen.peeters", grondslag="")
    assert missing.status == 200 and not missing.closed
    assert missing.errors == {"grondslag": "Kies op grond waarvan je de kaart deelt."}
    # The dialog stays open with what was typed; the lead picks Anders but writes nothing.
    typed = {**DEFAULTS, "grondslag": "anders", "grondslag_toelichting": ""}
    other = region.stack.submit(region["jeroen.peeters"], typed)
    assert other.status == 200 and not other.closed
    assert other.errors == {"grondslag_toelichting": ANDERS}
    assert (region.requests(), region.count(CardShareRow)) == (0, 0)
    done = region.stack.submit(
        region["jeroen.peeters"], {**typed, "grondslag_toelichting": "convenant met de school"}
    )
    assert done.closed, done
    with region.stack.bot.engine.connect() as conn:
        stored = conn.execute(select(HelpRequestRow.share_basis, HelpRequestRow.share_basis_note)).one()
    assert tuple(stored) == ("anders", "convenant met de school")


def test_an_identifier_in_the_toelichting_is_refused_and_nothing_is_written(region: Region) -> None:
    result = region.ask(
        "jeroen.peeters",
        grondslag="anders",
        grondslag_toelichting="moeder gaf toestemming, bel haar op 0612345678",
    )
    assert result.status == 200 and not result.closed
    assert set(result.errors) == {"grondslag_toelichting"}
    assert "telefoonnummer" in result.errors["grondslag_toelichting"]
    assert "0612345678" not in result.errors["grondslag_toelichting"]
    assert (region.requests(), region.count(CardShareRow)) == (0, 0)
    with region.stack.bot.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar_one() == 0  # not even the new case


def test_a_request_from_before_the_basis_was_asked_shares_without_inventing_one(region: Region) -> None:
    region.ask("jeroen.peeters")
    code = region.case_code()
    with region.stack.bot.engine.begin() as conn:  # as migration 0013 leaves an older request
        conn.execute(update(HelpRequestRow).values(share_basis=None, share_basis_note=""))
    picked = region.click("sanne.devries", "Ik pak het op")
    assert "op grond van: grondslag niet vastgelegd" in picked.ephemeral_text
    (row,) = shares(region)
    assert row.basis is None
    assert "door Jeroen Peeters — grondslag: grondslag niet vastgelegd" in card_text(
        region, "jeroen.peeters", code
    )


def test_opnieuw_erbij_halen_offers_the_earlier_basis_to_keep_or_change(region: Region) -> None:
    region.ask("jeroen.peeters", grondslag="wettelijke_taak", grondslag_toelichting="OTS sinds oktober")
    code = region.case_code()
    region.click("sanne.devries", "Ik pak het op")
    region.stack.slash(region["sanne.devries"], f"/erbij uitchecken {code}")
    assert region.stack.submit(region["sanne.devries"], {"reason": "veiligheid_hersteld"}).closed
    region.stack.deliver()
    lead = region["jeroen.peeters"]
    notice = next(p for p in reversed(region.stack.dms(lead)) if "uitgecheckt" in p["message"])
    region.stack.click(lead, notice, "Opnieuw erbij halen")
    dialog = region.stack.emulator.dialogs(lead)[-1].dialog
    defaults = {e["name"]: e.get("default") for e in dialog["elements"]}
    assert (defaults["grondslag"], defaults["grondslag_toelichting"]) == (
        "wettelijke_taak",
        "OTS sinds oktober",
    )
    assert region.stack.submit(lead, {"question": "Het gaat weer minder goed; kun je meedenken?"}).closed
    region.stack.deliver()
    region.click("sanne.devries", "Ik pak het op")
    assert [(r.basis, r.basis_note) for r in shares(region)] == [("wettelijke_taak", "OTS sinds oktober")] * 2


def test_erbij_audit_gives_the_basis_of_each_share_too(
    region: Region, database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    region.ask("jeroen.peeters", grondslag="toestemming", grondslag_toelichting="ouders, schriftelijk")
    code = region.case_code()
    region.click("sanne.devries", "Ik pak het op")
    monkeypatch.setenv("ERBIJ_DATABASE_URL", database_url)
    assert cli.main(["audit", code], clock=region.stack.clock) == 0
    out = capsys.readouterr().out
    assert (
        "deelde de kaart met Sanne de Vries (expert, " in out
        and "(grondslag: toestemming van het gezin)" in out
    )
    assert "— grondslag: toestemming van het gezin (ouders, schriftelijk)" in out
    assert region["sanne.devries"].id not in out
