"""The quarterly progress report in every format agrees with the manager's dashboard."""

import re

import pytest

from saferplan.monitoring.dashboard import build_dashboard
from saferplan.plans.models import Action
from saferplan.plans.periods import Quarter
from saferplan.reports.builders.quarterly import LABELS, SHOWN, reporting_period
from saferplan.reports.services import build, render

pytestmark = pytest.mark.django_db
Q2 = Quarter.parse("2024/25 Q2")


@pytest.fixture
def outputs(sample, today):
    report = build("quarterly", sample, today=today, quarter=Q2)
    return {fmt: render(report, fmt).content for fmt in ("docx", "pdf", "xlsx", "html")}


@pytest.fixture
def dashboard(sample, today):
    return build_dashboard(reporting_period(sample, Q2), today)


def _lead(action: Action) -> str:
    return ", ".join(a.acronym or a.name for a in action.lead_agencies())


def test_every_action_is_in_every_format_with_its_lead(sample, outputs, read):
    actions = Action.objects.filter(priority__plan=sample).prefetch_related("agency_links__agency")
    docx_rows = read.docx_rows(outputs["docx"])
    xlsx = [row for rows in read.xlsx_rows(outputs["xlsx"]).values() for row in rows]
    pdf = read.pdf_flat(outputs["pdf"])
    html = outputs["html"].decode()
    for action in actions:
        lead = _lead(action)
        assert any(r[0] == action.ref and action.text in r and lead in r for r in docx_rows)
        assert any(r[0] == action.ref and action.text in r and lead in r for r in xlsx)
        assert f"{action.ref} {action.text} " in pdf and lead in pdf
        assert action.text in html
    assert len(actions) == 20


def test_rag_counts_equal_the_dashboards_in_word_excel_and_pdf(outputs, dashboard, read):
    expected = [str(dashboard.rag[s]) for s in SHOWN] + [str(len(dashboard.lines))]
    totals = [r for r in read.docx_rows(outputs["docx"]) if r[0] == "All priorities"]
    assert totals == [["All priorities", *expected]]
    sheet = read.xlsx_rows(outputs["xlsx"])["Summary"]
    assert ["All priorities", *expected] in [row[: len(expected) + 1] for row in sheet]
    assert "All priorities " + " ".join(expected) in read.pdf_flat(outputs["pdf"])
    # The sample has returns in several states, so the check means something.
    assert dashboard.rag["at_risk"] and dashboard.rag["no_data"]


def test_missing_returns_by_agency_equal_the_dashboards(outputs, dashboard, read):
    missing = dashboard.missing_by_agency()
    assert missing
    rows = read.docx_rows(outputs["docx"])
    pdf = read.pdf_flat(outputs["pdf"])
    for agency, lines in missing:
        overdue = sum(line.overdue for line in lines)
        row = next(r for r in rows if r[0] == agency.name)
        assert row[1:3] == [str(len(lines)), str(overdue)]
        assert f"{agency.name} {len(lines)} {overdue}" in pdf


def test_summary_sentence_uses_the_dashboard_totals(outputs, dashboard, read):
    total = dashboard.total
    text = read.docx_text(outputs["docx"])
    assert f"{total.due} actions were due a return for 2024/25 Q2. {total.submitted}" in text


def test_exceptions_list_the_at_risk_off_track_and_no_data_actions(
    sample, outputs, dashboard, read
):
    text = read.docx_text(outputs["docx"])
    section = text.split("\nExceptions\n", 1)[1]
    for line in dashboard.exceptions:
        assert line.action.text in section
    assert f"{len(dashboard.exceptions)} actions are at risk" in section


def test_quarters_sit_side_by_side(outputs, read):
    header = next(r for r in read.docx_rows(outputs["docx"]) if r[:2] == ["Ref", "Action"])
    assert header[-3:] == ["Q1", "Q2", "Status Q2"]
    assert LABELS["at_risk"] in read.docx_text(outputs["docx"])


def test_seed_000_q2_report_matches_its_dashboard(import_seed, read, today):
    plan = import_seed("000")
    quarter = Quarter.parse("2014/15-Q2")
    report = build("quarterly", plan, today=today, quarter=quarter)
    word = render(report, "docx").content
    pdf = read.pdf_flat(render(report, "pdf").content)
    dashboard = build_dashboard(reporting_period(plan, quarter), today)
    rows = read.docx_rows(word)
    for line in dashboard.lines:
        lead = ", ".join(a.acronym or a.name for a in line.leads)
        assert any(r[0] == line.action.ref and r[1] == line.action.text and lead in r for r in rows)
    expected = [str(dashboard.rag[s]) for s in SHOWN] + ["39"]
    assert ["All priorities", *expected] in rows
    assert "All priorities " + " ".join(expected) in pdf
    # Q2: the eleven "Data to be provided", one "To be progressed", and 27 updates in words
    # with no status, which are "unrated", not missing.
    assert (dashboard.rag["no_data"], dashboard.rag["not_started"]) == (11, 1)
    assert dashboard.rag["unrated"] == 27
    assert "Update without a status" in read.docx_text(word)
    # Seed 000's own words sit in their quarter's column.
    assert "There are currently 4 TDPs in place" in read.docx_text(word)
    assert re.search(r"Page 1 of \d+", read.pdf_text(render(report, "pdf").content))
