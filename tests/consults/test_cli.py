"""`erbij consults …` on the command line: defaults, add, change, stop, look ahead, calendar file and link."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from sqlalchemy import Engine

from bot import cli
from bot.signing import Signer
from commands.clock import ManualClock
from storage.uow import SqlUnitOfWorkFactory
from tests.conftest import START
from tests.consults.conftest import seed_roster


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv), clock=ManualClock(START)) == 0
    return capsys.readouterr().out


@pytest.fixture
def db(database_url: str, engine: Engine) -> str:
    seed_roster(SqlUnitOfWorkFactory(engine), START)
    return database_url


def test_init_list_change_and_stop(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    video = "https://video.example.nl/mdo"
    out = run(capsys, "consults", "init", "--channel", "mdo-west-brabant", "--chair", "karin,lotte",
              "--members", "sanne,ruud", "--video", video, "--database", db)  # fmt: skip
    assert out.startswith("3 overlegmoment(en) aangemaakt: maandag, woensdag, vrijdag.")
    assert "[maandag] maandag 10:00–11:30 in ~mdo-west-brabant" in out
    assert "voorzitter: om de beurt Karin Smit, Lotte de Wit" in out
    assert "vaste deelnemers: Sanne de Vries, Ruud Kramer" in out
    assert run(capsys, "consults", "init", "--channel", "mdo-west-brabant", "--database", db).startswith(
        "0 overlegmoment(en) aangemaakt"
    )
    changed = run(
        capsys, "consults", "set", "woensdag", "--start", "13:30", "--max-cases", "4", "--database", db
    )
    assert changed.startswith("Overlegmoment woensdag is gewijzigd:")
    assert "[woensdag] woensdag 13:30–15:00" in run(capsys, "consults", "list", "--database", db)
    plan = run(capsys, "consults", "plan", "--weeks", "2", "--database", db)
    assert "13:30–15:00: voorzitter" in plan and "/4 casussen" in plan
    stopped = run(capsys, "consults", "remove", "vrijdag", "--database", db)
    assert stopped.startswith("Overlegmoment vrijdag is gestopt:")
    assert "[vrijdag] (gestopt)" in run(capsys, "consults", "list", "--database", db)
    plan = run(capsys, "consults", "plan", "--weeks", "2", "--database", db)
    fridays = [line for line in plan.splitlines() if line.startswith("[vrijdag]")]
    assert fridays and all(line.endswith("vervalt (overlegmoment gestopt)") for line in fridays)


def test_bad_settings_are_refused_with_every_problem(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["consults", "add", "zaterdag", "--weekday", "za", "--channel", "MDO!", "--deadline",
                     "0 16:00", "--agenda", "0 09:00", "--chair", "niemand", "--database", db],
                    clock=ManualClock(START))  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("Niet gelukt; er is niets veranderd:")
    assert "@niemand staat niet (actief) in het rooster." in err
    code = cli.main(["consults", "add", "zaterdag", "--weekday", "za", "--channel", "MDO!", "--deadline",
                     "0 16:00", "--agenda", "0 09:00", "--database", db],
                    clock=ManualClock(START))  # fmt: skip
    err = capsys.readouterr().err
    assert "- Een overleg valt op een werkdag (maandag t/m vrijdag)." in err
    assert "- MDO! is geen kanaalnaam (kleine letters, cijfers, - en _)." in err
    assert "- Het inbrengen moet sluiten voordat de agenda verstuurd wordt." in err
    assert (
        cli.main(
            ["consults", "add", "x1", "--weekday", "ma", "--start", "25:00", "--database", db],
            clock=ManualClock(START),
        )
        == 2
    )
    assert '"25:00" is geen tijd' in capsys.readouterr().err
    assert (
        cli.main(
            ["consults", "set", "bestaat-niet", "--duration", "60", "--database", db],
            clock=ManualClock(START),
        )
        == 2
    )


def test_ical_file_and_feed_link(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "consults", "init", "--channel", "mdo-west-brabant", "--chair", "karin", "--database", db)
    target = tmp_path / "overleg.ics"
    assert "Agendabestand geschreven" in run(capsys, "consults", "ical", "-o", str(target), "--database", db)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert len(list(calendar.walk("VEVENT"))) >= 20
    assert cli.main(["consults", "feed-url", "sanne", "--database", db], clock=ManualClock(START)) == 2
    assert "ERBIJ_SECRET en ERBIJ_PUBLIC_URL" in capsys.readouterr().err
    monkeypatch.setenv("ERBIJ_SECRET", "a-secret-of-sufficient-length")
    monkeypatch.setenv("ERBIJ_PUBLIC_URL", "https://erbij.example.nl")
    url = run(capsys, "consults", "feed-url", "@sanne", "--database", db).strip()
    assert url.startswith("https://erbij.example.nl/kalender/overleg.ics?token=")
    token = url.split("token=", 1)[1]
    assert Signer("a-secret-of-sufficient-length").verify(token, START)["u"] == "u-sanne"
    assert cli.main(["consults", "feed-url", "niemand", "--database", db], clock=ManualClock(START)) == 2
