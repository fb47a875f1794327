"""A stateful Mattermost stand-in on loopback, used by the tests and by `erbij demo`.

The real `mattermostdriver` (REST and websocket) works against it unchanged, and it acts as Mattermost's
client side towards the bot: `slash`, `click` and `submit_dialog` send what Mattermost sends.

    with Emulator(team_name="jeugdregio", clock=clock) as emu:
        bot, token = emu.create_bot("erbij")
        sanne = emu.create_user("sanne.vt", first_name="Sanne", last_name="de Vries")
        result = emu.slash(sanne, "/erbij help")
"""

from .faults import Fault, Faults
from .model import ApiError, Channel, Clock, Dialog, Team, User, WallClock
from .outgoing import ClickResult, DialogResult, SlashResult
from .server import Emulator

__all__ = [
    "ApiError",
    "Channel",
    "ClickResult",
    "Clock",
    "Dialog",
    "DialogResult",
    "Emulator",
    "Fault",
    "Faults",
    "SlashResult",
    "Team",
    "User",
    "WallClock",
]
