"""Chapter: the weekly MDO. A coordinator sets up the three consult moments; leads register cases until the
next consult is full and an urgent case pushes one on; the agenda reaches the chair and the channel; the chair
records the outcome; an action owner is reminded the working day before the due date and marks it done.

Works on whatever the earlier chapters left behind (people, cases, the clock): it looks up what it needs.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.demo.script import Script
from commands.config import DEFAULT_TIMEZONE
from commands.consults.admin import SlotAdmin, SlotChanges
from commands.consults.model import Consult
from commands.consults.render import consult_when
from commands.consults.service import ConsultSettings
from commands.roster.model import Organisation, OrganisationKind, Professional, Role, RosterChanges

CHANNEL = "mdo-west-brabant"
REGION = "West-Brabant-West"
TEAM = Organisation("st-roosendaal", OrganisationKind.LOKAAL_TEAM, "Sociaal Team Roosendaal", REGION)
VT = Organisation("vt-wb", OrganisationKind.VT, "Veilig Thuis West-Brabant", REGION)
RVDK = Organisation("rvdk-zw", OrganisationKind.RVDK, "Raad voor de Kinderbescherming Zuidwest", REGION)

LEADS = ("jeroen.peeters", "noor.vermeulen", "femke.jansen", "bas.smits")
CHAIR = "karin.smit"
VT_MEMBER = "sanne.devries"
RVDK_MEMBER = "ruud.kramer"
QUESTIONS = {
    "jeroen.peeters": (
        "Is een raadsonderzoek nodig, of lukt het met veiligheidsafspraken in het vrijwillig kader?"
    ),
    "noor.vermeulen": "Hoe houden we zicht op veiligheid nu moeder de hulp afhoudt?",
    "femke.jansen": "Wie neemt de regie bij de complexe scheiding, en wat is er nodig voor Kind 1?",
    "bas.smits": "Kind 2 vertelde op school over geweld thuis: wat zijn de eerste stappen?",
}


def chapter(script: Script) -> None:
    script.chapter("5. Het multidisciplinair overleg (MDO): inbrengen, agenda, verslag en actiepunten")
    people = [
        ("jeroen.peeters", "Jeroen", "Peeters", TEAM, Role.LEAD, "regiehouder, Sociaal Team Roosendaal"),
        ("noor.vermeulen", "Noor", "Vermeulen", TEAM, Role.LEAD, "regiehouder, Sociaal Team Roosendaal"),
        ("femke.jansen", "Femke", "Jansen", TEAM, Role.LEAD, "regiehouder, Sociaal Team Roosendaal"),
        ("bas.smits", "Bas", "Smits", TEAM, Role.LEAD, "regiehouder, Sociaal Team Roosendaal"),
        (CHAIR, "Karin", "Smit", TEAM, Role.CHAIR, "voorzitter van het MDO"),
        (VT_MEMBER, "Sanne", "de Vries", VT, Role.EXPERT, "expert Veilig Thuis, vaste deelnemer MDO"),
        (RVDK_MEMBER, "Ruud", "Kramer", RVDK, Role.EXPERT, "raadsonderzoeker, vaste deelnemer MDO"),
    ]
    for username, first, last, org, role, description in people:
        _person(script, username, first, last, org, role, description)
    world = script.world
    if not any(c.name == CHANNEL for c in world.emulator.channels()):
        members = [world.bot_user, *(script.people[p[0]] for p in people)]
        world.emulator.create_channel(CHANNEL, display_name="MDO West-Brabant", private=True, members=members)

    script.note(
        "De coördinator stelt de drie vaste overlegmomenten in (maandag, woensdag en vrijdag 10:00). Voor "
        f"deze demo passen er drie casussen in een overleg:\n  erbij consults init --channel {CHANNEL} "
        f"--chair {CHAIR} --members {VT_MEMBER},{RVDK_MEMBER} --max-cases 3"
    )
    admin = SlotAdmin(world.bot.uow, ConsultSettings(), DEFAULT_TIMEZONE)
    changes = SlotChanges(channel=CHANNEL, chairs=(CHAIR,), members=(VT_MEMBER, RVDK_MEMBER), max_cases=3,
                          video_url="https://video.example.nl/mdo-west-brabant")  # fmt: skip
    admin.init(world.clock.now(), changes)
    script.show_new()  # the channel hears about consults that move or fall out for public holidays
    script.slash(LEADS[0], "/overleg rooster")

    script.note("Vier regiehouders brengen een casus in; de eerste drie passen in het eerstvolgende overleg.")
    codes = {lead: _case(script, lead) for lead in LEADS}
    for lead in LEADS[:3]:
        _register(script, lead, codes[lead], "regulier")
    script.note(
        "Bas brengt een spoedcasus in. Die gaat voor; de laatst ingebrachte reguliere casus schuift door."
    )
    _register(script, LEADS[3], codes[LEADS[3]], "spoed")
    consult = _consult_of(script, codes[LEADS[0]])

    script.advance(consult.agenda_at - world.clock.now(), "het moment waarop de agenda verstuurd wordt")
    script.note(
        "Ruud zit als vaste deelnemer aan tafel; tot het verslag is vastgelegd mag hij de kaart inzien:"
    )
    script.slash(RVDK_MEMBER, f"/kaart {codes[LEADS[0]]}")

    script.advance(consult.starts_at - world.clock.now() + timedelta(minutes=40), "het overleg is bezig")
    script.slash(CHAIR, "/overleg verslag")
    _record(script, codes[LEADS[3]], "Veilig Thuis doet vandaag een huisbezoek samen met Bas.",
            f"@{VT_MEMBER} huisbezoek met regiehouder uiterlijk morgen", "ja")  # fmt: skip
    _record(script, codes[LEADS[0]], "Geen raadsonderzoek; de veiligheidsafspraken worden aangescherpt.",
            f"@{LEADS[0]} veiligheidsafspraken bespreken met ouders uiterlijk vrijdag\n"
            f"@{VT_MEMBER} meekijken met het veiligheidsplan uiterlijk vrijdag", "nee")  # fmt: skip
    script.note(
        "Noors casus kwam niet meer aan bod; bij het afronden schuift hij door naar het volgende overleg."
    )
    _click_last(script, CHAIR, "Verslag afronden")

    script.note("Ruud ziet de kaart niet meer nu het verslag is vastgelegd:")
    script.slash(RVDK_MEMBER, f"/kaart {codes[LEADS[0]]}")
    script.slash(VT_MEMBER, "/overleg acties")

    reminder = _reminder_moment(script)
    script.advance(reminder - world.clock.now(), "de werkdag voor de uiterste datum, 09:00")
    posts = [p for p in world.dms(script.people[VT_MEMBER]) if p["message"].startswith("Herinnering")]
    if posts:
        script.click(VT_MEMBER, posts[-1], "Klaar")


def _person(
    script: Script, username: str, first: str, last: str, org: Organisation, role: Role, description: str
) -> None:
    world = script.world
    existing = [u for u in world.emulator.users() if u.username == username]
    if existing and username not in script.people:  # an earlier chapter brought them in
        script.people[username] = existing[0]
        script.out.write(f"  · @{username}: {first} {last} — {description}\n")
    user = script.person(username, first, last, description)
    with world.bot.uow() as uow:
        if uow.roster.professional(user.id) is not None:
            return
        known = uow.roster.organisations()
        organisations = None if org.key in {o.key for o in known} else (*known, org)
        professional = Professional(
            user_id=user.id,
            username=username,
            display_name=f"{first} {last}",
            organisation=org,
            roles=frozenset({role}),
            municipalities=frozenset({"Roosendaal"}) if role is Role.LEAD else frozenset(),
            capacity=3 if role is Role.EXPERT else 0,
        )
        uow.roster.apply(RosterChanges(organisations=organisations, added=(professional,)), world.clock.now())
        uow.commit()


def _case(script: Script, lead: str) -> str:
    """The lead's most recent open case, or a new one made with `/kaart nieuw` (quietly: another chapter)."""
    world = script.world
    user = script.people[lead]
    with world.bot.uow() as uow:
        cases = [c for c in uow.cases.led_by(user.id) if not c.closed]
        if cases:
            return cases[-1].code
    world.slash(user, "/kaart nieuw")
    world.submit(user, {"gemeente": "Roosendaal", "kader": "vrijwillig"})
    world.deliver()
    world.new_messages()  # the "case made" DMs belong to the card chapter's story, not this one
    with world.bot.uow() as uow:
        return uow.cases.led_by(user.id)[-1].code


