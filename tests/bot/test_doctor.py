"""`erbij doctor` against the emulator: passes on the demo setup, and finds each misconfiguration on its own,
naming the fix. Driven through `bot.cli.main` with the settings in the environment, as an admin runs it."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli import main
from bot.composition import build_router
from bot.demo import CHAPTERS
from bot.demo.script import Script
from bot.demo.world import SECRET, TEAM, World
from commands.clock import ManualClock
from commands.config import DEFAULT_COORDINATORS_CHANNEL, DEFAULT_TIMEZONE
from commands.consults.admin import SlotAdmin, SlotChanges
from commands.consults.service import ConsultSettings
from commands.roster.model import RosterChanges
from storage import schema

CHANNEL = "mdo-west-brabant"
CHAIR = "kees.vanderberg"
MEMBERS = ("sanne.devries", "ahmed.elamrani")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("ERBIJ_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def configure(monkeypatch: pytest.MonkeyPatch, world: World) -> None:
    """The settings `erbij serve` runs this world with, as an admin would have them in the environment."""
    assert world.server is not None
    values = {
        "ERBIJ_DATABASE_URL": world.database_url,
        "ERBIJ_MATTERMOST_URL": world.emulator.url,
        "ERBIJ_MATTERMOST_TOKEN": world.bot_token,
        "ERBIJ_MATTERMOST_TEAM": TEAM,
        "ERBIJ_PUBLIC_URL": world.server.url,
        "ERBIJ_SECRET": SECRET,
        "ERBIJ_COORDINATORS_CHANNEL": world.coordinators_channel,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def doctor(capsys: pytest.CaptureFixture[str], clock: ManualClock, *extra: str) -> tuple[int, list[str], str]:
    code = main(["doctor", *extra], clock=clock)
    out = capsys.readouterr().out
    wrong = [line for line in out.splitlines() if line.startswith("FOUT")]
    return code, wrong, out


@pytest.fixture
def region(stack: World, monkeypatch: pytest.MonkeyPatch) -> World:
    """A healthy small region: roster, one consult moment with its channel, chair and members."""
    people = stack.load_roster()
    stack.emulator.create_channel(
        CHANNEL,
        private=True,
        members=[stack.bot_user, people[CHAIR], *(people[name] for name in MEMBERS)],
    )
    SlotAdmin(stack.bot.uow, ConsultSettings(), DEFAULT_TIMEZONE).add(
        stack.clock.now(),
        "maandag",
        SlotChanges(weekday=0, channel=CHANNEL, chairs=(CHAIR,), members=MEMBERS),
    )
    configure(monkeypatch, stack)
    return stack


def test_doctor_passes_on_the_demo_setup(
    stack: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    script = Script(stack, io.StringIO())
    for chapter in CHAPTERS:
        chapter(script)
    configure(monkeypatch, stack)
    code, wrong, out = doctor(capsys, clock)
    assert wrong == [], out
    assert code == 0
    for expected in (
        "ok    ERBIJ_PUBLIC_URL ingesteld",
        "ok    ERBIJ_SECRET ingesteld",
        "ok    database bereikbaar",
        "ok    databaseschema actueel",
        f"ok    Mattermost bereikbaar op {stack.emulator.url}",
        "ok    het token hoort bij een bot-account (@erbij)",
        "ok    @erbij is lid van team jeugdregio",
        "ok    slash-commando's /erbij",
        f"ok    kanaal ~{DEFAULT_COORDINATORS_CHANNEL} bestaat",
        "ok    kanaal ~mdo-west-brabant bestaat, met @erbij, @karin.smit",  # the demo's MDO channel
        "mensen uit het rooster bestaan in Mattermost",
        "mensen uit het rooster zijn lid van team jeugdregio",
        "ok    voorzitter en deelnemers van overleg [woensdag] staan in het rooster",
        "ok    Erbij bereikbaar op",
        "Alles in orde",
    ):
        assert expected in out, f"{expected!r} missing in:\n{out}"


def test_the_small_region_is_healthy(
    region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    code, wrong, out = doctor(capsys, clock)
    assert (code, wrong) == (0, []), out


def only_wrong(capsys: pytest.CaptureFixture[str], clock: ManualClock, *extra: str) -> str:
    """Run doctor and return the one failing check with its fix; fails if not exactly one check failed."""
    code, wrong, out = doctor(capsys, clock, *extra)
    assert code == 1, out
    assert len(wrong) == 1, out
    lines = out.splitlines()
    at = lines.index(wrong[0])
    return "\n".join(lines[at : at + 2])


def test_missing_settings_are_named_with_what_to_fill_in(
    region: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    monkeypatch.delenv("ERBIJ_SECRET")
    found = only_wrong(capsys, clock)
    assert "ERBIJ_SECRET ingesteld" in found and "minstens 16 willekeurige tekens" in found
    monkeypatch.delenv("ERBIJ_MATTERMOST_TOKEN")
    code, wrong, out = doctor(capsys, clock)
    assert code == 1
    assert wrong == ["FOUT  ERBIJ_MATTERMOST_TOKEN ingesteld", "FOUT  ERBIJ_SECRET ingesteld"]
    assert "niet gecontroleerd" in out  # nothing on the Mattermost side could be checked


# --- the database -----------------------------------------------------------------------------------------


def test_a_database_without_schema(
    region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock, tmp_path: Path
) -> None:
    code, wrong, out = doctor(capsys, clock, "--database", f"sqlite:///{tmp_path / 'leeg.db'}")
    assert code == 1
    assert wrong == [f"FOUT  databaseschema actueel ({schema.head_revision()})"]
    assert "erbij db upgrade" in out
    assert "niet gecontroleerd" in out  # the roster checks need the database


def test_an_unreachable_database(
    region: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    monkeypatch.setenv("ERBIJ_DATABASE_URL", "postgresql://erbij@127.0.0.1:1/erbij")
    code, wrong, out = doctor(capsys, clock)
    assert code == 1
    assert wrong == ["FOUT  database bereikbaar (postgresql://erbij@127.0.0.1:1/erbij)"]
    assert "PostgreSQL draait" in out and "ERBIJ_DATABASE_URL" in out


# --- Mattermost ---------------------------------------------------------------------------------------------


def test_mattermost_unreachable(
    region: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    monkeypatch.setenv("ERBIJ_MATTERMOST_URL", "http://127.0.0.1:9")
    found = only_wrong(capsys, clock)
    assert "Mattermost bereikbaar op http://127.0.0.1:9" in found and "ERBIJ_MATTERMOST_URL" in found


def test_a_refused_token(
    region: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    monkeypatch.setenv("ERBIJ_MATTERMOST_TOKEN", "ingetrokken")
    found = only_wrong(capsys, clock)
    assert "token geldig" in found and "nieuw toegangstoken" in found


def test_a_token_of_a_person_instead_of_a_bot(
    region: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    person = region.emulator.user("kim.aerts")
    monkeypatch.setenv("ERBIJ_MATTERMOST_TOKEN", region.emulator.create_token(person))
    code, wrong, out = doctor(capsys, clock)
    assert code == 1
    assert wrong[0] == "FOUT  het token hoort bij een bot-account (@kim.aerts)"
    assert "Bot-accounts" in out


def test_a_wrong_team(
    region: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    monkeypatch.setenv("ERBIJ_MATTERMOST_TEAM", "jeugdregoi")
    code, wrong, out = doctor(capsys, clock)
    assert code == 1
    assert wrong == ["FOUT  team jeugdregoi bestaat (ERBIJ_MATTERMOST_TEAM)"]
    assert "gebruik de teamnaam zoals in de adresbalk" in out


def test_the_bot_outside_the_team(
    region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    region.emulator.remove_from_team(region.bot_user)
    found = only_wrong(capsys, clock)
    assert "@erbij is lid van team jeugdregio" in found and "Leden toevoegen" in found


# --- slash commands -----------------------------------------------------------------------------------------


def test_a_command_pointing_elsewhere(
    region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    commands = region.emulator.integrations.commands
    kaart = next(c for c in commands.values() if c["trigger"] == "kaart")
    kaart["url"] = "http://oude-server.example.invalid/mattermost/command"
    found = only_wrong(capsys, clock)
    assert "/kaart wijzen naar http://oude-server.example.invalid/mattermost/command" in found
    assert f"{region.server.url}/mattermost/command" in found  # type: ignore[union-attr]


def test_a_missing_command(region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock) -> None:
    commands = region.emulator.integrations.commands
    overleg = next(key for key, c in commands.items() if c["trigger"] == "overleg")
    del commands[overleg]
    found = only_wrong(capsys, clock)
    assert "/overleg bestaan niet in team jeugdregio" in found and "erbij serve" in found


def test_commands_the_bot_may_not_manage(
    region: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    region.emulator.set_can_manage_commands(region.bot_user, False)
    found = only_wrong(capsys, clock)
    assert f"ERBIJ_COMMAND_TOKENS heeft 0 van de {len(build_router().specs)}" in found
    # With the tokens a team admin handed over, the same setup is fine.
    monkeypatch.setenv("ERBIJ_COMMAND_TOKENS", ",".join(c["token"] for c in region.emulator.commands()))
    code, wrong, out = doctor(capsys, clock)
    assert (code, wrong) == (0, []), out


# --- channels ---------------------------------------------------------------------------------------------


def test_a_missing_coordinators_channel(
    region: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    monkeypatch.setenv("ERBIJ_COORDINATORS_CHANNEL", "coordinatie-bestaat-niet")
    found = only_wrong(capsys, clock)
    assert "kanaal ~coordinatie-bestaat-niet bestaat niet in team jeugdregio" in found
    assert "ERBIJ_COORDINATORS_CHANNEL" in found


def test_the_bot_not_in_the_coordinators_channel(
    region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    region.emulator.remove_from_channel(region.coordinators_channel, region.bot_user)
    found = only_wrong(capsys, clock)
    assert f"@erbij is geen lid; voeg @erbij toe aan ~{DEFAULT_COORDINATORS_CHANNEL}" in found


def test_a_consult_channel_that_does_not_exist(
    region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    SlotAdmin(region.bot.uow, ConsultSettings(), DEFAULT_TIMEZONE).change(
        region.clock.now(), "maandag", SlotChanges(channel="mdo-nergens")
    )
    found = only_wrong(capsys, clock)
    assert "kanaal ~mdo-nergens bestaat niet" in found and "erbij consults set maandag --channel" in found


@pytest.mark.parametrize("who", ["erbij", CHAIR, MEMBERS[1]])
def test_someone_missing_from_a_consult_channel(
    region: World, who: str, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    region.emulator.remove_from_channel(CHANNEL, region.emulator.user(who))
    found = only_wrong(capsys, clock)
    if who == "erbij":  # a private channel the bot left is one it can no longer see
        assert "@erbij is geen lid; voeg @erbij toe aan ~mdo-west-brabant" in found
    else:
        assert f"voeg @{who} toe aan ~mdo-west-brabant" in found


def test_a_chair_no_longer_in_the_roster(
    region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    chair = region.emulator.user(CHAIR)
    with region.bot.uow() as uow:
        uow.roster.apply(RosterChanges(deactivated=(chair.id,)), region.clock.now())
        uow.commit()
    found = only_wrong(capsys, clock)
    assert "voorzitter en deelnemers van overleg [maandag] staan in het rooster" in found
    assert f"@{CHAIR} staan niet (meer) in het rooster" in found and "erbij consults set maandag" in found


# --- the roster in Mattermost ---------------------------------------------------------------------------


def test_a_roster_name_without_a_mattermost_account(
    region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    with region.bot.uow() as uow:
        kim = next(p for p in uow.roster.professionals() if p.username == "kim.aerts")
        ghost = replace(kim, user_id="x" * 26, username="niet.in.mattermost", display_name="Niemand")
        uow.roster.apply(RosterChanges(added=(ghost,)), region.clock.now())
        uow.commit()
    found = only_wrong(capsys, clock)
    assert "@niet.in.mattermost bestaan niet (meer) in Mattermost" in found and "erbij roster import" in found


def test_a_roster_member_outside_the_team(
    region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    region.emulator.remove_from_team(region.emulator.user("kim.aerts"))
    found = only_wrong(capsys, clock)
    assert "voeg @kim.aerts toe aan team jeugdregio" in found


# --- reachable from here ----------------------------------------------------------------------------------


def test_erbij_not_reachable_at_its_public_url(
    region: World, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    assert region.server is not None
    url = region.server.url
    region.server.stop()  # Erbij is not running (or the proxy does not lead to it)
    found = only_wrong(capsys, clock)
    assert f"Erbij bereikbaar op {url}/healthz" in found and "ERBIJ_PUBLIC_URL" in found
