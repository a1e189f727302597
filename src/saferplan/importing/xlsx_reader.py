"""Read (and write) a plan as an Excel workbook.

A workbook with an ``Actions`` sheet is in SaferPlan's own layout, described
(with its columns and row helpers) in ``saferplan.importing.xlsx_layout``.

Any other workbook (no ``Actions`` sheet) is read as the seed documents'
tables: each row becomes a tab-separated line, each sheet a section headed by
its name, and the text parser (``saferplan.importing.text``) does the rest.

Errors name the sheet and row: ``Actions, row 7: an action needs its text``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from saferplan.importing.document import (
    ParsedAction,
    ParsedAgency,
    ParsedGlossaryEntry,
    ParsedPlan,
    ParsedPriority,
    ParsedTarget,
    ParsedUpdate,
    PlanImportError,
)
from saferplan.importing.xlsx_layout import (
    ACTION_COLUMNS,
    ACTION_FIELDS,
    AGENCY_COLUMNS,
    GLOSSARY_COLUMNS,
    PRIORITY_COLUMNS,
    TARGET_COLUMNS,
    Row,
    Sheet,
    find_sheet,
    header_names,
    plan_rows,
    read_table,
    split_agencies,
    status_label,
    status_value,
)

# Bounds that keep a hostile workbook from costing minutes: no real plan has
# more than a few hundred rows or a few dozen columns.
MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_SHEETS = 50
_GENERIC_SHEET = re.compile(r"^(sheet|tabelle|feuil|hoja)\s*\d*$", re.IGNORECASE)


def read_xlsx(data: bytes, source: str) -> ParsedPlan:
    """Parse the bytes of an .xlsx file into a plan (see the module docstring)."""
    sheets = _load_sheets(data, source)
    actions = find_sheet(sheets, "Actions")
    if actions is None:
        return _read_as_text(sheets, source)
    return _read_layout(sheets, actions, source)


def _load_sheets(data: bytes, source: str) -> list[Sheet]:
    """Every sheet's cell values, bounded; library failures become one clear error."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "unknown extension", "no default style"
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = []
                for worksheet in workbook.worksheets[:MAX_SHEETS]:
                    rows = worksheet.iter_rows(
                        max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True
                    )
                    sheets.append(Sheet(str(worksheet.title), [_row(r) for r in rows]))
            finally:
                workbook.close()
    except PlanImportError:
        raise
    except Exception as exc:  # zipfile, zlib, lxml and openpyxl raise a long tail of types
        raise PlanImportError(
            f"the Excel workbook is damaged or not an .xlsx ({type(exc).__name__})",
            source=source,
        ) from exc
    return sheets


