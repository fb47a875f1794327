"""`/beschikbaar` through the product facade, on the database under test, with a fake chat directory.

The clock stands on Monday 23 November 2026, 09:00 in Amsterdam.
"""

from __future__ import annotations

from datetime import date

import pytest

from commands.ports import UnitOfWorkFactory
from commands.roster.model import Absence, AbsenceSource, Professional
from tests.fakes import FakeUnitOfWorkFactory
from tests.roster.conftest import Chat, FakeInvolvements
from tests.roster.fakes import FakeDirectory, user_id

pytestmark = pytest.mark.usefixtures("imported")


@pytest.fixture
def uow() -> UnitOfWorkFactory:
    """The /beschikbaar handlers on the in-memory fakes; the roster's storage is tested in test_repository,
    test_import and tests/contracts."""
    return FakeUnitOfWorkFactory()


EXAMPLE_HINT = "/beschikbaar afwezig 24-12 t/m 2-1"


def person(uow: UnitOfWorkFactory, username: str) -> Professional:
    with uow() as tx:
        found = tx.roster.professional(user_id(username))
    assert found is not None
    return found


# --- status -------------------------------------------------------------------------------------------


def test_status_shows_availability_load_and_hours(chat: Chat, involvements: FakeInvolvements) -> None:
    involvements.cases[user_id("sanne.devries")] = ("WBW-7K3Q-2M",)
    text = chat("sanne.devries", "/beschikbaar")
    assert text.startswith("#### Je beschikbaarheid")
    assert "**Je bent nu beschikbaar** voor nieuwe vragen." in text
    assert "Bezetting: 1 van 4 casussen (WBW-7K3Q-2M)." in text
    assert "Werktijden: ma, di, wo, do, 08:30–17:00." in text
    assert chat("sanne.devries", "/beschikbaar status") == text


def test_status_says_why_not_and_lists_own_absences_with_notes(chat: Chat) -> None:
    text = chat("bart.smits", "/beschikbaar")
    assert "**Je bent nu beschikbaar**" in text
    assert "- woensdag 25 november (uit het rooster) — cursus" in text
    text = chat("lotte.jansen", "/beschikbaar")
    assert "- maandag 21 december t/m vrijdag 1 januari 2027 (uit het rooster) — kerstvakantie" in text
    chat("lotte.jansen", "/beschikbaar pauze")
    assert "**Je bent nu niet beschikbaar:** op pauze." in chat("lotte.jansen", "/beschikbaar")


def test_status_reports_a_soft_chat_status(chat: Chat, directory: FakeDirectory) -> None:
    directory.status[user_id("sanne.devries")] = "dnd"
    text = chat("sanne.devries", "/beschikbaar")
    assert "**Je bent nu beschikbaar**" in text
    assert "Let op: status 'Niet storen' in Mattermost." in text


def test_status_still_answers_when_mattermost_is_unreachable(chat: Chat, directory: FakeDirectory) -> None:
    directory.broken = True
    assert "**Je bent nu beschikbaar**" in chat("sanne.devries", "/beschikbaar")


def test_someone_not_in_the_roster_is_told_whom_to_ask(chat: Chat) -> None:
    assert "Je staat (nog) niet in het rooster" in chat("onbekend.iemand", "/beschikbaar")
    assert "Je staat (nog) niet in het rooster" in chat("onbekend.iemand", "/beschikbaar pauze")


def test_help_and_unknown_words(chat: Chat) -> None:
    assert chat("sanne.devries", "/beschikbaar help").startswith("#### Beschikbaarheid")
    assert "Dat ken ik niet: `/beschikbaar vakantie`" in chat("sanne.devries", "/beschikbaar vakantie")


