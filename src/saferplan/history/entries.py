"""History records → entries: who changed what, when, with each field's before and after."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}

# Change reasons the services record, in words.  Others (such as "Imported from
# plan.docx") are shown as they are.
REASONS = {
    "return.saved": "Saved as draft",
    "return.submitted": "Submitted",
    "return.spreadsheet": "Uploaded in a spreadsheet",
    "return.api": "Saved through the API",
    "return.secure_link": "Saved through a secure link",
    "period.open": "Quarter opened",
    "period.close": "Quarter closed",
    "period.lock": "Quarter locked",
    "period.reopen": "Quarter reopened",
    "period.deadline": "Deadline changed",
    "plan.rolled_over": "Copied when the plan was rolled over",
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    when: datetime
    who: str
    subject: str
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)
    order: int = 0


def describe_reason(reason: str | None) -> str:
    if not reason:
        return ""
    code = reason.split(" ", 1)[0]
    if code in REASONS:
        return REASONS[code]
    for prefix, words in REASONS.items():
        if reason.startswith(prefix):
            return f"{words}{reason[len(prefix) :]}"
    return reason


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _display(model, name: str, value, names: Mapping[str, Mapping]) -> str:
    if value is None or value == "":
        return ""
    if name in names:
        return str(names[name].get(value, value))
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%-d %B %Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return str(value)


def _label(model, name: str) -> str:
    verbose = str(model._meta.get_field(name).verbose_name)
    return verbose[:1].upper() + verbose[1:]


def history_entries(
    records: Iterable,
    *,
    subject: Callable[[object], str],
    exclude: Iterable[str] = (),
    names: Mapping[str, Mapping] | None = None,
) -> list[Entry]:
    """Entries for the historical records of one model (any number of its objects).

    Each record is compared with the one before it for the same object, so an
    entry lists only the fields that changed.  ``subject(record)`` names the
    object ("Return for 2024/25 Q1"); ``names`` maps a foreign key's ids to what
    to show (``{"agency": {3: "Kent Police"}}``); ``exclude`` leaves out fields
    such as version counters.  A change that touched only excluded fields is left
    out.  Oldest first: the caller sorts several models' entries together.
    """
    names = names or {}
    exclude = set(exclude)
    groups: dict[object, list] = defaultdict(list)
    for record in records:
        model = record.instance_type
        groups[getattr(record, model._meta.pk.attname)].append(record)
    entries = []
    for group in groups.values():
        group.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in group:
            entry = _entry(record, previous, subject, exclude, names)
            if entry is not None:
                entries.append(entry)
            previous = record
    entries.sort(key=lambda e: (e.when, e.order))
    return entries


def _entry(record, previous, subject, exclude, names) -> Entry | None:
    model = record.instance_type
    kind = KINDS.get(record.history_type, record.history_type)
    changes: list[Change] = []
    if record.history_type == "~" and previous is not None:
        delta = record.diff_against(previous, excluded_fields=exclude)
        changes = [
            Change(
                _label(model, c.field),
                _display(model, c.field, c.old, names),
                _display(model, c.field, c.new, names),
            )
            for c in sorted(delta.changes, key=lambda c: _position(model, c.field))
        ]
        if not changes:
            return None
    elif record.history_type != "-":
        fields = [
            f
            for f in model._meta.concrete_fields
            if f.editable and not f.primary_key and f.name not in exclude
        ]
        for model_field in fields:
            shown = _display(model, model_field.name, getattr(record, model_field.attname), names)
            if shown:
                changes.append(Change(_label(model, model_field.name), "", shown))
    return Entry(
        when=record.history_date,
        who=_who(record),
        subject=subject(record),
        kind=kind,
        reason=describe_reason(record.history_change_reason),
        changes=changes,
        order=record.history_id,
    )


def _position(model, name: str) -> int:
    names = [f.name for f in model._meta.concrete_fields]
    return names.index(name) if name in names else len(names)
