"""The quarterly report's indicators with their charts, and the workbook's indicator sheets,
for the sample plan's two quarterly indicators (targets and six quarters of values)."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from docx import Document

from factories import SAMPLE_INDICATORS, SAMPLE_QUARTERS
from saferplan.plans.periods import Quarter
from saferplan.reports.services import build, render

pytestmark = pytest.mark.django_db
Q2 = Quarter.parse("2024/25 Q2")
ASB, DA = (row[0] for row in SAMPLE_INDICATORS)


@pytest.fixture
def report(sample, today):
    return build("quarterly", sample, today=today, quarter=Q2)


def test_word_has_a_chart_picture_per_indicator_with_alt_text_naming_it_and_its_figures(
    report, read
):
    data = render(report, "docx").content
    word = Document(io.BytesIO(data))
    alts = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert len(alts) == 2
    asb = next(a for a in alts if ASB in a)
    assert asb.startswith(f"Line chart of {ASB}, 2023/24 Q1 to 2024/25 Q2")
    assert "320 in 2023/24 Q1, 270 in 2024/25 Q2" in asb
    assert "target for 2024/25, per quarter: 285" in asb  # 1,140 a year, a quarter's share
    da = next(a for a in alts if DA in a)
    assert "24.1% in 2023/24 Q1, 21% in 2024/25 Q2" in da and "target for 2024/25: 20%" in da
    for shape in word.inline_shapes:  # real PNG pictures
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        part = word.part.related_parts[blip.embed]
        assert part.content_type == "image/png" and part.blob.startswith(b"\x89PNG")
    rows = read.docx_rows(data)
    assert ["Anti-social behaviour incidents reported", "ASB-1", "1,200", "1,140"] in [
        r[:4] for r in rows
    ]
    # Each chart's figures as a table beneath it.
    assert ["2024/25 Q2", "270"] in rows and ["2024/25 Q1", "21.6%"] in rows
    assert ["Target for 2024/25, per quarter", "285"] in rows


def test_pdf_text_holds_the_indicator_table_and_the_charts_figures(report, read):
    pdf = read.pdf_flat(render(report, "pdf").content)
    assert "Indicator Reference Baseline Target Actual Change Status" in pdf
    assert f"{ASB} ASB-1 1,200 1,140" in pdf
    assert f"{DA} DA-2 23.1% 20%" in pdf
    assert f"Figures of the chart: {ASB}" in pdf
    assert "2023/24 Q1 320" in pdf and "2024/25 Q2 21%" in pdf


def test_html_has_chart_images_with_alt_text_and_a_data_table(report):
    html = render(report, "html").content.decode()
    images = re.findall(r'<img class="sp-report-chart" src="data:image/png;base64,[^"]+" '
                        r'alt="([^"]+)"', html)  # fmt: skip
    assert len(images) == 2
    assert any(unescape(alt).startswith(f"Line chart of {ASB}") for alt in images)
    caption = '<caption class="govuk-table__caption govuk-table__caption--s">'
    assert f"{caption}Figures of the chart: {ASB}</caption>" in html
    assert '<th scope="row" class="govuk-table__header">2024/25 Q2</th>' in html
    assert '<td class="govuk-table__cell sp-num">270</td>' in html


def test_the_workbook_holds_the_indicators_and_every_value(sample, read, today):
    sheets = read.xlsx_rows(
        render(build("workbook", sample, today=today, quarter=Q2), "xlsx").content
    )
    indicators = sheets["Indicators"]
    assert ["Anti-social behaviour incidents reported", "ASB-1", "Count", "1200", "1140"] in [
        row[:5] for row in indicators
    ]
    assert [DA, "DA-2", "Percentage", "23.1", "20"] in [row[:5] for row in indicators]
    values = [row[:3] for row in sheets["Indicator values"]]
    for name, _ref, _unit, _priority, _baseline, _target, figures in SAMPLE_INDICATORS:
        for period, figure in zip(SAMPLE_QUARTERS, figures, strict=True):
            number = str(int(float(figure))) if float(figure).is_integer() else figure
            assert [name, period, number] in values, (name, period)
