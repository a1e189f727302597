"""What looking at the rendered pages taught: columns wide enough for their words, a
measure shared by a theme printed once, no empty directory columns, one-line footers."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from saferplan.reports.document import Table
from saferplan.reports.services import build, render

pytestmark = pytest.mark.django_db


def test_columns_are_never_narrower_than_their_words_and_fill_the_page():
    table = Table(
        header=["Ref", "Action", "Baseline", "Target", "Lead", "Q1", "Q2", "Status Q2"],
        rows=[
            [
                "11",
                "Use appropriate resources to ensure a location is clean",
                "N/A",
                "N/A",
                "Maidstone Mediation",
                "Five referrals " * 12,
                "Data to be provided",
                "Not started",
            ],
        ],  # fmt: skip
        widths=[0.5, 3, 0.9, 1.1, 1.2, 3.5, 3.5, 1],
    )
    widths = table.fitted_widths(770, font_size=8.5, padding=8)
    assert abs(sum(widths) - 770) < 0.01
    letter = 0.55 * 8.5
    assert widths[0] >= 3 * letter + 8  # "Ref"
    assert widths[2] >= 8 * letter + 8  # "Baseline"
    assert widths[7] >= len("Not started") * letter + 8  # short values stay on one line
    assert widths[5] > widths[6]  # the column with more to say gets more room


def test_a_small_table_of_counts_takes_the_width_it_needs():
    table = Table(header=["Status", "Actions"], rows=[["On track", "3"], ["No data", "12"]])
    widths = table.fitted_widths(480, font_size=8.5, padding=8)
    assert sum(widths) < 0.5 * 480


def test_a_measure_every_action_of_a_theme_shares_is_printed_once(import_seed, read, today):
    plan = import_seed("001")
    word = render(build("plan", plan, today=today), "docx").content
    text, rows = read.docx_text(word), read.docx_rows(word)
    assert "Performance measures" in text
    action_headers = [r for r in rows if r[:2] == ["Ref", "Action"]]
    assert action_headers and all("Measure" not in r for r in action_headers)
    shared = "Continue the work of the ASB Task Group and achieve an improvement in behaviour"
    assert text.count(shared) == 1


def test_directory_and_glossary_leave_out_what_says_nothing(import_seed, read, today):
    plan = import_seed("000")
    rows = read.docx_rows(render(build("quarterly", plan, today=today), "docx").content)
    assert not [r for r in rows if len(r) == 2 and r[0] == r[1] and r[0]]  # no "CDAP | CDAP"
    plan_rows = read.docx_rows(render(build("plan", plan, today=today), "docx").content)
    directory = next(r for r in plan_rows if r[0] == "Agency")
    assert "E-mail" not in directory and "Telephone" not in directory  # nobody gave them


def test_word_footer_is_one_line_with_the_page_number_at_the_right(sample, today):
    long_title = "A very long plan title " * 8
    sample.title = long_title
    sample.save()
    word = Document(io.BytesIO(render(build("plan", sample, today=today), "docx").content))
    footer = word.sections[0].footer
    (paragraph,) = footer.paragraphs
    assert "…\tPage " in paragraph.text
    stops = paragraph.paragraph_format.tab_stops
    assert any(s.alignment == 2 for s in stops)  # RIGHT, at the text's right edge
    fonts = word.styles["Heading 1"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:ascii")) == "Arial"


def test_word_tables_have_cell_margins_in_schema_order(sample, today):
    word = Document(io.BytesIO(render(build("quarterly", sample, today=today), "docx").content))
    for table in word.tables:
        names = [child.tag.split("}")[1] for child in table._tbl.tblPr]
        assert "tblCellMar" in names
        assert names.index("tblCellMar") < names.index("tblLook")
