"""Roster domain values: organisations, professionals, their roles, expertise and absences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum


class OrganisationKind(StrEnum):
    VT = "VT"  # Veilig Thuis
    RVDK = "RVDK"  # Raad voor de Kinderbescherming
    GI = "GI"  # Gecertificeerde Instelling
    LOKAAL_TEAM = "LOKAAL_TEAM"  # lokaal team / sociaal team / wijkteam / CJG


class Role(StrEnum):
    LEAD = "regiehouder"
    EXPERT = "expert"
    CHAIR = "voorzitter"
    COORDINATOR = "coordinator"
    POLICY = "beleid"  # managers and municipal policy staff: the monitor's aggregates, no case access


class AbsenceSource(StrEnum):
    """Who owns an absence: the roster file (the coordinator) or the person in chat."""

    ROSTER = "rooster"
    CHAT = "chat"


@dataclass(frozen=True)
class Organisation:
    key: str  # stable short key from the roster file, e.g. "vt-wb"
    kind: OrganisationKind
    name: str
    region: str = ""


@dataclass(frozen=True)
class ExpertiseArea:
    """One tag of the controlled expertise vocabulary (docs/domain.md §4), with its Dutch label."""

    key: str
    label: str


@dataclass(frozen=True, order=True)
class Absence:
    start: date
    end: date  # inclusive
    note: str = ""  # private to the professional (and the roster file's author); never shown to others
    source: AbsenceSource = AbsenceSource.CHAT

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class WorkingTime:
    """Working days (0 = Monday) and hours, in the team's time zone; `end` is exclusive."""

    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    start: time = time(8, 30)
    end: time = time(17, 0)


@dataclass(frozen=True, slots=True)  # slots: a process keeps a whole region of these in its roster cache
class Professional:
    user_id: str  # Mattermost user id
    username: str
    display_name: str
    organisation: Organisation
    roles: frozenset[Role]
    expertise: frozenset[str] = frozenset()
    municipalities: frozenset[str] = frozenset()
    capacity: int = 0  # maximum concurrent involvements (experts); the person may change it in chat
    working_time: WorkingTime = field(default_factory=WorkingTime)
    absences: tuple[Absence, ...] = ()  # sorted
    paused: bool = False
    active: bool = True
    # The capacity the roster file gave last time: a changed file overrides what the person set in chat,
    # re-importing an unchanged file does not.
    capacity_in_roster: int | None = None

    def absence_on(self, day: date) -> Absence | None:
        for absence in self.absences:
            if absence.covers(day):
                return absence
        return None


@dataclass(frozen=True)
class RosterChanges:
    """What an import changes; the repository writes only fields the file owns (pause stays the person's)."""

    vocabulary: tuple[ExpertiseArea, ...] | None = None  # the whole active vocabulary; None: unchanged
    organisations: tuple[Organisation, ...] | None = None  # the whole active set; None: unchanged
    added: tuple[Professional, ...] = ()
    updated: tuple[Professional, ...] = ()  # includes people who come back (active again)
    capacity_reset: frozenset[str] = frozenset()  # user ids whose capacity the file changed
    deactivated: tuple[str, ...] = ()  # user ids

    @property
    def empty(self) -> bool:
        return (
            self.vocabulary is None
            and self.organisations is None
            and not (self.added or self.updated or self.deactivated)
        )
