"""The assessment as an Excel workbook (every table) or a Word section (for the
strategic assessment document): ``render(fmt, context) -> (filename, mimetype, bytes)``."""

from __future__ import annotations

import io

from django.utils.text import slugify
from docx import Document
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.styles import Font

from saferplan.assessment import charts
from saferplan.assessment.rules import ALL_CRIME

ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(data.police.uk; ONS)."
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADLINE = [
    "Crime type",
    "Count",
    "Previous",
    "Change",
    "% change",
    "Rate per 1,000",
    "County rate",
    "Rank in county",
    "County % change",
]


def _pct(value):
    return None if value is None else round(value, 1)


def _rate(value):
    return None if value is None else round(value, 2)


def headline_rows(figures):
    return [
        [
            f.crime_type,
            f.count,
            f.previous,
            f.change,
            _pct(f.change_pct),
            _rate(f.rate),
            _rate(f.county_rate),
            f.rank_words,
            _pct(f.county_change_pct),
        ]
        for f in figures
    ]


def render(fmt: str, context) -> tuple[str, str, bytes]:
    result = context["result"]
    base = slugify(f"{context['area'].name} assessment {result.window}")
    if fmt == "xlsx":
        return f"{base}.xlsx", XLSX, workbook(context)
    return f"{base}.docx", DOCX, word_section(context)


def _sheet(book, title, header, rows):
    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    return sheet


def workbook(context) -> bytes:
    result, area = context["result"], context["area"]
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "Headline", HEADLINE, headline_rows(context["headline"]))
    _sheet(
        book,
        "Districts",
        [
            "District code",
            "District",
            "Crime type",
            "Count",
            "Previous",
            "% change",
            "Population",
            "Rate per 1,000",
            "Rank",
            "Rank in words",
            "County rate",
        ],
        (
            [
                f.district_code,
                f.district_name,
                f.crime_type,
                f.count,
                f.previous,
                _pct(f.change_pct),
                f.population,
                _rate(f.rate),
                f.rank,
                f.rank_words,
                _rate(f.county_rate),
            ]
            for f in result.figures
        ),
    )
    _sheet(
        book,
        "Monthly",
        ["Month", area.name, result.county],
        (
            [f"{m:%Y-%m}", n, c]
            for (m, n), (_, c) in zip(
                result.month_series(area.unit), result.month_series(None), strict=True
            )
        ),
    )
    _sheet(
        book,
        "LSOA hotspots",
        ["LSOA", "LSOA code", "Count", "Share %"],
        ([h.place, h.lsoa_code, h.count, _pct(h.share)] for h in context["lsoas"]),
    )
    _sheet(
        book,
        "Street hotspots",
        ["Location", "LSOA", "Longitude", "Latitude", "Count", "Share %"],
        (
            [h.place, h.lsoa_name, h.longitude, h.latitude, h.count, _pct(h.share)]
            for h in context["streets"]
        ),
    )
    _sheet(
        book,
        "Outcomes",
        ["Last outcome", "Count", "Share %"],
        ([o, n, _pct(s)] for o, n, s in result.outcomes),
    )
    _sheet(
        book,
        "Priority matrix",
        [
            "Rank",
            "Crime type",
            "Volume",
            "Trend",
            "Rate",
            "Harm",
            "Capacity",
            "Concern",
            "Total",
            "Why is it a priority?",
        ],
        (
            [
                r.rank,
                r.crime_type,
                r.volume,
                r.trend,
                r.rate,
                r.harm,
                r.capacity,
                r.concern,
                r.total,
                (s.paragraph if s else d),
            ]
            for r, s, d in context["matrix"]
        ),
    )
    _sheet(book, "Data quality", ["Note"], ([n] for n in [*result.notes, ATTRIBUTION]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def word_section(context) -> bytes:
    result, area = context["result"], context["area"]
    doc = Document()
    doc.add_heading(f"Strategic assessment: {area.name}", level=1)
    doc.add_paragraph(
        f"Police-recorded crime and anti-social behaviour (police.uk) for {result.window.label()}, "
        f"compared with {result.compare.label()}, against the {len(result.units)} districts of "
        f"{result.county}."
    )
    table = doc.add_table(rows=1, cols=len(HEADLINE))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADLINE, strict=True):
        cell.text = text
    for row in headline_rows(context["headline"]):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = (
                "" if value is None else f"{value:,}" if isinstance(value, int) else str(value)
            )
    doc.add_picture(io.BytesIO(charts.trend(result, area.unit, ALL_CRIME, fmt="png")), width=Cm(16))
    doc.add_heading("Priorities", level=2)
    for row, score, draft in context["top"]:
        doc.add_heading(f"Why is {row.crime_type.lower()} a priority?", level=3)
        doc.add_paragraph(score.paragraph if score else draft)
    doc.add_heading("Data quality", level=2)
    for note in result.notes:
        doc.add_paragraph(note, style="List Bullet")
    doc.add_paragraph(ATTRIBUTION)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
