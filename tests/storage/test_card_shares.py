"""Card shares in storage, on the database under test. Migration 0013: earlier shares (experts aboard with
the card, cases put on a consult) become share rows without a basis, never with a guessed one; anonymous
consults and withdrawn registrations shared nothing; the downgrade takes it all away again. Retention erases
the toelichting and keeps the basis."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine, insert, inspect, text
from sqlalchemy.orm import Session

from commands.cases.card import CardVersion, Change, ChangeKind, SafetyCard, VersionInfo
from commands.cases.model import Framework, Measure, NewCase
from commands.cases.sharing import CardShare, LegalBasis, ShareBasis, ShareTarget
from storage import schema
from storage.case_models import CaseRow, InvolvementRow
from storage.cases import SqlCaseRepository
from storage.consult_models import AgendaItemRow, ConsultRow, ConsultSlotRow
from storage.engine import make_engine
from storage.retention import SqlRetentionRepository

AT = datetime(2026, 11, 23, 8, tzinfo=UTC)
CODE = "WBW-7K3Q-2M"
REQUEST = (
    "INSERT INTO help_request (id, case_id, asked_by, expertise, organisation_kinds, form, urgency, "
    "experts_wanted, question, share_card, status, round, accepted, created_at, region_wide, head_start) "
    "VALUES (5, 1, 'lead-then', 'huiselijk_geweld', 'VT', 'consult', 'vandaag', 1, 'Een vraag.', :yes, "
    "'gekoppeld', 1, 1, :at, :no, :no)"
)
SHARES = (
    "SELECT target, expert_id, organisation_kind, consult_id, agenda_item_id, help_request_id, basis, "
    "basis_note, shared_by, carried FROM card_share ORDER BY target, expert_id, id"
)


def seed(conn: Connection) -> None:
    """A case at revision 0012: the tables 0013 leaves alone are written through their models."""
    conn.execute(insert(CaseRow).values(
        id=1, code=CODE, municipality="Roosendaal", lead_id="lead-now", status="actief",
        framework="vrijwillig", measure="geen", version=1, created_at=AT, created_by="lead-then",
    ))  # fmt: skip
    conn.execute(text(REQUEST), {"yes": True, "no": False, "at": AT})
    # with the card (through a request), anonymous, and with the card but without a request
    aboard = (("sanne", "VT", 5, True), ("ruud", "RVDK", None, False), ("pieter", "GI", None, True))
    conn.execute(insert(InvolvementRow), [
        {"case_id": 1, "expert_id": e, "organisation_kind": k, "help_request_id": r, "started_at": AT,
         "card_access": card}
        for e, k, r, card in aboard
    ])  # fmt: skip
    conn.execute(insert(ConsultSlotRow).values(
        id=1, key="maandag", title="MDO", weekday=0, start="10:00", duration_minutes=90, channel="mdo",
        chairs=[], members=[], max_cases=6, minutes_per_case=15, deadline_days=1, deadline_time="12:00",
        agenda_days=1, agenda_time="15:00", holiday_policy="volgende_werkdag", video_url="", active=True,
        created_at=AT, updated_at=AT,
    ))  # fmt: skip
    conn.execute(insert(ConsultRow).values(
        id=1, slot_id=1, planned_for=date(2026, 11, 30), starts_at=AT, ends_at=AT, status="gepland",
        channel="mdo", members=[], capacity=6, minutes_per_case=15, deadline_at=AT, agenda_at=AT,
        agenda_late=False, agenda_revision=0, video_url="",
    ))  # fmt: skip
    # registered and discussed; registered and withdrawn (never shared); carried to it as a follow-up
    items = (
        (1, "nieuw", "besproken", "lead-then"),
        (2, "nieuw", "afgemeld", "x"),
        (3, "vervolg", "gepland", "karin"),
    )
    conn.execute(insert(AgendaItemRow), [
        {"id": i, "consult_id": 1, "case_id": 1, "case_code": CODE, "question": "Een vraag.",
         "disciplines": [], "urgency": "regulier", "kind": kind, "status": status, "registered_by": by,
         "registered_at": AT}
        for i, kind, status, by in items
    ])  # fmt: skip


def test_earlier_shares_are_kept_without_a_basis_and_the_downgrade_removes_them(
    empty_database_url: str,
) -> None:
    engine = make_engine(empty_database_url)
    try:
        schema.upgrade(engine, "0012")
        with engine.begin() as conn:
            seed(conn)
        schema.upgrade(engine, "0013")
        with engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(text(SHARES))]
            request = tuple(
                conn.execute(text("SELECT share_basis, share_basis_note FROM help_request")).one()
            )
        assert rows == [
            ("expert", "pieter", "GI", None, None, None, None, "", "lead-now", False),
            ("expert", "sanne", "VT", None, None, 5, None, "", "lead-then", False),
            ("mdo", None, None, 1, 1, None, None, "", "lead-then", False),
            ("mdo", None, None, 1, 3, None, None, "", "karin", True),
        ]
        assert request == (None, "")
        schema.upgrade(engine)  # the models are the head's: migrations after 0013 may follow
        schema.check(engine)
        with Session(engine) as session:
            shares = SqlCaseRepository(session).shares_for_case(1)
        assert {s.target for s in shares} == {ShareTarget.EXPERT, ShareTarget.CONSULT}
        assert all(s.basis is None for s in shares)  # shown as "grondslag niet vastgelegd"

        schema.downgrade(engine, "0012")
        tables = inspect(engine)
        assert "card_share" not in tables.get_table_names()
        assert {"share_basis", "share_basis_note"}.isdisjoint(
            c["name"] for c in tables.get_columns("help_request")
        )
    finally:
        engine.dispose()


def test_retention_erases_the_toelichting_and_keeps_the_basis(engine: Engine) -> None:
    """After the retention period the typed toelichting goes with the rest of the text; which basis was
    used stays, as the monitor's skeleton and the inzage need it (docs/privacy.md)."""
    with Session(engine) as session:
        cases = SqlCaseRepository(session)
        first = CardVersion(
            VersionInfo(1, AT, "lead", "nieuw", (Change(ChangeKind.CREATED, "casus"),)), SafetyCard()
        )
        case = cases.add(
            NewCase(CODE, "Roosendaal", "lead", Framework.VOLUNTARY, Measure(), AT, "lead"), first
        )
        basis = ShareBasis(LegalBasis.OTHER, "convenant met de school")
        cases.add_share(CardShare(case.id, ShareTarget.EXPERT, basis, "lead", AT, expert_id="sanne"))
        SqlRetentionRepository(session).erase(case.id)
        session.commit()
        (share,) = SqlCaseRepository(session).shares_for_case(case.id)
    assert share.basis == ShareBasis(LegalBasis.OTHER, "")
