"""Checking a plan's printed target rows against their own figures."""

from __future__ import annotations

import re
from dataclasses import dataclass

from saferplan.indicators.rules import (
    Agreement,
    Polarity,
    check_printed_change,
    parse_figure,
    printed_verdict,
    verdict,
    verdicts_agree,
)

_REDUCE = re.compile(r"^\s*(reduce|decrease|lower|cut)\b", re.IGNORECASE)
_INCREASE = re.compile(r"^\s*(increase|raise|improve|grow)\b", re.IGNORECASE)
_MAINTAIN = re.compile(r"^\s*(maintain|keep|sustain)\b", re.IGNORECASE)
_OR_BETTER = re.compile(r"^\s*\w+\s*,?\s*or\s+(\w+)", re.IGNORECASE)


def polarity_from_title(title: str) -> Polarity:
    """ "Reduce ..." is lower-is-better, "Increase ..." higher, "Maintain ..." maintain;
    "Maintain, or improve, ..." is higher-is-better and "Maintain, or reduce, ..." lower."""
    if _INCREASE.match(title):
        return Polarity.HIGHER_IS_BETTER
    if _MAINTAIN.match(title):
        either = _OR_BETTER.match(title)
        if either and _INCREASE.match(either[1]):
            return Polarity.HIGHER_IS_BETTER
        if either and _REDUCE.match(either[1]):
            return Polarity.LOWER_IS_BETTER
        return Polarity.MAINTAIN
    return Polarity.LOWER_IS_BETTER  # "Reduce ..." and most community-safety measures


@dataclass
class TargetCheck:
    title: str
    reference: str | None
    baseline: str | None
    target: str | None
    actual: str | None
    printed_change: str | None
    computed_change: float | None
    computed_change_text: str
    status: str | None
    agreement: str
    flag: str | None
    section: str | None = None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def check_row(
    title: str,
    reference: str | None,
    baseline: str | None,
    target: str | None,
    actual: str | None,
    printed_change: str | None,
    section: str | None = None,
) -> TargetCheck:
    """Recompute one target row: its change, its verdict, and whether the print agrees."""
    base, goal, real = parse_figure(baseline), parse_figure(target), parse_figure(actual)
    check = check_printed_change(base, real, printed_change)
    ours = verdict(
        polarity_from_title(title),
        goal.value if goal else None,
        real.value if real else None,
        base.value if base else None,
    )
    flag = check.message or None
    agreement = check.agreement
    printed = printed_verdict(printed_change)
    if not verdicts_agree(ours, printed):
        agreement = Agreement.INCONSISTENT
        flag = f"printed {printed_change.strip()} but the figures say the target was {ours}"
    return TargetCheck(
        title=title,
        reference=reference,
        baseline=baseline,
        target=target,
        actual=actual,
        printed_change=printed_change,
        computed_change=None if check.computed is None else round(float(check.computed), 2),
        computed_change_text=check.computed_text,
        status=None if ours is None else str(ours),
        agreement=str(agreement),
        flag=flag,
        section=section,
    )


def check_plan_targets(plan) -> list[TargetCheck]:
    return [
        check_row(
            row.title,
            row.reference or None,
            row.baseline or None,
            row.target or None,
            row.actual or None,
            row.printed_change or None,
            row.section or None,
        )
        for row in plan.target_rows.all()
    ]


def check_parsed_targets(targets) -> list[TargetCheck]:
    """The same checks on a document's targets before it is stored (the import preview)."""
    return [
        check_row(
            t.title,
            t.reference or None,
            t.baseline or None,
            t.target or None,
            t.actual or None,
            t.printed_change or None,
            t.section or None,
        )
        for t in targets
    ]
