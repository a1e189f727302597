"""Finding the tables in extracted text and reading their header rows.

A text extract has paragraphs as lines and table rows as tab-separated lines.
``segment`` cuts the lines into ``Block``s: runs of table rows (blank lines
between rows are page breaks, not the end of the table) and the prose in
between.  ``header_roles`` maps a header row's cells to the fields they fill;
``merge_continuations`` puts back together rows that a page break split in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cleanup import clean_text, join_text, split_cells, squash

# Column roles of an action table.
REF, TEXT, AIM, LEADS, PARTNERS = "ref", "text", "aim", "leads", "partners"
BASELINE, TARGET, MEASURE, EVIDENCE, PROGRESS = (
    "baseline",
    "target",
    "measure",
    "evidence",
    "progress",
)
# Extra roles of a target (indicator) table.
TITLE, ACTUAL, CHANGE, REFERENCE = "title", "actual", "change", "reference"

REF_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,2}[.)]?$")
_QUARTER = re.compile(r"^(?:qrt|qtr|quarter|q)\s*([1-4])\b", re.IGNORECASE)
_DEBRIS = re.compile(r"^[\s\-=_|:+]*$")


@dataclass
class Row:
    """One table row: its 1-based line number, cleaned cells, and whether a
    page break (blank line or repeated header) came before it."""

    line: int
    cells: list[str]
    after_break: bool = False

    def filled(self) -> list[int]:
        return [i for i, c in enumerate(self.cells) if c]

    def cell(self, index: int | None) -> str:
        if index is None or index < 0 or index >= len(self.cells):
            return ""
        return self.cells[index]


@dataclass
class Block:
    """Either a run of table rows (``rows``) or one prose line (``text``)."""

    line: int
    rows: list[Row] = field(default_factory=list)
    text: str | None = None

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


def segment(lines: list[str]) -> list[Block]:
    """Cut lines into prose blocks (one per non-empty line) and table blocks."""
    blocks: list[Block] = []
    table: Block | None = None
    gap = False
    for number, raw in enumerate(lines, start=1):
        if "\t" in raw:
            cells = split_cells(raw)
            if not any(cells) or all(_DEBRIS.match(c) for c in cells):
                gap = True  # "---<TAB>---" separators and empty rows: layout only
                continue
            if table is None:
                table = Block(line=number)
                blocks.append(table)
                gap = False
            table.rows.append(Row(number, cells, after_break=gap))
            gap = False
            continue
        text = clean_text(raw)
        if not text:
            gap = True
            continue
        table = None
        blocks.append(Block(line=number, text=text))
    return blocks


def is_heading(text: str | None) -> bool:
    """A short title-like line: no sentence punctuation at the end, not a list item."""
    if not text or "\n" in text:
        return False
    text = text.strip()
    if not 1 < len(text) <= 110 or len(text.split()) > 16:
        return False
    if text[0] in "-•*(" or text[-1] in ".,;:!":
        return False
    first = text.lstrip("0123456789.) ")[:1]
    return bool(first) and (first.isupper() or text[0].isdigit())


def _role(cell: str, index: int) -> str | None:
    """The field a header cell's column fills, or None when it is not a known heading."""
    c = squash(cell).lower()
    if not c:
        return REF if index == 0 else None
    if c in {"ref", "ref.", "no", "no.", "number", "#"}:
        return REF
    quarter = _QUARTER.match(c)
    if quarter:
        return "q" + quarter.group(1)
    for prefixes, role in _ROLE_PREFIXES:
        if c.startswith(prefixes):
            return role
    return None


