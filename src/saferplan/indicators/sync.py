"""Turning an imported plan's printed target rows into indicators, targets and values.

A row such as "Reduce the number of violent crimes by 7% | 1,030 | 958"
becomes (or finds) the indicator "Violent crimes", a 2010/11 target of 958
on a 2009/10 baseline of 1,030, and the value 1,030 for 2009/10.  A review
row with an actual also gives that year's value.  Every row's printed change
is recomputed and a ``PrintedFigureCheck`` stored, its ``flag`` set where
the document disagrees with its own figures.

Rows of different years that name the same measure ("domestic burglary",
"the number of domestic burglaries") share one indicator, so its values
form a series.  Values people entered or uploaded are never overwritten by
an import; a disagreement is flagged instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from saferplan.indicators.checks import check_row, polarity_from_title
from saferplan.indicators.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    PrintedFigureCheck,
)
from saferplan.indicators.periods import previous_year, year_period
from saferplan.indicators.rules import parse_figure, unit_of_printed
from saferplan.plans.models import Action, Plan, TargetRow
from saferplan.plans.periods import FinancialYear

_VERB = re.compile(
    r"^\s*(reduce|decrease|lower|cut|increase|raise|improve|grow|maintain|keep|sustain)\b"
    r"(\s*,?\s*or\s+\w+\s*,?)?\s*",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"\s+(by\s+[\d.]+\s*%|to\s+[\d.]+\s*%|from\s+[\d,.]+\s+to\s+[\d,.]+).*$",
    re.IGNORECASE | re.DOTALL,
)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_LEADING = re.compile(r"^(the\s+number\s+of\s+|the\s+)", re.IGNORECASE)
_CHANGE = re.compile(r"\bby\s+([\d.]+)\s*%", re.IGNORECASE)
_YEAR_IN_TEXT = re.compile(r"\b((?:19|20)\d\d)\s*[/\-–]\s*(\d{4}|\d{2})\b")
_NI = re.compile(r"\bNI\s?(\d+)\b", re.IGNORECASE)
_STOPWORDS = {"the", "number", "of", "a", "an", "motor", "total"}
# Words of a priority's title that say what is done rather than about what: "Tackling
# substance misuse" is about substance misuse.
_PRIORITY_FILLERS = {
    "a",
    "an",
    "and",
    "for",
    "in",
    "of",
    "on",
    "the",
    "to",
    "with",
    "related",
    "tackling",
    "improving",
    "targeting",
    "reducing",
    "preventing",
    "supporting",
}


def indicator_name(title: str) -> str:
    """ "Reduce the number of violent crimes by 7%" → "Violent crimes"."""
    text = " ".join(title.split())
    text = _PARENTHESES.sub("", text)
    text = _VERB.sub("", text, count=1)
    text = _TAIL.sub("", text)
    text = _LEADING.sub("", text).strip(" .,:;") or " ".join(title.split())
    return (text[0].upper() + text[1:])[:300]


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def indicator_key(title: str) -> str:
    """What makes two printed rows the same measure: the name's words, singular, no fillers."""
    words = re.sub(r"[^a-z0-9]+", " ", indicator_name(title).casefold()).split()
    return " ".join(_singular(w) for w in words if w not in _STOPWORDS)[:300]


def _words(text: str) -> set[str]:
    return {_singular(w) for w in re.findall(r"[a-z0-9]+", text.casefold())}


def priority_words(title: str) -> set[str]:
    """What a priority is about: "Improving perceptions" → {"perception"}."""
    return _words(title) - _PRIORITY_FILLERS


def names_priority(row_title: str, priority_title: str) -> bool:
    """Whether a target row's title names the priority: every word the priority is about
    appears in it ("Maintain the levels of perception relating to drug dealing" names
    "Improving perceptions"; "Reduce domestic burglary" does not name "Domestic abuse")."""
    about = priority_words(priority_title)
    return bool(about) and about <= _words(row_title)


def row_polarity(title: str) -> Indicator.Polarity:
    return Indicator.Polarity(polarity_from_title(title).value)


def target_year(row: TargetRow, plan: Plan) -> FinancialYear:
    """The year a row's target is for: a year its section names ("Key successes 2009/10"),
    else the plan's year."""
    for match in _YEAR_IN_TEXT.finditer(row.section or ""):
        try:
            return FinancialYear.parse(f"{match[1]}/{match[2]}")
        except ValueError:
            continue
    return plan.financial_year


@dataclass
class SyncResult:
    plan: Plan
    indicators_created: int = 0
    targets: int = 0
    values_written: int = 0
    checks: list[PrintedFigureCheck] = field(default_factory=list)

    @property
    def flags(self) -> list[PrintedFigureCheck]:
        return [c for c in self.checks if c.flag]


def sync_from_target_rows(plan: Plan, *, user=None) -> SyncResult:
    """Create or update the indicators, targets, values and checks of ``plan``'s target rows.

    Idempotent: running it again after an unchanged import changes nothing.
    Runs in its own transaction (nested in the import's when called from it).
    """
    with transaction.atomic():
        return _Sync(plan, user).run()


