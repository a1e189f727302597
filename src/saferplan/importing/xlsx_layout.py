"""SaferPlan's workbook layout: its sheets, columns and rows.

Sheet names and column headers are matched ignoring case, spacing and a
trailing colon; columns may come in any order and unknown columns are ignored.
The header is the first row (of the first ten) that names the sheet's key column.

``Plan``        key/value rows: ``Partnership``, ``Title``, ``Year`` (``2025/26``),
                ``Introduction``.
``Priorities``  optional; one row per priority, in order: ``Ref | Title | Theme of |
                Subsidiary | Leads | Rationale | Intended outcomes | Key partners``.
                Needed only for priorities without actions or for those details.
``Actions``     required; one row per action: ``Priority ref | Priority | Theme of |
                Subsidiary | Action ref | Action | Lead agencies | Partner agencies |
                Aim | Baseline | Target | Measure | Evidence`` and optionally
                ``Q1 update | Q1 status | ... | Q4 update | Q4 status``.
                A blank priority means "same as the row above" (merged cells read
                that way); a row with a priority but no action fields declares the
                priority only.  Several agencies in one cell are separated by ``;``
                or line breaks.  Statuses: not started, on track, at risk, off
                track, completed, no data (or green / amber / red).
``Targets``     optional: ``Title | Reference | Baseline | Target | Actual |
                Printed change | Section``.
``Glossary``    optional: ``Term | Meaning``.
``Agencies``    optional: ``Name | Acronym``.

The helpers here raise ``ValueError`` naming the sheet and row
(``Actions, row 7: an action needs its text``); ``xlsx_reader`` turns that
into a ``PlanImportError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from saferplan.importing.document import UPDATE_STATUSES

Columns = dict[str, tuple[str, ...]]

# field -> header names it may have (the first is what write_xlsx writes).
PRIORITY_COLUMNS: Columns = {
    "ref": ("Ref", "Priority ref"),
    "title": ("Title", "Priority"),
    "group": ("Theme of",),
    "subsidiary": ("Subsidiary",),
    "leads": ("Leads", "Lead agencies", "Lead agency", "Lead"),
    "rationale": ("Rationale",),
    "intended_outcomes": ("Intended outcomes",),
    "key_partners": ("Key partners",),
}
ACTION_COLUMNS: Columns = {
    "priority_ref": ("Priority ref",),
    "priority": ("Priority",),
    "group": ("Theme of",),
    "subsidiary": ("Subsidiary",),
    "ref": ("Action ref", "Ref", "No", "Number"),
    "text": ("Action",),
    "leads": ("Lead agencies", "Lead agency", "Lead", "Leads"),
    "partners": ("Partner agencies", "Partners"),
    "aim": ("Aim",),
    "baseline": ("Baseline",),
    "target": ("Target",),
    "measure": ("Measure",),
    "evidence": ("Evidence",),
}
for _n in range(1, 5):
    ACTION_COLUMNS[f"q{_n}_update"] = (f"Q{_n} update", f"Q{_n}", f"Qrt {_n}", f"Quarter {_n}")
    ACTION_COLUMNS[f"q{_n}_status"] = (f"Q{_n} status", f"Qrt {_n} status")
TARGET_COLUMNS: Columns = {
    "title": ("Title", "Target title", "Indicator"),
    "reference": ("Reference", "Ref"),
    "baseline": ("Baseline",),
    "target": ("Target",),
    "actual": ("Actual",),
    "printed_change": ("Printed change", "Change", "% change"),
    "section": ("Section",),
}
GLOSSARY_COLUMNS: Columns = {
    "term": ("Term", "Acronym", "Abbreviation"),
    "meaning": ("Meaning", "Definition", "Stands for"),
}
AGENCY_COLUMNS: Columns = {
    "name": ("Name", "Agency"),
    "acronym": ("Acronym",),
}
# An Actions row with none of these declares its priority only.
ACTION_FIELDS = (
    "ref",
    "text",
    "leads",
    "partners",
    "aim",
    "baseline",
    "target",
    "measure",
    "evidence",
    *(f"q{n}_{part}" for n in range(1, 5) for part in ("update", "status")),
)
_STATUS_WORDS = {s.replace("_", ""): s for s in UPDATE_STATUSES} | {
    "green": "on_track",
    "amber": "at_risk",
    "red": "off_track",
    "complete": "completed",
    "done": "completed",
    "blue": "completed",
    "nodataprovided": "no_data",
}


def name_key(text: str | None) -> str:
    """Compare names ignoring case, spaces, underscores, hyphens and a trailing colon."""
    return re.sub(r"[\s_:*\-]", "", (text or "").casefold())


@dataclass
class Sheet:
    title: str
    rows: list[list[str | None]]


@dataclass
class Row:
    sheet: str
    number: int  # as Excel shows it
    cells: dict[str, str | None]

    def get(self, name: str) -> str | None:
        return self.cells.get(name)

    def need(self, name: str, what: str) -> str:
        value = self.cells.get(name)
        if not value:
            noun = {"text": "its text", "title": "a title", "meaning": "a meaning"}
            raise self.error(f"{what} needs {noun.get(name, 'a ' + name)}")
        return value

    def flag(self, name: str) -> bool:
        return name_key(self.cells.get(name)) in ("yes", "y", "true", "1", "x", "subsidiary")

    def has_any(self, names: Iterable[str]) -> bool:
        return any(self.cells.get(name) for name in names)

    def values(self, columns: Columns, skip: str = "title") -> dict:
        return {name: self.cells.get(name) for name in columns if name != skip}

    def error(self, message: str) -> ValueError:
        return ValueError(f"{self.sheet}, row {self.number}: {message}")


def find_sheet(sheets: list[Sheet], name: str) -> Sheet | None:
    return next((sheet for sheet in sheets if name_key(sheet.title) == name_key(name)), None)


def plan_rows(sheet: Sheet | None) -> dict[str, str]:
    """The ``Plan`` sheet's key/value rows, keyed ``partnership``, ``title`` ..."""
    known = {"partnership", "title", "year", "introduction"}
    found: dict[str, str] = {}
    for cells in sheet.rows if sheet else []:
        key = name_key(cells[0] if cells else None)
        value = next((cell for cell in cells[1:] if cell), None)
        if key in known and value and key not in found:
            found[key] = value
    return found


