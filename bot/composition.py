"""The composition root: the one place that builds and wires everything."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI

from bot.channel_guard import ChannelGuard, MattermostRemover
from bot.charts import MatplotlibCharts
from bot.http import Edge, create_app
from bot.jobs import ThreadJobs
from bot.mattermost import MattermostAdapter, WebsocketListener
from bot.mattermost.websocket import EventHandler
from bot.outbox_worker import OutboxWorker, Sender
from bot.rendering import Renderer
from bot.scheduler import CronConsultDates, Scheduler
from bot.settings import Settings
from bot.signing import Signer
from commands import privacy_retention
from commands.app import Erbij
from commands.cases import wiring as cases_wiring
from commands.clock import Clock
from commands.config import ProductConfig
from commands.consults import wiring as consults_wiring
from commands.help import wiring as help_wiring
from commands.monitor import wiring as monitor_wiring
from commands.registry import Context, Router
from commands.requests import wiring as requests_wiring
from commands.roster import wiring as roster_wiring
from storage.engine import Engine, make_engine
from storage.health import probe_write
from storage.outbox import SqlOutboxQueue
from storage.uow import SqlUnitOfWorkFactory

log = logging.getLogger(__name__)


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def build_router(config: ProductConfig | None = None) -> Router:
    """Every feature registers its commands, actions, dialogs and scheduled jobs here."""
    router = Router()
    tables = help_wiring.register(router)
    roster_wiring.register(router, tables)
    config = config or ProductConfig()
    cases_wiring.register(router, tables, consults_wiring.card_settings(config.case_code_prefix))
    requests_wiring.register(router, tables, config)
    consults_wiring.register(router, tables, CronConsultDates())
    monitor_wiring.register(router, tables, MatplotlibCharts())
    privacy_retention.register(router)
    return router


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    engine: Engine
    uow: SqlUnitOfWorkFactory
    erbij: Erbij
    renderer: Renderer
    signer: Signer
    adapter: MattermostAdapter
    queue: SqlOutboxQueue
    worker: OutboxWorker
    scheduler: Scheduler
    jobs: ThreadJobs  # work that outlasts a slash command's 30 s (the monitor's figures)
    listener: WebsocketListener | None = None
    channel_guard: ChannelGuard | None = None  # fed by the listener; off with ERBIJ_CHANNEL_GUARD=off
    command_tokens: list[str] = field(default_factory=list)
    token_triggers: dict[str, str] = field(default_factory=dict)  # token → its one trigger ("" = any)
    team_id: str | None = None  # learned at registration; commands from another team are refused
    # `erbij serve` reports its Mattermost link's state here, so /healthz answers at once even when
    # Mattermost's host swallows packets (a live ping would then hang for its whole timeout).
    mattermost_state: Callable[[], str] | None = None
    app: FastAPI | None = None
    # Set once the start-up warm-up has loaded the roster snapshot (or failed trying): /healthz says so, and
    # a benchmark measures idle memory only after it and the first scheduler tick.
    warmed: threading.Event = field(default_factory=threading.Event)
    warm_up_thread: threading.Thread | None = None

    def register_commands(self) -> None:
        """Create or update Erbij's slash commands in Mattermost; falls back to configured tokens."""
        configured = configured_token_triggers(self.settings.command_tokens)
        registration = self.adapter.ensure_commands(
            self.erbij.slash_commands,
            url=f"{self.settings.public_base}/mattermost/command",
            configured_tokens=list(configured),
        )
        self.command_tokens = list(registration.tokens)
        self.token_triggers = {**configured, **{tok: trig for trig, tok in registration.by_trigger.items()}}
        self.team_id = self.adapter.team_id()

    def health(self) -> tuple[int, dict[str, Any]]:
        now = self.clock.now()
        body: dict[str, Any] = {}
        database_ok = True
        try:
            probe_write(self.engine, now)
            body["database"] = "ok"
        except Exception as err:
            database_ok = False
            body["database"] = f"error: {type(err).__name__}"
        try:
            if self.mattermost_state is not None:
                body["mattermost"] = self.mattermost_state()
            else:
                body["mattermost"] = "ok" if self.adapter.ping() else "unreachable"
        except Exception as err:
            body["mattermost"] = f"unreachable: {type(err).__name__}"
        if database_ok:
            stats = self.queue.stats(now)
            body["outbox"] = {
                "pending": stats.pending,
                "failed": stats.failed,
                "oldest_pending_seconds": stats.oldest_pending_age_seconds,
            }
        body["roster"] = "loaded" if self.warmed.is_set() else "loading"
        body["scheduler"] = {
            "running": self.scheduler.running,
            "last_tick": self.scheduler.last_tick_at.isoformat() if self.scheduler.last_tick_at else None,
            "last_error": self.scheduler.last_error,
        }
        if self.listener is not None:
            body["websocket"] = "connected" if self.listener.connected.is_set() else "disconnected"
        degraded = (
            not database_ok or body["mattermost"] != "ok" or body.get("outbox", {}).get("failed", 0) > 0
        )
        body["status"] = "degraded" if degraded else "ok"
        return (200 if database_ok else 503), body

    def start_background(self, *, websocket: bool = True, scheduler: bool = True) -> None:
        self.warm_up_thread = threading.Thread(target=self.warm_up, name="erbij-warm-up", daemon=True)
        self.warm_up_thread.start()
        self.worker.start()
        if scheduler:
            self.scheduler.start()
        if websocket:
            self.start_listening()

    def start_listening(self) -> None:
        """Start the websocket listener and the channel guard it feeds (it reconnects by itself)."""
        if self.channel_guard is not None:
            self.channel_guard.start()
        if self.listener is not None and not self.listener.running:
            self.listener.start()

    def warm_up(self) -> None:
        """Load the roster snapshot before the first user needs it (start-up does not wait for this)."""
        try:
            with self.uow.read() as tx:
                tx.roster.active_experts()
        except Exception as err:  # the first request loads it then; nothing is lost
            log.warning("warming the roster cache failed: %s", type(err).__name__)
        finally:
            self.warmed.set()

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()
        if self.channel_guard is not None:
            self.channel_guard.stop()
        self.scheduler.stop()
        self.jobs.shutdown()  # before the engine goes: a running job still reads and queues its message
        self.worker.stop()
        if self.warm_up_thread is not None:
            # A warm-up still reading the roster would hold a connection (and, on PostgreSQL, a lock that a
            # next start's schema work waits on) past the engine's end: it is one bounded read, so wait.
            self.warm_up_thread.join(timeout=30)
        self.engine.dispose()

    def tick(self) -> dict[str, int]:
        return self.erbij.tick()  # a tick that queued messages wakes the worker through its commit


