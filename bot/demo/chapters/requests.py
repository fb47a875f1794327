"""Chapter: erbij halen. A lead brings in an expert: the dialog, the ranking with reasons, the offers, a
decline, an accept and the lead's notice; a second request nobody can take reaches the coordinators; later
the expert checks out."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.demo.script import Script

LEAD = "jeroen.peeters"
QUESTION = (
    "Vader drinkt en wordt dan agressief; Kind 1 is er vaak bij. Hoe maken we samen met moeder "
    "concrete veiligheidsafspraken, en is een gezamenlijk huisbezoek verstandig?"
)


def _open_offer(script: Script, username: str) -> dict[str, Any]:
    for post in reversed(script.world.dms(script.people[username])):
        for attachment in (post.get("props") or {}).get("attachments") or []:
            if attachment.get("actions"):
                return post
    raise RuntimeError(f"{username} has no open offer")


def chapter(script: Script) -> None:
    world = script.world
    script.chapter("4. Erbij halen: een expert schuift aan, de regie blijft bij de regiehouder")
    script.note("Jeroen heeft een nieuw gezin en wil meedenken van Veilig Thuis. Hij typt /erbij:")
    script.slash(LEAD, "/erbij")
    dialog = world.emulator.dialogs(script.people[LEAD])[-1].dialog
    script.out.write(
        f"    (formulier '{dialog['title']}' met: "
        + ", ".join(e["display_name"] for e in dialog["elements"])
        + ")\n"
    )
    script.submit(LEAD, {
        "case": "nieuw", "municipality": "Roosendaal", "kader": "vrijwillig", "expertise": "huiselijk_geweld",
        "organisation": "VT",
        "form": "gezamenlijk_huisbezoek", "urgency": "binnen_3_werkdagen", "experts": "1",
        "question": QUESTION, "share": True, "grondslag": "toestemming",
        "grondslag_toelichting": "ouders gaven toestemming in het eerste gesprek",
    })  # fmt: skip

    script.note("Kees kan deze week niet; hij wijst af en geeft een reden:")
    script.click("kees.vanderberg", _open_offer(script, "kees.vanderberg"), "Kan ik niet")
    script.submit("kees.vanderberg", {"reason": "geen_capaciteit"})

    script.note("Sanne pakt de vraag op. Jeroen hoort meteen wie aanschuift:")
    script.click("sanne.devries", _open_offer(script, "sanne.devries"), "Ik pak het op")

    script.note("Jeroen bekijkt de stand van zijn vragen:")
    script.slash(LEAD, "/erbij status")

    script.note(
        "Een tweede vraag: iemand van de Raad met kennis van loverboys. Die is er in deze regio niet, dus "
        "Erbij vraagt meteen de coördinatoren (in het kanaal alleen casuscode en status, niet de vraag)."
    )
    with world.bot.uow() as uow:
        code = uow.cases.led_by(script.people[LEAD].id)[-1].code
    script.slash(LEAD, f"/erbij {code}")
    script.submit(LEAD, {
        "case": code, "expertise": "mensenhandel_loverboys", "organisation": "RVDK", "form": "consult",
        "urgency": "vandaag", "experts": "1",
        "question": "Kind 1 (15) heeft contact met een veel oudere jongen; hoe herkennen we signalen?",
        "share": False,
    })  # fmt: skip

    script.advance(timedelta(days=7), "een week later")
    script.note(
        "De veiligheid is hersteld. Sanne checkt uit en legt vast welke afspraken doorlopen en wie zicht "
        "houdt; die komen op de kaart, en Jeroen houdt de regie:"
    )
    script.slash("sanne.devries", f"/erbij uitchecken {code}")
    script.submit("sanne.devries", {
        "reason": "veiligheid_hersteld",
        "agreements": "Moeder belt de buurvrouw als vader drinkt\nKind 1 gaat na school naar oma",
        "watch": "de regiehouder, samen met school (mentor)",
    })  # fmt: skip