def read_table(sheet: Sheet | None, columns: Columns, *, key: str) -> Iterable[Row]:
    """The data rows under the sheet's header row, as fields named by ``columns``."""
    if sheet is None:
        return
    start, positions = _header(sheet, columns, key)
    for number, cells in enumerate(sheet.rows[start:], start=start + 1):
        if any(cells):
            values = {n: cells[p] if p < len(cells) else None for n, p in positions.items()}
            yield Row(sheet.title, number, values)


def _header(sheet: Sheet, columns: Columns, key: str) -> tuple[int, dict]:
    """Where the data starts (0-based) and each field's column, from the header row."""
    wanted = {name_key(alias): name for name, aliases in columns.items() for alias in aliases}
    for index, cells in enumerate(sheet.rows[:10]):
        positions: dict[str, int] = {}
        for position, header in enumerate(cells):
            name = wanted.get(name_key(header))
            if name and name not in positions:
                positions[name] = position
        if key in positions:
            return index + 1, positions
    raise ValueError(f"{sheet.title}: no '{columns[key][0]}' column in the header row")


def header_names(columns: Columns) -> list[str]:
    """The header row ``write_xlsx`` writes: each field's first name."""
    return [names[0] for names in columns.values()]


def split_agencies(text: str | None) -> list[str]:
    """Agencies in one cell, separated by ``;`` or line breaks (commas are kept:
    "Thornbury Vale, Ashcombe & District Mediation" is one name)."""
    return [part.strip() for part in re.split(r"[;\n]", text or "") if part.strip()]


def status_value(row: Row, name: str) -> str | None:
    text = row.get(name)
    if not text:
        return None
    status = _STATUS_WORDS.get(name_key(text))
    if status is None:
        raise row.error(f"{text!r} is not a status (use one of: {', '.join(UPDATE_STATUSES)})")
    return status


def status_label(status: str | None) -> str | None:
    """A status as written in a status column: ``on_track`` -> ``On track``."""
    return status.replace("_", " ").capitalize() if status else None
