"""Forms for the returns pages: one row per action, and the manager's small forms.

``ReturnSheet`` is the returns form of My returns, the single return page and
the secure link page: one ``ReturnRowForm`` per action, saved all or nothing
through ``save_return`` so that two people editing never lose each other's work.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat

from saferplan.monitoring.evidence import ALLOWED, MAX_BYTES, attach_evidence, detect_type
from saferplan.monitoring.models import ReportingPeriod
from saferplan.monitoring.queries import ReturnRow
from saferplan.monitoring.returns import ReturnError, ReturnInput, StaleReturn, save_return
from saferplan.monitoring.rules import offers_value
from saferplan.plans.models import UpdateStatus

EVIDENCE_TYPES = ", ".join([*ALLOWED.values(), "text or CSV"])
_MAX_VALUE = Decimal("1e12")


def _number(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").replace("£", "").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise forms.ValidationError("invalid") from None
    if (
        not value.is_finite()
        or abs(value) >= _MAX_VALUE
        or value != value.quantize(Decimal("0.01"))
    ):
        raise forms.ValidationError("invalid")
    return value


class ReturnRowForm(forms.Form):
    """One action's return; the ``row`` gives the action (for messages) and the saved return."""

    status = forms.ChoiceField(choices=UpdateStatus.choices, required=False)
    text = forms.CharField(required=False, max_length=10_000, strip=True)
    value = forms.CharField(required=False, max_length=30)
    version = forms.IntegerField(required=False, min_value=0)
    evidence = forms.FileField(required=False)

    def __init__(self, *args, row: ReturnRow, submit: bool = False, **kwargs):
        self.row = row
        self.submit = submit
        self.stale: StaleReturn | None = None
        current = row.current
        kwargs.setdefault(
            "initial",
            {
                "status": current.status if current else "",
                "text": current.text if current else "",
                "value": "" if not current or current.value is None else f"{current.value:f}",
                "version": current.version if current else 0,
            },
        )
        super().__init__(*args, prefix=row.prefix, **kwargs)
        action = row.action
        current_value = current.value if current else None
        if not offers_value(action.measure, action.target, action.baseline, current_value):
            del self.fields["value"]  # the measure is not a number: nothing to count

    @property
    def offers_value(self) -> bool:
        return "value" in self.fields

    @property
    def ref(self) -> str:
        return self.row.action.ref

    def clean_value(self) -> Decimal | None:
        try:
            return _number(self.cleaned_data["value"])
        except forms.ValidationError:
            raise forms.ValidationError(
                f"Enter the value for action {self.ref} as a number, such as 12 or 3.5",
                code="invalid",
            ) from None

    def clean_text(self) -> str:
        return self.cleaned_data["text"]

    def clean_evidence(self):
        upload = self.cleaned_data["evidence"]
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            limit = filesizeformat(MAX_BYTES)
            raise forms.ValidationError(
                f"The evidence file for action {self.ref} must be smaller than {limit}"
            )
        data = upload.read()
        if not data:
            raise forms.ValidationError(f"The evidence file for action {self.ref} is empty")
        if detect_type(data) is None:
            raise forms.ValidationError(
                f"The evidence file for action {self.ref} must be a {EVIDENCE_TYPES}"
            )
        return (upload.name or "evidence")[-200:], data

    def clean(self):
        data = super().clean()
        if not self.filled:
            return data
        status = data.get("status")
        if not status and "status" not in self.errors:
            self.add_error("status", f"Select a status for action {self.ref}")
        if self.submit and status and status != "no_data" and not data.get("text"):
            self.add_error(
                "text", f"Enter a progress update for action {self.ref}, or select No data"
            )
        return data

    @property
    def filled(self) -> bool:
        """Whether the person wrote anything in this row (a blank row is left alone)."""
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("status", "text", "value", "evidence"))

    def entry(self) -> ReturnInput | None:
        """What to save, or None when the row is blank or unchanged."""
        data = self.cleaned_data
        if not any(data.get(name) for name in ("status", "text", "value")):
            return None
        current = self.row.current
        # No value field (the measure is not a number): whatever is stored stays.
        value = data.get("value", current.value if current else None)
        unchanged = current is not None and (
            current.status == data["status"]
            and current.text == data["text"]
            and current.value == value
        )
        if unchanged and (not self.submit or current.state == "submitted"):
            return None
        return ReturnInput(
            text=data["text"],
            status=data["status"],
            value=value,
            submit=self.submit,
            based_on_version=data.get("version"),
        )


