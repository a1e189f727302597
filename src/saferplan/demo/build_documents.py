"""Regenerate the demo Word and Excel documents from their Python content.

Run ``python -m saferplan.demo.build_documents`` after editing ``ashcombe.py``
or ``thornbury_vale.py``, and commit the results.  The text extract
(``thornbury-vale-action-plan-2024-25.txt``) is edited by hand: it imitates
what text extraction makes of a real plan, quirks included.

Output is byte-for-byte reproducible (fixed timestamps inside the zip and in
the document properties), so an unchanged rebuild leaves git clean.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from saferplan.demo import DOCUMENTS_DIR, ashcombe
from saferplan.demo.thornbury_vale import plan_2025_26
from saferplan.importing.xlsx_reader import write_xlsx

DOCX_NAME = "ashcombe-action-plan-2025-26.docx"
XLSX_NAME = "thornbury-vale-plan-2025-26.xlsx"
_FIXED = dt.datetime(2025, 4, 1, 9, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def build_docx() -> bytes:
    """Ashcombe's plan as a Word document: headings, prose and one table per priority."""
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = ashcombe.TITLE
    document.core_properties.author = ashcombe.PARTNERSHIP
    document.core_properties.created = _FIXED
    document.core_properties.modified = _FIXED
    document.core_properties.last_modified_by = "SaferPlan demo"
    document.core_properties.revision = 1
    document.add_heading(ashcombe.TITLE, level=0)
    document.add_heading("Introduction", level=1)
    document.add_paragraph(ashcombe.INTRODUCTION)
    for number, (title, actions) in enumerate(ashcombe.PRIORITIES, start=1):
        document.add_heading(f"Priority {number}: {title}", level=1)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, header in zip(
            table.rows[0].cells, ("", "Action", "Lead", "Measure"), strict=True
        ):
            cell.paragraphs[0].add_run(header).bold = True
        for index, (action, lead, measure) in enumerate(actions, start=1):
            cells = table.add_row().cells
            for cell, text in zip(cells, (f"{number}.{index}", action, lead, measure), strict=True):
                cell.text = text
    document.add_heading("Glossary", level=1)
    glossary = document.add_table(rows=0, cols=2)
    glossary.style = "Table Grid"
    for term, meaning in ashcombe.GLOSSARY:
        cells = glossary.add_row().cells
        cells[0].text, cells[1].text = term, meaning
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_xlsx() -> bytes:
    """Thornbury Vale's 2025/26 plan in SaferPlan's own workbook layout."""
    return write_xlsx(plan_2025_26())


def reproducible(data: bytes) -> bytes:
    """The same zip with every entry's timestamp fixed, so rebuilds are identical."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                content = _STAMP.sub(rb"\g<1>" + _FIXED.isoformat().encode() + rb"Z\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def main(directory: Path = DOCUMENTS_DIR) -> list[Path]:
    """Write the built documents into ``directory``; returns their paths."""
    written = []
    for name, data in ((DOCX_NAME, build_docx()), (XLSX_NAME, build_xlsx())):
        path = directory / name
        path.write_bytes(reproducible(data))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main():
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
