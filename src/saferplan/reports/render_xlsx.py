"""Excel: one sheet per section (level-1 heading), each table with a bold, frozen header row
and a filter, numbers stored as numbers, RAG statuses coloured, the title in the
workbook's properties."""

from __future__ import annotations

import io
import re
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from saferplan.reports import document as d
from saferplan.reports.rag import RAG_FILL

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")
WRAP = Alignment(wrap_text=True, vertical="top")
_NUMBER = re.compile(r"^-?[\d,]*\.?\d+$")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def render(report: d.ReportDocument) -> bytes:
    book = Workbook()
    book.properties.title = report.title
    book.properties.subject = report.subject
    book.properties.creator = report.author
    book.properties.language = report.language
    book.remove(book.active)
    names: set[str] = set()
    for heading, blocks in report.sections():
        sheet = book.create_sheet(_sheet_name(heading.text if heading else "Cover", names))
        _fill(sheet, heading, blocks, report)
    if not book.sheetnames:
        book.create_sheet("Report")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(text: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", text).strip("'")[:31] or "Sheet"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def _fill(sheet, heading, blocks, report: d.ReportDocument) -> None:
    row = 1
    if heading is not None:
        sheet.cell(row, 1, heading.text).font = Font(bold=True, size=14)
        row += 2
    widths: dict[int, float] = {}
    for block in blocks:
        if isinstance(block, d.Heading):
            sheet.cell(row, 1, block.text).font = Font(bold=True, size=12)
            row += 1
        elif isinstance(block, d.Paragraph):
            sheet.cell(row, 1, block.text)
            row += 1
        elif isinstance(block, d.Bullets):
            for item in block.items:
                sheet.cell(row, 1, f"• {item}")
                row += 1
        elif isinstance(block, d.KeyValues):
            for key, value in block.rows:
                sheet.cell(row, 1, key).font = BOLD
                sheet.cell(row, 2, value).alignment = WRAP
                row += 1
            row += 1
        elif isinstance(block, (d.Table, d.Chart)):
            table = block.data_table if isinstance(block, d.Chart) else block
            row = _table(sheet, table, row, widths)
    if report.attribution and heading is not None:
        sheet.cell(row, 1, report.attribution).font = Font(italic=True, size=9)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def _table(sheet, table: d.Table, row: int, widths: dict[int, float]) -> int:
    if table.caption:
        sheet.cell(row, 1, table.caption).font = Font(italic=True)
        row += 1
    header_row = row
    for column, text in enumerate(table.header, start=1):
        cell = sheet.cell(row, column, text)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
        widths[column] = max(widths.get(column, 8), min(len(text) + 2, 60))
    row += 1
    for values in table.rows:
        for column, value in enumerate(values, start=1):
            text = str(value)
            cell = sheet.cell(row, column, _value(text, column - 1 in table.numeric))
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"  # a partner's "=..." is text, never a formula
            cell.alignment = WRAP
            if isinstance(value, d.Cell):
                cell.font = Font(bold=value.bold)
                if value.rag:
                    cell.fill = PatternFill("solid", fgColor=RAG_FILL.get(value.rag, "FFFFFF"))
            widths[column] = max(widths.get(column, 8), min(len(text) + 2, 60))
        row += 1
    if table.rows and sheet.auto_filter.ref is None:  # one filter a sheet: the first table
        last = get_column_letter(len(table.header))
        sheet.auto_filter.ref = f"A{header_row}:{last}{row - 1}"
        sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    return row + 1


def _value(text: str, numeric: bool):
    """Numbers as numbers in numeric columns ("1,193" → 1193), everything else as text."""
    if numeric and _NUMBER.match(text.strip()):
        try:
            number = Decimal(text.replace(",", "").strip())
        except InvalidOperation:
            return text
        return int(number) if number == number.to_integral_value() else float(number)
    return text