# --- afwezig ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absence", "reply"),
    [
        ("afwezig morgen", Absence(date(2026, 11, 24), date(2026, 11, 24)), "dinsdag 24 november."),
        (
            "afwezig 24-12 t/m 2-1",
            Absence(date(2026, 12, 24), date(2027, 1, 2)),
            "donderdag 24 december t/m zaterdag 2 januari 2027",
        ),
        (
            "afwezig vrijdag tot en met dinsdag: cursus",
            Absence(date(2026, 11, 27), date(2026, 12, 1), "cursus"),
            "vrijdag 27 november t/m dinsdag 1 december",
        ),
        ("afwezig 24-12-2026", Absence(date(2026, 12, 24), date(2026, 12, 24)), "donderdag 24 december"),
        ("afwezig vandaag", Absence(date(2026, 11, 23), date(2026, 11, 23)), "maandag 23 november"),
        ("AFWEZIG di t/m do", Absence(date(2026, 11, 24), date(2026, 11, 26)), "dinsdag 24 november"),
    ],
)
def test_every_absence_form(
    chat: Chat, uow: UnitOfWorkFactory, text: str, absence: Absence, reply: str
) -> None:
    answer = chat("sanne.devries", f"/beschikbaar {text}")
    assert answer.startswith("Genoteerd: je bent afwezig")
    assert reply in answer
    assert person(uow, "sanne.devries").absences == (absence,)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("afwezig", "Van wanneer tot wanneer"),
        ("afwezig kerstvakantie", "niet als datum"),
        ("afwezig 31-2", "geen bestaande datum"),
        ("afwezig 30-02-2027 t/m 3-3-2027", "geen bestaande datum"),
        ("afwezig 28-12 t/m 24-12", "eindigt (donderdag 24 december 2026) voordat hij begint"),
        ("afwezig vrijdag t/m donderdag 26-11", "eindigt"),
        ("afwezig 24-12 tot 2-1", "Gebruik `t/m`"),
        ("afwezig 1-1-2026 t/m 2-1-2026", "al voorbij"),
    ],
)
def test_bad_dates_change_nothing_and_show_an_example(
    chat: Chat, uow: UnitOfWorkFactory, text: str, fragment: str
) -> None:
    before = person(uow, "sanne.devries")
    answer = chat("sanne.devries", f"/beschikbaar {text}")
    assert fragment in answer
    assert EXAMPLE_HINT in answer
    assert person(uow, "sanne.devries") == before


def test_the_same_absence_twice_is_recorded_once(chat: Chat, uow: UnitOfWorkFactory) -> None:
    chat("sanne.devries", "/beschikbaar afwezig morgen")
    assert "stond er al" in chat("sanne.devries", "/beschikbaar afwezig morgen")
    assert len(person(uow, "sanne.devries").absences) == 1


def test_clearing_removes_only_ones_own_absences(chat: Chat, uow: UnitOfWorkFactory) -> None:
    chat("lotte.jansen", "/beschikbaar afwezig morgen")
    answer = chat("lotte.jansen", "/beschikbaar afwezig wissen")
    assert "1 afwezigheid/afwezigheden gewist" in answer
    assert "uit het rooster blijven staan" in answer
    assert [a.source for a in person(uow, "lotte.jansen").absences] == [AbsenceSource.ROSTER]


def test_an_absent_expert_is_not_available_that_day(chat: Chat) -> None:
    chat("sanne.devries", "/beschikbaar afwezig vandaag")
    assert "niet beschikbaar:** afwezig t/m maandag 23 november" in chat("sanne.devries", "/beschikbaar")


# --- capaciteit, pauze, hervat --------------------------------------------------------------------------


def test_capacity(chat: Chat, uow: UnitOfWorkFactory, involvements: FakeInvolvements) -> None:
    assert "staat nu op 2 casussen" in chat("sanne.devries", "/beschikbaar capaciteit 2")
    assert person(uow, "sanne.devries").capacity == 2
    assert "krijg je geen nieuwe vragen" in chat("sanne.devries", "/beschikbaar capaciteit 0")
    involvements.cases[user_id("sanne.devries")] = ("A", "B")
    assert "Er lopen nu al 2 casussen" in chat("sanne.devries", "/beschikbaar capaciteit 1")


@pytest.mark.parametrize(
    "text", ["capaciteit", "capaciteit drie", "capaciteit -1", "capaciteit 26", "capaciteit 2 3"]
)
def test_bad_capacity_changes_nothing(chat: Chat, uow: UnitOfWorkFactory, text: str) -> None:
    answer = chat("sanne.devries", f"/beschikbaar {text}")
    assert "Geef een aantal van 0 t/m 25, bijvoorbeeld `/beschikbaar capaciteit 3`." in answer
    assert person(uow, "sanne.devries").capacity == 4


def test_pause_and_resume(chat: Chat, uow: UnitOfWorkFactory) -> None:
    assert "Je staat op pauze" in chat("sanne.devries", "/beschikbaar pauze")
    assert person(uow, "sanne.devries").paused
    assert "stond al aan" in chat("sanne.devries", "/beschikbaar pauze")
    assert "heeft verder niets nodig" in chat("sanne.devries", "/beschikbaar hervat morgen")
    assert person(uow, "sanne.devries").paused
    assert "Welkom terug" in chat("sanne.devries", "/beschikbaar hervat")
    assert not person(uow, "sanne.devries").paused
    assert "geen pauze aan" in chat("sanne.devries", "/beschikbaar hervat")


