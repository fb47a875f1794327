"""Slash-command registration through REST: validation, duplicates, permissions, listing, update, delete."""

from __future__ import annotations

import pytest
from mattermostdriver import Driver
from mattermostdriver.exceptions import InvalidOrMissingParameters, NotEnoughPermissions, ResourceNotFound

from bot.emulator import Emulator, User


def _command(emu: Emulator, **fields: object) -> dict[str, object]:
    return {
        "team_id": emu.team.id,
        "trigger": "erbij",
        "method": "P",
        "url": "http://127.0.0.1:9/c",
        **fields,
    }


def test_create_list_update_delete(emu: Emulator, driver: Driver, bot: tuple[User, str]) -> None:
    created = driver.commands.create_command(_command(emu, trigger="Erbij", auto_complete=True))
    assert (
        created["trigger"] == "erbij" and len(created["token"]) == 26 and created["creator_id"] == bot[0].id
    )
    assert emu.commands() == [created]
    listed = driver.commands.list_commands_for_team({"team_id": emu.team.id, "custom_only": "true"})
    assert [c["token"] for c in listed] == [created["token"]]
    # DRV 7.3.2 builds "/commands<id>" for update/delete, so clients call the path directly.
    updated = driver.client.put(f"/commands/{created['id']}", options={**created, "trigger": "kaart"})
    assert updated["trigger"] == "kaart" and updated["token"] == created["token"]
    assert driver.client.get(f"/commands/{created['id']}")["trigger"] == "kaart"
    assert driver.client.delete(f"/commands/{created['id']}") == {"status": "OK"}
    assert emu.commands() == []
    with pytest.raises(ResourceNotFound):
        driver.client.get(f"/commands/{created['id']}")


@pytest.mark.parametrize(
    "fields",
    [
        {"trigger": ""},
        {"trigger": "/erbij"},
        {"trigger": "er bij"},
        {"trigger": "x" * 129},
        {"url": "ftp://127.0.0.1/c"},
        {"url": "not a url"},
        {"method": "X"},
        {"trigger": "away"},
    ],
)
def test_invalid_commands_are_400(emu: Emulator, driver: Driver, fields: dict[str, object]) -> None:
    with pytest.raises(InvalidOrMissingParameters):
        driver.commands.create_command(_command(emu, **fields))
    assert emu.commands() == []


def test_duplicate_trigger_is_400(emu: Emulator, driver: Driver) -> None:
    driver.commands.create_command(_command(emu))
    with pytest.raises(InvalidOrMissingParameters, match="already in use"):
        driver.commands.create_command(_command(emu, trigger="ERBIJ"))
    assert len(emu.commands()) == 1


def test_bot_without_permission_gets_403(emu: Emulator, driver: Driver, bot: tuple[User, str]) -> None:
    emu.set_can_manage_commands(bot[0], False)
    with pytest.raises(NotEnoughPermissions):
        driver.commands.create_command(_command(emu))
    with pytest.raises(NotEnoughPermissions):
        driver.commands.list_commands_for_team({"team_id": emu.team.id, "custom_only": "true"})
    admin = emu.create_user("beheerder")
    as_admin = Driver(emu.driver_options(emu.create_token(admin)))
    as_admin.login()
    created = as_admin.commands.create_command(_command(emu, auto_complete=True))
    # Without the permission the listing shows autocomplete commands only, without token or url.
    listed = driver.commands.list_commands_for_team({"team_id": emu.team.id})
    assert [(c["trigger"], c["token"], c["url"]) for c in listed] == [("erbij", "", "")]
    # Mattermost hides commands from users who may not manage them: 404, not 403.
    with pytest.raises(ResourceNotFound):
        driver.client.put(f"/commands/{created['id']}", options=created)


def test_without_manage_others_a_bot_sees_only_its_own(
    emu: Emulator, driver: Driver, bot: tuple[User, str]
) -> None:
    admin = emu.create_user("beheerder")
    as_admin = Driver(emu.driver_options(emu.create_token(admin)))
    as_admin.login()
    theirs = as_admin.commands.create_command(_command(emu, trigger="kaart"))
    emu.set_can_manage_commands(bot[0], True, others=False)
    mine = driver.commands.create_command(_command(emu))
    listed = driver.commands.list_commands_for_team({"team_id": emu.team.id, "custom_only": "true"})
    assert [c["id"] for c in listed] == [mine["id"]]
    with pytest.raises(ResourceNotFound):
        driver.client.get(f"/commands/{theirs['id']}")
    with pytest.raises(InvalidOrMissingParameters):
        driver.commands.create_command(_command(emu, trigger="kaart"))
    fresh = driver.client.put(f"/commands/{mine['id']}/regen_token")["token"]
    assert fresh != mine["token"] and emu.commands()[1]["token"] == fresh