_ROLE_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("action/target", "outcome", "indicator", "objective/target"), TITLE),
    (("action", "activity", "activities", "task"), TEXT),
    (("aim", "objective"), AIM),
    (("lead", "main partner", "primary agency", "responsible", "owner", "who"), LEADS),
    (("partner", "key partner", "supporting"), PARTNERS),
    (("baseline",), BASELINE),
    (("links to", "national", "reference", "ni "), REFERENCE),
    (("target",), TARGET),
    (("measure", "performance measure", "success measure"), MEASURE),
    (("evidence",), EVIDENCE),
    (("progress", "status", "comment", "update"), PROGRESS),
    (("percentage", "% change", "change", "reduction", "increase"), CHANGE),
)


def header_roles(cells: list[str]) -> dict[str, int]:
    """Role -> column index for a header row; empty when the row is not a header."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        role = _role(cell, index)
        if role and role not in roles:
            roles[role] = index
    if (
        TEXT in roles
        and (LEADS in roles or MEASURE in roles or TARGET in roles)
        and len(roles) - (REF in roles and not cells[roles[REF]]) >= 3
    ):
        return roles
    return _target_roles(cells)


def _target_roles(cells: list[str]) -> dict[str, int]:
    """Roles of a target table header (``Action/target | Baseline | ... | actual``)."""
    lowered = [squash(c).lower() for c in cells]
    if len(cells) < 3 or not any("baseline" in c for c in lowered):
        return {}
    roles = {TITLE: 0}
    for index, c in enumerate(lowered[1:], start=1):
        role = _target_column(c)
        if role and role not in roles:
            roles[role] = index
    return roles if TARGET in roles or ACTUAL in roles else {}


def _target_column(c: str) -> str | None:
    if "baseline" in c:
        return BASELINE
    if "actual" in c:
        return ACTUAL
    if "percentage" in c or "change" in c or "achieved" in c or "reduction" in c:
        return CHANGE
    if "link" in c or "reference" in c or "indicator" in c:
        return REFERENCE
    if "target" in c:
        return TARGET
    return None


def is_action_header(roles: dict[str, int]) -> bool:
    return TEXT in roles


def is_target_header(roles: dict[str, int]) -> bool:
    return TITLE in roles and TEXT not in roles


def is_continuation(row: Row, previous: Row | None, ref_col: int | None) -> bool:
    """Whether ``row`` carries on ``previous`` (a row split by a page break).

    With a reference column (``1.1``, ``2``...), a row without a reference
    continues the one above.  Without one, a row whose first filled cell
    starts in lower case is the rest of a sentence from the row above.
    """
    if previous is None or not row.filled():
        return False
    if ref_col is not None:
        return not row.cell(ref_col) and any(c for i, c in enumerate(row.cells) if i != ref_col)
    first = row.cells[row.filled()[0]]
    return first[:1].islower()


def merge_rows(first: Row, second: Row) -> Row:
    """One row from two halves: cell by cell, joined with a space."""
    width = max(len(first.cells), len(second.cells))
    cells = [join_text(first.cell(i), second.cell(i)) for i in range(width)]
    return Row(first.line, cells, first.after_break)


def merge_continuations(rows: list[Row], ref_col: int | None) -> list[Row]:
    """Rows with page-break continuations folded into the row they continue.

    A header row repeated after a page break sits between the two halves; it
    is kept (the caller skips it) but does not stop the merge.
    """
    merged: list[Row] = []
    last_data: int | None = None
    for row in rows:
        if header_roles(row.cells):
            merged.append(row)
            continue
        previous = merged[last_data] if last_data is not None else None
        if previous is not None and is_continuation(row, previous, ref_col):
            merged[last_data] = merge_rows(previous, row)
            continue
        merged.append(row)
        last_data = len(merged) - 1
    return merged


def only_first(row: Row) -> str | None:
    """The text of a row whose only filled cell is its first one (a title row)."""
    filled = row.filled()
    if filled == [0]:
        return row.cells[0]
    return None


def plain(text: str | None) -> str:
    """Text for comparisons: lower case, ``&`` as ``and``, single spaces."""
    text = (text or "").lower().replace("&", " and ")
    return squash(re.sub(r"[^\w\s]", " ", text))
