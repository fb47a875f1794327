"""The card kept with buttons, end to end: emulator and bot over real HTTP, counting the dialogs a lead opens.

The modest card of issue 12 (3 zorgen, 3 krachten, a top 3 with risk factors, 4 agreements, a judgement,
2 scale questions and 2 steps) took about 25 commands and dialogs; with one dialog per part it takes 6.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from bot.demo.world import World
from commands.cases import card as c
from commands.roster.model import Organisation, OrganisationKind, Professional, Role, RosterChanges
from storage.uow import SqlUnitOfWorkFactory

TEAM = Organisation("st-roosendaal", OrganisationKind.LOKAAL_TEAM, "Sociaal Team Roosendaal")
DIALOGS_MAX = 8

FIRST = (
    "Vader slaat moeder als hij gedronken heeft | gevaar, getuige van partnergeweld, vastgesteld, ernst hoog"
)
ZORGEN = (
    f"{FIRST}\n"
    "Kind 1 (8) komt vaak zonder ontbijt op school | schade, fysieke verwaarlozing, vermoeden, door netwerk\n"
    "Moeder heeft schulden en slaapt slecht | complicerend, schulden, sinds maart 2026"
)
GOED = (
    "Oma vangt Kind 1 op als het thuis onrustig is | steunend netwerk, door kind\n"
    "Moeder zoekt zelf hulp bij het wijkteam | kracht, door ouder\n"
    "Vader drinkt niet als hij de kinderen naar sport brengt | bestaande veiligheid"
)
TOP3 = (
    "Ruzie met geweld na alcohol in het weekend, Kind 1 erbij | wekelijks, laatst november 2026\n"
    "- alcoholgebruik | vader, beïnvloedbaar\n"
    "Kind 1 blijft 's avonds alleen thuis | maandelijks\n"
    "- schulden en nachtdiensten | moeder, beïnvloedbaar\n"
    "Schreeuwen tegen Kind 2 (3) bij het naar bed gaan | dagelijks\n"
    "- vermoeidheid | moeder"
)
AFSPRAKEN = (
    "Bij oplopende spanning gaat vader een blokje om | vader | als de spanning oploopt | regiehouder\n"
    "Kind 1 belt oma als er ruzie is | Kind 1 | bij ruzie | oma\n"
    "Vader drinkt niet als de kinderen thuis zijn | vader | altijd | moeder\n"
    "Moeder meldt zich bij schuldhulp | moeder | deze maand | regiehouder"
)
STAPPEN = "Huisbezoek met beide ouders | lokaal team | 20-11-2026\nOverleg met school over Kind 1 | onderwijs"
SCHAAL = "regiehouder 4 — geweld in het bijzijn van Kind 1\nouders 6 — vinden dat het beter gaat"


@pytest.fixture
def jeroen(stack: World, engine: Engine) -> Any:
    user = stack.person("jeroen.st", "Jeroen", "Bakker")
    lead = Professional(
        user.id, user.username, "Jeroen Bakker", TEAM, frozenset({Role.LEAD}),
        municipalities=frozenset({"Roosendaal"}),
    )  # fmt: skip
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as u:
        u.roster.apply(RosterChanges(organisations=(TEAM,), added=(lead,)), stack.clock.now())
        u.commit()
    return user


def card_post(stack: World, user: Any, code: str) -> dict[str, Any]:
    """The latest ephemeral card the user sees (a slash-command reply is ephemeral, with its buttons)."""
    shown = [e for e in stack.emulator.ephemerals(user) if f"Veiligheidskaart {code}" in e.get("text", "")]
    assert shown, "the card was not shown"
    return shown[-1]


def buttons(post: dict[str, Any]) -> list[str]:
    attachments = post.get("attachments") or (post.get("props") or {}).get("attachments") or []
    return [a["name"] for att in attachments for a in att.get("actions") or []]


def confirmation(stack: World, user: Any) -> str:
    stack.deliver()
    return [p["message"] for p in stack.dms(user) if "Opgeslagen op de kaart" in p["message"]][-1]


def fill(stack: World, user: Any, code: str, button: str, values: dict[str, str]) -> str:
    post = card_post(stack, user, code)
    clicked = stack.click(user, post["id"], button)
    assert clicked.error is None, clicked.error
    result = stack.submit(user, values)
    assert result.closed, result.errors
    return confirmation(stack, user)


def test_the_modest_card_takes_six_dialogs_and_every_save_is_confirmed(
    stack: World, jeroen: Any, engine: Engine
) -> None:
    assert stack.slash(jeroen, "/kaart nieuw") == ""
    assert stack.submit(jeroen, {"kader": "drang"}).closed
    stack.deliver()
    (created,) = [p["message"] for p in stack.dms(jeroen) if "is aangemaakt" in p["message"]]
    found = re.search(r"\*\*(WBW-[0-9A-Z]{4}-[0-9A-Z]{2})\*\*", created)
    assert found
    code = found.group(1)

    stack.slash(jeroen, f"/kaart {code}")
    assert buttons(card_post(stack, jeroen, code)) == [
        "Zorgen bijwerken", "Wat gaat goed", "Top 3", "Plan", "Oordeel", "Erbij halen", "Inbrengen in MDO",
        "Exporteren",
    ]  # fmt: skip

    # One bad line keeps the same dialog open, names the line, and stores nothing.
    stack.click(jeroen, card_post(stack, jeroen, code)["id"], "Zorgen bijwerken")
    refused = stack.submit(jeroen, {"zorgen": ZORGEN.replace("Moeder heeft", "Moeder (BSN 111222333) heeft")})
    assert not refused.closed
    assert (
        refused.errors["zorgen"].startswith("Regel 3: ") and "burgerservicenummer" in refused.errors["zorgen"]
    )
    assert "111222333" not in refused.errors["zorgen"]
    assert stack.submit(
        jeroen, {"zorgen": ZORGEN, "gevaarformulering": "We zijn bang dat Kind 1 gewond raakt."}
    ).closed
    said = confirmation(stack, jeroen)
    assert "nu versie 2" in said and "zorgsignaal 3 toegevoegd" in said and "gevaarformulering" in said

    assert "nu versie 3" in fill(stack, jeroen, code, "Wat gaat goed", {"goed": GOED})
    assert "nu versie 4" in fill(stack, jeroen, code, "Top 3", {"top3": TOP3})
    goal = "Kind 1 is geen getuige meer van geweld."
    said = fill(
        stack, jeroen, code, "Plan", {"afspraken": AFSPRAKEN, "stappen": STAPPEN, "veiligheidsdoel": goal}
    )
    assert "nu versie 5" in said and "afspraak 4 toegevoegd" in said and "stap 2 toegevoegd" in said
    said = fill(
        stack, jeroen, code, "Oordeel",
        {"fase": "directe_veiligheid", "directe_veiligheid": "veilig_met_afspraken",
         "risico_toekomst": "hoog", "acuut": "nee", "schaal": SCHAAL,
         "onderbouwing": "Afspraken lopen, maar het geweld is recent."},
    )  # fmt: skip
    assert "nu versie 6" in said and "schaal Regiehouder: 4" in said

    assert len(stack.emulator.dialogs(jeroen)) == 6 <= DIALOGS_MAX

    with SqlUnitOfWorkFactory(engine)() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        card = uow.cases.latest_card(case.id).card
    counts = [len(card.worries), len(card.strengths), len(card.top3), len(card.agreements), len(card.steps)]
    assert counts == [3, 3, 3, 4, 2]
    assert (
        card.worries[0].severity is c.Level.HIGH and card.worries[2].severity is None
    )  # left open, not "laag"
    assert [len(s.risk_factors) for s in card.top3] == [1, 1, 1]
    assert card.top3[0].risk_factors[0].person == "vader" and card.top3[2].risk_factors[0].modifiable is None
    assert {p.value: s.score for p, (s, _) in card.latest_scores().items()} == {"regiehouder": 4, "ouder": 6}
    assert card.judgement.acute_unsafety is False and card.judgement.structural_unsafety is None

    # Reopening a part shows today's items as lines: editing is changing a line; unchanged lines stay.
    stack.slash(jeroen, f"/kaart {code}")
    stack.click(jeroen, card_post(stack, jeroen, code)["id"], "Zorgen bijwerken")
    elements = stack.emulator.dialogs(jeroen)[-1].dialog["elements"]
    prefilled = next(e for e in elements if e["name"] == "zorgen")["default"]
    assert prefilled.splitlines()[0] == FIRST
    edited = prefilled.replace("ernst hoog", "ernst midden")
    assert stack.submit(jeroen, {"zorgen": edited}).closed
    said = confirmation(stack, jeroen)
    assert "nu versie 7" in said and "zorgsignaal 1 gewijzigd: ernst (hoog → midden)" in said


def test_my_cases_without_a_code_come_with_a_button_that_opens_the_card(stack: World, jeroen: Any) -> None:
    assert "geen lopende casussen" in stack.slash(jeroen, "/kaart")
    stack.slash(jeroen, "/kaart nieuw")
    stack.submit(jeroen, {"kader": "vrijwillig"})
    stack.slash(jeroen, "/kaart")
    listed = [e for e in stack.emulator.ephemerals(jeroen) if "Jouw casussen" in e.get("text", "")][-1]
    (code,) = buttons(listed)
    clicked = stack.click(jeroen, listed["id"], code)
    assert clicked.error is None
    shown = stack.emulator.ephemerals(jeroen)[-1]
    assert f"Veiligheidskaart {code}" in shown.get("text", "")
    assert "Zorgen bijwerken" in buttons(shown)


def test_closing_and_the_framework_dialog_are_confirmed(stack: World, jeroen: Any) -> None:
    stack.slash(jeroen, "/kaart nieuw")
    stack.submit(jeroen, {"kader": "vrijwillig"})
    stack.deliver()
    code = re.findall(r"WBW-[0-9A-Z]{4}-[0-9A-Z]{2}", stack.dms(jeroen)[-1]["message"])[0]
    stack.slash(jeroen, f"/kaart {code} kader")
    assert stack.submit(jeroen, {"kader": "drang"}).closed
    stack.slash(jeroen, f"/kaart {code} sluiten")
    assert stack.submit(jeroen, {"sluitreden": "doel_bereikt"}).closed
    stack.deliver()
    messages = [p["message"] for p in stack.dms(jeroen)]
    assert f"Kader van casus {code} is nu (versie 2): Drang." in messages
    assert any(m.startswith(f"Casus {code} is afgesloten (Doel bereikt, versie 3)") for m in messages)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def exported(stack: World, user: Any, code: str) -> tuple[str, str]:
    """(Markdown, PDF text) of the export the lead just received by DM."""
    clicked = stack.click(user, card_post(stack, user, code)["id"], "Exporteren")
    assert clicked.ephemeral_text and "privébericht" in clicked.ephemeral_text
    stack.deliver()
    files = [p for p in stack.dms(user) if p.get("file_ids")][-2:]
    (md_info, markdown), (pdf_info, pdf) = (stack.emulator.posts.file(p["file_ids"][0]) for p in files)
    assert md_info["name"].endswith(".md") and pdf_info["name"].endswith(".pdf")
    return markdown.decode("utf-8"), pdf_text(pdf)


def test_the_pdf_export_holds_every_part_and_says_what_nobody_assessed(stack: World, jeroen: Any) -> None:
    stack.slash(jeroen, "/kaart nieuw")
    stack.submit(jeroen, {"kader": "drang"})
    stack.deliver()
    code = re.findall(r"WBW-[0-9A-Z]{4}-[0-9A-Z]{2}", stack.dms(jeroen)[-1]["message"])[0]
    stack.slash(jeroen, f"/kaart {code}")
    markdown, text = exported(stack, jeroen, code)
    flat = " ".join(text.split())
    assert "acute onveiligheid: niet beoordeeld" in flat and "acute onveiligheid: nee" not in flat
    assert "Directe veiligheid: niet beoordeeld" in flat

    for button, values in (
        (
            "Zorgen bijwerken",
            {
                "zorgen": ZORGEN,
                "gevaarformulering": "We zijn bang dat Kind 1 gewond raakt.",
                "gezin": "Kind 1 (8)\nmoeder",
                "aanleiding": "Zorgmelding van school.",
            },
        ),
        ("Wat gaat goed", {"goed": GOED}),
        ("Top 3", {"top3": TOP3}),
        (
            "Plan",
            {
                "afspraken": AFSPRAKEN,
                "stappen": STAPPEN,
                "hulp": "Schuldhulpverlening | schulden",
                "toekomstplan": "Moeder heeft een eigen netwerk",
            },
        ),
        ("Oordeel", {"acuut": "nee", "onderbouwing": "Geen direct gevaar nu.", "schaal": SCHAAL}),
    ):
        fill(stack, jeroen, code, button, values)
    stack.slash(jeroen, f"/kaart {code}")
    markdown, text = exported(stack, jeroen, code)
    flat = " ".join(text.split())
    for heading in (
        "Waar maken we ons zorgen over?", "Wat gaat er goed?", "Top 3 onveilige situaties",
        "Wat moet er gebeuren?", "Genomen stappen", "Oordeel", "Besluiten in het MDO", "Betrokken experts",
        "Geschiedenis",
    ):  # fmt: skip
        assert heading in flat, heading
    for content in (
        "Vader slaat moeder als hij gedronken heeft", "We zijn bang dat Kind 1 gewond raakt.",
        "Oma vangt Kind 1 op als het thuis onrustig is", "alcoholgebruik - vader",
        "Moeder meldt zich bij schuldhulp", "Huisbezoek met beide ouders", "Regiehouder: 4",
        "acute onveiligheid: nee", "structurele onveiligheid: niet beoordeeld", "Drang",
        "Gezin: Kind 1 (8), moeder", "Aanleiding: Zorgmelding van school.", "Hulpverleningsplan:",
        "Schuldhulpverlening (schulden)", "Toekomstplan: Moeder heeft een eigen netwerk",
    ):  # fmt: skip
        assert content in flat, content
    assert "Vader slaat moeder als hij gedronken heeft" in markdown and "v6" in markdown


def test_erbij_halen_and_the_mdo_open_from_the_card(stack: World, jeroen: Any) -> None:
    stack.slash(jeroen, "/kaart nieuw")
    stack.submit(jeroen, {"kader": "vrijwillig"})
    stack.deliver()
    code = re.findall(r"WBW-[0-9A-Z]{4}-[0-9A-Z]{2}", stack.dms(jeroen)[-1]["message"])[0]
    stack.slash(jeroen, f"/kaart {code}")
    before = len(stack.emulator.dialogs(jeroen))
    clicked = stack.click(jeroen, card_post(stack, jeroen, code)["id"], "Erbij halen")
    assert clicked.error is None
    dialogs = stack.emulator.dialogs(jeroen)
    assert len(dialogs) == before + 1 and dialogs[-1].dialog["callback_id"] != "kaart.onderdeel"
    assert code in str(dialogs[-1].dialog)  # the request is for this case: no code typed again
    stack.submit(jeroen, {}, cancelled=True)
    mdo = stack.click(jeroen, card_post(stack, jeroen, code)["id"], "Inbrengen in MDO")
    assert mdo.error is None and (mdo.ephemeral_text or len(stack.emulator.dialogs(jeroen)) == before + 2)
