"""Retention: a closed case's free text is erased a configurable time after closing (default 12 months).

Why 12 months (docs/privacy.md): Erbij is a coordination layer, not the dossier. The authoritative file, with
its 20-year Jeugdwet retention, lives in each organisation's own system; the card is exported there on
closing. A year covers the usual questions after closing (a re-referral, a complaint, the family's inzage)
and the monitor's yearly figures; after it, the card's text, request questions and consult texts serve no
coordination purpose and are erased (AVG art. 5(1)(e), storage limitation). What remains is the
pseudonymous skeleton the monitor needs (see storage.retention), and the audit trail, kept five years under
NEN 7513 without any case content. Delivered outbox messages older than the period are deleted too.

A daily tick erases what is due; each case exactly once (the audit event `retentie.wissen` marks it, so two
processes or a re-run find nothing left), each in its own short transaction. `erbij retentie --droog` shows
what would go.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from commands.catalogue import t
from commands.ports import AuditEvent, ErasedCase, RetentionCandidate, UnitOfWorkFactory
from commands.registry import Context, Router

ERASED_ACTION = "retentie.wissen"
SYSTEM = "erbij"


def cutoff(now: datetime, months: int) -> datetime:
    """`now` minus whole calendar months (31 March minus one month is 28 or 29 February)."""
    total = now.year * 12 + now.month - 1 - months
    year, month = divmod(total, 12)
    day = min(now.day, monthrange(year, month + 1)[1])
    return now.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True)
class RetentionRun:
    erased: tuple[tuple[RetentionCandidate, ErasedCase], ...]
    outbox_deleted: int


def due(uow_factory: UnitOfWorkFactory, now: datetime, months: int) -> list[RetentionCandidate]:
    with uow_factory() as uow:
        return uow.retention.due(cutoff(now, months))


def run(uow_factory: UnitOfWorkFactory, now: datetime, months: int, *, actor: str = SYSTEM) -> RetentionRun:
    """Erase every case that is due, one transaction each, audited once; then old outbox messages."""
    limit = cutoff(now, months)
    erased = []
    for candidate in due(uow_factory, now, months):
        with uow_factory() as uow:
            if candidate.code not in {c.code for c in uow.retention.due(limit)}:
                continue  # another process erased it in the meantime
            counts = uow.retention.erase(candidate.case_id)
            uow.audit.record(
                AuditEvent(
                    at=now, actor_id=actor, action=ERASED_ACTION, case_code=candidate.code,
                    authorisation="bewaartermijn", access_point="retentie",
                    detail={
                        "gesloten": candidate.closed_at.isoformat(), "maanden": str(months),
                        "kaartversies": str(counts.card_versions),
                        "kadernotities": str(counts.framework_notes),
                        "hulpvragen": str(counts.request_questions),
                        "overlegteksten": str(counts.consult_texts),
                    },
                )
            )  # fmt: skip
            uow.commit()
        erased.append((candidate, counts))
    with uow_factory() as uow:
        deleted = uow.retention.purge_outbox(limit)
        uow.commit()
    return RetentionRun(tuple(erased), deleted)


def dry_run_text(candidates: list[RetentionCandidate], now: datetime, months: int, timezone: str) -> str:
    zone = ZoneInfo(timezone)
    limit = cutoff(now, months).astimezone(zone).strftime("%d-%m-%Y")
    if not candidates:
        return t("retentie.droog.niets", months=months, limit=limit)
    lines = [t("retentie.droog.kop", count=len(candidates), months=months, limit=limit)]
    lines += [
        t("retentie.droog.regel", code=c.code, closed=c.closed_at.astimezone(zone).strftime("%d-%m-%Y"))
        for c in candidates
    ]
    lines.append(t("retentie.droog.blijft"))
    return "\n".join(lines)


def run_text(result: RetentionRun) -> str:
    return t("retentie.klaar", count=len(result.erased), outbox=result.outbox_deleted)


class DailyRetention:
    """The scheduler's job: at most once per local day per process (and idempotent across processes)."""

    def __init__(self) -> None:
        self.last_day: str | None = None

    def __call__(self, ctx: Context, now: datetime) -> int:
        day = now.astimezone(ZoneInfo(ctx.config.timezone)).date().isoformat()
        if day == self.last_day:
            return 0
        result = run(ctx.uow, now, ctx.config.retention_months)
        self.last_day = day
        return len(result.erased)


def register(router: Router) -> None:
    router.tick("privacy.retention", DailyRetention())
