"""The export: rows worked out by hand on the constructed history, and `erbij monitor` on a seeded database."""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bench.monitor_seed import seed
from bot import cli
from commands.clock import ManualClock
from commands.monitor.export import SCHEMA, build, case_key, span
from storage.models import AuditRow
from tests.monitor.history import CALENDAR, HISTORY, NOVEMBER, NOW

SALT = b"0123456789abcdef"


def test_request_rows_are_pseudonymous_and_as_recorded() -> None:
    export = build(HISTORY, NOVEMBER, NOW, CALENDAR, SALT)
    assert len(export.requests) == 8  # asked in November; request 3 was asked in October
    first = export.requests[0]  # request 1, the earliest asked
    assert first == {
        "schema": SCHEMA, "casus": case_key(SALT, 1), "gemeente": "Roosendaal", "gevraagd_maand": "2026-11",
        "urgentie": "vandaag", "expertise": "huiselijk_geweld", "status": "gekoppeld", "uren_tot_oppakken": "3.0",
        "uren_tot_aanschuiven": "3.0", "binnen_termijn": "ja", "geescaleerd": "nee", "organisatiesoort_oppakker": "VT",
    }  # fmt: skip
    withdrawn = next(r for r in export.requests if r["urgentie"] == "deze_week" and r["status"] == "ingetrokken"
                     and r["geescaleerd"] == "nee")  # fmt: skip
    assert (withdrawn["binnen_termijn"], withdrawn["uren_tot_oppakken"]) == ("", "")
    # The same case has the same key within an export, and another key in another export.
    assert export.requests[0]["casus"] == next(r["casus"] for r in export.requests if r["urgentie"] == "binnen_3_werkdagen"
                                               and r["geescaleerd"] == "ja")  # fmt: skip
    other = build(HISTORY, NOVEMBER, NOW, CALENDAR, b"another-salt-123")
    assert {r["casus"] for r in other.requests}.isdisjoint({r["casus"] for r in export.requests})


def test_case_period_rows_per_month() -> None:
    export = build(HISTORY, NOVEMBER, NOW, CALENDAR, SALT)
    rows = {r["casus"]: r for r in export.case_periods}
    # Open in November: 1, 2, 3, 4, 5, 6 (closed 1 Dec), 8, 9; case 7 closed at 23:30 local on 31 October.
    assert set(rows) == {case_key(SALT, n) for n in (1, 2, 3, 4, 5, 6, 8, 9)}
    three = rows[case_key(SALT, 3)]
    assert (three["kader_einde_maand"], three["maatregel_ooit"], three["afgesloten"], three["sluitreden"]) == (
        "gedwongen", "ja", "ja", "overgedragen",
    )  # fmt: skip
    assert (three["experts_aangeschoven"], three["uitchecks"]) == ("0", "0")  # ended by the closing
    one = rows[case_key(SALT, 1)]
    assert (one["experts_aangeschoven"], one["uitchecks"], one["gezin_bij_afsluiten"]) == ("2", "1", "ja")
    six = rows[case_key(SALT, 6)]
    assert (six["afgesloten"], six["sluitreden"], six["maatregel_ooit"]) == ("nee", "", "nee")
    assert all(r["maand"] == "2026-11" for r in export.case_periods)


def test_totals_are_suppressed_below_five() -> None:
    totals = {r["cijfer"]: r["waarde"] for r in build(HISTORY, NOVEMBER, NOW, CALENDAR, SALT).totals}
    assert totals == {
        "verzoeken": "8",
        "verzoeken_opgepakt_binnen_termijn": "<5",
        "verzoeken_geescaleerd": "<5",
        "casussen_afgesloten": "<5",
        "casussen_vrijwillig_gebleven": "<5",
        "overdracht_voorkomen": "<5",
    }


def test_a_span_includes_its_last_day() -> None:
    period = span(date(2026, 11, 1), date(2026, 11, 30), CALENDAR)
    assert (period.start, period.end) == (NOVEMBER.start, NOVEMBER.end)


def test_erbij_monitor_exports_json_and_csv_and_is_audited(
    engine: Engine, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(engine, cases=80, requests=400)
    clock = ManualClock(datetime(2027, 1, 15, 9, 0, tzinfo=UTC))
    argv = ["monitor", "--van", "2026-10-01", "--tot", "2026-12-31", "--database", database_url]
    assert cli.main([*argv, "--formaat", "json"], clock=clock) == 0
    text = capsys.readouterr().out
    body = json.loads(text)
    assert body["schema"] == SCHEMA and body["verzoeken"] and body["casus_perioden"]
    assert {r["gevraagd_maand"] for r in body["verzoeken"]} <= {"2026-10", "2026-11", "2026-12"}
    # No case codes, no people, no free text: the seed's codes are WBW-00001…, its people lead-0…, expert-0….
    assert not re.search(r"WBW-|lead-|expert-|fictief|besluit", text)
    assert all(re.fullmatch(r"[0-9a-f]{16}", r["casus"]) for r in body["verzoeken"] + body["casus_perioden"])

    assert cli.main([*argv, "--formaat", "csv", "--uit", str(tmp_path / "export")], clock=clock) == 0
    files = sorted(p.name for p in (tmp_path / "export").iterdir())
    assert files == ["casus_perioden.csv", "totalen.csv", "verzoeken.csv"]
    with (tmp_path / "export" / "verzoeken.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(body["verzoeken"]) and rows[0]["schema"] == SCHEMA
    with engine.connect() as conn:
        audit = conn.execute(
            select(AuditRow.action, AuditRow.detail).where(AuditRow.action == "monitor.exporteren")
        ).all()
    assert [d["formaat"] for _, d in audit] == ["json", "csv"]
    assert audit[0][1]["verzoeken"] == str(len(body["verzoeken"]))


def test_bad_dates_get_a_dutch_message(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    clock = ManualClock(datetime(2027, 1, 15, 9, 0, tzinfo=UTC))
    base = ["monitor", "--database", database_url]
    assert cli.main([*base, "--van", "2026-13-01", "--tot", "2026-12-31"], clock=clock) == 2
    assert "--van '2026-13-01' is geen datum; schrijf JJJJ-MM-DD" in capsys.readouterr().err
    assert cli.main([*base, "--van", "2026-12-01", "--tot", "2026-11-01"], clock=clock) == 2
    assert "--tot (2026-11-01) ligt voor --van (2026-12-01)" in capsys.readouterr().err
    assert (
        cli.main([*base, "--van", "2026-11-01", "--tot", "2026-11-30", "--formaat", "csv"], clock=clock) == 2
    )
    assert "geef met --uit een map op" in capsys.readouterr().err
