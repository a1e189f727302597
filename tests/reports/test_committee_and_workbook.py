"""The committee paper's header block and body, and the workbook's sheets."""

from datetime import date

import pytest

from saferplan.monitoring.dashboard import build_dashboard
from saferplan.plans.models import Action, Priority
from saferplan.plans.periods import Quarter
from saferplan.reports.builders.quarterly import reporting_period
from saferplan.reports.document import OGL_NOTICE
from saferplan.reports.models import ReportText
from saferplan.reports.services import build, render

pytestmark = pytest.mark.django_db


def test_header_block_prints_defaults_and_the_managers_own_texts(sample, read, today):
    text = read.docx_text(render(build("committee", sample, today=today), "docx").content)
    assert "Report to | Overview and Scrutiny Committee" in text
    assert "Key decision | No" in text
    assert "Contacts" not in text  # no default for a person's details
    ReportText.objects.create(
        plan=sample,
        agenda_item="6",
        meeting_date=date(2025, 4, 23),
        author="Jo Bloggs, Community Safety Manager",
        contacts="jo.bloggs@ashcombe.example",
        affected_wards="Victoria and Stanhope",
    )
    word = render(build("committee", sample, today=today), "docx").content
    text = read.docx_text(word)
    for line in (
        "Agenda item | 6",
        "Date | 23 April 2025",
        "Report author | Jo Bloggs, Community Safety Manager",
        "Contacts | jo.bloggs@ashcombe.example",
        "Affected wards | Victoria and Stanhope",
    ):
        assert line in text
    assert "Appendix A: delivery plan" in text


def test_highlights_fall_back_to_each_priority_s_rationale(sample, read, today):
    report = build("committee", sample, today=today)
    text = read.docx_text(render(report, "docx").content)
    assert "Why is domestic abuse a priority?" in text
    assert "Domestic abuse rose by 12% against a county fall of 3.2%." in text
    assert report.attribution == ""


def test_highlights_use_the_saved_assessment_with_its_licence(sample, read, today):
    from saferplan.assessment.models import Assessment, PriorityScore

    priority = Priority.objects.get(plan=sample, title="Domestic abuse")
    assessment = Assessment.objects.create(
        partnership=sample.partnership,
        county_name="Wessex",
        window_start=date(2023, 10, 1),
        window_end=date(2024, 9, 30),
        compare_start=date(2022, 10, 1),
        compare_end=date(2023, 9, 30),
    )
    PriorityScore.objects.create(
        assessment=assessment,
        crime_type="Violence and sexual offences",
        paragraph="Violence rose by 9.1% against a Wessex fall of 2.0%.",
        priority=priority,
    )
    report = build("committee", sample, today=today)
    pdf = read.pdf_flat(render(report, "pdf").content)
    assert "Violence rose by 9.1% against a Wessex fall of 2.0%." in pdf
    assert "October 2023 to September 2024" in pdf
    assert report.attribution == OGL_NOTICE
    assert "Open Government Licence v3.0" in pdf


def test_workbook_holds_actions_with_every_quarter_and_the_missing_returns(sample, read, today):
    quarter = Quarter.parse("2024/25 Q2")
    sheets = read.xlsx_rows(
        render(build("workbook", sample, today=today, quarter=quarter), "xlsx").content
    )
    assert list(sheets) == [
        "Plan",
        "Actions and returns",
        "Indicators",
        "Indicator values",
        "Missing returns",
    ]
    actions = sheets["Actions and returns"]
    header = next(row for row in actions if row[:2] == ["Priority", "Ref"])
    assert "2024/25 Q1 status" in header and "2024/25 Q4 update" in header
    refs = {row[1] for row in actions}
    assert set(Action.objects.filter(priority__plan=sample).values_list("ref", flat=True)) <= refs
    dashboard = build_dashboard(reporting_period(sample, quarter), today)
    expected = sum(len(lines) for _agency, lines in dashboard.missing_by_agency())
    missing = [row for row in sheets["Missing returns"] if row[3] == "2024/25 Q2"]
    assert len(missing) == expected > 0


def test_a_quarter_outside_the_plans_year_is_refused(sample, today):
    from saferplan.reports.services import ReportError

    with pytest.raises(ReportError, match="not a quarter of the plan's year"):
        build("quarterly", sample, today=today, quarter=Quarter.parse("2023/24 Q1"))
