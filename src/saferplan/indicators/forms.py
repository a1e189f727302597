"""Forms for indicator values: one figure, or a spreadsheet of them."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from saferplan.indicators.periods import parse_period
from saferplan.indicators.rules import parse_figure

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
