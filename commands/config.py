"""Product settings the domain needs (the bot maps its environment settings onto these)."""

from __future__ import annotations

from dataclasses import dataclass

# Each default is defined here, once: the environment's settings (bot.settings), the CLI, the demo, the
# benchmarks and the domain's own defaults all use these names.
DEFAULT_TIMEZONE = "Europe/Amsterdam"  # the region's clock: working hours, holidays, consult times
DEFAULT_COORDINATORS_CHANNEL = "erbij-coordinatie"  # where escalations go
DEFAULT_CASE_CODE_PREFIX = "WBW"  # the region's prefix of new case codes, e.g. WBW-7K3Q-2B
DEFAULT_RETENTION_MONTHS = 12  # docs/privacy.md says why
DEFAULT_HEAD_START_FRACTION = 0.25
DEFAULT_HEAD_START_MIN_HOURS = 1.0
DEFAULT_CHECKIN_WEEKS = 6


@dataclass(frozen=True)
class ProductConfig:
    timezone: str = DEFAULT_TIMEZONE
    coordinators_channel: str = DEFAULT_COORDINATORS_CHANNEL
    case_code_prefix: str = DEFAULT_CASE_CODE_PREFIX
    # How long a signed button or dialog stays valid; long enough for an offer to be answered next week.
    action_lifetime_days: int = 14
    # Names of the region's organisations and programmes that the privacy guard must never take for a
    # person's name ("Sterk Huis", "Zorg- en Veiligheidshuis De Markiezaten"), beside the built-in ones and
    # the roster's organisations.
    privacy_phrases: tuple[str, ...] = ()
    # Erbij halen: the known face's head start (share of the round's deadline, minimum in working hours;
    # 0 switches it off) and the weeks aboard after which expert and lead are asked if help is still needed.
    head_start_fraction: float = DEFAULT_HEAD_START_FRACTION
    head_start_min_hours: float = DEFAULT_HEAD_START_MIN_HOURS
    checkin_weeks: int = DEFAULT_CHECKIN_WEEKS
    # Months after closing before a case's free text is erased (commands.privacy_retention, docs/privacy.md).
    retention_months: int = DEFAULT_RETENTION_MONTHS