class _Sync:
    def __init__(self, plan: Plan, user):
        self.plan = plan
        self.user = user
        self.result = SyncResult(plan=plan)
        self.written: dict[tuple[int, str], tuple[Decimal, str]] = {}
        self.actions = list(
            Action.objects.filter(priority__plan=plan, priority__archived_at__isnull=True)
            .select_related("priority")
            .only("id", "measure", "target", "text", "priority")
        )
        self.priorities = list(plan.priorities.filter(archived_at__isnull=True).only("id", "title"))

    def save(self, obj) -> None:
        obj._history_user = self.user
        # django-simple-history keeps at most 100 characters of a reason.
        obj._change_reason = f"indicators.synced from the targets of plan {self.plan.pk}"
        obj.save()

    def run(self) -> SyncResult:
        for row in self.plan.target_rows.order_by("order", "pk"):
            self.row(row)
        return self.result

    def row(self, row: TargetRow) -> None:
        indicator = self.indicator(row)
        fy = target_year(row, self.plan)
        base_fy = previous_year(fy)
        target = self.target(indicator, row, fy, base_fy)
        conflicts = [
            self.value(indicator, year_period(base_fy).label, row.baseline, "baseline"),
            self.value(indicator, year_period(fy).label, row.actual, "actual"),
        ]
        self.check(target, row, [c for c in conflicts if c])
        self.link(indicator, row)

    def indicator(self, row: TargetRow) -> Indicator:
        key = indicator_key(row.title)
        indicator = Indicator.objects.filter(
            partnership=self.plan.partnership, import_key=key
        ).first()
        printed = " ".join(filter(None, [row.baseline, row.target, row.actual]))
        if indicator is None:
            indicator = Indicator(
                partnership=self.plan.partnership,
                import_key=key,
                name=indicator_name(row.title),
                unit=unit_of_printed(printed).value,
                polarity=row_polarity(row.title),
                frequency=Indicator.Frequency.ANNUAL,
                source=Indicator.Source.IMPORTED,
                reference=row.reference[:200],
            )
            self.save(indicator)
            self.result.indicators_created += 1
        elif row.reference and row.reference != indicator.reference:
            indicator.reference = row.reference[:200]
            self.save(indicator)
        return indicator

    def target(
        self, indicator: Indicator, row: TargetRow, fy: FinancialYear, base_fy: FinancialYear
    ) -> IndicatorTarget:
        target = IndicatorTarget.objects.filter(indicator=indicator, year=str(fy)).first()
        target = target or IndicatorTarget(indicator=indicator, year=str(fy))
        before = _fields(target) if target.pk else None
        baseline, goal = parse_figure(row.baseline), parse_figure(row.target)
        target.plan, target.source_row, target.title = self.plan, row, row.title[:500]
        target.baseline_period = str(base_fy)
        target.baseline_value = baseline.value if baseline else None
        target.target_value = goal.value if goal else None
        target.change_percent = None
        change = _CHANGE.search(row.title)
        if row.title.strip().casefold().startswith(("maintain", "keep", "sustain")):
            target.kind = IndicatorTarget.Kind.MAINTAIN
        elif goal is None and change and baseline:
            target.kind = IndicatorTarget.Kind.CHANGE
            sign = 1 if row_polarity(row.title) == Indicator.Polarity.HIGHER else -1
            target.change_percent = sign * Decimal(change[1])
        else:
            target.kind = IndicatorTarget.Kind.ABSOLUTE
        if before is None or before != _fields(target):
            self.save(target)
        self.result.targets += 1
        return target

    def value(self, indicator: Indicator, period: str, printed: str, what: str) -> str | None:
        """Store a printed figure as the period's value; a message if it disagrees."""
        figure = parse_figure(printed)
        if figure is None:
            return None
        key = (indicator.pk, period)
        if key in self.written and self.written[key][0] != figure.value:
            other_value, other_what = self.written[key]
            return (
                f"the {what} {printed.strip()} for {period} differs from the {other_what} "
                f"{indicator.format(other_value)} printed elsewhere in the plan"
            )
        self.written[key] = (figure.value, what)
        stored = IndicatorValue.objects.filter(indicator=indicator, period=period).first()
        if stored and stored.source != IndicatorValue.Source.IMPORTED:
            if stored.value == figure.value:
                return None
            return (
                f"the {what} {printed.strip()} for {period} differs from "
                f"{indicator.format(stored.value)} recorded in SaferPlan"
            )
        if stored and stored.value == figure.value:
            return None
        stored = stored or IndicatorValue(indicator=indicator, period=period)
        stored.value, stored.source, stored.entered_by = (
            figure.value,
            IndicatorValue.Source.IMPORTED,
            self.user,
        )
        stored.note = f"As printed in {self.plan.title[:200]}"
        self.save(stored)
        self.result.values_written += 1
        return None

    def check(self, target: IndicatorTarget, row: TargetRow, conflicts: list[str]) -> None:
        result = check_row(
            row.title,
            row.reference or None,
            row.baseline or None,
            row.target or None,
            row.actual or None,
            row.printed_change or None,
        )
        flag = "; ".join(filter(None, [result.flag, *conflicts]))
        check, _ = PrintedFigureCheck.objects.update_or_create(
            target=target,
            plan=self.plan,
            defaults={
                "source_row": row,
                "title": row.title[:500],
                "baseline": row.baseline,
                "target_printed": row.target,
                "actual": row.actual,
                "printed_change": row.printed_change,
                "computed_change": _decimal(result.computed_change),
                "computed_change_text": result.computed_change_text,
                "status": result.status or "",
                "agreement": result.agreement,
                "flag": flag,
            },
        )
        self.result.checks.append(check)

    def link(self, indicator: Indicator, row: TargetRow) -> None:
        """Link the indicator to the actions whose measures name it (by NI code or title),
        and to the priorities its title names; the rest stay unlinked, for a person to do."""
        for priority in self.priorities:
            if names_priority(row.title, priority.title):
                indicator.priorities.add(priority)
        codes = {m[1] for m in _NI.finditer(f"{row.reference} {row.title}")}
        title = " ".join(row.title.casefold().split())
        for action in self.actions:
            text = " ".join(f"{action.measure} {action.target}".casefold().split())
            named = title in text or any(
                m[1] in codes for m in _NI.finditer(f"{action.measure} {action.target}")
            )
            if named:
                indicator.actions.add(action)
                indicator.priorities.add(action.priority)


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
