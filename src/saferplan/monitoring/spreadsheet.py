"""An agency's returns for a quarter as a spreadsheet: download, fill in offline, upload.

The workbook lists the actions the agency leads, with last quarter's update
beside each, and empty Status / Update / Value columns (Status has a drop-down
list).  An upload is checked row by row; nothing is saved unless every row is
valid, and each error names its row.
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from saferplan.monitoring.models import ReportingPeriod
from saferplan.monitoring.returns import ReturnError, ReturnInput, StaleReturn, save_return
from saferplan.monitoring.rules import STATUSES, offers_value
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, ActionAgency, ProgressUpdate

SHEET = "Returns"
HEADER = [
    "Ref",
    "Priority",
    "Action",
    "Measure",
    "Last quarter's update",
    "Status",
    "Update",
    "Value",
    "Version",
]
# Version (hidden) is the return's version when the workbook was made, so that an
# upload cannot silently overwrite what someone saved on the web in the meantime.
_STATUS_COL, _TEXT_COL, _VALUE_COL, _VERSION_COL = 6, 7, 8, 9
# ProgressUpdate.value: 14 digits, 2 after the point.
_LARGEST_VALUE = Decimal("999999999999.99")
logger = logging.getLogger(__name__)
_NO_VALUE = PatternFill("solid", fgColor="BBBBBB")


class SpreadsheetErrors(Exception):
    """Every problem found in an uploaded workbook, one line each."""

    def __init__(self, source: str, errors: list[str]):
        self.errors = errors
        super().__init__(f"{source}: " + "; ".join(errors))


def agency_actions(period: ReportingPeriod, agency: Agency) -> list[Action]:
    return list(
        Action.objects.filter(
            priority__plan_id=period.plan_id,
            priority__archived_at=None,
            agency_links__agency=agency,
            agency_links__role=ActionAgency.LEAD,
        )
        .select_related("priority")
        .order_by("priority__order", "order")
        .distinct()
    )


def _previous_label(period: ReportingPeriod) -> str | None:
    quarter = period.quarter
    if quarter.number == 1:
        return None
    return str(quarter.year.quarter(quarter.number - 1))


def build_workbook(period: ReportingPeriod, agency: Agency) -> bytes:
    actions = agency_actions(period, agency)
    previous = {
        u.action_id: u.text
        for u in ProgressUpdate.objects.filter(action__in=actions, period=_previous_label(period))
    }
    current = {
        u.action_id: u
        for u in ProgressUpdate.objects.filter(action__in=actions, period=period.label)
    }
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([f"{period.plan.partnership.name}: {agency.name} returns for {period.label}"])
    sheet.append(
        [
            f"Due by {period.deadline:%-d %B %Y}. Status must be one of: {', '.join(STATUSES)}. "
            "Value only for actions measured by a number (grey: leave empty)."
        ]
    )
    sheet.append(HEADER)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    for action in actions:
        existing = current.get(action.pk)
        sheet.append(
            [
                action.ref,
                action.priority.title,
                action.text,
                action.measure,
                previous.get(action.pk, ""),
                existing.status if existing else None,
                existing.text if existing else None,
                float(existing.value) if existing and existing.value is not None else None,
                existing.version if existing else 0,
            ]
        )
        stored = existing.value if existing else None
        if not offers_value(action.measure, action.target, action.baseline, stored):
            # As on the web: no value for an action not measured by a number.
            sheet.cell(row=sheet.max_row, column=_VALUE_COL).fill = _NO_VALUE
    rule = DataValidation(type="list", formula1=f'"{",".join(STATUSES)}"', allow_blank=True)
    rule.error = "Choose a status from the list"
    rule.errorTitle = "Status"
    sheet.add_data_validation(rule)
    last = max(sheet.max_row, 4)
    rule.add(f"F4:F{last}")
    for column, width in zip("ABCDEFGH", (8, 24, 50, 30, 40, 14, 60, 10), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["I"].hidden = True
    sheet.freeze_panes = "A4"
    meta = book.create_sheet("About")
    meta.append(["plan", period.plan_id])
    meta.append(["period", period.number])
    meta.append(["agency", agency.pk])
    meta.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class RowReturn:
    row: int
    action: Action
    data: ReturnInput


def read_workbook(
    data: bytes, period: ReportingPeriod, agency: Agency, source: str
) -> list[RowReturn]:
    """Check every row of an uploaded workbook; raise ``SpreadsheetErrors`` listing all problems."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError):
        raise SpreadsheetErrors(source, ["this is not an Excel .xlsx workbook"]) from None
    except Exception:  # a damaged zip or XML fails in many ways (zlib.error, EOFError, ...)
        logger.info("Unreadable returns workbook %s", source, exc_info=True)
        raise SpreadsheetErrors(
            source, ["this Excel workbook is damaged and cannot be read"]
        ) from None
    if SHEET not in book.sheetnames:
        raise SpreadsheetErrors(source, [f"the workbook has no sheet called {SHEET!r}"])
    if not period.accepts_returns:
        raise SpreadsheetErrors(
            source,
            [f"{period.label} is {period.get_status_display().lower()}: no returns accepted"],
        )
    led = {a.ref: a for a in agency_actions(period, agency)}
    plan_refs = set(
        Action.objects.filter(priority__plan_id=period.plan_id).values_list("ref", flat=True)
    )
    rows, errors = [], []
    for number, values in enumerate(_sheet_rows(book, source), start=4):
        checked = _check_row(number, list(values), plan_refs, led, agency)
        if isinstance(checked, str):
            errors.append(f"row {number}: {checked}")
        elif checked is not None:
            rows.append(checked)
    errors += _values_not_offered(rows, period)
    if errors:
        raise SpreadsheetErrors(source, errors)
    if not rows:
        raise SpreadsheetErrors(source, ["no row has a status or an update filled in"])
    return rows


