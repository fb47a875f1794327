"""How fast Erbij expects an answer and how many experts it asks at once, per urgency (configurable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from commands.calendar import WorkCalendar
from commands.requests.model import Urgency


@dataclass(frozen=True)
class RoundRule:
    offers_per_round: int  # per expert wanted
    answer_within_hours: float  # working hours, except for TODAY (clock hours)


def _default_rules() -> dict[Urgency, RoundRule]:
    return {
        Urgency.TODAY: RoundRule(offers_per_round=3, answer_within_hours=1),
        Urgency.THREE_DAYS: RoundRule(offers_per_round=2, answer_within_hours=4),
        Urgency.THIS_WEEK: RoundRule(offers_per_round=2, answer_within_hours=8),
    }


@dataclass(frozen=True)
class RequestPolicy:
    rules: dict[Urgency, RoundRule] = field(default_factory=_default_rules)
    # One face: an expert the family knows gets the offer alone first, for this share of the round's
    # deadline (at least `head_start_min_hours` working hours); 0 switches the head start off.
    head_start_fraction: float = 0.25
    head_start_min_hours: float = 1.0
    # Check-in: after this many weeks aboard, the expert and the lead are asked whether she is still needed.
    checkin_weeks: int = 6

    def offers_per_round(self, urgency: Urgency, experts_wanted: int) -> int:
        return self.rules[urgency].offers_per_round * experts_wanted

    def first_round_at(self, now: datetime, urgency: Urgency, calendar: WorkCalendar) -> datetime:
        """Urgent requests go out at once; others wait for the next working period."""
        if urgency is Urgency.TODAY:
            return now
        return calendar.next_working_start(now)

    def round_deadline(self, start: datetime, urgency: Urgency, calendar: WorkCalendar) -> datetime:
        """When a round without enough answers moves on to the next candidates.

        For TODAY the clock runs in real hours even at night: an urgent question must not wait for
        Monday morning. Other urgencies count working hours only, so a Friday-afternoon request is not
        escalated over the weekend.
        """
        hours = self.rules[urgency].answer_within_hours
        if urgency is Urgency.TODAY:
            return start + timedelta(hours=hours)
        return calendar.add_working_hours(start, hours)

    def head_start_until(self, start: datetime, urgency: Urgency, calendar: WorkCalendar) -> datetime:
        """When the known face's head start ends and the others are asked too.

        Working hours count as for the round deadline: a head start that begins on Friday afternoon runs on
        into Monday morning, not over the weekend. For TODAY the clock runs in real time and the minimum in
        working hours does not apply: an urgent request must not wait for the morning for a familiar face.
        """
        hours = self.rules[urgency].answer_within_hours * self.head_start_fraction
        if urgency is Urgency.TODAY:
            return start + timedelta(hours=hours)
        return calendar.add_working_hours(start, max(hours, self.head_start_min_hours))

    def next_checkin(self, since: datetime) -> datetime:
        return since + timedelta(weeks=self.checkin_weeks)
