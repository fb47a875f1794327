"""End to end over real HTTP with the Mattermost emulator: register, agenda at the chair and in the channel,
an update edits the posts, a restart sends nothing twice, downtime gives a late agenda, the verslag."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.demo.world import World, render_post
from commands.cases.card import CardVersion, Change, ChangeKind, SafetyCard, VersionInfo
from commands.cases.codes import new_code
from commands.cases.model import Framework, Measure, NewCase
from commands.config import DEFAULT_TIMEZONE
from commands.consults.admin import SlotAdmin, SlotChanges
from commands.consults.service import ConsultSettings
from commands.roster.model import Professional, Role, RosterChanges
from storage.uow import SqlUnitOfWorkFactory
from tests.consults.conftest import CHANNEL, ORGANISATIONS

AMSTERDAM = ZoneInfo(DEFAULT_TIMEZONE)  # the stack runs with the default zone


class Story:
    """People in the emulator who are also in the roster, the consult channel, and a few cases."""

    def __init__(self, stack: World, engine: Engine) -> None:
        self.stack = stack
        self.uow = SqlUnitOfWorkFactory(engine)
        cast = {
            "jeroen.st": ("Jeroen", "Bakker", "st", Role.LEAD),
            "fatima.st": ("Fatima", "El Amrani", "st", Role.LEAD),
            "karin.mdo": ("Karin", "Smit", "st", Role.CHAIR),
            "sanne.vt": ("Sanne", "de Vries", "vt", Role.EXPERT),
        }
        self.users = {name: stack.person(name, first, last) for name, (first, last, _, _) in cast.items()}
        people = tuple(
            Professional(
                user_id=self.users[name].id,
                username=name,
                display_name=f"{first} {last}",
                organisation=ORGANISATIONS[org],
                roles=frozenset({role}),
            )
            for name, (first, last, org, role) in cast.items()
        )
        with self.uow() as uow:
            uow.roster.apply(
                RosterChanges(organisations=tuple(ORGANISATIONS.values()), added=people), self.now
            )
            uow.commit()
        stack.emulator.create_channel(
            CHANNEL,
            display_name="MDO West-Brabant",
            private=True,
            members=[stack.bot_user, *self.users.values()],
        )
        SlotAdmin(self.uow, ConsultSettings(), DEFAULT_TIMEZONE).init(
            self.now, SlotChanges(channel=CHANNEL, chairs=("karin.mdo",), members=("sanne.vt",))
        )

    @property
    def now(self) -> datetime:
        return self.stack.clock.now()

    def case(self, lead: str) -> str:
        code = new_code()
        user_id = self.users[lead].id
        with self.uow() as uow:
            version = CardVersion(
                VersionInfo(1, self.now, user_id, "nieuw", (Change(ChangeKind.CREATED, "casus"),)),
                SafetyCard(),
            )
            uow.cases.add(
                NewCase(code, "Roosendaal", user_id, Framework.VOLUNTARY, Measure(), self.now, user_id),
                version,
            )
            uow.commit()
        return code

    def register(self, lead: str, code: str, question: str) -> None:
        assert self.stack.slash(self.users[lead], f"/overleg inbrengen {code}") == ""
        result = self.stack.submit(
            self.users[lead], {"vraag": question, "urgentie": "regulier", "grondslag": "meldcode"}
        )
        assert result.closed, result
        self.stack.deliver()

    def at(self, local: str) -> None:
        self.stack.clock.set(datetime.strptime(local, "%Y-%m-%d %H:%M").replace(tzinfo=AMSTERDAM))

    def dms(self, name: str) -> list[dict[str, Any]]:
        return self.stack.dms(self.users[name])

    def channel(self) -> list[dict[str, Any]]:
        return [p for p in self.stack.channel_posts(CHANNEL) if p["user_id"] == self.stack.bot_user.id]


def test_a_consult_from_registration_to_verslag(stack: World, engine: Engine) -> None:
    story = Story(stack, engine)
    jeroens, fatimas = story.case("jeroen.st"), story.case("fatima.st")
    story.register("jeroen.st", jeroens, "Is een raadsonderzoek nodig?")
    story.register("fatima.st", fatimas, "Wie neemt de regie bij de scheiding?")
    assert (
        "staat op de agenda van het MDO van woensdag 25 november 2026"
        in story.dms("jeroen.st")[-1]["message"]
    )
    holiday_notices = [p for p in story.channel() if "gaat niet door" in p["message"]]
    assert len(holiday_notices) == 2  # Christmas and New Year's Day fall on Fridays

    story.at("2026-11-24 15:00")
    stack.tick()
    [chair_agenda] = [p for p in story.dms("karin.mdo") if p["message"].startswith("#### Agenda")]
    shown = render_post(chair_agenda)
    assert (
        "Consultvraag: Is een raadsonderzoek nodig?" in shown and f"**Veiligheidskaart {jeroens}**" in shown
    )
    [channel_agenda] = [p for p in story.channel() if p["message"].startswith("#### Agenda")]
    assert f"| 10:00–10:15 | {jeroens} |" in channel_agenda[
        "message"
    ] and "raadsonderzoek" not in render_post(channel_agenda)

    stack.restart()  # a new bot process on the same database: nothing is sent again
    stack.tick()
    assert len([p for p in story.channel() if p["message"].startswith("#### Agenda")]) == 1

    story.at("2026-11-24 16:00")
    assert stack.slash(story.users["fatima.st"], f"/overleg afmelden {fatimas}").startswith(
        f"Casus {fatimas} is afgemeld"
    )
    stack.deliver()
    edited = next(p for p in story.channel() if p["id"] == channel_agenda["id"])
    assert fatimas not in edited["message"] and jeroens in edited["message"] and edited["edit_at"] > 0
    assert story.channel()[-1]["message"].endswith(f"- {fatimas} is afgemeld.")
    assert len([p for p in story.dms("karin.mdo") if p["message"].startswith("#### Agenda")]) == 1

    story.at("2026-11-25 10:05")
    karin = story.users["karin.mdo"]
    assert stack.slash(karin, "/overleg verslag").startswith("#### Verslag MDO woensdag 25 november 2026")
    overview = stack.emulator.ephemerals(karin)[-1]
    stack.click(karin, overview["id"], jeroens)
    result = stack.submit(
        karin,
        {
            "besluit": "Raadsonderzoek aanvragen.",
            "acties": "@sanne.vt afspraken evalueren uiterlijk vrijdag",
            "terug": "nee",
        },
    )
    assert result.closed, result
    stack.click(karin, overview["id"], "Verslag afronden")
    stack.deliver()
    besluiten = story.channel()[-1]["message"]
    assert besluiten.startswith("#### Besluitenlijst MDO woensdag 25 november 2026")
    assert (
        f"**{jeroens}**: Raadsonderzoek aanvragen." in besluiten
        and "Sanne de Vries (uiterlijk 27-11)" in besluiten
    )
    assert "Besluit: Raadsonderzoek aanvragen." in story.dms("jeroen.st")[-1]["message"]
    action_post = story.dms("sanne.vt")[-1]
    assert action_post["message"].startswith("Nieuw actiepunt voor jou")

    story.at("2026-11-26 09:00")  # the working day before Friday
    stack.tick()
    reminder = story.dms("sanne.vt")[-1]
    assert reminder["message"].startswith('Herinnering: actiepunt "afspraken evalueren"')
    clicked = stack.click(story.users["sanne.vt"], reminder, "Klaar")
    assert (
        clicked.ok and clicked.ephemeral_text == f'Actiepunt "afspraken evalueren" ({jeroens}) is afgerond.'
    )
    assert stack.emulator.unmodelled == []
    assert stack.emulator.warnings == [] and stack.emulator.integration_errors == []


def test_an_agenda_missed_during_downtime_arrives_late_after_the_restart(
    stack: World, engine: Engine
) -> None:
    story = Story(stack, engine)
    story.register("jeroen.st", story.case("jeroen.st"), "Wat is nodig voor zicht op veiligheid?")
    stack.shutdown_bot()  # down from Monday until Wednesday morning, over the agenda moment
    story.at("2026-11-25 08:45")
    stack.boot()
    stack.tick()
    [agenda] = [p for p in story.channel() if p["message"].startswith("#### Agenda")]
    assert "deze agenda komt later dan gepland (dinsdag 24 november 2026, 15:00)" in agenda["message"]
    [chair] = [p for p in story.dms("karin.mdo") if p["message"].startswith("#### Agenda")]
    assert "later dan gepland" in chair["message"]