# --- role checks -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "/beschikbaar pauze @lotte.jansen",
        "/beschikbaar afwezig @lotte.jansen morgen",
        "/beschikbaar capaciteit 1 @lotte.jansen",
        "/beschikbaar afwezig wissen @lotte.jansen",
        "/beschikbaar @lotte.jansen",
    ],
)
def test_an_expert_cannot_see_or_change_someone_elses_availability(
    chat: Chat, uow: UnitOfWorkFactory, text: str
) -> None:
    before = person(uow, "lotte.jansen")
    assert chat("sanne.devries", text) == "Je kunt alleen je eigen beschikbaarheid bekijken en aanpassen."
    assert person(uow, "lotte.jansen") == before


def test_naming_yourself_is_fine(chat: Chat, uow: UnitOfWorkFactory) -> None:
    chat("sanne.devries", "/beschikbaar pauze @sanne.devries")
    assert person(uow, "sanne.devries").paused


def test_a_coordinator_can_act_for_a_colleague_and_it_is_audited(
    chat: Chat, uow: FakeUnitOfWorkFactory
) -> None:
    answer = chat("ingrid.bakker", "/beschikbaar afwezig @lotte.jansen morgen: ziek")
    assert answer == "Genoteerd: Lotte Jansen is afwezig dinsdag 24 november."
    assert Absence(date(2026, 11, 24), date(2026, 11, 24), "ziek") in person(uow, "lotte.jansen").absences
    assert "Lotte Jansen staat nu op pauze" in chat("ingrid.bakker", "/beschikbaar pauze @lotte.jansen")
    view = chat("ingrid.bakker", "/beschikbaar @lotte.jansen")
    assert view.startswith("#### Beschikbaarheid van Lotte Jansen (Veilig Thuis West-Brabant)")
    assert "**Lotte Jansen is nu niet beschikbaar:** op pauze." in view
    assert "ziek" not in view and "kerstvakantie" not in view  # notes are not shown to others
    details = [e.detail for e in uow.audit_trail() if e.action == "beschikbaarheid.wijzigen"]
    assert details == [
        {"voor": user_id("lotte.jansen"), "wat": "afwezig"},
        {"voor": user_id("lotte.jansen"), "wat": "pauze"},
    ]


def test_a_coordinator_naming_an_unknown_person_or_two_people(chat: Chat) -> None:
    assert "@niemand staat niet actief in het rooster." in chat(
        "ingrid.bakker", "/beschikbaar pauze @niemand"
    )
    assert "Noem één persoon tegelijk." in chat(
        "ingrid.bakker", "/beschikbaar pauze @lotte.jansen @bart.smits"
    )


def test_non_coordinators_cannot_see_the_roster_summary(chat: Chat) -> None:
    for username in ("sanne.devries", "jeroen.peeters", "kees.vanderberg"):  # expert, lead, expert and chair
        assert (
            chat(username, "/beschikbaar overzicht") == "Het roosteroverzicht is alleen voor coördinatoren."
        )


def test_coordinators_see_the_roster_summary(chat: Chat, involvements: FakeInvolvements) -> None:
    involvements.cases[user_id("kees.vanderberg")] = ("A", "B", "C")
    text = chat("anne.martens", "/beschikbaar overzicht")
    assert text.startswith("#### Rooster: maandag 23 november t/m zondag 29 november")
    # Kees is over capacity; Hanneke does not work on Mondays.
    assert "| Veilig Thuis West-Brabant | 5 | 3 | 4 |" in text
    assert "| William Schrikker Groep | 2 | 1 | 2 |" in text  # Rick does not work on Mondays
    assert "| juridisch kader (maatregelen, raadsonderzoek) | 4 | 4 |" in text
    assert "| huisvesting | 0 | **0** ⚠️ |" in text
    assert "- Kees van der Berg (Veilig Thuis West-Brabant): **overvol**, 3 van 2" in text


def test_a_note_may_mention_someone(chat: Chat, uow: UnitOfWorkFactory) -> None:
    answer = chat("sanne.devries", "/beschikbaar afwezig morgen: vervanging door @lotte.jansen")
    assert answer.startswith("Genoteerd: je bent afwezig dinsdag 24 november")
    [absence] = person(uow, "sanne.devries").absences
    assert absence.note == "vervanging door @lotte.jansen"
