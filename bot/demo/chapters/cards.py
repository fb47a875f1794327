"""Chapter: the safety card. A lead creates a case and fills the card with its buttons, one dialog per part
(one item per line), sees the compact and the full view; a line with a BSN is refused; someone without a role
learns nothing; the card is exported as PDF and Markdown.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from bot.demo.script import Script
from bot.demo.world import render_post
from commands.cases.sharing import CardShare, LegalBasis, ShareBasis, ShareTarget
from commands.cases.summary import compact_summary_text
from commands.roster.model import Organisation, OrganisationKind, Professional, Role, RosterChanges

TEAM = Organisation(
    "st-roosendaal", OrganisationKind.LOKAAL_TEAM, "Sociaal Team Roosendaal", "West-Brabant-West"
)
VT = Organisation("vt-wb", OrganisationKind.VT, "Veilig Thuis West-Brabant", "West-Brabant-West")

LEAD = "jeroen.peeters"
OTHER_LEAD = "noor.vermeulen"
EXPERT = "sanne.devries"


def chapter(script: Script) -> None:
    script.chapter("3. De veiligheidskaart: één gedeeld beeld van de veiligheid, dat met het gezin meegaat")
    _person(script, LEAD, "Jeroen", "Peeters", TEAM, Role.LEAD, "regiehouder, Sociaal Team Roosendaal")
    _person(script, OTHER_LEAD, "Noor", "Vermeulen", TEAM, Role.LEAD, "regiehouder, andere gezinnen")
    _person(script, EXPERT, "Sanne", "de Vries", VT, Role.EXPERT, "expert Veilig Thuis West-Brabant")

    script.note("Jeroen maakt een casus aan. Erbij kiest een willekeurige code; namen komen er niet in.")
    script.slash(LEAD, "/kaart nieuw")
    script.submit(LEAD, {"gemeente": "Roosendaal", "kader": "drang"})
    code = _code(script)

    script.note(
        "Jeroen opent de kaart. Met de knoppen eronder opent hij per onderdeel één formulier met alles "
        "erin, één punt per regel; na een | zet hij wat hij weet. Erbij bevestigt wat er veranderde."
    )
    script.slash(LEAD, f"/kaart {code}")
    _button(script, LEAD, code, "Zorgen bijwerken", {
        "aanleiding": "Zorgmelding van school: Kind 1 vertelt over ruzie thuis.",
        "gezin": "Kind 1 (8)\nKind 2 (3)\nmoeder\nvader",
        "zorgen": "Vader wordt agressief als hij gedronken heeft; Kind 1 is er vaak bij | gevaar, "
                  "getuige van partnergeweld, vastgesteld, ernst hoog, sinds maart 2026\n"
                  "Moeder heeft schulden en slaapt slecht | complicerend, schulden",
        "gevaarformulering": "We zijn bang dat Kind 1 gewond raakt of steeds banger wordt als het geweld "
                             "doorgaat.",
    })  # fmt: skip
    _button(script, LEAD, code, "Wat gaat goed", {
        "goed": "Oma vangt Kind 1 op als het thuis onrustig is | steunend netwerk, door kind\n"
                "Moeder zoekt zelf hulp bij het sociaal team | kracht, door ouder",
    })  # fmt: skip
    _button(script, LEAD, code, "Top 3", {
        "top3": "Ruzie met geweld na alcohol in het weekend, met Kind 1 erbij | wekelijks, "
                "laatst november 2026\n"
                "- alcoholgebruik | vader, beïnvloedbaar\n"
                "Kind 1 en Kind 2 's avonds alleen thuis | maandelijks\n"
                "- schulden en nachtdiensten | moeder, beïnvloedbaar",
    })  # fmt: skip
    _button(script, LEAD, code, "Plan", {
        "afspraken": "Bij oplopende spanning gaat vader een blokje om | vader | als de spanning oploopt | "
                     "regiehouder\nKind 1 belt oma als er ruzie is | Kind 1 | bij ruzie | oma",
        "stappen": "Huisbezoek met beide ouders | lokaal team",
        "hulp": "Behandeling bij de verslavingszorg | alcoholgebruik vader | verslavingszorg",
    })  # fmt: skip
    _button(script, LEAD, code, "Oordeel", {
        "directe_veiligheid": "veilig_met_afspraken", "risico_toekomst": "hoog", "acuut": "nee",
        "onderbouwing": "Afspraken lopen, maar het geweld is recent.", "schaal": "regiehouder 4",
    })  # fmt: skip

    script.note("Een BSN hoort niet in de chat. Erbij weigert de regel en slaat niets op:")
    script.slash(LEAD, f"/kaart {code}")
    _open(script, LEAD, code, "Zorgen bijwerken")
    script.submit(LEAD, {"zorgen": "Moeder (BSN 111222333) is bereikbaar op 06-12345678 | complicerend"})
    script.world.submit(script.people[LEAD], {}, cancelled=True)

    script.note(
        "Sanne van Veilig Thuis schuift aan (in het echt via /erbij) en geeft haar eigen schaalscore."
    )
    _involve(script, code, EXPERT, VT.kind)
    script.slash(EXPERT, f"/kaart {code}")
    _button(script, EXPERT, code, "Oordeel", {"schaal": "regiehouder 4\nVeilig Thuis 3 — geweld is recent"})

    script.note("Zo ziet de compacte samenvatting eruit in een aanbod aan een expert en op de MDO-agenda:")
    _summary(script, code)

    script.note("Jeroen bekijkt de hele kaart; alleen hij ziet dit bericht:")
    script.slash(LEAD, f"/kaart {code}")
    _last_ephemeral(script, LEAD)
    script.slash(LEAD, f"/kaart {code} geschiedenis")

    script.note("Noor heeft geen rol bij dit gezin; ze hoort niet eens of de code bestaat:")
    script.slash(OTHER_LEAD, f"/kaart {code}")

    script.note(
        "Voor een warme overdracht exporteert Jeroen de kaart, als PDF en Markdown in een privébericht:"
    )
    script.slash(LEAD, f"/kaart {code}")
    _open(script, LEAD, code, "Exporteren")


def _person(
    script: Script, username: str, first: str, last: str, org: Organisation, role: Role, description: str
) -> None:
    world = script.world
    existing = [u for u in world.emulator.users() if u.username == username]
    if existing and username not in script.people:  # an earlier chapter (the roster) brought them in
        script.people[username] = existing[0]
        script.out.write(f"  · @{username}: {first} {last} — {description}\n")
    user = script.person(username, first, last, description)
    with world.bot.uow() as uow:
        if uow.roster.professional(user.id) is not None:
            return
        known = {o.key for o in uow.roster.organisations()}
        changes = RosterChanges(
            organisations=None if org.key in known else (*uow.roster.organisations(), org),
            added=(
                Professional(
                    user_id=user.id,
                    username=username,
                    display_name=f"{first} {last}",
                    organisation=org,
                    roles=frozenset({role}),
                    municipalities=frozenset({"Roosendaal"}) if role is Role.LEAD else frozenset(),
                    capacity=3 if role is Role.EXPERT else 0,
                ),
            ),
        )
        uow.roster.apply(changes, world.clock.now())
        uow.commit()


def _code(script: Script) -> str:
    for post in reversed(script.world.dms(script.people[LEAD])):
        match = re.search(r"\*\*(\w{2,5}-\w{4}-\w{2})\*\* is aangemaakt", post.get("message", ""))
        if match:
            return match.group(1)
    raise RuntimeError("the new case's code did not arrive")


def _open(script: Script, username: str, code: str, button: str) -> None:
    """Click a button on the latest card Erbij showed this person (a private message)."""
    for shown in reversed(script.world.emulator.ephemerals(script.people[username])):
        if f"Veiligheidskaart {code}" not in shown.get("text", ""):
            continue
        attachments = shown.get("attachments") or (shown.get("props") or {}).get("attachments") or []
        if button in [a.get("name") for attachment in attachments for a in attachment.get("actions") or []]:
            script.click(username, shown, button)
            return
    raise RuntimeError(f"no card with a button {button!r} shown to {username}")


def _button(script: Script, username: str, code: str, button: str, values: dict[str, Any]) -> None:
    _open(script, username, code, button)
    script.submit(username, values)


def _involve(script: Script, code: str, username: str, kind: OrganisationKind) -> None:
    with script.world.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        now = script.world.clock.now()
        uow.cases.start_involvement(case.id, script.people[username].id, kind, now)
        # Brought in as through a request: the card is shared on the family's consent, and that is on record.
        consent = ShareBasis(LegalBasis.CONSENT, "ouders gaven toestemming bij het eerste gesprek")
        expert = script.people[username].id
        uow.cases.add_share(CardShare(case.id, ShareTarget.EXPERT, consent, case.lead_id, now, expert, kind))
        uow.commit()


def _summary(script: Script, code: str) -> None:
    with script.world.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        card = uow.cases.latest_card(case.id).card
    script.out.write(textwrap.indent(compact_summary_text(card, case), "    │ ") + "\n")


def _last_ephemeral(script: Script, username: str) -> None:
    shown = script.world.emulator.ephemerals(script.people[username])[-1]
    attachments = shown.get("attachments") or (shown.get("props") or {}).get("attachments") or []
    text = render_post({"message": "", "props": {"attachments": attachments}})
    script.out.write(textwrap.indent(text, "    │ ") + "\n")