def _row(values: Iterable[Any]) -> list[str | None]:
    cells = [_cell(value) for value in values]
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _cell(value: Any) -> str | None:
    """A cell as printed text: numbers without a spurious ".0", dates as dd/mm/yyyy."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else format(value, ".15g")
    elif isinstance(value, dt.datetime):
        text = value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.isoformat()
    elif isinstance(value, dt.date):
        text = value.strftime("%d/%m/%Y")
    else:
        text = str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


# --- SaferPlan's layout -------------------------------------------------------


def _read_layout(sheets: list[Sheet], actions: Sheet, source: str) -> ParsedPlan:
    meta = plan_rows(find_sheet(sheets, "Plan"))
    plan = ParsedPlan(
        partnership=meta.get("partnership"),
        title=meta.get("title"),
        year=meta.get("year"),
        introduction=meta.get("introduction"),
    )
    try:
        priorities = _Priorities()
        sheet = find_sheet(sheets, "Priorities")
        if sheet is not None:
            for row in read_table(sheet, PRIORITY_COLUMNS, key="title"):
                title = row.need("title", "a priority")
                priorities.declare(row.get("ref"), title, row, details=True)
        _read_actions(actions, priorities, plan.year)
        plan.priorities = priorities.items
        plan.targets = [
            ParsedTarget(title=row.need("title", "a target"), **row.values(TARGET_COLUMNS))
            for row in read_table(find_sheet(sheets, "Targets"), TARGET_COLUMNS, key="title")
        ]
        plan.glossary = [
            ParsedGlossaryEntry(
                term=row.need("term", "a glossary entry"), meaning=row.need("meaning", "a term")
            )
            for row in read_table(find_sheet(sheets, "Glossary"), GLOSSARY_COLUMNS, key="term")
        ]
        plan.agencies = [
            ParsedAgency(name=row.need("name", "an agency"), acronym=row.get("acronym"))
            for row in read_table(find_sheet(sheets, "Agencies"), AGENCY_COLUMNS, key="name")
        ]
    except ValueError as exc:  # raised by the layout helpers with "Sheet, row n: ..."
        raise PlanImportError(str(exc), source=source) from None
    return plan


class _Priorities:
    """Priorities in order of first mention, found again by ref and/or title."""

    def __init__(self) -> None:
        self.items: list[ParsedPriority] = []

    def find(self, ref: str | None, title: str | None) -> ParsedPriority | None:
        for priority in self.items:
            if ref and title and (priority.ref, priority.title) == (ref, title):
                return priority
        for priority in self.items:
            if (ref and not title and priority.ref == ref) or (
                title and not ref and priority.title == title
            ):
                return priority
        return None

    def declare(
        self, ref: str | None, title: str, row: Row, *, details: bool = False
    ) -> ParsedPriority:
        """The priority a row names, created if new; the row may add details."""
        priority = self.find(ref, title)
        if priority is None:
            priority = ParsedPriority(ref=ref, title=title)
            self.items.append(priority)
        priority.group = priority.group or row.get("group")
        priority.subsidiary = priority.subsidiary or row.flag("subsidiary")
        if details:  # the Priorities sheet; an Actions row's "leads" are the action's
            priority.leads = priority.leads or split_agencies(row.get("leads"))
            for name in ("rationale", "intended_outcomes", "key_partners"):
                if getattr(priority, name) is None:
                    setattr(priority, name, row.get(name))
        return priority


def _read_actions(sheet: Sheet, priorities: _Priorities, year: str | None) -> None:
    current: ParsedPriority | None = None
    for row in read_table(sheet, ACTION_COLUMNS, key="text"):
        ref, title = row.get("priority_ref"), row.get("priority")
        if ref or title:
            found = priorities.find(ref, title)
            if found is None and not title:
                raise row.error(f"no priority has the ref {ref!r}; give its title too")
            current = priorities.declare(ref, found.title if found else title or "", row)
        if not row.has_any(ACTION_FIELDS):
            if current is None:
                raise row.error("the row names no priority and no action")
            continue
        if current is None:
            raise row.error("the first action needs a priority (Priority or Priority ref)")
        current.actions.append(_action(row, year))


def _action(row: Row, year: str | None) -> ParsedAction:
    updates = []
    for n in range(1, 5):
        text = row.get(f"q{n}_update")
        status = status_value(row, f"q{n}_status")
        if text or status:
            period = f"{year} Q{n}" if year else f"Q{n}"
            updates.append(ParsedUpdate(period=period, text=text, status=status))
    return ParsedAction(
        ref=row.get("ref"),
        text=row.need("text", "an action"),
        leads=split_agencies(row.get("leads")),
        partners=split_agencies(row.get("partners")),
        aim=row.get("aim"),
        baseline=row.get("baseline"),
        target=row.get("target"),
        measure=row.get("measure"),
        evidence=row.get("evidence"),
        updates=updates,
    )


# --- any other workbook ---------------------------------------------------------


def _read_as_text(sheets: list[Sheet], source: str) -> ParsedPlan:
    """Hand the sheets to the text parser as a text extract would show them."""
    from saferplan.importing.text import parse_text

    lines: list[str] = []
    for sheet in sheets:
        if not any(sheet.rows):
            continue
        if len(sheets) > 1 and not _GENERIC_SHEET.match(sheet.title.strip()):
            lines += [sheet.title.strip(), ""]
        lines += _table_lines(sheet.rows)
        lines.append("")
    if not any(line.strip() for line in lines):
        raise PlanImportError("the workbook is empty", source=source)
    try:
        return parse_text("\n".join(lines), source)
    except PlanImportError as exc:
        raise PlanImportError(
            f"no 'Actions' sheet (SaferPlan's layout), and the sheets do not read as an "
            f"action plan: {exc.detail}",
            source=source,
        ) from exc


def _table_lines(rows: list[list[str | None]]) -> list[str]:
    """Rows as tab-separated lines, each row as wide as it was in the table.

    Trailing empty cells are lost when a sheet is read, but they matter: in an
    extract "Priority: Domestic Abuse\t\t\t" is a merged row inside a table, not
    a heading.  A one-cell row directly under a wider row is taken to be such a
    row and padded back to the table's width.
    """
    lines: list[str] = []
    width = 0
    for cells in rows:
        if not cells:
            width = 0
            lines.append("")
            continue
        if len(cells) == 1 and width > 1:
            cells = cells + [None] * (width - 1)
        width = len(cells)
        lines.append("\t".join(_flat(cell) for cell in cells))
    return lines


def _flat(cell: str | None) -> str:
    # A line break inside a cell (Alt+Enter) would end the row in a text extract.
    return " ".join((cell or "").split())


# --- writing ------------------------------------------------------------------------


def write_xlsx(plan: ParsedPlan) -> bytes:
    """The plan as a workbook in SaferPlan's layout (what ``read_xlsx`` reads back)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    _fill(sheet, ["Field", "Value"], [
        ["Partnership", plan.partnership],
        ["Title", plan.title],
        ["Year", plan.year],
        ["Introduction", plan.introduction],
    ])  # fmt: skip
    _fill(workbook.create_sheet("Priorities"), header_names(PRIORITY_COLUMNS), [
        [p.ref, p.title, p.group, "Yes" if p.subsidiary else None, "; ".join(p.leads),
         p.rationale, p.intended_outcomes, p.key_partners]
        for p in plan.priorities
    ])  # fmt: skip
    _fill(
        workbook.create_sheet("Actions"),
        header_names(ACTION_COLUMNS),
        [_action_row(p, a) for p in plan.priorities for a in p.actions],
    )
    _fill(workbook.create_sheet("Targets"), header_names(TARGET_COLUMNS), [
        [t.title, t.reference, t.baseline, t.target, t.actual, t.printed_change, t.section]
        for t in plan.targets
    ])  # fmt: skip
    _fill(
        workbook.create_sheet("Glossary"),
        header_names(GLOSSARY_COLUMNS),
        [[g.term, g.meaning] for g in plan.glossary],
    )
    _fill(
        workbook.create_sheet("Agencies"),
        header_names(AGENCY_COLUMNS),
        [[a.name, a.acronym] for a in plan.agencies],
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _action_row(priority: ParsedPriority, action: ParsedAction) -> list[str | None]:
    quarters: dict[int, ParsedUpdate] = {}
    for update in action.updates:
        match = re.search(r"Q\s*([1-4])\b", update.period)
        if match:  # an update for another kind of period has no column here
            quarters[int(match.group(1))] = update
    row = [
        priority.ref, priority.title, priority.group, "Yes" if priority.subsidiary else None,
        action.ref, action.text, "; ".join(action.leads), "; ".join(action.partners),
        action.aim, action.baseline, action.target, action.measure, action.evidence,
    ]  # fmt: skip
    for n in range(1, 5):
        update = quarters.get(n)
        status = update.status if update else None
        row += [update.text if update else None, status_label(status)]
    return row


def _fill(sheet: Any, headers: list[str], rows: list[list[Any]]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Strings only: a ref typed as 1.10 must not come back as the number 1.1.
        sheet.append([None if value in (None, "") else str(value) for value in row])
    wrap = Alignment(wrap_text=True, vertical="top")
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            cell.alignment = wrap
    for index, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = 40 if header in _WIDE else 14
    sheet.freeze_panes = "A2"


_WIDE = {"Action", "Value", "Title", "Meaning", "Name", "Measure", "Rationale", "Aim"} | {
    f"Q{n} update" for n in range(1, 5)
}
