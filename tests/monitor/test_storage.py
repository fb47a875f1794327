"""The monitor's storage on SQLite and PostgreSQL: facts loaded right, a constant number of statements."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, event, insert
from sqlalchemy.orm import Session

from bench.monitor_seed import seed
from commands.calendar import WorkCalendar
from commands.monitor import figures
from commands.monitor.model import FamilyAnswer, Scope
from commands.monitor.period import month, quarter
from storage.case_models import CardVersionRow, CaseRow, FrameworkChangeRow, InvolvementRow
from storage.consult_models import ActionItemRow, AgendaItemRow, ConsultRow, ConsultSlotRow
from storage.request_models import HelpRequestRow, OfferRow
from storage.roster_models import OrganisationRow, ProfessionalRow
from storage.uow import SqlUnitOfWorkFactory

CALENDAR = WorkCalendar()
TZ = "Europe/Amsterdam"


def z(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _selects(statements: list[str]) -> int:
    return sum(s.lstrip().upper().startswith("SELECT") for s in statements)


def test_the_number_of_statements_does_not_grow_with_the_data(engine: Engine) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    q4 = quarter(2026, 4, CALENDAR)
    seed(engine, cases=60, requests=300)
    with counted(engine) as small, uow() as work:
        few = work.monitor.history(q4.start, q4.end, TZ)
    with counted(engine) as small_organisation, uow() as work:
        work.monitor.history(q4.start, q4.end, TZ, involved_before=True)
    seed(engine, cases=600, requests=3000, offset=10_000)
    with counted(engine) as large, uow() as work:
        many = work.monitor.history(q4.start, q4.end, TZ)
    with counted(engine) as large_organisation, uow() as work:
        organisation = work.monitor.history(q4.start, q4.end, TZ, involved_before=True)
    assert len(many.requests) > 5 * len(few.requests) > 0
    assert len(many.cases) > 5 * len(few.cases)
    assert _selects(small) == _selects(large) == 10
    assert len(small) == len(large)
    assert few.involved_before is None  # not read unless asked: only the scope "organisatie" needs it
    assert _selects(small_organisation) == _selects(large_organisation) == 11
    assert organisation.involved_before


def test_the_figures_do_not_depend_on_how_much_earlier_history_is_loaded(engine: Engine) -> None:
    """`history` leaves out the involvements that ended before the period (most of a year's): the figures of
    the period, in every kind of scope, are the same as over a history loaded from a year earlier on."""
    uow = SqlUnitOfWorkFactory(engine)
    seed(engine, cases=150, requests=750)
    q3 = quarter(2026, 3, CALENDAR)
    now = z("2027-01-04T09:00")
    with uow() as work:
        the_period = work.monitor.history(q3.start, q3.end, TZ, involved_before=True)
        wider = work.monitor.history(z("2025-07-01T00:00"), q3.end, TZ)
    # The same cases (those open in the period) with all their involvements, also the earlier ones.
    cases = {c.id for c in the_period.cases}
    from_a_year_earlier = replace(
        wider,
        cases=tuple(c for c in wider.cases if c.id in cases),
        involvements=tuple(i for i in wider.involvements if i.case_id in cases),
        involved_before=frozenset(),
    )
    assert len(from_a_year_earlier.involvements) > len(the_period.involvements) > 0
    assert the_period.involved_before  # the scope "organisatie" still sees who was involved before
    scopes = [Scope(), Scope("gemeente", "Roosendaal"), Scope("regio", "West-Brabant West")]
    scopes += [Scope("organisatie", key) for key in ("st-roosendaal", "vt-wb", "gi-wb", "rvdk-zw")]
    for scope in scopes:
        expected = figures.compute(from_a_year_earlier, q3, now, CALENDAR, scope)
        assert figures.compute(the_period, q3, now, CALENDAR, scope) == expected, scope
        assert expected.pickup.total.asked > 0


def _roster(session: Session) -> None:
    session.execute(
        insert(OrganisationRow),
        [
            {"key": "st", "kind": "LOKAAL_TEAM", "name": "Sociaal Team", "region": "WBW", "active": True},
            {"key": "gi", "kind": "GI", "name": "GI West", "region": "WBW", "active": True},
            {"key": "vt", "kind": "VT", "name": "Veilig Thuis", "region": "WBW", "active": True},
        ],
    )
    from datetime import time

    session.execute(
        insert(ProfessionalRow),
        [
            {"user_id": uid, "username": uid, "display_name": uid, "organisation_key": org, "capacity": 3,
             "capacity_in_roster": 3, "working_days": "01234", "work_start": time(8, 30), "work_end": time(17, 0),
             "paused": False, "active": True, "deactivated_at": None, "updated_at": z("2026-01-01T00:00")}
            for uid, org in (("lead", "st"), ("gi-lead", "gi"), ("sanne", "vt"), ("kees", "vt"))
        ],
    )  # fmt: skip


def test_facts_are_loaded_as_recorded(engine: Engine) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    created, closed = z("2026-10-01T08:00"), z("2026-11-20T10:00")
    with Session(engine) as session, session.begin():
        _roster(session)
        session.add(
            CaseRow(id=1, code="WBW-AAAAA", municipality="Roosendaal", lead_id="gi-lead", status="afgesloten",
                    framework="gedwongen", measure="ots", version=2, created_at=created, created_by="lead",
                    closed_at=closed, close_reason="doel_bereikt")
        )  # fmt: skip
        session.flush()
        session.add_all([
            FrameworkChangeRow(case_id=1, at=created, by="lead", framework="vrijwillig", measure="geen", note=""),
            FrameworkChangeRow(case_id=1, at=z("2026-11-01T08:00"), by="lead", framework="gedwongen",
                               measure="ots", note="vrije tekst blijft buiten de monitor"),
            CardVersionRow(case_id=1, number=1, at=created, author_id="lead", part="nieuw", changes=[], content={}),
            CardVersionRow(
                case_id=1, number=2, at=z("2026-11-10T08:00"), author_id="lead", part="regie",
                changes=[{"kind": "overgedragen", "subject": "regie",
                          "fields": [{"name": "lead", "before": "lead", "after": "gi-lead"}]}],
                content={"scores": [
                    {"perspective": "ouder", "score": 4, "on": "2026-10-02", "recorded_by": "lead", "reason": "x"},
                    {"perspective": "ouder", "score": 7, "on": "2026-11-15", "recorded_by": "lead", "reason": "y"},
                ]},
            ),
            HelpRequestRow(id=1, case_id=1, asked_by="lead", expertise="trauma", organisation_kinds="", form="consult",
                           urgency="vandaag", experts_wanted=1, question="vraag", share_card=True, status="open",
                           round=1, accepted=0, created_at=z("2026-11-02T08:00"),
                           first_accepted_at=z("2026-11-02T09:15")),
        ])  # fmt: skip
        session.flush()
        session.add_all([
            OfferRow(request_id=1, expert_id="kees", round=1, rank=1, reasons=[], status="afgewezen",
                     offered_at=z("2026-11-02T08:00"), answered_at=z("2026-11-02T08:30"), decline_reason=""),
            OfferRow(request_id=1, expert_id="sanne", round=1, rank=2, reasons=[], status="opgepakt",
                     offered_at=z("2026-11-02T08:00"), answered_at=z("2026-11-02T09:15"), decline_reason=""),
            InvolvementRow(id=1, case_id=1, expert_id="sanne", organisation_kind="VT", help_request_id=1,
                           started_at=z("2026-11-02T09:15"), ended_at=z("2026-11-12T09:00"), end_reason="doel_bereikt"),
            ConsultSlotRow(id=1, key="ma", title="MDO", weekday=0, start="10:00", duration_minutes=60, channel="mdo",
                           chairs=[], members=[], max_cases=4, minutes_per_case=15, deadline_days=1,
                           deadline_time="12:00", agenda_days=1, agenda_time="14:00", holiday_policy="overslaan",
                           video_url="", active=True, created_at=created, updated_at=created),
        ])  # fmt: skip
        session.flush()
        session.add(
            ConsultRow(id=1, slot_id=1, planned_for=date(2026, 11, 2), starts_at=z("2026-11-02T09:00"),
                       ends_at=z("2026-11-02T10:00"), status="gepland", channel="mdo", members=[], capacity=4,
                       minutes_per_case=15, deadline_at=created, agenda_at=created, agenda_late=False,
                       agenda_revision=0, video_url="")
        )  # fmt: skip
        session.flush()
        session.add_all([
            AgendaItemRow(id=1, consult_id=1, case_id=1, case_code="WBW-AAAAA", question="q", disciplines=[],
                          urgency="regulier", kind="nieuw", status="besproken", registered_by="lead",
                          registered_at=created, decision="  besluit  "),
            AgendaItemRow(id=2, consult_id=1, case_id=1, case_code="WBW-AAAAA", question="q", disciplines=[],
                          urgency="regulier", kind="nieuw", status="besproken", registered_by="lead",
                          registered_at=created, decision="   "),
        ])  # fmt: skip
        session.flush()
        # Done at 23:30 UTC on 5 November: 6 November in Amsterdam.
        session.add(
            ActionItemRow(agenda_item_id=1, case_code="WBW-AAAAA", owner_id="lead", description="d",
                          due_on=date(2026, 11, 5), created_at=created, done_at=z("2026-11-05T23:30"))
        )  # fmt: skip
    with uow() as work:
        # Escalated (the request's status moves on later, the escalation keeps its moment); the family's
        # answers are recorded.
        assert work.requests.set_status(1, "geescaleerd", z("2026-11-02T08:45"))
        work.requests.add_escalation(1, z("2026-11-02T08:45"), None)
        work.monitor.record_checkout_answer(1, FamilyAnswer.PARTLY)
        work.monitor.record_close_answer(1, FamilyAnswer.YES)
        work.commit()
    november = month(2026, 11, CALENDAR)
    with uow() as work:
        history = work.monitor.history(november.start, november.end, TZ)
    (case,) = history.cases
    assert [(s.organisation_kind, s.organisation) for s in case.leads] == [
        ("LOKAAL_TEAM", "st"),
        ("GI", "gi"),
    ]
    assert case.leads[1].since == z("2026-11-10T08:00")
    assert case.region == "WBW" and case.family_at_close is FamilyAnswer.YES
    assert [(e.framework, e.measure) for e in case.frameworks] == [
        ("vrijwillig", "geen"),
        ("gedwongen", "ots"),
    ]
    assert [(s.perspective, s.score, s.on) for s in case.scores] == [
        ("ouder", 4, date(2026, 10, 2)),
        ("ouder", 7, date(2026, 11, 15)),
    ]
    (request,) = history.requests
    assert request.accepted_at == z("2026-11-02T09:15")  # the first pick-up, as the accept recorded it
    assert request.escalated_at == z("2026-11-02T08:45") and request.status == "geescaleerd"
    (involvement,) = history.involvements
    assert (involvement.organisation, involvement.family_at_checkout) == ("vt", FamilyAnswer.PARTLY)
    (consult,) = history.consults
    assert [i.has_decision for i in consult.items] == [True, False]  # a blank decision is none
    (action,) = history.actions
    assert (action.due_on, action.done_on) == (date(2026, 11, 5), date(2026, 11, 6))
    assert history.organisation_names["gi"] == "GI West"
    # The figures over what was loaded: a measure during the case, the regie moved while no GI expert was
    # aboard, and the family's answers.
    result = figures.compute(history, november, z("2026-12-01T00:00"), CALENDAR)
    assert (result.voluntary.closed, result.voluntary.kept) == (1, 0)
    assert result.pickup.total.asked == 1 and result.escalations.escalated == 1
    assert result.family[0].answers["deels"] == 1 and result.family[1].answers["ja"] == 1


def test_a_monthly_report_is_claimed_once(engine: Engine) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    now = z("2026-12-01T08:00")
    with uow() as work:
        assert work.monitor.claim_report("maandrapport:2026-11", now)
        work.commit()
    with uow() as work:
        assert not work.monitor.claim_report("maandrapport:2026-11", now + timedelta(minutes=1))
        assert work.monitor.claim_report("maandrapport:2026-12", now)


def test_the_first_pick_up_is_recorded_by_the_accept_itself(engine: Engine) -> None:
    """A decline is no pick-up; of two experts who accept (two wanted), the first accept is the pick-up; a
    rolled-back accept (it came too late) leaves nothing behind. The monitor reads what the accepts wrote."""
    from commands.clock import ManualClock
    from commands.requests.model import OfferStatus
    from tests.contracts.conftest import PEOPLE, uid
    from tests.contracts.test_cases import add_case
    from tests.contracts.test_requests import ask, offer
    from tests.support import people

    clock = ManualClock(z("2026-11-02T08:00"))
    uow = SqlUnitOfWorkFactory(engine)
    people.seed_roster(uow, PEOPLE, clock.now(), expert_area=frozenset({"Roosendaal"}))
    with uow() as work:
        request = ask(work, clock, add_case(work, clock, "WBW-AAAA-11").id, wanted=2)
        sanne, pieter = work.requests.add_offers(
            [offer(request, "sanne", clock), offer(request, "pieter", clock)]
        )
        work.commit()
    with uow() as work:
        work.requests.answer_offer(sanne.id, uid("sanne"), OfferStatus.DECLINED, z("2026-11-02T08:30"))
        work.commit()
    with uow() as work:  # an accept that is rolled back (e.g. too late) leaves no pick-up
        assert work.requests.answer_offer(
            pieter.id, uid("pieter"), OfferStatus.ACCEPTED, z("2026-11-02T08:45")
        )
        work.rollback()
    with uow() as work:
        assert work.requests.answer_offer(
            pieter.id, uid("pieter"), OfferStatus.ACCEPTED, z("2026-11-02T09:15")
        )
        (later_offer,) = work.requests.add_offers([offer(request, "bram", clock)])
        work.commit()
    with uow() as work:
        work.requests.answer_offer(later_offer.id, uid("bram"), OfferStatus.ACCEPTED, z("2026-11-02T10:00"))
        work.commit()
    with uow.read() as work:
        (fact,) = work.monitor.history(z("2026-11-01T00:00"), z("2026-12-01T00:00"), TZ).requests
    assert fact.accepted_at == z("2026-11-02T09:15")
