"""Forms for indicators: a figure, a spreadsheet of them, an indicator's definition, a target."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from saferplan.assessment.rules import REPORT_TYPES
from saferplan.indicators.models import Indicator, IndicatorTarget
from saferplan.indicators.periods import parse_period
from saferplan.indicators.rules import parse_figure
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, Plan, Priority
from saferplan.plans.periods import FinancialYear

ACCEPTED = ".csv,.xlsx"


class ValueForm(forms.Form):
    period = forms.CharField(
        max_length=20,
        error_messages={
            "required": "Enter the period, such as 2024/25 Q1",
            "max_length": "Enter the period, such as 2024/25 Q1",
        },
    )
    value = forms.CharField(
        max_length=30,
        error_messages={
            "required": "Enter the value",
            "max_length": "Enter the value as a number, such as 1,193",
        },
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "The note must be 2,000 characters or fewer"},
    )

    def clean_period(self):
        try:
            return parse_period(self.cleaned_data["period"])
        except ValueError:
            raise forms.ValidationError(
                "Enter a month (2024-05), a quarter (2024/25 Q1) or a financial year (2024/25)",
                code="invalid",
            ) from None

    def clean_value(self):
        figure = parse_figure(self.cleaned_data["value"])
        if figure is None:
            raise forms.ValidationError(
                "Enter the value as a number, such as 1,193 or 22.7", code="invalid"
            )
        return figure.value

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()


class UploadForm(forms.Form):
    spreadsheet = forms.FileField(
        error_messages={
            "required": "Select a CSV or Excel file of values",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV or Excel file of values",
        }
    )

    def clean_spreadsheet(self):
        upload = self.cleaned_data["spreadsheet"]
        name = (upload.name or "").casefold()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or XLSX", code="type")
        limit = settings.SAFERPLAN_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {filesizeformat(limit)}", code="too_big"
            )
        return upload


def error_list(form: forms.Form) -> list[tuple[str, str]]:
    """``(field id, message)`` pairs for the GOV.UK error summary, in field order."""
    pairs = [(f"id_{name}", m) for name in form.fields for m in form.errors.get(name, [])]
    pairs += [("", m) for m in form.non_field_errors()]
    return pairs


def _decimal(text: str, message: str):
    """A typed number ("1,193", "-5", "22.7%") as a Decimal; blank is None."""
    if not (text or "").strip():
        return None
    figure = parse_figure(text)
    if figure is None:
        raise forms.ValidationError(message, code="invalid")
    return figure.value


class IndicatorForm(forms.Form):
    """Define or change an indicator; choices come from the partnership (see ``__init__``)."""

    name = forms.CharField(
        max_length=300,
        error_messages={
            "required": "Enter the indicator's name",
            "max_length": "The name must be 300 characters or fewer",
        },
    )
    reference = forms.CharField(
        required=False,
        max_length=200,
        error_messages={"max_length": "The reference must be 200 characters or fewer"},
    )
    description = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"max_length": "The description must be 5,000 characters or fewer"},
    )
    unit = forms.ChoiceField(
        choices=Indicator.Unit.choices, error_messages={"required": "Select the unit"}
    )
    polarity = forms.ChoiceField(
        choices=Indicator.Polarity.choices,
        error_messages={"required": "Select whether lower or higher is better"},
    )
    frequency = forms.ChoiceField(
        choices=Indicator.Frequency.choices,
        error_messages={"required": "Select how often it is measured"},
    )
    source = forms.ChoiceField(
        choices=[c for c in Indicator.Source.choices if c[0] != Indicator.Source.IMPORTED],
        error_messages={"required": "Select where its values come from"},
    )
    crime_type = forms.ChoiceField(
        required=False, choices=[("", "Select a crime type"), *[(t, t) for t in REPORT_TYPES]]
    )
    district_codes = forms.MultipleChoiceField(required=False, choices=[])
    owner = forms.ModelChoiceField(
        required=False,
        queryset=Agency.objects.none(),
        error_messages={"invalid_choice": "Select an agency of the partnership"},
    )
    priorities = forms.ModelMultipleChoiceField(
        required=False,
        queryset=Priority.objects.none(),
        error_messages={"invalid_choice": "Select priorities of this partnership's plans"},
    )
    actions = forms.ModelMultipleChoiceField(
        required=False,
        queryset=Action.objects.none(),
        error_messages={"invalid_choice": "Select actions of this partnership's plans"},
    )

    change_decimals = forms.TypedChoiceField(
        coerce=int,
        choices=[(0, "To whole percent, such as -7%"), (1, "To one decimal, such as -6.9%")],
        error_messages={"required": "Select how to print the change from baseline"},
    )

    def __init__(self, *args, partnership, districts: dict[str, str], imported=False, **kw):
        super().__init__(*args, **kw)
        self.partnership = partnership
        if imported:  # an imported indicator may stay so; a new one cannot claim to be
            self.fields["source"].choices = Indicator.Source.choices
        self.fields["district_codes"].choices = list(districts.items())
        self.fields["owner"].queryset = partnership.agencies.order_by("name")
        live = {"archived_at__isnull": True}
        self.fields["priorities"].queryset = (
            Priority.objects.filter(plan__partnership=partnership, **live)
            .select_related("plan")
            .order_by("-plan__start_date", "order", "pk")
        )
        self.fields["actions"].queryset = (
            Action.objects.filter(
                priority__plan__partnership=partnership, priority__archived_at__isnull=True, **live
            )
            .select_related("priority__plan")
            .order_by("-priority__plan__start_date", "priority__order", "order", "pk")
        )

    def clean(self):
        data = super().clean()
        if data.get("source") != Indicator.Source.COMPUTED:
            data["crime_type"], data["district_codes"] = "", []
            return data
        if not self.fields["district_codes"].choices:
            self.add_error(
                "source",
                "The partnership has no districts, so nothing can be computed: "
                "set its districts first",
            )
        if not data.get("crime_type"):
            self.add_error("crime_type", "Select the crime type to count")
        if data.get("unit") and data["unit"] != Indicator.Unit.COUNT:
            self.add_error("unit", "An indicator computed from the assessment is a count")
        return data

    @property
    def selected(self) -> dict[str, set[str]]:
        """The ticked boxes of each multiple choice, as strings (typed or initial)."""
        names = ("district_codes", "priorities", "actions")
        return {name: {str(v) for v in (self[name].value() or [])} for name in names}

    def grouped_actions(self) -> list[tuple[str, list]]:
        """The action checkboxes under headings of plan and priority."""
        groups: dict[str, list] = {}
        for action in self.fields["actions"].queryset:
            priority = action.priority
            groups.setdefault(f"{priority.plan.year}: {priority.title}", []).append(action)
        return list(groups.items())


GREEN_REQUIRED = "Enter how far from target is still on track, such as 0"
AMBER_REQUIRED = "Enter how far from target is at risk, such as 5"


class TargetForm(forms.Form):
    year = forms.CharField(
        max_length=9,
        error_messages={
            "required": "Enter the financial year, such as 2024/25",
            "max_length": "Enter the financial year, such as 2024/25",
        },
    )
    plan = forms.ModelChoiceField(
        required=False,
        queryset=Plan.objects.none(),
        error_messages={"invalid_choice": "Select a plan of this partnership"},
    )
    title = forms.CharField(
        required=False,
        max_length=500,
        error_messages={"max_length": "The wording must be 500 characters or fewer"},
    )
    baseline_period = forms.CharField(
        required=False,
        max_length=20,
        error_messages={"max_length": "Enter the baseline period, such as 2023/24"},
    )
    baseline_value = forms.CharField(required=False, max_length=30)
    kind = forms.ChoiceField(
        choices=IndicatorTarget.Kind.choices,
        error_messages={"required": "Select what the target is"},
    )
    target_value = forms.CharField(required=False, max_length=30)
    change_percent = forms.CharField(required=False, max_length=30)
    change_amount = forms.CharField(required=False, max_length=30)
    green_tolerance = forms.CharField(max_length=10, error_messages={"required": GREEN_REQUIRED})
    amber_tolerance = forms.CharField(max_length=10, error_messages={"required": AMBER_REQUIRED})

    def __init__(self, *args, indicator, target=None, **kw):
        super().__init__(*args, **kw)
        self.indicator, self.target = indicator, target
        self.fields["plan"].queryset = Plan.objects.filter(
            partnership_id=indicator.partnership_id
        ).order_by("-start_date")

    def clean_year(self) -> str:
        try:
            year = str(FinancialYear.parse(self.cleaned_data["year"].strip()))
        except ValueError:
            raise forms.ValidationError(
                "Enter the financial year, such as 2024/25", code="invalid"
            ) from None
        others = IndicatorTarget.objects.filter(indicator=self.indicator, year=year)
        if self.target is not None:
            others = others.exclude(pk=self.target.pk)
        if others.exists():
            raise forms.ValidationError(
                f"There is already a target for {year}: change that one instead", code="unique"
            )
        return year

    def clean_baseline_period(self) -> str:
        text = self.cleaned_data["baseline_period"].strip()
        if not text:
            return ""
        try:
            return parse_period(text).label
        except ValueError:
            raise forms.ValidationError(
                "Enter the baseline period as a month (2024-05), a quarter (2024/25 Q1) "
                "or a financial year (2023/24)",
                code="invalid",
            ) from None

    def clean_baseline_value(self):
        return _decimal(self.cleaned_data["baseline_value"], "Enter the baseline as a number")

    def clean_target_value(self):
        return _decimal(self.cleaned_data["target_value"], "Enter the target as a number")

    def clean_change_percent(self):
        return _decimal(
            self.cleaned_data["change_percent"], "Enter the change as a number, such as -5"
        )

    def clean_change_amount(self):
        return _decimal(
            self.cleaned_data["change_amount"], "Enter the change as a number, such as -20"
        )

    def clean_green_tolerance(self):
        return _tolerance(self.cleaned_data["green_tolerance"], GREEN_REQUIRED)

    def clean_amber_tolerance(self):
        return _tolerance(self.cleaned_data["amber_tolerance"], AMBER_REQUIRED)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needs = {
            IndicatorTarget.Kind.ABSOLUTE: ("target_value", "Enter the target"),
            IndicatorTarget.Kind.CHANGE: ("change_percent", "Enter the change from the baseline"),
            IndicatorTarget.Kind.AMOUNT: ("change_amount", "Enter the change from the baseline"),
        }
        if kind in needs:
            name, message = needs[kind]
            if name not in self.errors and data.get(name) is None:
                self.add_error(name, message)
        if kind == IndicatorTarget.Kind.MAINTAIN:
            data["target_value"] = None
        # A change or "maintain" is measured from the baseline: one must be given.
        relative = kind in (
            IndicatorTarget.Kind.CHANGE,
            IndicatorTarget.Kind.AMOUNT,
            IndicatorTarget.Kind.MAINTAIN,
        )
        no_baseline = data.get("baseline_value") is None and not data.get("baseline_period")
        if relative and no_baseline and "baseline_value" not in self.errors:
            self.add_error("baseline_value", "Enter the baseline, or the period whose value it is")
        green, amber = data.get("green_tolerance"), data.get("amber_tolerance")
        if green is not None and amber is not None and amber < green:
            self.add_error(
                "amber_tolerance", "The amber threshold must be at least the green threshold"
            )
        return data


def _tolerance(text: str, message: str):
    value = _decimal(text, message)
    if value is None or value < 0 or value >= 1000:
        raise forms.ValidationError(message, code="invalid")
    return value