def _register(script: Script, lead: str, code: str, urgency: str) -> None:
    script.slash(lead, f"/overleg inbrengen {code}")
    script.submit(
        lead, {"vraag": QUESTIONS[lead], "urgentie": urgency, "d_veilig_thuis": True, "grondslag": "meldcode"}
    )


def _consult_of(script: Script, code: str) -> Consult:
    with script.world.bot.uow() as uow:
        case = uow.cases.by_code(code)
        assert case is not None
        item = uow.agenda_items.open_item_for_case(case.id)
        assert item is not None
        consult = uow.consults.consult(item.consult_id)
    assert consult is not None
    script.note(f"Het overleg waarop Jeroen, Noor en Bas staan: {consult_when(consult, DEFAULT_TIMEZONE)}.")
    return consult


def _record(script: Script, code: str, decision: str, actions: str, returns: str) -> None:
    _click_last(script, CHAIR, code)
    script.submit(CHAIR, {"besluit": decision, "acties": actions, "terug": returns})


def _click_last(script: Script, username: str, button: str) -> None:
    """Click a button on the latest private message Erbij showed this person (the verslag overview)."""
    user = script.people[username]
    for shown in reversed(script.world.emulator.ephemerals(user)):
        attachments = shown.get("attachments") or (shown.get("props") or {}).get("attachments") or []
        labels = [a.get("name") for attachment in attachments for a in attachment.get("actions") or []]
        if button in labels:
            script.click(username, shown, button)
            return
    raise RuntimeError(f"no button {button!r} shown to {username}")


def _reminder_moment(script: Script) -> datetime:
    """When the last of Sanne's reminders is due (the working day before her latest due date, 09:00)."""
    with script.world.bot.uow() as uow:
        actions = uow.actions.open_actions(script.people[VT_MEMBER].id)
    pending = sorted(a.remind_at for a in actions if a.remind_at is not None)
    return pending[-1] if pending else script.world.clock.now()
