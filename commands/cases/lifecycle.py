"""A case's life: `/kaart nieuw`, the framework (`kader`), handing over the lead (`regie`) and `sluiten`.

Each change is a new card version too (with the card unchanged), so `geschiedenis` tells the whole story.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from uuid import uuid4

from commands.cases import fields as f
from commands.cases import service
from commands.cases.access import CardAction
from commands.cases.card import (
    SHORT_MAX,
    CardVersion,
    Change,
    ChangeKind,
    FieldChange,
    SafetyCard,
    VersionInfo,
)
from commands.cases.codes import DEFAULT_PREFIX, new_code
from commands.cases.form import Form
from commands.cases.handlers import ACCESS_POINT, CLICK_ACTION, DIALOG_ACCESS_POINT, CardSettings
from commands.cases.model import (
    NO_MEASURE,
    Case,
    CloseReason,
    Framework,
    FrameworkChange,
    Measure,
    MeasureKind,
    NewCase,
    end_reason_for,
)
from commands.catalogue import t
from commands.errors import UserError
from commands.inbound import CommandRequest, DialogSubmission
from commands.monitor.family import family_field, read_family
from commands.monitor.model import FamilyAnswer
from commands.outbox import direct_message
from commands.ports import AuditEvent, UnitOfWork
from commands.registry import Context
from commands.replies import (
    Button,
    CommandResult,
    Dialog,
    DialogField,
    DialogResult,
    Message,
    OpenDialog,
    Option,
    Reply,
)
from commands.roster.model import Professional, Role

NEW_CALLBACK = "kaart.nieuw"
FRAMEWORK_CALLBACK = "kaart.kader"
CLOSE_CALLBACK = "kaart.sluiten"
CODE_ATTEMPTS = 8
ALIASES = {
    "vrijwillige": "vrijwillig",
    "gedwongen_kader": "gedwongen",
    "uhp": "machtiging_uhp",
    "vots": "voorlopige_ots",
}
MUNICIPALITY_MAX = 80
LIST_BUTTONS = 20  # a button per case; a professional with more cases types the code


class CaseLifecycle:
    def __init__(self, settings: CardSettings) -> None:
        self.settings = settings

    # --- a new case ----------------------------------------------------------------------------------------
    def new(self, ctx: Context, req: CommandRequest) -> CommandResult:
        with ctx.uow() as uow:
            professional = uow.roster.professional(req.user_id)
        if professional is None or not professional.active:
            return Reply.text(t("general.not_registered"))
        if Role.LEAD not in professional.roles:
            return Reply.text(t("kaart.nieuw.geen_regiehouder"))
        municipalities = sorted(professional.municipalities)
        if municipalities:
            place = DialogField(
                "gemeente",
                t("kaart.dialoog.gemeente"),
                kind="select",
                options=tuple(Option(m, m) for m in municipalities),
                default=municipalities[0] if len(municipalities) == 1 else "",
            )
        else:
            place = f.text("gemeente", max_length=MUNICIPALITY_MAX)
        dialog = Dialog(
            callback=NEW_CALLBACK,
            title=t("kaart.nieuw.titel"),
            introduction=t("kaart.nieuw.intro"),
            # No kader preselected: the monitor counts it, so the lead chooses it (issue 10).
            fields=(place, *_framework_fields(None, Measure())),
            submit_label=t("kaart.nieuw.aanmaken"),
        )
        return OpenDialog(dialog)

    def submit_new(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        form = Form(submission.submission)
        municipality = form.text("gemeente", max_length=MUNICIPALITY_MAX)
        framework, measure = _read_framework(form)
        if not form.ok or framework is None or measure is None:
            return form.result()
        now = ctx.clock.now()
        with ctx.uow() as uow:
            professional = uow.roster.professional(submission.user_id)
            if professional is None or not professional.active or Role.LEAD not in professional.roles:
                raise UserError(t("kaart.nieuw.geen_regiehouder"))
            case = create_case(
                uow, professional, municipality, now, access_point=DIALOG_ACCESS_POINT,
                framework=framework, measure=measure, prefix=self.settings.code_prefix,
            )  # fmt: skip
            uow.outbox.add(
                direct_message(
                    f"kaart-nieuw:{case.code}",
                    submission.user_id,
                    t("kaart.nieuw.gemaakt", code=case.code, framework=f.label(framework)),
                ),
                now,
            )
            uow.commit()
        return DialogResult()

    # --- framework -----------------------------------------------------------------------------------------
    def framework(self, ctx: Context, req: CommandRequest, code: str, args: list[str]) -> CommandResult:
        """`kader` opens a dialog; `kader <kader> [<maatregel> [<sinds>]]` records it at once."""
        now = ctx.clock.now()
        if not args:
            with ctx.uow() as uow:
                case = self.settings.open(uow, code, req.user_id, CardAction.FRAMEWORK, now).case
                uow.commit()
            return OpenDialog(
                Dialog(
                    callback=FRAMEWORK_CALLBACK,
                    title=t("kaart.kader.titel"),
                    introduction=t("kaart.kader.intro", code=case.code),
                    fields=(
                        *_framework_fields(case.framework, case.measure),
                        f.text("toelichting", optional=True),
                    ),
                    submit_label=t("kaart.dialoog.opslaan"),
                    state={"code": case.code},
                )
            )
        form = Form(
            {"kader": _alias(args[0]), "maatregel": _alias(args[1]) if len(args) > 1 else "geen",
             "maatregel_sinds": " ".join(args[2:])}
        )  # fmt: skip
        framework, measure = _read_framework(form)
        if not form.ok or framework is None or measure is None:
            raise UserError(t("kaart.kader.gebruik", code=code, error=next(iter(form.errors.values()))))
        return Reply.text(
            self._change_framework(ctx, req.user_id, code, framework, measure, "", now, ACCESS_POINT)
        )

    def submit_framework(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        form = Form(submission.submission)
        framework, measure = _read_framework(form)
        note = form.text("toelichting", max_length=SHORT_MAX, required=False)
        if not form.ok or framework is None or measure is None:
            return form.result()
        code = submission.state.get("code", "")
        now = ctx.clock.now()
        self._change_framework(
            ctx, submission.user_id, code, framework, measure, note, now, DIALOG_ACCESS_POINT, confirm=True
        )
        return DialogResult()

    def _change_framework(
        self,
        ctx: Context,
        user_id: str,
        code: str,
        framework: Framework,
        measure: Measure,
        note: str,
        now: datetime,
        access_point: str,
        *,
        confirm: bool = False,
        family: FamilyAnswer | None = None,
    ) -> str:
        """Record the framework; `confirm` also sends the answer by DM (a dialog has no reply of its own)."""
        with ctx.uow() as uow:
            opened = self.settings.open(
                uow, code, user_id, CardAction.FRAMEWORK, now, access_point, for_update=True
            )
            case = opened.case
            if case.framework == framework and case.measure == measure:
                text = t("kaart.niets_veranderd")
                if confirm:
                    _confirm(
                        uow,
                        user_id,
                        f"kaart-kader:{case.code}:v{case.version}:{uuid4().hex}",
                        text,
                        now,
                    )
                    uow.commit()
                return text
            uow.cases.set_framework(case.id, FrameworkChange(now, user_id, framework, measure, note))
            fields = (
                FieldChange("framework", case.framework.value, framework.value),
                FieldChange("measure", case.measure.kind.value, measure.kind.value),
                FieldChange("measure_since", case.measure.since or "", measure.since or ""),
            )
            changed = tuple(fc for fc in fields if fc.before != fc.after)
            number = _append(
                uow, case, user_id, now, "kader", Change(ChangeKind.EDITED, "kader", None, changed)
            )
            service.audit(uow, opened, "kaart.wijzigen", now, access_point, onderdeel="kader", versie=number)
            text = t(
                "kaart.kader.vastgelegd",
                code=case.code, framework=f.label(framework), measure=_measure(measure), version=number,
            )  # fmt: skip
            if confirm:
                _confirm(uow, user_id, f"kaart-kader:{case.code}:v{number}", text, now)
            uow.commit()
        return text

    # --- lead handover -------------------------------------------------------------------------------------
    def handover(self, ctx: Context, req: CommandRequest, code: str, args: list[str]) -> CommandResult:
        """`regie @collega`: the colleague (a lead in the roster) becomes the lead; you lose access."""
        if len(args) != 1:
            raise UserError(t("kaart.regie.gebruik", code=code))
        username = args[0].lstrip("@").lower()
        now = ctx.clock.now()
        with ctx.uow() as uow:
            opened = self.settings.open(
                uow, code, req.user_id, CardAction.HANDOVER, now, ACCESS_POINT, for_update=True
            )
            case = opened.case
            colleague = uow.roster.professional_by_username(username)
            if colleague is None or not colleague.active or Role.LEAD not in colleague.roles:
                raise UserError(t("kaart.regie.geen_regiehouder", username=username))
            if colleague.user_id == case.lead_id:
                raise UserError(t("kaart.regie.al_regiehouder", username=username, code=case.code))
            uow.cases.set_lead(case.id, colleague.user_id)
            change = Change(
                ChangeKind.HANDED_OVER, "regie", None, (FieldChange("lead", case.lead_id, colleague.user_id),)
            )
            number = _append(uow, case, req.user_id, now, "regie", change)
            service.audit(
                uow, opened, "kaart.wijzigen", now, ACCESS_POINT,
                onderdeel="regie", versie=number, nieuwe_regiehouder=colleague.user_id,
            )  # fmt: skip
            giver = opened.professional.display_name if opened.professional else req.user_name
            uow.outbox.add(
                direct_message(
                    f"kaart-regie:{case.code}:v{number}",
                    colleague.user_id,
                    t("kaart.regie.ontvangen", who=giver, code=case.code),
                ),
                now,
            )
            uow.commit()
        return Reply.text(t("kaart.regie.overgedragen", code=case.code, who=colleague.display_name))

    # --- closing -------------------------------------------------------------------------------------------
    def close(self, ctx: Context, req: CommandRequest, code: str, args: list[str]) -> CommandResult:
        """`sluiten` opens a dialog; `sluiten <reden>` closes at once. Involvements end with the case."""
        now = ctx.clock.now()
        if not args:
            with ctx.uow() as uow:
                case = self.settings.open(uow, code, req.user_id, CardAction.CLOSE, now).case
                uow.commit()
            return OpenDialog(
                Dialog(
                    callback=CLOSE_CALLBACK,
                    title=t("kaart.sluiten.titel"),
                    introduction=t("kaart.sluiten.intro", code=case.code),
                    fields=(f.select("sluitreden", CloseReason), family_field()),
                    submit_label=t("kaart.sluiten.knop"),
                    state={"code": case.code},
                )
            )
        try:
            reason = CloseReason(args[0].lower())
        except ValueError:
            raise UserError(t("kaart.sluiten.gebruik", code=code)) from None
        return Reply.text(self._close(ctx, req.user_id, code, reason, now, ACCESS_POINT))

    def submit_close(self, ctx: Context, submission: DialogSubmission) -> DialogResult:
        form = Form(submission.submission)
        reason = form.choice("sluitreden", CloseReason)
        family = read_family(submission.submission)
        if isinstance(family, dict):
            return DialogResult(field_errors={**form.errors, **family})
        if not form.ok or reason is None:
            return form.result()
        now = ctx.clock.now()
        self._close(
            ctx, submission.user_id, submission.state.get("code", ""), reason, now, DIALOG_ACCESS_POINT,
            confirm=True, family=family,
        )  # fmt: skip
        return DialogResult()

    def _close(
        self,
        ctx: Context,
        user_id: str,
        code: str,
        reason: CloseReason,
        now: datetime,
        access_point: str,
        *,
        confirm: bool = False,
        family: FamilyAnswer | None = None,
    ) -> str:
        with ctx.uow() as uow:
            opened = self.settings.open(
                uow, code, user_id, CardAction.CLOSE, now, access_point, for_update=True
            )
            case = opened.case
            uow.cases.close(case.id, now, reason.value)
            if family is not None:
                uow.monitor.record_close_answer(case.id, family)
            ended = [
                i for i in uow.cases.active_for_case(case.id)
                if uow.cases.end_involvement(i.id, now, end_reason_for(reason)) is not None
            ]  # fmt: skip
            change = Change(ChangeKind.CLOSED, "casus", None, (FieldChange("reason", "", reason.value),))
            number = _append(uow, case, user_id, now, "sluiten", change)
            service.audit(
                uow, opened, "kaart.wijzigen", now, access_point,
                onderdeel="sluiten", versie=number, reden=reason.value, beeindigd=len(ended),
            )  # fmt: skip
            for involvement in ended:
                uow.outbox.add(
                    direct_message(
                        f"kaart-sluiten:{case.code}:{involvement.id}",
                        involvement.expert_id,
                        t("kaart.sluiten.melding", code=case.code, reason=f.label(reason)),
                    ),
                    now,
                )
            text = t(
                "kaart.sluiten.gesloten",
                code=case.code,
                reason=f.label(reason),
                count=len(ended),
                version=number,
            )
            if confirm:
                _confirm(uow, user_id, f"kaart-gesloten:{case.code}", text, now)
            uow.commit()
        return text

    # --- your cases ----------------------------------------------------------------------------------------
    def mine(self, ctx: Context, req: CommandRequest) -> CommandResult:
        """`/kaart lijst`: the cases you lead and those you are aboard as an expert (codes only)."""
        with ctx.uow() as uow:
            led = uow.cases.led_by(req.user_id)
            aboard = uow.cases.active_for_expert(req.user_id)
            cases = uow.cases.by_ids([i.case_id for i in aboard])
        if not led and not aboard:
            return Reply.text(t("kaart.lijst.leeg"))
        lines = [t("kaart.lijst.kop")]
        lines += [t("kaart.lijst.regie", code=c.code, framework=f.label(c.framework)) for c in led]
        mine = [i for i in aboard if i.case_id in cases]
        lines += [
            t("kaart.lijst.expert", code=cases[i.case_id].code, framework=f.label(cases[i.case_id].framework))
            for i in mine
        ]
        codes = [c.code for c in led] + [cases[i.case_id].code for i in mine]
        lines.append(t("kaart.lijst.knoppen"))
        buttons = tuple(
            Button(code, CLICK_ACTION, {"code": code, "doe": "bekijken"}) for code in codes[:LIST_BUTTONS]
        )
        return Reply(Message("\n".join(lines), buttons=buttons))


def create_case(
    uow: UnitOfWork,
    lead: Professional,
    municipality: str,
    now: datetime,
    *,
    access_point: str,
    framework: Framework,  # asked, never assumed: the monitor counts the voluntary framework (issue 10)
    measure: Measure = NO_MEASURE,
    prefix: str = DEFAULT_PREFIX,
) -> Case:
    """Create a case led by `lead` inside the caller's transaction (audited, not committed).

    Shared with features that start a case on the way (asking for an expert without a code yet); the caller
    checks that `lead` may lead cases and tells them the code.
    """
    code = fresh_code(uow, prefix)
    first = CardVersion(
        VersionInfo(1, now, lead.user_id, "nieuw", (Change(ChangeKind.CREATED, "casus"),)), SafetyCard()
    )
    new = NewCase(code, municipality, lead.user_id, framework, measure, now, lead.user_id)
    case = uow.cases.add(new, first)
    uow.audit.record(
        AuditEvent(
            at=now,
            actor_id=lead.user_id,
            action="casus.aanmaken",
            case_code=case.code,
            authorisation="regiehouder",
            access_point=access_point,
            detail={"organisatie": lead.organisation.key, "versie": "1"},
        )
    )
    return case


def fresh_code(uow: UnitOfWork, prefix: str = DEFAULT_PREFIX, draw: Callable[[str], str] = new_code) -> str:
    """A random code nobody uses yet; the unique constraint backs this check against a concurrent twin."""
    for _ in range(CODE_ATTEMPTS):
        code = draw(prefix)
        if not uow.cases.code_taken(code):
            return code
    raise RuntimeError("no free case code after several attempts")  # 31^5 codes: a sign of a broken RNG


def _append(uow: UnitOfWork, case: Case, user_id: str, now: datetime, part: str, change: Change) -> int:
    """A version recording a case-level change; the card's content stays as it was."""
    current = uow.cases.latest_card(case.id)
    number = current.info.number + 1
    uow.cases.append_version(
        case.id, CardVersion(VersionInfo(number, now, user_id, part, (change,)), current.card)
    )
    return number


