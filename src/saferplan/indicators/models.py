"""Performance indicators, their values over time, their targets, and checks of printed figures."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from saferplan.indicators import rules
from saferplan.indicators.forecast import DEFAULT_AMBER_TOLERANCE, DEFAULT_GREEN_TOLERANCE
from saferplan.indicators.periods import Period, PeriodKind, parse_period
from saferplan.partnerships.models import Agency, Partnership
from saferplan.plans.models import Action, Plan, Priority, TargetRow
from saferplan.plans.periods import FinancialYear


class Indicator(models.Model):
    class Unit(models.TextChoices):
        COUNT = rules.Unit.COUNT.value, "Count"
        PERCENTAGE = rules.Unit.PERCENTAGE.value, "Percentage"
        RATE = rules.Unit.RATE.value, "Rate per 1,000 population"
        MONEY = rules.Unit.MONEY.value, "Money (£)"

    class Polarity(models.TextChoices):
        LOWER = rules.Polarity.LOWER_IS_BETTER.value, "Lower is better"
        HIGHER = rules.Polarity.HIGHER_IS_BETTER.value, "Higher is better"
        MAINTAIN = rules.Polarity.MAINTAIN.value, "Maintain (no worse than baseline)"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"

    class Source(models.TextChoices):
        ENTERED = "entered", "Entered in a form"
        UPLOADED = "uploaded", "Uploaded in a spreadsheet"
        COMPUTED = "computed", "Computed from the strategic assessment"
        IMPORTED = "imported", "Imported from a plan document"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="indicators"
    )
    name = models.CharField(max_length=300)
    reference = models.CharField(
        max_length=200, blank=True, help_text="A national indicator (NI32) or a plan it serves."
    )
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.COUNT)
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.LOWER)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.ANNUAL)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    owner = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name="owning agency",
    )
    priorities = models.ManyToManyField(Priority, blank=True, related_name="indicators")
    actions = models.ManyToManyField(Action, blank=True, related_name="indicators")
    # For ``source=computed``: what to count in the strategic assessment's police.uk data.
    crime_type = models.CharField(
        max_length=60, blank=True, help_text="A police.uk crime type, or All crime."
    )
    district_codes = models.JSONField(
        default=list, blank=True, help_text="The partnership's districts to count; none: all."
    )
    change_decimals = models.PositiveSmallIntegerField(
        default=0, help_text="Decimals to print the change from baseline with (0 or 1)."
    )
    import_key = models.CharField(
        max_length=300, blank=True, help_text="Matches rows of imported plans to this indicator."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "import_key"],
                condition=~models.Q(import_key=""),
                name="one_indicator_per_import_key",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.partnership.slug, self.pk])

    @property
    def rules_unit(self) -> rules.Unit:
        return rules.Unit(self.unit)

    @property
    def rules_polarity(self) -> rules.Polarity:
        return rules.Polarity(self.polarity)

    def format(self, value: Decimal | None) -> str:
        return rules.format_value(value, self.rules_unit)

    def format_target(self, value: Decimal | None) -> str:
        """A target or forecast: whole for counts, as the documents print them."""
        return rules.format_target(value, self.rules_unit)


class IndicatorValue(models.Model):
    """One figure for one period: a month, a quarter or a financial year."""

    class Source(models.TextChoices):
        ENTERED = "entered", "Entered"
        UPLOADED = "uploaded", "Uploaded"
        IMPORTED = "imported", "Imported"
        COMPUTED = "computed", "Computed"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_kind = models.CharField(
        max_length=10, choices=[(k.value, k.value.capitalize()) for k in PeriodKind]
    )
    period = models.CharField(max_length=12, help_text="2024-05, 2024/25 Q1 or 2024/25.")
    period_start = models.DateField(editable=False)
    value = models.DecimalField(max_digits=16, decimal_places=4)
    note = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start", "period_kind"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_value_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period} = {self.value}"

    def save(self, *args, **kwargs) -> None:
        parsed = self.parsed_period
        self.period, self.period_kind, self.period_start = parsed.label, parsed.kind, parsed.start
        super().save(*args, **kwargs)

    @property
    def parsed_period(self) -> Period:
        return parse_period(self.period)

    @property
    def formatted(self) -> str:
        return self.indicator.format(self.value)


class IndicatorTarget(models.Model):
    """What a plan year aims for: an absolute figure, a change from the baseline, or maintain."""

    class Kind(models.TextChoices):
        ABSOLUTE = "absolute", "A figure"
        CHANGE = "change", "A change from the baseline"
        AMOUNT = "amount", "A change from the baseline by an amount"
        MAINTAIN = "maintain", "Maintain the baseline"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicator_targets"
    )
    year = models.CharField(max_length=7, help_text="The financial year the target is for.")
    title = models.CharField(max_length=500, blank=True, help_text="As the plan printed it.")
    baseline_period = models.CharField(max_length=12, blank=True)
    baseline_value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ABSOLUTE)
    target_value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    change_percent = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="-5 for 'reduce by 5%'; in percentage points for percentage indicators.",
    )
    change_amount = models.DecimalField(
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="-20 for 'reduce by 20 incidents'; in the indicator's unit.",
    )
    green_tolerance = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_GREEN_TOLERANCE,
        help_text="Green while the forecast is at most this much worse than target "
        "(% of target, or points for percentages).",
    )
    amber_tolerance = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_AMBER_TOLERANCE,
        help_text="Amber up to this much worse than target; red beyond.",
    )
    source_row = models.ForeignKey(
        TargetRow, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"

    def save(self, *args, **kwargs) -> None:
        self.year = str(FinancialYear.parse(self.year))
        super().save(*args, **kwargs)

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear.parse(self.year)

    @property
    def goal(self) -> Decimal | None:
        """The figure to meet: absolute, baseline changed by the percentage, or the baseline."""
        return self.goal_for(self.baseline_value)

    def goal_for(self, baseline: Decimal | None) -> Decimal | None:
        """The goal on ``baseline`` (the stored one, or the baseline period's recorded value)."""
        if self.kind == self.Kind.ABSOLUTE:
            return self.target_value
        if self.kind == self.Kind.MAINTAIN:
            return baseline if self.target_value is None else self.target_value
        if self.kind == self.Kind.AMOUNT:
            if baseline is None or self.change_amount is None:
                return None
            return baseline + self.change_amount
        if baseline is None or self.change_percent is None:
            return None
        if self.indicator.unit == Indicator.Unit.PERCENTAGE:
            return baseline + self.change_percent
        return rules.target_from_change(baseline, self.change_percent)


class PrintedFigureCheck(models.Model):
    """What an imported plan printed for a target, recomputed; ``flag`` says where it is wrong."""

    target = models.ForeignKey(IndicatorTarget, on_delete=models.CASCADE, related_name="checks")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="figure_checks")
    source_row = models.ForeignKey(
        TargetRow, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=500)
    baseline = models.CharField(max_length=100, blank=True)
    target_printed = models.CharField(max_length=100, blank=True)
    actual = models.CharField(max_length=100, blank=True)
    printed_change = models.CharField(max_length=100, blank=True)
    computed_change = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    computed_change_text = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, blank=True)
    agreement = models.CharField(
        max_length=20, choices=[(a.value, a.value.replace("_", " ")) for a in rules.Agreement]
    )
    flag = models.TextField(blank=True)
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["target", "plan"], name="one_check_per_target_and_plan")
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.agreement}"