def build_runtime(
    settings: Settings,
    *,
    clock: Clock | None = None,
    adapter: MattermostAdapter | None = None,
    engine: Engine | None = None,
) -> Runtime:
    clock = clock or SystemClock()
    engine = engine or make_engine(settings.database_url)
    uow = SqlUnitOfWorkFactory(engine)
    secret = settings.secret.get_secret_value() if settings.secret else ""
    signer = Signer(secret)
    config = ProductConfig(
        timezone=settings.timezone,
        coordinators_channel=settings.coordinators_channel,
        case_code_prefix=settings.case_code_prefix,
        privacy_phrases=tuple(settings.privacy_allowed_names),
        retention_months=settings.retention_months,
        head_start_fraction=settings.head_start_fraction,
        head_start_min_hours=settings.head_start_min_hours,
        checkin_weeks=settings.checkin_weeks,
    )
    renderer = Renderer(signer, settings.public_base, timedelta(days=config.action_lifetime_days))
    if adapter is None:
        token = settings.mattermost_token.get_secret_value() if settings.mattermost_token else ""
        adapter = MattermostAdapter(
            url=settings.mattermost_base,
            token=token,
            team_name=settings.mattermost_team or "",
            verify=settings.mattermost_verify_tls,
        )
    jobs = ThreadJobs(workers=2)
    erbij = Erbij(
        build_router(config), Context(uow=uow, clock=clock, directory=adapter, config=config, jobs=jobs)
    )
    queue = SqlOutboxQueue(uow.sessions, uow.read_sessions)
    worker_id = f"{socket.gethostname()}-{os.getpid()}-{id(queue):x}"
    worker = OutboxWorker(queue, Sender(adapter, renderer), clock, worker_id)
    uow.on_queued = worker.wake  # woken by a commit that queued messages, never by a request that queued none
    runtime = Runtime(
        settings=settings,
        clock=clock,
        engine=engine,
        uow=uow,
        erbij=erbij,
        renderer=renderer,
        signer=signer,
        adapter=adapter,
        queue=queue,
        worker=worker,
        scheduler=Scheduler(lambda: runtime.tick(), clock, settings.tick_seconds),
        jobs=jobs,
        command_tokens=list(configured_token_triggers(settings.command_tokens)),
        token_triggers=configured_token_triggers(settings.command_tokens),
    )
    if settings.mattermost_base:
        token = settings.mattermost_token.get_secret_value() if settings.mattermost_token else ""
        on_event: EventHandler = _log_event
        if settings.channel_guard != "off":
            remover = MattermostRemover(adapter, clock, enabled=settings.channel_guard == "delete")
            guard = ChannelGuard(erbij.context, remover, adapter, bot_id=lambda: adapter.me().id)
            runtime.channel_guard, on_event = guard, guard.on_event
        runtime.listener = WebsocketListener(
            settings.mattermost_base, token, on_event=on_event, verify=settings.mattermost_verify_tls
        )
    runtime.app = create_app(
        Edge(
            erbij=erbij,
            renderer=renderer,
            signer=signer,
            clock=clock,
            command_tokens=lambda: runtime.token_triggers,
            team_id=lambda: runtime.team_id,
            open_dialog=lambda trigger_id, dialog: adapter.open_dialog(
                trigger_id, renderer.dialog_url, dialog
            ),
            health=runtime.health,
        )
    )
    return runtime


def configured_token_triggers(entries: list[str]) -> dict[str, str]:
    """ERBIJ_COMMAND_TOKENS as token → trigger: `erbij=TOKEN` binds a token to its command; a bare token
    (the older form) may run any of Erbij's commands, since Erbij cannot see which one it belongs to."""
    known: dict[str, str] = {}
    for entry in entries:
        trigger, bound, token = entry.rpartition("=")
        if token.strip():
            known[token.strip()] = trigger.strip().lstrip("/").lower() if bound else ""
    return known


def _log_event(event: dict[str, Any]) -> None:
    log.debug("websocket event %s", event.get("event"))