def _confirm(uow: UnitOfWork, user_id: str, key: str, text: str, now: datetime) -> None:
    uow.outbox.add(direct_message(key, user_id, text), now)


def _framework_fields(framework: Framework | None, measure: Measure) -> tuple[DialogField, ...]:
    return (
        f.select("kader", Framework, framework),
        f.select("maatregel", MeasureKind, measure.kind),
        f.text("maatregel_sinds", f.month_text(measure.since), optional=True, free_text=False),
    )


def _read_framework(form: Form) -> tuple[Framework | None, Measure | None]:
    framework = form.choice("kader", Framework)
    kind = form.choice("maatregel", MeasureKind, default=MeasureKind.NONE)
    since = form.month("maatregel_sinds")
    if framework is None or kind is None:
        return framework, None
    if framework is Framework.COMPULSORY and kind is MeasureKind.NONE:
        form.error("maatregel", t("kaart.kader.maatregel_nodig"))
    if framework is not Framework.COMPULSORY and kind is not MeasureKind.NONE:
        form.error("maatregel", t("kaart.kader.geen_maatregel", framework=f.label(framework)))
    if since and kind is MeasureKind.NONE:
        since = None
    return framework, Measure(kind, since)


def _alias(word: str) -> str:
    word = word.lower().replace("-", "_")
    return ALIASES.get(word, word)


def _measure(measure: Measure) -> str:
    if measure.kind is MeasureKind.NONE:
        return ""
    since = f" {t('kaart.sinds', since=f.month_text(measure.since))}" if measure.since else ""
    return f" ({f.label(measure.kind)}{since})"


# The framework fields and their reading, shared with features that create a case on the way (`/erbij` nieuw).
framework_fields = _framework_fields
read_framework = _read_framework
