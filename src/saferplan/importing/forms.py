"""The import forms: upload a plan document, then confirm what was read from it."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from saferplan.plans.periods import FinancialYear

ACCEPTED_EXTENSIONS = ".txt,.docx,.xlsx,.json"


def _clean_year(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return str(FinancialYear.parse(value))
    except ValueError:
        raise forms.ValidationError(
            "Enter a financial year such as 2024/25", code="invalid"
        ) from None


class UploadForm(forms.Form):
    document = forms.FileField(
        error_messages={
            "required": "Select a plan document",
            "empty": "The selected file is empty",
            "invalid": "Select a plan document",
        }
    )
    partnership = forms.CharField(
        required=False,
        max_length=200,
        error_messages={"max_length": "Partnership name must be 200 characters or fewer"},
    )
    year = forms.CharField(
        required=False,
        max_length=20,
        error_messages={"max_length": "Enter a financial year such as 2024/25"},
    )

    def clean_document(self):
        document = self.cleaned_data["document"]
        limit = settings.SAFERPLAN_MAX_UPLOAD_BYTES
        if document.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {filesizeformat(limit)}", code="too_big"
            )
        return document

    def clean_partnership(self) -> str:
        return " ".join(self.cleaned_data["partnership"].split())

    def clean_year(self) -> str:
        return _clean_year(self.cleaned_data["year"])


class ConfirmForm(forms.Form):
    staged = forms.CharField(widget=forms.HiddenInput)
    partnership = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter the name of the partnership",
            "max_length": "Partnership name must be 200 characters or fewer",
        },
    )
    year = forms.CharField(
        max_length=20,
        error_messages={
            "required": "Enter a financial year such as 2024/25",
            "max_length": "Enter a financial year such as 2024/25",
        },
    )

    def clean_partnership(self) -> str:
        value = " ".join(self.cleaned_data["partnership"].split())
        if not value:
            raise forms.ValidationError("Enter the name of the partnership", code="required")
        return value

    def clean_year(self) -> str:
        return _clean_year(self.cleaned_data["year"])


def error_list(form: forms.Form) -> list[tuple[str, str]]:
    """``(field id, message)`` pairs for the GOV.UK error summary, in field order."""
    pairs = []
    for name in form.fields:
        for message in form.errors.get(name, []):
            pairs.append((f"id_{name}", message))
    for message in form.non_field_errors():
        pairs.append(("", message))
    return pairs
