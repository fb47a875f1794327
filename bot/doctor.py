"""`erbij doctor`: check a live configuration and print each check as ok, or wrong with the exact fix.

Checks run in dependency order (database, then Mattermost, then what needs both); a check that cannot run
because an earlier one failed is named as not checked. Exit status 0 only when every check holds.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from bot.cli_support import cli_settings, database_problem, database_url
from bot.composition import build_router
from bot.mattermost import MattermostError, NotFound, PermanentError, PermissionDenied
from bot.mattermost.inspection import Inspector
from bot.settings import SERVE_REQUIRED, Settings
from commands.catalogue import t
from commands.config import ProductConfig
from commands.consults.model import ConsultSlot
from commands.roster.model import Professional
from storage import connect, schema
from storage.uow import SqlUnitOfWorkFactory

COMMAND_PATH = "/mattermost/command"
MATTERMOST_SETTINGS = ("mattermost_url", "mattermost_token", "mattermost_team")
HEALTH_TIMEOUT = 5.0


@dataclass(frozen=True)
class Check:
    ok: bool
    what: str
    fix: str = ""


@dataclass
class Findings:
    checks: list[Check] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def ok(self, what: str) -> None:
        self.checks.append(Check(True, what))

    def wrong(self, what: str, fix: str) -> None:
        self.checks.append(Check(False, what, fix))

    def expect(self, holds: bool, what: str, fix: str) -> bool:
        self.checks.append(Check(holds, what, "" if holds else fix))
        return holds

    @property
    def all_ok(self) -> bool:
        return all(check.ok for check in self.checks)


@dataclass(frozen=True)
class Stored:
    """What the database says the Mattermost side must match."""

    people: list[Professional]  # active
    slots: list[ConsultSlot]  # active
    usernames: dict[str, str]  # user id -> username, also of people no longer active (for messages)


@dataclass(frozen=True)
class Chat:
    """A connected view of Mattermost: the account and team doctor found."""

    inspector: Inspector
    me: dict[str, Any]
    team_id: str


class Doctor:
    def __init__(
        self,
        settings: Settings,
        database: tuple[str, str],
        *,
        inspector: Callable[[Settings], Inspector] | None = None,
        fetch: Callable[[str], httpx.Response] | None = None,
    ) -> None:
        self.settings = settings
        self.database_url, self.database_setting = database
        self.team = settings.mattermost_team or ""
        self._inspector = inspector or _inspector
        self._fetch = fetch or (lambda url: httpx.get(url, timeout=HEALTH_TIMEOUT))
        self.found = Findings()

    def run(self) -> Findings:
        self.required_settings()
        stored = self.database()
        chat = self.mattermost()
        if chat is not None:
            self.guarded(lambda: self.commands(chat))
            self.guarded(lambda: self.coordinators_channel(chat))
            if stored is not None:
                self.guarded(lambda: self.consult_channels(chat, stored))
                self.guarded(lambda: self.roster_accounts(chat, stored))
            else:
                self.found.skipped.append(t("doctor.roster.exist", count="?"))
        else:
            self.found.skipped.append(t("doctor.commands", triggers="…", url=self.command_url))
        self.public_health()
        return self.found

    @property
    def command_url(self) -> str:
        return f"{self.settings.public_base}{COMMAND_PATH}"

    def guarded(self, check: Callable[[], None]) -> None:
        """One group of checks; an unexpected Mattermost answer is reported, the others still run."""
        try:
            check()
        except MattermostError as err:
            self.found.wrong(t("doctor.mm.unexpected", error=err), t("doctor.mm.reachable_fix"))

    def required_settings(self) -> None:
        """What `erbij serve` needs; each missing one is a failed check with what to fill in."""
        for name in SERVE_REQUIRED:
            variable = f"ERBIJ_{name.upper()}"
            self.found.expect(
                getattr(self.settings, name) not in (None, ""),
                t("doctor.setting", name=variable),
                t("admin.setting.missing", name=variable, step="serve", hint=t(f"admin.setting.hint.{name}")),
            )

    # --- database ----------------------------------------------------------------------------------------

    def database(self) -> Stored | None:
        where = connect.safe_location(self.database_url)
        try:
            engine = connect.open_engine(self.database_url)
        except connect.DatabaseProblem as problem:
            self.found.wrong(
                t("doctor.db.reachable", where=where), database_problem(problem, self.database_setting)
            )
            return None
        try:
            try:
                connect.probe(engine)
            except connect.DatabaseProblem as problem:
                self.found.wrong(
                    t("doctor.db.reachable", where=where), database_problem(problem, self.database_setting)
                )
                return None
            self.found.ok(t("doctor.db.reachable", where=where))
            head = schema.head_revision()
            try:
                connect.check_schema(engine)
            except connect.DatabaseProblem as problem:
                self.found.wrong(t("doctor.db.schema", head=head), database_problem(problem))
                return None
            self.found.ok(t("doctor.db.schema", head=head))
            uow_factory = SqlUnitOfWorkFactory(engine)
            with uow_factory() as uow:
                everyone = uow.roster.professionals(include_inactive=True)
                return Stored(
                    [p for p in everyone if p.active],
                    uow.slots.slots(),
                    {p.user_id: p.username for p in everyone},
                )
        finally:
            engine.dispose()

    # --- Mattermost --------------------------------------------------------------------------------------

    def mattermost(self) -> Chat | None:
        if any(getattr(self.settings, name) in (None, "") for name in MATTERMOST_SETTINGS):
            return None  # already reported as missing settings
        url = self.settings.mattermost_base
        inspector = self._inspector(self.settings)
        if not self.found.expect(
            inspector.ping(), t("doctor.mm.reachable", url=url), t("doctor.mm.reachable_fix")
        ):
            return None
        try:
            me = inspector.me()
        except PermanentError as err:
            self.found.wrong(t("doctor.mm.token"), t("admin.mm.token") if err.status == 401 else str(err))
            return None
        self.found.ok(t("doctor.mm.token"))
        username = str(me.get("username", ""))
        self.found.expect(
            bool(me.get("is_bot")),
            t("doctor.mm.bot", username=username),
            t("doctor.mm.bot_fix", username=username),
        )
        try:
            team = inspector.team_by_name(self.team)
        except NotFound:
            self.found.wrong(t("doctor.mm.team", team=self.team), t("doctor.mm.team_fix", team=self.team))
            return None
        except PermissionDenied:
            # The team exists, but only members may see it (it is not open to join).
            self.found.ok(t("doctor.mm.team", team=self.team))
            self.found.wrong(
                t("doctor.mm.member", username=username, team=self.team),
                t("doctor.mm.member_fix", username=username, team=self.team),
            )
            return None
        self.found.ok(t("doctor.mm.team", team=self.team))
        team_id = str(team["id"])
        is_member = str(me["id"]) in inspector.team_member_ids(team_id, [str(me["id"])])
        if not self.found.expect(
            is_member,
            t("doctor.mm.member", username=username, team=self.team),
            t("doctor.mm.member_fix", username=username, team=self.team),
        ):
            return None
        return Chat(inspector, me, team_id)

    def commands(self, chat: Chat) -> None:
        triggers = [spec.trigger for spec in build_router(ProductConfig()).specs]
        shown = _slashes(triggers)
        configured = len(self.settings.command_tokens)
        try:
            listed = {
                str(c.get("trigger", "")).lower(): c for c in chat.inspector.custom_commands(chat.team_id)
            }
        except PermissionDenied:
            self.found.expect(
                configured >= len(triggers),
                t("doctor.commands.tokens", count=configured),
                t("doctor.commands.no_permission", count=configured, needed=len(triggers), triggers=shown,
                  url=self.command_url),
            )  # fmt: skip
            return
        what = t("doctor.commands", triggers=shown, url=self.command_url)
        # A command the bot cannot see may exist under another owner; configured tokens then stand for it.
        missing = [tr for tr in triggers if tr not in listed and configured < len(triggers)]
        elsewhere = [tr for tr in triggers if tr in listed and listed[tr].get("url") != self.command_url]
        if missing:
            self.found.wrong(
                what,
                t(
                    "doctor.commands.missing",
                    triggers=_slashes(missing),
                    team=self.team,
                    url=self.command_url,
                ),
            )
        elif elsewhere:
            found = ", ".join(sorted({str(listed[tr].get("url")) for tr in elsewhere}))
            self.found.wrong(
                what,
                t("doctor.commands.url", triggers=_slashes(elsewhere), found=found, url=self.command_url),
            )
        else:
            self.found.ok(what)

    def coordinators_channel(self, chat: Chat) -> None:
        name = self.settings.coordinators_channel
        self.channel(chat, name, {}, t("doctor.channel.coordinators_hint"))

    def consult_channels(self, chat: Chat, stored: Stored) -> None:
        active = {p.user_id for p in stored.people}
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for slot in stored.slots:
            ids = tuple(dict.fromkeys((*slot.chairs, *slot.members)))
            people = {user_id: stored.usernames.get(user_id, user_id) for user_id in ids}
            if (slot.channel, ids) not in seen:  # the three default moments usually share one channel
                seen.add((slot.channel, ids))
                self.channel(chat, slot.channel, people, t("doctor.channel.consult_hint", key=slot.key))
            absent = [people[user_id] for user_id in ids if user_id not in active]
            self.found.expect(
                not absent,
                t("doctor.consult.roster", key=slot.key),
                t("doctor.consult.roster_fix", key=slot.key, names=_mentions(absent)),
            )

    def channel(self, chat: Chat, name: str, people: dict[str, str], hint: str) -> None:
        """The channel exists, and the bot and `people` (user id -> username) are in it."""
        bot_id, bot = str(chat.me["id"]), str(chat.me.get("username", ""))
        everyone = {bot_id: bot, **people}
        who = _mentions(everyone.values())
        what = t("doctor.channel", channel=name, who=who)
        try:
            channel = chat.inspector.channel_by_name(chat.team_id, name)
        except NotFound:
            self.found.wrong(
                what, t("doctor.channel.missing", channel=name, team=self.team, who=who, hint=hint)
            )
            return
        except PermissionDenied:
            self.found.wrong(what, t("doctor.channel.closed", channel=name, bot=bot))
            return
        present = chat.inspector.channel_member_ids(str(channel["id"]), list(everyone))
        missing = [username for user_id, username in everyone.items() if user_id not in present]
        if missing:
            self.found.wrong(what, t("doctor.channel.members", missing=_mentions(missing), channel=name))
        else:
            self.found.ok(what)

    def roster_accounts(self, chat: Chat, stored: Stored) -> None:
        people = stored.people
        ids = chat.inspector.users_by_usernames([p.username for p in people])
        gone = [p.username for p in people if p.username not in ids]
        moved = [p.username for p in people if p.username in ids and ids[p.username] != p.user_id]
        what = t("doctor.roster.exist", count=len(people))
        if gone:
            self.found.wrong(what, t("doctor.roster.exist_fix", names=_mentions(gone)))
        elif moved:
            self.found.wrong(what, t("doctor.roster.renamed", names=_mentions(moved)))
        else:
            self.found.ok(what)
        present = [p for p in people if p.username in ids]
        members = chat.inspector.team_member_ids(chat.team_id, [ids[p.username] for p in present])
        outside = [p.username for p in present if ids[p.username] not in members]
        self.found.expect(
            not outside,
            t("doctor.roster.team", count=len(people), team=self.team),
            t("doctor.roster.team_fix", names=_mentions(outside), team=self.team),
        )

    # --- reachable from here -----------------------------------------------------------------------------

    def public_health(self) -> None:
        url = f"{self.settings.public_base}/healthz"
        what = t("doctor.health", url=url)
        try:
            answer = self._fetch(url)
        except httpx.HTTPError as err:
            self.found.wrong(what, t("doctor.health_fix", reason=type(err).__name__))
            return
        if answer.status_code != 200:
            reason = t("doctor.health.status", status=answer.status_code, body=answer.text[:200])
            self.found.wrong(what, t("doctor.health_fix", reason=reason))
            return
        self.found.ok(what)


def _inspector(settings: Settings) -> Inspector:
    token = settings.mattermost_token.get_secret_value() if settings.mattermost_token else ""
    return Inspector(settings.mattermost_base, token, verify=settings.mattermost_verify_tls)


def _slashes(triggers: Sequence[str]) -> str:
    return ", ".join(f"/{trigger}" for trigger in triggers)


def _mentions(usernames: Iterable[str]) -> str:
    return ", ".join(f"@{name}" for name in usernames)


def render(found: Findings) -> str:
    lines = [t("doctor.header")]
    for check in found.checks:
        lines.append(
            t("doctor.ok", what=check.what) if check.ok else t("doctor.wrong", what=check.what, fix=check.fix)
        )
    lines += [t("doctor.skipped", what=what) for what in found.skipped]
    wrong = sum(not check.ok for check in found.checks)
    count = len(found.checks)
    lines.append(
        t("doctor.all_ok", count=count) if not wrong else t("doctor.some_wrong", wrong=wrong, count=count)
    )
    return "\n".join(lines)


def cmd_doctor(args: argparse.Namespace) -> int:
    found = Doctor(cli_settings(args), database_url(args)).run()
    print(render(found))
    return 0 if found.all_ok and not found.skipped else 1
