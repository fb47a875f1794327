"""The coordinators' week summary as a pure function of people, load and time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from commands.roster.expertise import default_vocabulary
from commands.roster.model import Absence, Role
from commands.roster.summary import MAX_NAMES, render_summary, summarise, week_of
from tests.roster.fakes import professional

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY_9 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_the_week_is_the_rest_of_this_week_or_at_the_weekend_the_next() -> None:
    assert week_of(date(2026, 11, 25)) == (date(2026, 11, 25), date(2026, 11, 29))
    assert week_of(date(2026, 11, 28)) == (date(2026, 11, 30), date(2026, 12, 6))


def test_counts_per_organisation_and_expertise() -> None:
    people = [
        professional("a.one", expertise=frozenset({"trauma"})),
        professional("b.two", expertise=frozenset({"trauma", "lvb"}), paused=True),
        professional(
            "c.three",
            expertise=frozenset({"lvb"}),
            absences=(Absence(date(2026, 11, 23), date(2026, 11, 29)),),
        ),
        professional("d.four", roles=frozenset({Role.LEAD})),  # not an expert: not counted
        professional("e.five", active=False),  # left: not counted
    ]
    summary = summarise(people, now=MONDAY_9, tz=AMS, involvements={}, vocabulary=default_vocabulary())
    [vt] = summary.organisations
    assert (vt.experts, vt.available_now, vt.this_week) == (3, 1, 1)
    tags = {tally.name: (tally.experts, tally.this_week) for tally in summary.expertise}
    assert tags["trauma"] == (2, 1)
    assert tags["licht verstandelijke beperking (LVB)"] == (2, 0)
    assert summary.paused == ("B Two",)
    assert summary.away_all_week == ("C Three",)


def test_full_and_over_capacity_fullest_first() -> None:
    people = [professional("a.one", capacity=2), professional("b.two", capacity=2), professional("c.three")]
    load = {"u-a-one": 2, "u-b-two": 4, "u-c-three": 1}
    summary = summarise(people, now=MONDAY_9, tz=AMS, involvements=load)
    assert [(x.name, x.used, x.capacity) for x in summary.full] == [("B Two", 4, 2), ("A One", 2, 2)]
    text = render_summary(summary, date(2026, 11, 23))
    assert "- B Two (Veilig Thuis Test): **overvol**, 4 van 2" in text
    assert "- A One (Veilig Thuis Test): vol, 2 van 2" in text


def test_a_large_region_stays_readable() -> None:
    people = [replace(professional(f"p.{n:03d}"), paused=True) for n in range(MAX_NAMES + 5)]
    text = render_summary(summarise(people, now=MONDAY_9, tz=AMS, involvements={}), date(2026, 11, 23))
    assert text.count("P ") == MAX_NAMES
    assert " en nog 5" in text


def test_an_empty_roster() -> None:
    text = render_summary(summarise([], now=MONDAY_9, tz=AMS, involvements={}), date(2026, 11, 23))
    assert "Er staan nog geen experts in het rooster." in text
    assert "Niemand zit vol." in text
