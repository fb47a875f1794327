"""The figures in Dutch, as a compact summary that reads like the JeugdLink factsheet, and the detail.

Every count goes through `cells`: a count under 5 is "<5", and no share, mean or median is shown over fewer
than 5 values.
"""

from __future__ import annotations

from collections.abc import Mapping

from commands.calendar import WorkCalendar
from commands.catalogue import t
from commands.monitor.cells import Spread, count_text, share_text
from commands.monitor.figures import Figures, PickupGroup
from commands.monitor.model import FamilyAnswer, Scope

LONG_HOURS = 48.0  # from two days on, durations read better in days


def number(value: float, decimals: int = 1) -> str:
    """Dutch decimal comma: 3.5 → "3,5"; whole numbers without decimals."""
    rounded = round(value, decimals)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.{decimals}f}".replace(".", ",")


def score(value: float) -> str:
    """A mean scale score always with one decimal ("6,0"), so it never reads as a count."""
    return f"{value:.1f}".replace(".", ",")


def hours(value: float) -> str:
    if value >= LONG_HOURS:
        return t("monitor.dagen", value=number(value / 24))
    return t("monitor.uur", value=number(value))


def days(value: float) -> str:
    return t("monitor.dagen", value=number(value))


def spread(values: Spread, unit: str = "uur") -> str:
    if values.median is None or values.p90 is None:
        return t("monitor.te_weinig")
    show = hours if unit == "uur" else days
    return t("monitor.spreiding", median=show(values.median), p90=show(values.p90))


def scope_text(scope: Scope) -> str:
    if scope.kind == "alles":
        return t("monitor.scope.alles")
    return t(f"monitor.scope.{scope.kind}", value=scope.value)


def summary(figures: Figures, calendar: WorkCalendar) -> str:
    """The compact summary: one line per figure, strongest figures first."""
    at = calendar.local(figures.computed_at).strftime("%d-%m-%Y %H:%M")
    lines = [t("monitor.kop", period=figures.period.label, scope=scope_text(figures.scope), at=at)]
    v = figures.voluntary
    line = t("monitor.vrijwillig", share=share_text(v.kept, v.closed))
    if v.drang:
        line += t("monitor.vrijwillig.drang", drang=count_text(v.drang))
    lines.append(f"- {line}")
    at_checkout, at_close = figures.family
    line = t("monitor.gezin", share=share_text(at_close.answers[FamilyAnswer.YES.value], at_close.asked))
    if at_checkout.asked:
        line += t(
            "monitor.gezin.uitchecken",
            share=share_text(at_checkout.answers[FamilyAnswer.YES.value], at_checkout.asked),
        )
    lines.append(f"- {line}")
    p = figures.pickup.total
    lines.append(
        f"- {t('monitor.vragen', asked=count_text(p.asked), in_time=share_text(p.in_time, p.decided))}"
    )
    lines.append(f"- {t('monitor.oppakken', pickup=spread(p.picked_up), joined=spread(p.joined))}")
    e = figures.escalations
    lines.append(
        "- "
        + t(
            "monitor.escalaties",
            escalated=count_text(e.escalated),
            asked=count_text(e.requests),
            picked=count_text(e.picked_up),
            withdrawn=count_text(e.withdrawn),
            nobody=count_text(e.nobody),
        )
    )
    h = figures.handovers
    lines.append(f"- {t('monitor.overdracht', share=share_text(h.kept_regie, h.brought_in))}")
    r = figures.reengagements
    line = t(
        "monitor.bijschalen",
        cases=count_text(r.cases),
        within_6=count_text(r.within_6),
        within_12=count_text(r.within_12),
        same=count_text(r.same_expert),
    )
    if r.open_6:
        line += t("monitor.bijschalen.open", open=count_text(r.open_6))
    lines.append(f"- {line}")
    i = figures.involvements
    lines.append(
        "- "
        + t(
            "monitor.betrokkenheid",
            length=spread(i.ended, "dagen"),
            open=count_text(i.open),
            older=count_text(i.open_older),
            weeks=i.weeks,
        )
    )
    c = figures.consults
    per = c.cases_per_consult
    lines.append(
        "- "
        + t(
            "monitor.mdo",
            held=count_text(c.held),
            per_consult=score(per) if per is not None and c.held >= 5 else t("monitor.geen_cijfer"),
            carried=share_text(c.carried, c.discussed + c.carried),
            decided=share_text(c.with_decision, c.discussed),
            on_time=share_text(c.actions_on_time, c.actions_due),
        )
    )
    return "\n".join(lines)


def _group_line(group: PickupGroup, label: str) -> str:
    return t(
        "monitor.detail.regel",
        label=label,
        asked=count_text(group.asked),
        pickup=spread(group.picked_up),
        in_time=share_text(group.in_time, group.decided),
    )


def detail(
    figures: Figures,
    organisation_names: Mapping[str, str],
    expertise_labels: Mapping[str, str],
) -> str:
    lines = [t("monitor.detail.kop", period=figures.period.label)]
    none = [t("monitor.detail.geen_vragen")]
    lines.append(t("monitor.detail.per_urgentie"))
    lines += [_group_line(g, t(f"request.urgency.{g.key}")) for g in figures.pickup.by_urgency] or none
    lines.append(t("monitor.detail.per_organisatie"))
    lines += [
        _group_line(g, organisation_names.get(g.key, g.key) if g.key else t("monitor.detail.niet_opgepakt"))
        for g in figures.pickup.by_organisation
    ] or none
    lines.append(t("monitor.detail.per_expertise"))
    lines += [_group_line(g, expertise_labels.get(g.key, g.key)) for g in figures.pickup.by_expertise] or none
    h = figures.handovers
    lines.append(
        t(
            "monitor.detail.overdracht",
            brought_in=count_text(h.brought_in),
            kept=count_text(h.kept_regie),
            moved=count_text(h.handed_over),
        )
    )
    for moment in ("uitchecken", "afsluiten"):
        lines.append(t("monitor.detail.schaal", moment=t(f"monitor.detail.moment.{moment}")))
        rows = [s for s in figures.safety if s.moment == moment]
        if not rows:
            lines.append(t("monitor.detail.schaal.geen"))
        for s in rows:
            shown = s.start is not None and s.at_moment is not None
            lines.append(
                t(
                    "monitor.detail.schaal.regel",
                    perspective=t(f"monitor.perspectief.{s.perspective}"),
                    start=score(s.start) if shown and s.start is not None else t("monitor.geen_cijfer"),
                    end=score(s.at_moment) if shown and s.at_moment is not None else t("monitor.geen_cijfer"),
                    n=count_text(s.n),
                )
            )
    for tally in figures.family:
        lines.append(
            t(
                "monitor.detail.gezin",
                moment=t(f"monitor.detail.moment.{tally.moment}"),
                not_recorded=count_text(tally.not_recorded),
                **{k: count_text(n) for k, n in tally.answers.items()},
            )
        )
    c = figures.consults
    lines.append(
        t(
            "monitor.detail.mdo",
            cases=count_text(c.cases),
            held=count_text(c.held),
            discussed=count_text(c.discussed),
            carried=count_text(c.carried),
            decided=count_text(c.with_decision),
            on_time=count_text(c.actions_on_time),
            due=count_text(c.actions_due),
        )
    )
    return "\n".join(lines)
