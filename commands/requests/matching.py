"""Matching as a pure, explainable ranking of experts for one request.

Order of what counts, each criterion outweighing all later ones (`_candidate` builds the key;
tests/requests/test_matching_rules.py holds the code to it):
1. continuity — one face for the family: involved in the case now, then involved before, then new;
2. reachable in chat: experts out of office or on do-not-disturb are asked after the others;
3. expertise fit: the asked expertise (someone known to the case may lack the label);
4. serving the request's municipality explicitly, before region-wide experts;
5. specialism: fewer areas of expertise first;
6. workload relative to capacity (active involvements / capacity);
7. fairness: never asked first, then least recently asked;
and the username settles a full tie, so the order never depends on the input's order.
Every candidate carries its reasons in Dutch so the lead sees *why* someone is asked first.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from commands.catalogue import t
from commands.requests.model import ExpertLoad, MatchSpec
from commands.roster.availability import available
from commands.roster.expertise import label as expertise_label
from commands.roster.model import OrganisationKind, Professional, Role

EXPERT_KINDS = frozenset({OrganisationKind.VT, OrganisationKind.RVDK, OrganisationKind.GI})
NO_LOAD = ExpertLoad(active_involvements=0, last_asked_at=None)
NEVER = datetime.min.replace(tzinfo=UTC)  # never asked sorts before anyone asked, fairest first


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to build, and a region builds thousands
class Candidate:
    """An expert who may be asked, with what decides their place in the ranking."""

    professional: Professional
    continuity: int  # 0 involved now, 1 involved before, 2 new to this case
    has_expertise: bool
    local: bool  # serves the request's municipality explicitly
    load: ExpertLoad
    spec: MatchSpec
    sort_key: tuple[object, ...]
    status: str | None = None  # a soft Mattermost status (ooo, dnd), if any

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why this expert is asked, in Dutch; built on demand, as only the few who are asked need it."""
        reasons: list[str] = []
        if self.continuity == 0:
            reasons.append(t("match.reason.involved_now"))
        elif self.continuity == 1:
            reasons.append(t("match.reason.involved_before"))
        if self.has_expertise:
            reasons.append(t("match.reason.expertise", expertise=expertise_label(self.spec.expertise)))
        if self.local:
            reasons.append(t("match.reason.municipality", municipality=self.spec.municipality))
        capacity = self.professional.capacity
        reasons.append(t("match.reason.load", used=self.load.active_involvements, capacity=capacity))
        if self.load.last_asked_at is None:
            reasons.append(t("match.reason.never_asked"))
        if self.status is not None:
            reasons.append(t(f"roster.soft.{self.status}"))
        return tuple(reasons)


def rank(
    spec: MatchSpec,
    experts: Iterable[Professional],
    *,
    loads: Mapping[str, ExpertLoad],
    involved_now: frozenset[str] = frozenset(),
    involved_before: frozenset[str] = frozenset(),
    is_available: Callable[[Professional, int], bool],
    exclude: frozenset[str] = frozenset(),
    limit: int | None = None,
    soft: Mapping[str, str] | None = None,
) -> list[Candidate]:
    """Eligible, available experts in the order they should be asked (the best `limit` if given).

    Eligible: an active expert of a wanted organisation, serving the area, with the expertise — or known
    to the case: the family knows them, and one face is worth more than the best label. `exclude` holds
    those this request already asked. `soft` holds Mattermost statuses (ooo, dnd) that rank an expert
    lower without ruling them out. Runs over a whole region's roster, so the cheap filters come first.
    """
    soft = soft or {}
    known = involved_now | involved_before
    kinds = spec.organisation_kinds or EXPERT_KINDS
    expertise = spec.expertise
    municipality = spec.municipality
    candidates = []
    for expert in experts:
        user_id = expert.user_id
        if (
            user_id in exclude
            or not expert.active
            or expert.organisation.kind not in kinds
            or (expertise not in expert.expertise and user_id not in known)
            or Role.EXPERT not in expert.roles
            or (municipality and expert.municipalities and municipality not in expert.municipalities)
        ):
            continue
        load = loads.get(user_id, NO_LOAD)
        if is_available(expert, load.active_involvements):
            candidates.append(
                _candidate(spec, expert, load, involved_now, involved_before, soft.get(user_id))
            )
    if limit is not None:
        return heapq.nsmallest(limit, candidates, key=_key)
    candidates.sort(key=_key)
    return candidates


def _key(candidate: Candidate) -> tuple[object, ...]:
    return candidate.sort_key


def _candidate(
    spec: MatchSpec,
    expert: Professional,
    load: ExpertLoad,
    involved_now: frozenset[str],
    involved_before: frozenset[str],
    status: str | None = None,
) -> Candidate:
    if expert.user_id in involved_now:
        continuity = 0
    elif expert.user_id in involved_before:
        continuity = 1
    else:
        continuity = 2
    has_expertise = spec.expertise in expert.expertise
    # A specialist who serves this municipality explicitly fits better than a region-wide generalist.
    local = bool(spec.municipality and spec.municipality in expert.municipalities)
    asked = load.last_asked_at
    key = (
        continuity,
        status is not None,  # out of office or do-not-disturb: asked after the others, not skipped
        not has_expertise,
        not local,
        len(expert.expertise),
        load.active_involvements / (expert.capacity or 1),
        NEVER if asked is None else asked,
        expert.username,
    )
    return Candidate(expert, continuity, has_expertise, local, load, spec, key, status)


def availability_at(at: datetime, tz: ZoneInfo) -> Callable[[Professional, int], bool]:
    """`is_available` for `rank` at one instant; the roster's `available` decides, after a cheap pre-check.

    Pause and a full capacity are the commonest reasons and need no calendar, so they are ruled out
    before the full check (which also explains itself in Dutch, which matching does not need).
    """

    def is_available(expert: Professional, active: int) -> bool:
        if expert.paused or active >= expert.capacity:
            return False
        return available(expert, at, tz=tz, active_involvements=active).ok

    return is_available
