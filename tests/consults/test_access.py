"""Who sees which agenda, and the card access of consult participants between posting and recording."""

from __future__ import annotations

from commands.consults.access import Visibility, agenda_access
from commands.replies import Reply
from tests.consults.conftest import Office, uid

DETAILS_HIDDEN = "Details alleen voor de deelnemers aan het overleg."


def agenda(office: Office, username: str, argument: str = "") -> Reply:
    result = office.command(username, f"/overleg agenda {argument}".strip())
    assert isinstance(result, Reply)
    return result


def texts(reply: Reply) -> list[str]:
    return [s.text for s in reply.message.sections]


def setup(office: Office) -> tuple[str, str]:
    office.default_slots()  # chair karin, standing members sanne and ruud
    mine, other = office.new_case("jeroen"), office.new_case("fatima")
    office.involve(mine, "pieter")
    office.register("jeroen", mine)
    office.register("fatima", other)
    return mine, other


def test_participants_see_everything_leads_and_experts_their_own_coordinators_codes(office: Office) -> None:
    mine, other = setup(office)
    for participant in ("karin", "ruud"):
        reply = agenda(office, participant)
        assert all(text.startswith("Regiehouder:") for text in texts(reply)), participant
        assert (
            "Voorlopige agenda: inbrengen kan nog tot dinsdag 24 november 2026, 12:00" in reply.message.text
        )
    for involved in ("jeroen", "pieter"):
        sections = agenda(office, involved).message.sections
        shown = {s.title: s.text for s in sections}
        assert next(v for k, v in shown.items() if mine in k).startswith("Regiehouder: Jeroen Bakker")
        assert next(v for k, v in shown.items() if other in k) == DETAILS_HIDDEN
    assert texts(agenda(office, "ahmed")) == [DETAILS_HIDDEN, DETAILS_HIDDEN]
    for outsider in ("eva", "lotte"):
        assert "de agenda is alleen voor deelnemers" in office.say(outsider, "/overleg agenda")
    with office.uow() as uow:
        reads = [(e.actor_id, e.authorisation) for e in uow.audit.for_case(mine) if e.action == "kaart.lezen"]
    assert ("u-ruud", "mdo_deelnemer") in reads and ("u-jeroen", "regiehouder_of_expert") in reads
    assert not [r for r in reads if r[0] == "u-ahmed"]


def test_a_day_or_date_picks_the_consult(office: Office) -> None:
    setup(office)
    assert agenda(office, "karin", "vrijdag").message.text.startswith(
        "#### Agenda MDO vrijdag 27 november 2026"
    )
    assert "Er zijn geen casussen ingebracht." in agenda(office, "karin", "27-11").message.text
    assert (
        office.say("karin", "/overleg agenda 25-12")
        == "Het MDO van vrijdag 25 december 2026 gaat niet door (Eerste kerstdag)."
    )
    assert "Op zaterdag 28 november 2026 is er geen overleg" in office.say(
        "karin", "/overleg agenda zaterdag"
    )
    assert "Welke dag bedoel je" in office.say("karin", "/overleg agenda ooit")


def test_the_access_rule_is_a_pure_function(office: Office) -> None:
    setup(office)
    with office.uow() as uow:
        [consult] = [
            c for c in uow.consults.consults_between(office.clock.now(), office.clock.now().replace(day=26))
        ]
        items = uow.agenda_items.items([consult.id])
        people = {p.username: p for p in uow.roster.professionals()}
    assert agenda_access(consult, people["karin"], items, frozenset()).visibility is Visibility.FULL
    assert agenda_access(consult, people["sanne"], items, frozenset()).visibility is Visibility.FULL
    own = frozenset({items[0].case_id})
    assert agenda_access(consult, people["jeroen"], items, own).own_cases == own
    assert agenda_access(consult, people["ahmed"], items, frozenset()).visibility is Visibility.CODES
    assert agenda_access(consult, people["eva"], items, frozenset()).visibility is Visibility.NONE
    assert agenda_access(consult, None, items, frozenset()).visibility is Visibility.NONE


def test_participants_read_the_card_from_the_agenda_post_until_the_consult_is_recorded(
    office: Office,
) -> None:
    mine, _other = setup(office)
    refused = f"Geen toegang tot {mine}."
    assert office.say("ruud", f"/kaart {mine}").startswith(refused)  # agenda not posted yet
    office.at("2026-11-24 15:00")
    office.tick()
    for participant in ("ruud", "karin"):
        assert not office.say(participant, f"/kaart {mine}").startswith(refused), participant
    assert office.say("fatima", f"/kaart {mine}").startswith(refused)  # on the agenda, but not a participant
    assert office.say("eva", f"/kaart {mine}").startswith(refused)
    with office.uow() as uow:
        assert ("u-ruud", "mdo_deelnemer") in [
            (e.actor_id, e.authorisation) for e in uow.audit.for_case(mine)
        ]
    office.at("2026-11-25 11:00")
    office.say("karin", "/overleg verslag afronden")
    assert office.say("ruud", f"/kaart {mine}").startswith(refused)
    assert office.say("karin", f"/kaart {mine}").startswith(refused)
    assert not office.say("jeroen", f"/kaart {mine}").startswith(refused)  # the lead, of course
    assert uid("ruud") == "u-ruud"
