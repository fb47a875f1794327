"""Product settings the domain needs (the bot maps its environment settings onto these)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProductConfig:
    timezone: str = "Europe/Amsterdam"
    coordinators_channel: str = "erbij-coordinatie"
    case_code_prefix: str = "WBW"  # the region's prefix of new case codes, e.g. WBW-7K3Q-2B
    # How long a signed button or dialog stays valid; long enough for an offer to be answered next week.
    action_lifetime_days: int = 14
    # Names of the region's organisations and programmes that the privacy guard must never take for a
    # person's name ("Sterk Huis", "Zorg- en Veiligheidshuis De Markiezaten"), beside the built-in ones and
    # the roster's organisations.
    privacy_phrases: tuple[str, ...] = ()
    # Erbij halen: the known face's head start (share of the round's deadline, minimum in working hours;
    # 0 switches it off) and the weeks aboard after which expert and lead are asked if help is still needed.
    head_start_fraction: float = 0.25
    head_start_min_hours: float = 1.0
    checkin_weeks: int = 6
    # Months after closing before a case's free text is erased (commands.privacy_retention, docs/privacy.md).
    retention_months: int = 12
