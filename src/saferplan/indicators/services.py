"""The only code that writes indicator values: one figure from a form, or a whole spreadsheet.

Each function checks the permission through ``can``, runs in one transaction
and records who made the change (django-simple-history keeps every version).
``sync_from_target_rows`` (turning an imported plan's target rows into
indicators) lives in ``sync.py`` and is re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from saferplan.accounts.permissions import can
from saferplan.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from saferplan.indicators.periods import Period
from saferplan.indicators.sync import SyncResult, sync_from_target_rows
from saferplan.indicators.uploads import UploadError, ValueRow, read_values
from saferplan.partnerships.models import Partnership

__all__ = [
    "SyncResult",
    "UploadError",
    "UploadResult",
    "record_value",
    "save_indicator",
    "save_target",
    "sync_from_target_rows",
    "upload_values",
]

# What a manager sets on an indicator's page; the rest (import key, partnership) is not theirs.
INDICATOR_FIELDS = (
    "name",
    "reference",
    "description",
    "unit",
    "polarity",
    "frequency",
    "source",
    "owner",
    "crime_type",
    "district_codes",
    "change_decimals",
)
TARGET_FIELDS = (
    "year",
    "plan",
    "title",
    "baseline_period",
    "baseline_value",
    "kind",
    "target_value",
    "change_percent",
    "change_amount",
    "green_tolerance",
    "amber_tolerance",
)


def save_indicator(
    partnership: Partnership, data: dict, *, user, indicator: Indicator | None = None
) -> Indicator:
    """Define a new indicator of ``partnership`` or change ``indicator``, with its links.

    ``data`` holds any of ``INDICATOR_FIELDS`` and ``priorities`` and ``actions``
    (replacing the links).  Raises ``PermissionDenied`` unless ``user`` manages
    the partnership, and ``ValueError`` for an owner, priority or action from
    outside it (the form offers only the partnership's own).
    """
    if indicator is not None and indicator.partnership_id != partnership.pk:
        raise ValueError("the indicator belongs to another partnership")
    if not can(user, "manage_indicators", indicator or partnership):
        raise PermissionDenied("you may not define indicators for this partnership")
    _check_links(partnership, data)
    with transaction.atomic():
        creating = indicator is None
        indicator = indicator or Indicator(partnership=partnership)
        for name in INDICATOR_FIELDS:
            if name in data:
                setattr(indicator, name, data[name])
        indicator._history_user = user
        indicator._change_reason = "indicators.defined" if creating else "indicators.changed"
        indicator.save()
        if "priorities" in data:
            indicator.priorities.set(data["priorities"])
        if "actions" in data:
            indicator.actions.set(data["actions"])
    return indicator


def _check_links(partnership: Partnership, data: dict) -> None:
    owner = data.get("owner")
    if owner is not None and not partnership.agencies.filter(pk=owner.pk).exists():
        raise ValueError(f"{owner} is not a member agency of {partnership.name}")
    for priority in data.get("priorities", []):
        if priority.plan.partnership_id != partnership.pk:
            raise ValueError(f"priority {priority.pk} belongs to another partnership")
    for action in data.get("actions", []):
        if action.priority.plan.partnership_id != partnership.pk:
            raise ValueError(f"action {action.pk} belongs to another partnership")


def save_target(
    indicator: Indicator, data: dict, *, user, target: IndicatorTarget | None = None
) -> IndicatorTarget:
    """Set a plan year's target for ``indicator``, or change ``target``.

    ``data`` holds ``TARGET_FIELDS``; fields the chosen kind does not use are
    cleared, so a target changed from "reduce by 5%" to "maintain" keeps no
    stale percentage.  Raises ``PermissionDenied`` unless ``user`` manages the
    indicator's partnership.
    """
    if target is not None and target.indicator_id != indicator.pk:
        raise ValueError("the target belongs to another indicator")
    if not can(user, "manage_indicators", indicator):
        raise PermissionDenied("you may not set targets for this indicator")
    plan = data.get("plan")
    if plan is not None and plan.partnership_id != indicator.partnership_id:
        raise ValueError("the plan belongs to another partnership")
    with transaction.atomic():
        creating = target is None
        target = target or IndicatorTarget(indicator=indicator)
        for name in TARGET_FIELDS:
            if name in data:
                setattr(target, name, data[name])
        _clear_unused(target)
        target._history_user = user
        target._change_reason = "indicators.target_set" if creating else "indicators.target_changed"
        target.save()
    return target


def _clear_unused(target: IndicatorTarget) -> None:
    kind = IndicatorTarget.Kind
    if target.kind != kind.CHANGE:
        target.change_percent = None
    if target.kind != kind.AMOUNT:
        target.change_amount = None
    if target.kind in (kind.CHANGE, kind.AMOUNT):
        target.target_value = None


def store_value(
    indicator: Indicator,
    period: Period,
    value: Decimal,
    note: str,
    *,
    user,
    source: str,
    reason: str,
) -> tuple[IndicatorValue, str]:
    """Create or replace the figure; returns it and "created", "updated" or "unchanged".

    The caller checks the permission and holds the transaction."""
    row = IndicatorValue.objects.filter(indicator=indicator, period=period.label).first()
    state = "created" if row is None else "updated"
    if row is None:
        row = IndicatorValue(indicator=indicator, period=period.label)
    elif row.value == value and row.note == note:
        return row, "unchanged"  # leave no history behind
    row.value, row.note, row.source, row.entered_by = value, note, source, user
    row._history_user = user
    row._change_reason = reason
    row.save()
    return row, state


def record_value(
    indicator: Indicator, period: Period, value: Decimal, note: str = "", *, user
) -> IndicatorValue:
    """Store one figure for one period, replacing the figure already there.

    Raises ``PermissionDenied`` unless ``user`` may edit the indicator (its
    partnership's manager, or a lead officer of the agency that owns it).
    """
    if not can(user, "edit_indicators", indicator):
        raise PermissionDenied("you may not record values for this indicator")
    with transaction.atomic():
        row, _state = store_value(
            indicator,
            period,
            value,
            note,
            user=user,
            source=IndicatorValue.Source.ENTERED,
            reason="Entered in a form",
        )
    return row


@dataclass
class UploadResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def upload_values(partnership: Partnership, filename: str, data: bytes, *, user) -> UploadResult:
    """Store every row of a CSV or XLSX of values, or none: any bad row refuses the file.

    Raises ``UploadError`` whose ``errors`` name the file and row of each
    problem, and ``PermissionDenied`` if the user may not upload at all.
    """
    if not can(user, "edit_indicators", partnership):
        raise PermissionDenied("you may not record values for this partnership")
    read = read_values(filename, data)
    errors = list(read.errors)
    resolved = _resolve(partnership, read.rows, filename, user, errors)
    if errors:
        raise UploadError(sorted(errors, key=_row_number))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for row, indicator in resolved:
            _stored, state = store_value(
                indicator,
                row.period,
                row.value,
                row.note,
                user=user,
                source=IndicatorValue.Source.UPLOADED,
                reason=f"Uploaded in {filename}, row {row.row}",
            )
            counts[state] += 1
    return UploadResult(**counts)


def _row_number(message: str) -> int:
    _, _, rest = message.partition(", row ")
    digits = rest.split(":", 1)[0]
    return int(digits) if digits.isdigit() else 0


def _resolve(
    partnership: Partnership, rows: list[ValueRow], filename: str, user, errors: list[str]
) -> list[tuple[ValueRow, Indicator]]:
    """Each row's indicator (by number, reference or name), checked against ``can``."""
    indicators = list(Indicator.objects.filter(partnership=partnership))
    by_key: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        for key in {str(indicator.pk), indicator.reference.casefold(), indicator.name.casefold()}:
            if key:
                by_key.setdefault(key, []).append(indicator)
    resolved, seen = [], {}
    for row in rows:
        matches = by_key.get(row.indicator.casefold(), [])
        where = f"{filename}, row {row.row}"
        if not matches:
            errors.append(f"{where}: no indicator {row.indicator!r} in {partnership.name}")
            continue
        if len(matches) > 1:
            errors.append(
                f"{where}: {row.indicator!r} names {len(matches)} indicators; "
                "give the indicator's number instead"
            )
            continue
        indicator = matches[0]
        if not can(user, "edit_indicators", indicator):
            errors.append(f"{where}: you may not record values for {indicator.name!r}")
            continue
        key = (indicator.pk, row.period.label)
        if key in seen:
            errors.append(
                f"{where}: {indicator.name} {row.period.label} is already given in row {seen[key]}"
            )
            continue
        seen[key] = row.row
        resolved.append((row, indicator))
    return resolved
