"""`erbij roster import|export|show`, with a fake directory in place of Mattermost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import cli
from bot.cli_roster import run_import, show_roster
from commands.clock import ManualClock
from commands.config import DEFAULT_TIMEZONE
from tests.roster.conftest import EXAMPLE
from tests.roster.fakes import FakeDirectory

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_import_reports_what_changed(database_url: str, directory: FakeDirectory) -> None:
    report = run_import(EXAMPLE, database_url, directory, now=NOW)
    assert report.startswith(
        "Rooster ingelezen: 25 nieuw, 0 gewijzigd, 0 terug, 0 gedeactiveerd, 0 ongewijzigd."
    )
    assert "  nieuw: sanne.devries, ahmed.elamrani" in report
    assert run_import(EXAMPLE, database_url, directory, now=NOW) == (
        "Niets veranderd: het rooster was al zo (25 personen)."
    )


def test_a_dry_run_says_so(database_url: str, directory: FakeDirectory) -> None:
    assert run_import(EXAMPLE, database_url, directory, dry_run=True, now=NOW).endswith(
        "Proefrun: er is niets opgeslagen."
    )
    assert "25 nieuw" in run_import(EXAMPLE, database_url, directory, now=NOW)


def test_an_invalid_file_lists_every_problem(
    database_url: str, directory: FakeDirectory, tmp_path: Path
) -> None:
    bad = tmp_path / "rooster.yaml"
    bad.write_text(EXAMPLE.read_text().replace("capacity: 4", "capacity: veel"), encoding="utf-8")
    with pytest.raises(cli.CliError) as raised:
        run_import(bad, database_url, directory, now=NOW)
    assert str(raised.value).splitlines() == [
        "Het rooster is niet ingelezen; er is niets veranderd. Los dit op:",
        "- regel 65, professionals #1 (sanne.devries) · capacity: moet een geheel getal zijn",
        "- regel 149, professionals #10 (joris.verhoeven) · capacity: moet een geheel getal zijn",
    ]
    with pytest.raises(cli.CliError, match=r"Kan .* niet lezen"):
        run_import(tmp_path / "bestaat-niet.yaml", database_url, directory, now=NOW)


def test_show_lists_everyone_and_the_week(database_url: str, directory: FakeDirectory) -> None:
    run_import(EXAMPLE, database_url, directory, now=NOW)
    text = show_roster(database_url, ZoneInfo(DEFAULT_TIMEZONE), NOW)
    assert (
        "| Sanne de Vries | sanne.devries | Veilig Thuis West-Brabant | expert | 0/4 | beschikbaar |" in text
    )
    assert (
        "| Hanneke de Groot | hanneke.degroot | Veilig Thuis West-Brabant | expert | 0/3 | geen werkdag |"
        in text
    )
    assert "#### Rooster: maandag 23 november t/m zondag 29 november" in text


def test_export_and_show_through_the_command_line(
    database_url: str, directory: FakeDirectory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["roster", "show", "--database", database_url], clock=ManualClock(NOW)) == 0
    assert "Het rooster is leeg" in capsys.readouterr().out
    run_import(EXAMPLE, database_url, directory, now=NOW)
    out = tmp_path / "export.yaml"
    assert (
        cli.main(["roster", "export", "--database", database_url, "-o", str(out)], clock=ManualClock(NOW))
        == 0
    )
    assert "username: sanne.devries" in out.read_text(encoding="utf-8")
    assert "Niets veranderd" in run_import(out, database_url, directory, now=NOW)


@pytest.mark.parametrize("days_later", [0, 9, 40, 365, 800])
def test_export_imports_back_unchanged_on_any_later_day(
    database_url: str, directory: FakeDirectory, tmp_path: Path, days_later: int
) -> None:
    """Absences that ended count on neither side, so an export is a round trip whenever it is made."""
    run_import(EXAMPLE, database_url, directory, now=NOW)
    later = NOW + timedelta(days=days_later)
    out = tmp_path / "export.yaml"
    assert (
        cli.main(["roster", "export", "--database", database_url, "-o", str(out)], clock=ManualClock(later))
        == 0
    )
    assert "Niets veranderd" in run_import(out, database_url, directory, now=later)
    assert "Niets veranderd" in run_import(EXAMPLE, database_url, directory, now=later)


def test_an_export_written_earlier_imports_into_a_fresh_roster_later(
    database_url: str, directory: FakeDirectory, tmp_path: Path
) -> None:
    run_import(EXAMPLE, database_url, directory, now=NOW)
    out = tmp_path / "export.yaml"
    assert (
        cli.main(["roster", "export", "--database", database_url, "-o", str(out)], clock=ManualClock(NOW))
        == 0
    )
    assert out.read_text(encoding="utf-8").count("first_day") > 0  # the example has absences to drop later
    year_on = NOW + timedelta(days=365)
    assert "Niets veranderd" in run_import(out, database_url, directory, now=year_on)


def test_import_without_mattermost_settings_explains(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ERBIJ_MATTERMOST_URL", raising=False)
    monkeypatch.delenv("ERBIJ_MATTERMOST_TOKEN", raising=False)
    monkeypatch.chdir(Path(__file__).parent)  # no .env here
    assert (
        cli.main(["roster", "import", str(EXAMPLE), "--database", database_url], clock=ManualClock(NOW)) == 2
    )
    assert "ERBIJ_MATTERMOST_URL" in capsys.readouterr().err


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(__import__("os").environ):
        if name.startswith("ERBIJ_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(Path(__file__).parent)  # no .env here


def test_a_dry_run_works_offline_and_says_the_names_were_not_checked(
    database_url: str, directory: FakeDirectory, offline: None, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["roster", "import", "--dry-run", str(EXAMPLE), "--database", database_url]
    assert cli.main(argv, clock=ManualClock(NOW)) == 0
    out = capsys.readouterr().out
    assert "25 nieuw" in out and "Proefrun: er is niets opgeslagen." in out
    assert "niet in Mattermost gecontroleerd" in out and "ERBIJ_MATTERMOST_URL" in out
    assert cli.main(["roster", "show", "--database", database_url], clock=ManualClock(NOW)) == 0
    assert "Het rooster is leeg" in capsys.readouterr().out  # nothing was stored
    # Against a stored roster the offline plan matches people by their stored username.
    run_import(EXAMPLE, database_url, directory, now=NOW)
    assert cli.main(argv, clock=ManualClock(NOW)) == 0
    assert "Niets veranderd: het rooster was al zo (25 personen)." in capsys.readouterr().out


def test_an_offline_dry_run_still_lists_every_problem_in_the_file(
    database_url: str, offline: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "rooster.yaml"
    bad.write_text(EXAMPLE.read_text().replace("capacity: 4", "capacity: veel"), encoding="utf-8")
    argv = ["roster", "import", "--dry-run", str(bad), "--database", database_url]
    assert cli.main(argv, clock=ManualClock(NOW)) == 2
    err = capsys.readouterr().err
    assert "regel 65, professionals #1 (sanne.devries) · capacity: moet een geheel getal zijn" in err
    assert "Traceback" not in err


def test_a_dry_run_with_mattermost_configured_checks_the_names(
    database_url: str, offline: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.emulator import Emulator
    from commands.roster.roster_file import load_roster_file

    roster = load_roster_file(EXAMPLE.read_text(encoding="utf-8"))
    with Emulator(team_name="jeugdregio") as emulator:
        _, token = emulator.create_bot("erbij")
        for entry in roster.professionals[1:]:  # the first person has no Mattermost account
            emulator.create_user(entry.username)
        monkeypatch.setenv("ERBIJ_MATTERMOST_URL", emulator.url)
        monkeypatch.setenv("ERBIJ_MATTERMOST_TOKEN", token)
        monkeypatch.setenv("ERBIJ_MATTERMOST_TEAM", "jeugdregio")
        argv = ["roster", "import", "--dry-run", str(EXAMPLE), "--database", database_url]
        assert cli.main(argv, clock=ManualClock(NOW)) == 2
        err = capsys.readouterr().err
        assert roster.professionals[0].username in err and "Traceback" not in err
        emulator.create_user(roster.professionals[0].username)
        assert cli.main(argv, clock=ManualClock(NOW)) == 0
        out = capsys.readouterr().out
        assert "25 nieuw" in out and "Alle gebruikersnamen zijn in Mattermost gevonden." in out
