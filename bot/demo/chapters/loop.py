"""Chapter: closing the loop. The request nobody could take is handled by a coordinator from the channel
post; six weeks on, Erbij asks whether the help is still needed; when things get worse at home, the lead
brings the expert the family knows back with one click, and she gets the question first."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.demo.chapters.requests import LEAD, _open_offer
from bot.demo.script import Script
from bot.demo.world import render_post

COORDINATOR = "anne.martens"


def _with_button(posts: list[dict[str, Any]], button: str) -> dict[str, Any]:
    for post in reversed(posts):
        for attachment in (post.get("props") or {}).get("attachments") or []:
            if any(a.get("name") == button for a in attachment.get("actions") or []):
                return post
    raise RuntimeError(f"no post with [{button}]")


def _show_updated(script: Script, channel: str, post_id: str) -> None:
    """Erbij updates the coordinators' post in place; show it as it reads now."""
    (post,) = [p for p in script.world.channel_posts(channel) if p["id"] == post_id]
    script.out.write(f"\n  ~{channel} ziet het bericht bijgewerkt:\n")
    script.out.write("\n".join(f"    │ {line}" for line in render_post(post).splitlines()) + "\n")


def chapter(script: Script) -> None:
    world = script.world
    people = script.people
    script.chapter("6. De lus rond: een coördinator handelt een escalatie af, inchecken, opnieuw erbij halen")
    world.emulator.add_to_channel(world.coordinators_channel, people[COORDINATOR])
    channel = world.coordinators_channel

    script.note(
        "In het coördinatiekanaal staat nog de vraag om loverboy-expertise die niemand kon oppakken. "
        "Anne (coördinator) neemt hem op zich; het bericht laat zien wie ermee bezig is en Jeroen hoort het:"
    )
    post = _with_button(world.channel_posts(channel), "Ik zoek iemand")
    script.click(COORDINATOR, post, "Ik zoek iemand")
    _show_updated(script, channel, post["id"])
    script.note("Anne weet dat Mohamed (GI) hier ervaring mee heeft. Ze wijst de vraag aan hem toe:")
    script.click(COORDINATOR, _with_button(world.channel_posts(channel), "Toewijzen"), "Toewijzen")
    dialog = world.emulator.dialogs(people[COORDINATOR])[-1].dialog
    options = dialog["elements"][0]["options"]
    script.out.write("    (formulier 'Toewijzen': " + "; ".join(o["text"] for o in options[:3]) + "; …)\n")
    script.submit(COORDINATOR, {"expert": people["mohamed.yilmaz"].id})
    _show_updated(script, channel, post["id"])
    script.click("mohamed.yilmaz", _open_offer(script, "mohamed.yilmaz"), "Ik pak het op")
    script.note("Jeroen ziet in gewone woorden hoe zijn vragen ervoor staan:")
    script.slash(LEAD, "/erbij status")

    script.note(
        "Het gaat weer minder goed thuis. Onder Sannes uitcheckbericht staat [Opnieuw erbij halen]; "
        "één klik opent het formulier, al ingevuld zoals de vorige keer:"
    )
    script.click(LEAD, _with_button(world.dms(people[LEAD]), "Opnieuw erbij halen"), "Opnieuw erbij halen")
    script.submit(LEAD, {"question": "Vader drinkt weer; kun je opnieuw met moeder de afspraken doorlopen?"})
    script.note("Sanne kent het gezin en krijgt de vraag eerst, vóór anderen. Ze pakt hem op:")
    script.click("sanne.devries", _open_offer(script, "sanne.devries"), "Ik pak het op")

    script.advance(timedelta(weeks=6, hours=1), "zes weken later")
    script.note(
        "Wie zes weken aanschuift, krijgt één vraag of de hulp nog nodig is; de regiehouder ook. "
        "Jeroen vindt van wel:"
    )
    script.click(LEAD, _with_button(world.dms(people[LEAD]), "Blijft nodig"), "Blijft nodig")
