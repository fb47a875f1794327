"""The veiligheidskaart (docs/domain.md §6) as immutable values: what professionals and family judge, and who.

The card never computes a verdict; it records human judgements with their author and reason. Every item in
a list has a stable `id` (positions shift when items are removed), shown to people as its position.
Framework, measure, lead and status live on the `Case`; phase and judgement live here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

TEXT_MAX = 500  # a free-text field: long enough for a behavioural description, short enough to stay a card
SHORT_MAX = 80  # labels such as "moeder" or "Kind 1"
LIST_MAX = 25  # items per list: a card that needs more has become a file


class Phase(StrEnum):
    """Gefaseerd samenwerken aan veiligheid."""

    DIRECT = "directe_veiligheid"
    STABLE = "stabiele_veiligheid"
    RECOVERY = "herstel"


class WorryKind(StrEnum):
    HARM = "schade_verleden"
    DANGER = "gevaar_toekomst"
    COMPLICATING = "complicerende_factor"


class WorryCategory(StrEnum):
    PHYSICAL_ABUSE = "fysieke_mishandeling"
    PSYCHOLOGICAL_ABUSE = "psychische_mishandeling"
    PHYSICAL_NEGLECT = "fysieke_verwaarlozing"
    EMOTIONAL_NEGLECT = "emotionele_verwaarlozing"
    SEXUAL_ABUSE = "seksueel_misbruik"
    WITNESS_PARTNER_VIOLENCE = "getuige_partnergeweld"
    COMPLEX_DIVORCE = "complexe_scheiding"
    HONOUR_VIOLENCE = "eergerelateerd_geweld"
    FORCED_MARRIAGE = "huwelijksdwang"
    FGM = "vgv"
    RADICALISATION = "radicalisering"
    PARENT_ADDICTION = "ouder_verslaving"
    PARENT_PSYCHIATRY = "ouder_psychiatrie"
    INTELLECTUAL_DISABILITY = "lvb_ouder_of_kind"
    DEBTS = "schulden_bestaansonzekerheid"
    HOUSING = "huisvesting"
    CRIME = "criminaliteit_ondermijning"
    TRUANCY = "schoolverzuim"
    OTHER = "overig"


class Certainty(StrEnum):
    ESTABLISHED = "vastgesteld"
    SUSPECTED = "vermoeden"


class Level(StrEnum):
    LOW = "laag"
    MEDIUM = "midden"
    HIGH = "hoog"


class NamedBy(StrEnum):
    PARENT = "ouder"
    CHILD = "kind"
    NETWORK = "netwerk"
    PROFESSIONAL = "professional"


class StrengthKind(StrEnum):
    STRENGTH = "kracht"
    EXISTING_SAFETY = "bestaande_veiligheid"
    SUPPORTIVE_NETWORK = "steunend_netwerk"


class Frequency(StrEnum):
    ONCE = "eenmalig"
    INCIDENTAL = "incidenteel"
    MONTHLY = "maandelijks"
    WEEKLY = "wekelijks"
    DAILY = "dagelijks"


class AgreementStatus(StrEnum):
    NEW = "nieuw"
    KEPT = "nagekomen"
    PARTLY = "deels"
    NOT_KEPT = "niet_nagekomen"


class StepBy(StrEnum):
    LOCAL_TEAM = "lokaal_team"
    VT = "veilig_thuis"
    RVDK = "rvdk"
    GI = "gi"
    CARE_PROVIDER = "zorgaanbieder"
    SCHOOL = "onderwijs"
    POLICE = "politie"
    FAMILY_NETWORK = "gezin_netwerk"
    CONSULT = "mdo"  # decided in the multidisciplinary consult
    OTHER = "overig"


class Perspective(StrEnum):
    LEAD = "regiehouder"
    EXPERT_VT = "expert_vt"
    EXPERT_RVDK = "expert_rvdk"
    EXPERT_GI = "expert_gi"
    PARENT = "ouder"
    CHILD = "kind"
    NETWORK = "netwerk"


class DirectSafety(StrEnum):
    SAFE = "veilig"
    SAFE_WITH_AGREEMENTS = "veilig_met_afspraken"
    UNSAFE = "onveilig"


class Instrument(StrEnum):
    NONE = "geen"
    LIRIK = "lirik"
    ARIJ = "arij"
    SOS_MAPPING = "sos_mapping"
    VT_TRIAGE = "triage_vt"
    OTHER = "anders"


@dataclass(frozen=True)
class Worry:
    """A zorgsignaal: factual and behavioural (who does what to whom), and whose worry it is."""

    id: str
    description: str
    # None: not (yet) assessed. A line typed in the multi-item dialog may leave any of these open, and the
    # card then says "niet beoordeeld" rather than inventing an answer.
    kind: WorryKind | None = None
    category: WorryCategory | None = None
    certainty: Certainty | None = None
    severity: Level | None = None
    named_by: NamedBy | None = None
    since: str | None = None  # YYYY-MM


@dataclass(frozen=True)
class Strength:
    id: str
    description: str
    kind: StrengthKind | None = None
    named_by: NamedBy | None = None


@dataclass(frozen=True)
class RiskFactor:
    id: str
    factor: str
    person: str  # a role label such as "vader" or "Kind 1", never a name
    modifiable: bool | None = None  # None: nobody said whether help can change it


@dataclass(frozen=True)
class UnsafeSituation:
    """One of the TOP-3 most unsafe situations; its rank is its position in `SafetyCard.top3`."""

    id: str
    situation: str
    frequency: Frequency | None = None
    last_incident: str | None = None  # YYYY-MM
    risk_factors: tuple[RiskFactor, ...] = ()


@dataclass(frozen=True)
class Agreement:
    """A safety-plan agreement: concrete behaviour, by whom, when, and who checks it."""

    id: str
    agreement: str
    who: str
    when: str
    checked_by: str
    status: AgreementStatus = AgreementStatus.NEW

    @property
    def open(self) -> bool:
        return self.status is not AgreementStatus.KEPT


@dataclass(frozen=True)
class Step:
    id: str
    on: date
    step: str
    by: StepBy | None = None


class ProviderKind(StrEnum):
    ADULT_MENTAL_HEALTH = "ggz_volwassenen"
    YOUTH_MENTAL_HEALTH = "jeugd_ggz"
    ADDICTION = "verslavingszorg"
    DEBT = "schuldhulp"
    DISABILITY = "lvb_zorg"
    PARENTING = "opvoedondersteuning"
    DIVORCE = "scheidingsaanbod"
    OTHER = "overig"


@dataclass(frozen=True)
class HelpItem:
    """A line of the hulpverleningsplan (TOP-3 method, phase 2): help for one risk factor."""

    id: str
    help: str  # the intervention
    target: str = ""  # the risk factor or goal it is for
    provider: ProviderKind | None = None
    requested_on: date | None = None
    started_on: date | None = None  # with requested_on: the waiting time for help


@dataclass(frozen=True)
class ScaleScore:
    """One 0–10 judgement from one perspective (0: the child cannot stay home; 10: safe enough to close)."""

    perspective: Perspective
    score: int
    on: date
    recorded_by: str
    reason: str = ""


@dataclass(frozen=True)
class Judgement:
    direct_safety: DirectSafety | None = None
    future_risk: Level | None = None
    # None: not assessed. Never read as "no": the export and the view say "niet beoordeeld".
    acute_unsafety: bool | None = None
    structural_unsafety: bool | None = None
    reasoning: str = ""
    instrument: Instrument = Instrument.NONE
    judged_by: tuple[str, ...] = ()
    on: date | None = None


@dataclass(frozen=True)
class SafetyCard:
    phase: Phase | None = None
    occasion: str = ""  # aanleiding: why this card exists
    family: tuple[str, ...] = ()  # gezinsleden as role labels only ("Kind 1 (8)", "moeder"), never names
    worries: tuple[Worry, ...] = ()
    danger_statement: str = ""
    strengths: tuple[Strength, ...] = ()
    what_works: tuple[str, ...] = ()
    what_does_not_work: tuple[str, ...] = ()
    top3: tuple[UnsafeSituation, ...] = ()
    safety_goal: str = ""
    safety_conditions: tuple[str, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    evaluation_date: date | None = None
    steps: tuple[Step, ...] = ()
    help_plan: tuple[HelpItem, ...] = ()  # hulpverleningsplan: risk-driven care, one line per risk factor
    future_plan: tuple[str, ...] = ()  # toekomstplan: goals for lasting safety and recovery
    scores: tuple[ScaleScore, ...] = ()  # every score ever given, oldest first: the scale's history
    judgement: Judgement = field(default_factory=Judgement)
    next_id: int = 1

    def latest_scores(self) -> dict[Perspective, tuple[ScaleScore, ScaleScore | None]]:
        """Per perspective: its latest score and the one before (for the trend), in perspective order."""
        latest: dict[Perspective, ScaleScore] = {}
        previous: dict[Perspective, ScaleScore] = {}
        for score in self.scores:
            if score.perspective in latest:
                previous[score.perspective] = latest[score.perspective]
            latest[score.perspective] = score
        return {p: (latest[p], previous.get(p)) for p in Perspective if p in latest}

    def open_agreements(self) -> tuple[Agreement, ...]:
        return tuple(a for a in self.agreements if a.open)


class ChangeKind(StrEnum):
    CREATED = "aangemaakt"
    ADDED = "toegevoegd"
    EDITED = "gewijzigd"
    REMOVED = "verwijderd"
    SCORED = "gescoord"
    HANDED_OVER = "overgedragen"
    CLOSED = "gesloten"


@dataclass(frozen=True)
class FieldChange:
    """A changed field; `before`/`after` hold enum values or numbers only, never free text."""

    name: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Change:
    """What one edit did, described without the card's free text (so history can be shown and logged)."""

    kind: ChangeKind
    subject: str  # e.g. "zorgsignaal", "schaal", "kader", "regie"
    number: int | None = None  # position of the item, as people saw it
    fields: tuple[FieldChange, ...] = ()
    parent: int | None = None  # for a risk factor: the position of its unsafe situation


@dataclass(frozen=True)
class VersionInfo:
    """A version's metadata: who changed which part when, and what changed."""

    number: int
    at: datetime
    author_id: str
    part: str
    changes: tuple[Change, ...]
    # Where the change came from when it was not typed on the card itself, e.g. "mdo:12" (a consult's
    # outcome) or "uitchecken:7" (a check-out's agreements); empty for an edit on the card.
    source: str = ""


@dataclass(frozen=True)
class CardVersion:
    """An append-only snapshot of the whole card after one change."""

    info: VersionInfo
    card: SafetyCard
