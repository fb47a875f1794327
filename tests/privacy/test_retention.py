"""Retention end to end with a moved clock (SQLite and PostgreSQL): a closed case's text is erased twelve
months after closing, exactly once and audited; the monitor's skeleton and the audit trail stay; the dry run
shows what would go and erases nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import cli
from commands.cases.model import CloseReason
from commands.ports import RetentionCandidate
from commands.privacy_retention import (
    DailyRetention,
    RetentionRun,
    cutoff,
    dry_run_text,
    register,
    run,
    run_text,
)
from commands.registry import Router
from storage.case_models import CardVersionRow, FrameworkChangeRow
from storage.models import OutboxRow
from tests.cases.conftest import Desk, sql_desk  # noqa: F401 - the fixture

WORRY = {
    "omschrijving": "Vader schreeuwt tegen Kind 1 als hij gedronken heeft.",
    "soort": "schade_verleden",
    "categorie": "psychische_mishandeling",
    "zekerheid": "vastgesteld",
    "ernst": "midden",
}
SECRET_TEXT = "schreeuwt"


@pytest.fixture
def desk(sql_desk: Desk) -> Desk:  # noqa: F811
    """Retention erases rows across the database: on SQL, not the in-memory fakes."""
    return sql_desk


def closed_case(desk: Desk) -> str:
    code = desk.new_case()
    assert desk.fill("jeroen", f"/kaart {code} bewerken zorgen", WORRY).closes
    assert "is afgesloten" in desk.say("jeroen", f"/kaart {code} sluiten doel_bereikt")
    return code


def card_text(desk: Desk) -> str:
    with Session(desk.engine) as session:
        versions = [repr((r.content, r.changes)) for r in session.scalars(select(CardVersionRow))]
        notes = [r.note for r in session.scalars(select(FrameworkChangeRow))]
    return "\n".join(versions + notes)


@pytest.mark.parametrize(
    ("now", "months", "expected"),
    [
        (datetime(2026, 3, 31, 12, tzinfo=UTC), 1, datetime(2026, 2, 28, 12, tzinfo=UTC)),
        (datetime(2026, 1, 15, tzinfo=UTC), 12, datetime(2025, 1, 15, tzinfo=UTC)),
        (datetime(2024, 2, 29, tzinfo=UTC), 12, datetime(2023, 2, 28, tzinfo=UTC)),
        (datetime(2026, 1, 31, tzinfo=UTC), 13, datetime(2024, 12, 31, tzinfo=UTC)),
    ],
)
def test_the_cutoff_counts_calendar_months(now: datetime, months: int, expected: datetime) -> None:
    assert cutoff(now, months) == expected


def test_a_closed_case_is_erased_after_twelve_months_exactly_once(desk: Desk) -> None:
    code = closed_case(desk)
    open_code = desk.new_case()
    assert desk.fill(
        "jeroen", f"/kaart {open_code} bewerken zorgen", {**WORRY, "omschrijving": "Nog open, schreeuwt."}
    ).closes
    job = DailyRetention()
    desk.clock.advance(timedelta(days=364))
    assert job(desk.erbij.context, desk.clock.now()) == 0  # not yet: eleven and a bit months
    assert SECRET_TEXT in card_text(desk)
    desk.clock.advance(timedelta(days=2))
    assert job(desk.erbij.context, desk.clock.now()) == 1
    assert "Nog open" in card_text(desk) and "Vader schreeuwt" not in card_text(desk)
    desk.clock.advance(timedelta(days=1))
    assert job(desk.erbij.context, desk.clock.now()) == 0  # nothing twice
    assert run(desk.uow, desk.clock.now(), 12).erased == ()  # another process finds nothing either
    erased = [e for e in desk.audit(code) if e.action == "retentie.wissen"]
    assert len(erased) == 1 and erased[0].detail["maanden"] == "12" and SECRET_TEXT not in repr(erased[0])
    # What went, counted (never shown): every kind of text the erasure wipes has its count in the trail.
    kinds = ("kaartversies", "kadernotities", "hulpvragen", "overlegteksten")
    counts = {k: erased[0].detail[k] for k in kinds}
    assert all(v.isdigit() for v in counts.values()) and int(counts["kaartversies"]) >= 1
    case = desk.case(code)  # the pseudonymous skeleton stays: code, closed, why
    assert (case.code, case.closed, case.close_reason) == (code, True, CloseReason.GOAL_REACHED)
    # The lead still reads the skeleton: the card opens, empty, and the history shows the versions.
    assert SECRET_TEXT not in desk.say("jeroen", f"/kaart {code} geschiedenis")


def test_the_dry_run_shows_what_would_go_and_erases_nothing(
    desk: Desk,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = closed_case(desk)
    desk.clock.advance(timedelta(days=400))
    monkeypatch.setenv("ERBIJ_DATABASE_URL", database_url)
    assert cli.main(["retentie", "--droog"], clock=desk.clock) == 0
    out = capsys.readouterr().out
    assert code in out and "Er is nu niets gewist" in out
    assert SECRET_TEXT in card_text(desk)
    assert cli.main(["retentie"], clock=desk.clock) == 0
    assert "de inhoud van 1 casus(sen) gewist" in capsys.readouterr().out
    assert SECRET_TEXT not in card_text(desk)
    assert cli.main(["retentie", "--droog"], clock=desk.clock) == 0
    assert "Niets te wissen" in capsys.readouterr().out


def test_old_delivered_outbox_messages_go_pending_ones_stay(desk: Desk) -> None:
    closed_case(desk)
    with Session(desk.engine) as session:
        rows = list(session.scalars(select(OutboxRow)))
        assert rows
        rows[0].status = "sent"
        for row in rows[1:]:
            row.status = "pending"
        session.commit()
        total = len(rows)
    desk.clock.advance(timedelta(days=400))
    assert run(desk.uow, desk.clock.now(), 12).outbox_deleted == 1
    with Session(desk.engine) as session:
        assert len(list(session.scalars(select(OutboxRow)))) == total - 1


# --- the texts and the audit record, directly ------------------------------------------------------------

ZONE = "Europe/Amsterdam"
NOW = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)  # 1 March in UTC, already 2 March in Amsterdam


def test_the_dry_run_text_names_each_case_and_its_closing_day_in_local_time() -> None:
    candidates = [
        RetentionCandidate(1, "WBW-AAAA-AA", datetime(2024, 12, 31, 23, 30, tzinfo=UTC)),  # 1 January local
        RetentionCandidate(2, "WBW-BBBB-BB", datetime(2025, 2, 10, 9, tzinfo=UTC)),
    ]
    assert dry_run_text(candidates, NOW, 12, ZONE).split("\n") == [
        "Bij een echte run wordt de inhoud van 2 gesloten casus(sen) gewist (dicht sinds vóór 02-03-2025, "
        "bewaartermijn 12 maanden):",
        "- WBW-AAAA-AA, gesloten op 01-01-2025",
        "- WBW-BBBB-BB, gesloten op 10-02-2025",
        "Gewist worden de teksten van de kaart, de hulpvragen en de overlegteksten. Blijven: de casuscode, "
        "het kader, de data, de schaalscores voor de monitor en het auditlog. Er is nu niets gewist.",
    ]
    assert dry_run_text([], NOW, 6, ZONE) == (
        "Niets te wissen: geen gesloten casus is langer dan 6 maanden dicht (gesloten vóór 02-09-2025)."
    )


def test_the_run_text_counts_cases_and_outbox_messages() -> None:
    assert run_text(RetentionRun((), 3)) == (
        "Bewaartermijn toegepast: de inhoud van 0 casus(sen) gewist, 3 oude berichten uit de uitgaande "
        "wachtrij verwijderd."
    )


def test_the_erasure_is_audited_with_its_basis_and_counts_and_returned(desk: Desk) -> None:
    code = closed_case(desk)
    desk.clock.advance(timedelta(days=400))
    result = run(desk.uow, desk.clock.now(), 12)
    ((candidate, counts),) = result.erased
    assert candidate.code == code
    (event,) = [e for e in desk.audit(code) if e.action == "retentie.wissen"]
    assert (event.actor_id, event.authorisation, event.access_point) == ("erbij", "bewaartermijn", "retentie")
    assert event.detail == {
        "gesloten": candidate.closed_at.isoformat(),
        "maanden": "12",
        "kaartversies": str(counts.card_versions),
        "kadernotities": str(counts.framework_notes),
        "hulpvragen": str(counts.request_questions),
        "overlegteksten": str(counts.consult_texts),
    }
    assert counts.card_versions > 0


def test_the_daily_job_runs_once_per_local_day(desk: Desk) -> None:
    code = closed_case(desk)
    job = DailyRetention()
    closed_at = desk.case(code).closed_at
    assert closed_at is not None
    due = cutoff(closed_at, -12)  # twelve calendar months after closing: the morning of a working day
    assert job(desk.erbij.context, due - timedelta(minutes=1)) == 0
    assert job(desk.erbij.context, due + timedelta(minutes=1)) == 0  # the same local day: not again
    assert job(desk.erbij.context, due + timedelta(days=1)) == 1


def test_the_daily_job_is_registered_as_a_tick() -> None:
    router = Router()
    register(router)
    assert isinstance(router.ticks["privacy.retention"], DailyRetention)
