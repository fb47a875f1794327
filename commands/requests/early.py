"""Ranking a submitted request before its write transaction (see `rounds.prematch`).

Reads only: the lead, the dialog's answers and the case, on a read snapshot. Anything unusual (a new case,
a later first round, an answer the dialog will reject) returns None, and the submission ranks inside its
transaction as before; the write transaction repeats every check, so nothing here decides anything.
"""

from __future__ import annotations

from datetime import datetime

from commands.cases.codes import InvalidCaseCode, parse_code
from commands.inbound import DialogSubmission
from commands.registry import Context
from commands.requests.dialog import read_submission
from commands.requests.rounds import Ranking, RequestSettings, prematch
from commands.roster.expertise import default_vocabulary
from commands.roster.model import Role


def rank_early(
    ctx: Context, submission: DialogSubmission, now: datetime, settings: RequestSettings
) -> Ranking | None:
    with ctx.uow.read() as uow:
        lead = uow.roster.professional(submission.user_id)
        if lead is None or not lead.active or Role.LEAD not in lead.roles:
            return None
        areas = list(uow.roster.expertise_areas()) or list(default_vocabulary())
        draft = read_submission(submission.submission, areas, sorted(lead.municipalities))
        if isinstance(draft, dict) or not draft.case_text:
            return None  # a new case has no id yet to rank for: its submission ranks in its transaction
        first_round_at = settings.policy.first_round_at(now, draft.urgency, settings.calendar)
        if first_round_at > now:
            return None
        try:
            case = uow.cases.by_code(parse_code(draft.case_text))
        except InvalidCaseCode:
            return None
        if case is None or case.lead_id != lead.user_id or case.closed:
            return None
        request = draft.request(case.id, lead.user_id, now, first_round_at).unsaved()
        return prematch(uow, request, case, now, settings, ctx.presence)