class ReturnSheet:
    """The returns of several actions, validated together and saved all or nothing."""

    def __init__(self, rows: list[ReturnRow], data=None, files=None, *, submit: bool = False):
        self.data = data.copy() if data is not None else None
        self.forms = [
            ReturnRowForm(self.data, files, row=row, submit=submit)
            if data is not None
            else ReturnRowForm(row=row)
            for row in rows
        ]
        self.saved = 0

    def is_valid(self) -> bool:
        return all(form.is_valid() for form in self.forms)

    def errors(self) -> list[tuple[str, str]]:
        """``(field id, message)`` pairs for the error summary, in page order."""
        pairs = []
        for form in self.forms:
            for name in form.fields:
                for message in form.errors.get(name, []):
                    pairs.append((f"id_{form.prefix}-{name}", message))
            pairs += [(f"id_{form.prefix}-status", m) for m in form.non_field_errors()]
        return pairs

    def save(self, period: ReportingPeriod, *, user, reason: str = "") -> bool:
        """Save every changed row; on any refusal save none and mark the rows refused."""
        with transaction.atomic():
            updates = []
            for form in self.forms:
                updates.append(self._save_row(form, period, user, reason))
            if any(form.errors for form in self.forms):
                transaction.set_rollback(True)
                return False
            for form, update in zip(self.forms, updates, strict=True):
                upload = form.cleaned_data.get("evidence")
                if upload and update is not None:
                    attach_evidence(update, upload[0], upload[1], user=user)
        return True

    def _save_row(self, form: ReturnRowForm, period, user, reason):
        entry = form.entry()
        if entry is None:
            return form.row.current
        try:
            # Each save is a savepoint: a refused row leaves the others to be checked.
            update = save_return(form.row.action, period, entry, user=user, reason=reason)
        except StaleReturn as stale:
            form.stale = stale
            form.add_error("text", f"Action {form.ref}: {stale}")
            # Saving again means "keep mine": base it on the version now shown.
            self.data[f"{form.prefix}-version"] = str(stale.current.version)
            return None
        except ReturnError as error:
            form.add_error("status", f"Action {form.ref}: {str(error).capitalize()}")
            return None
        self.saved += 1
        return update


class DeadlineForm(forms.Form):
    """A GOV.UK date input: day, month and year boxes."""

    day = forms.CharField(required=False, max_length=2)
    month = forms.CharField(required=False, max_length=2)
    year = forms.CharField(required=False, max_length=4)

    def clean(self):
        data = super().clean()
        parts = [data.get(k, "").strip() for k in ("day", "month", "year")]
        if not all(parts):
            raise forms.ValidationError("Enter the deadline as a day, month and year")
        try:
            data["deadline"] = datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise forms.ValidationError("The deadline must be a real date") from None
        if len(parts[2]) != 4:
            raise forms.ValidationError("Enter the year as four digits, such as 2025")
        return data

    def save(self, period: ReportingPeriod, *, user) -> ReportingPeriod:
        """Move the period's deadline, recording who moved it in the period's history."""
        period.deadline = self.cleaned_data["deadline"]
        period._history_user = user
        period._change_reason = "period.deadline"
        period.save(update_fields=["deadline"])
        return period


class LinkForm(forms.Form):
    email = forms.EmailField(
        error_messages={
            "required": "Enter the e-mail address to send the link to",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
        }
    )


class UploadForm(forms.Form):
    agency = forms.TypedChoiceField(
        coerce=int, error_messages={"required": "Select the agency whose returns these are"}
    )
    workbook = forms.FileField(
        error_messages={
            "required": "Select the Excel workbook of returns",
            "empty": "The selected file is empty",
            "invalid": "Select the Excel workbook of returns",
        }
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "Select an agency")] + [
            (a.pk, a.name) for a in agencies
        ]
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if not (upload.name or "").casefold().endswith(".xlsx"):
            raise forms.ValidationError("The selected file must be an Excel workbook (.xlsx)")
        limit = settings.SAFERPLAN_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {filesizeformat(limit)}"
            )
        return upload


def error_list(form: forms.Form) -> list[tuple[str, str]]:
    """``(field id, message)`` pairs for the GOV.UK error summary, in field order."""
    pairs = [(f"id_{name}", m) for name in form.fields for m in form.errors.get(name, [])]
    pairs += [("", m) for m in form.non_field_errors()]
    return pairs