def _sheet_rows(book, source: str) -> list[tuple]:
    """The sheet's rows from the fourth; read-only workbooks parse their XML only now, and a
    damaged file can fail there in any of openpyxl's ways."""
    try:
        return list(book[SHEET].iter_rows(min_row=4, values_only=True))
    except Exception:
        logger.info("Unreadable returns workbook %s", source, exc_info=True)
        raise SpreadsheetErrors(
            source, ["this Excel workbook is damaged and cannot be read"]
        ) from None
    finally:
        book.close()


def _values_not_offered(rows: list[RowReturn], period: ReportingPeriod) -> list[str]:
    """As on the web (``rules.offers_value``): a value only for an action measured by a
    number, or one whose return already holds a value."""
    held = set(
        ProgressUpdate.objects.filter(
            action__in=[r.action for r in rows], period=period.label, value__isnull=False
        ).values_list("action_id", flat=True)
    )
    errors = []
    for r in rows:
        action, value = r.action, r.data.value
        stored = True if action.pk in held else None
        if value is not None and not offers_value(
            action.measure, action.target, action.baseline, stored
        ):
            errors.append(f"row {r.row}: action {action.ref} is not measured by a number")
    return errors


def _check_row(number, values, plan_refs, led, agency) -> RowReturn | str | None:
    """One row as a return to save, an error message, or None for a row left blank."""
    values = values + [None] * (len(HEADER) - len(values))
    ref = _text(values[0])
    status = _text(values[_STATUS_COL - 1])
    text = _text(values[_TEXT_COL - 1])
    value = values[_VALUE_COL - 1]
    if not ref and not status and not text:
        return None
    if ref not in plan_refs:
        return f"there is no action {ref!r} in this plan"
    if ref not in led:
        return f"action {ref} is not led by {agency.name}"
    if not status and not text:
        return None  # nothing reported for this action yet
    if status not in STATUSES:
        return f"status must be one of {', '.join(STATUSES)}, not {status!r}"
    try:
        number_value = None if value in (None, "") else Decimal(str(value))
    except InvalidOperation:
        return f"value must be a number, not {value!r}"
    if number_value is not None and not (
        number_value.is_finite() and abs(number_value) <= _LARGEST_VALUE
    ):
        return f"value must be a number below a trillion, not {value!r}"
    version = values[_VERSION_COL - 1]
    if isinstance(version, float) and not math.isfinite(version):
        version = None
    action = led[ref]
    return RowReturn(
        number,
        action,
        ReturnInput(
            text=text,
            status=status,
            value=number_value,
            submit=True,
            based_on_version=int(version) if isinstance(version, int | float) else None,
        ),
    )


def apply_workbook(
    data: bytes, period: ReportingPeriod, agency: Agency, source: str, *, user
) -> int:
    """Save every row of an uploaded workbook as a submitted return, or none of them."""
    rows = read_workbook(data, period, agency, source)
    with transaction.atomic():
        for row in rows:
            try:
                save_return(row.action, period, row.data, user=user, reason="return.spreadsheet")
            except StaleReturn as error:
                who = error.current.updated_by or "someone"
                raise SpreadsheetErrors(
                    source,
                    [
                        f"row {row.row}: action {row.action.ref} was changed by {who} after this "
                        "workbook was downloaded; download it again"
                    ],
                ) from None
            except ReturnError as error:
                raise SpreadsheetErrors(source, [f"row {row.row}: {error}"]) from None
    return len(rows)


def _text(value) -> str:
    return "" if value is None else str(value).strip()
