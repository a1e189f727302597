"""Reading a spreadsheet of indicator values (CSV or XLSX) into checked rows.

Parsing only: which indicator a row names is resolved by the service, which
has the database.  Every problem is reported with the file name and the
spreadsheet row number people see ("values.csv, row 7: ...").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from saferplan.indicators.periods import Period, parse_period
from saferplan.indicators.rules import parse_figure

COLUMNS = ("indicator", "period", "value", "note")
REQUIRED = ("indicator", "period", "value")
MAX_ROWS = 5000
_ALIASES = {"reference": "indicator", "name": "indicator", "figure": "value", "notes": "note"}


@dataclass(frozen=True)
class ValueRow:
    row: int
    indicator: str
    period: Period
    value: Decimal
    note: str


@dataclass
class ReadResult:
    rows: list[ValueRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class UploadError(Exception):
    """The whole upload was refused; ``errors`` says why, row by row."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def _cells_from_csv(data: bytes, filename: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UploadError(
                [f"{filename}: the file is not text (save it as CSV UTF-8)"]
            ) from None
    try:
        return [list(r) for r in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise UploadError([f"{filename}: not a readable CSV file ({exc})"]) from None


def _cells_from_xlsx(data: bytes, filename: str) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise UploadError([f"{filename}: not a readable Excel workbook (.xlsx)"]) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for index, cells in enumerate(sheet.iter_rows(values_only=True)):
            if index > MAX_ROWS + 1:
                break
            rows.append(["" if c is None else _cell_text(c) for c in cells])
        return rows
    finally:
        workbook.close()


def _cell_text(cell) -> str:
    if hasattr(cell, "strftime"):
        return f"{cell:%Y-%m}"  # a date typed in a period column means its month
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def read_values(filename: str, data: bytes) -> ReadResult:
    """Rows of (indicator, period, value, note); errors for every row that is wrong."""
    is_xlsx = filename.casefold().endswith(".xlsx") or data[:2] == b"PK"
    cells = _cells_from_xlsx(data, filename) if is_xlsx else _cells_from_csv(data, filename)
    if not any(str(c).strip() for row in cells for c in row):
        raise UploadError([f"{filename}: the file is empty"])
    header = [_ALIASES.get(h, h) for h in (str(h).strip().casefold() for h in cells[0])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise UploadError(
            [
                f"{filename}, row 1: the header must name the columns "
                f"{', '.join(COLUMNS)} (missing: {', '.join(missing)})"
            ]
        )
    if len(cells) > MAX_ROWS + 1:
        raise UploadError([f"{filename}: more than {MAX_ROWS} rows; split the file"])
    result = ReadResult()
    for number, row in enumerate(cells[1:], start=2):
        record = {
            name: str(row[i]).strip() if i < len(row) else "" for i, name in enumerate(header)
        }
        if not any(record.get(name) for name in COLUMNS):
            continue  # a blank line
        problem = _read_row(record, number, result)
        if problem:
            result.errors.append(f"{filename}, row {number}: {problem}")
    if not result.rows and not result.errors:
        result.errors.append(f"{filename}: there are no values below the header")
    return result


def _read_row(record: dict[str, str], number: int, result: ReadResult) -> str | None:
    if not record.get("indicator"):
        return "the indicator is missing"
    try:
        period = parse_period(record.get("period", ""))
    except ValueError as exc:
        return str(exc)
    figure = parse_figure(record.get("value"))
    if figure is None:
        given = record.get("value") or "nothing"
        return f"the value must be a number, not {given!r}"
    result.rows.append(
        ValueRow(
            row=number,
            indicator=record["indicator"],
            period=period,
            value=figure.value,
            note=record.get("note", "")[:2000],
        )
    )
    return None
