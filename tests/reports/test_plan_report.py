"""The plan document: seed 001's targets with their verdicts, every action with its lead,
and the structure Word and PDF readers rely on (headings, repeating headers, bookmarks)."""

import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from saferplan.indicators.checks import check_plan_targets
from saferplan.plans.models import Action
from saferplan.reports.builders.common import VERDICT_LABELS
from saferplan.reports.services import build, render

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_001(import_seed, today):
    plan = import_seed("001")
    report = build("plan", plan, today=today)
    return plan, {fmt: render(report, fmt).content for fmt in ("docx", "pdf", "xlsx")}


def test_seed_001_targets_carry_their_verdicts_in_every_format(seed_001, read):
    plan, out = seed_001
    reviewed = [c for c in check_plan_targets(plan) if c.actual or c.printed_change]
    assert len(reviewed) == 13
    docx_rows = read.docx_rows(out["docx"])
    xlsx = [row for rows in read.xlsx_rows(out["xlsx"]).values() for row in rows]
    pdf = read.pdf_flat(out["pdf"])
    for check in reviewed:
        verdict = VERDICT_LABELS[check.status]
        assert any(r[0] == check.title and r[-1] == verdict for r in docx_rows), check.title
        assert any(r[0] == check.title and verdict in r for r in xlsx), check.title
        assert f"{check.title}" in pdf
    by_title: dict = {}
    for row in docx_rows:  # the review table comes first; this year's targets repeat titles
        by_title.setdefault(row[0], row)
    assert by_title["Reduce domestic burglary by 5%"][-2:] == ["-7%", "Target exceeded"]
    assert by_title["Reduce non domestic burglary by 5%"][-1] == "Target missed"
    assert by_title["Reduce the percentage of repeat victims of domestic abuse to 20%"][-2:] == [
        "+1.3 pp",
        "Target missed",
    ]
    assert (
        by_title["Reduce the number of first time entrants to the Criminal Justice System"][-1]
        == "Not known"
    )
    assert "-7% Target exceeded" in pdf and "+1.3 pp Target missed" in pdf


def test_this_years_targets_follow_the_review(seed_001, read):
    _plan, out = seed_001
    text = read.docx_text(out["docx"])
    assert "Targets for 2010/11" in text
    assert "Reduce overall crime by 8% | West Kent Policing Plan | 5,745 | 5,285" in text


def test_every_action_is_in_the_plan_with_its_lead(sample, read, today):
    out = render(build("plan", sample, today=today), "docx").content
    rows = read.docx_rows(out)
    actions = Action.objects.filter(priority__plan=sample).prefetch_related("agency_links__agency")
    for action in actions:
        lead = ", ".join(a.acronym or a.name for a in action.lead_agencies())
        assert any(r[0] == action.ref and r[1] == action.text and r[2] == lead for r in rows)
    text = read.docx_text(out)
    assert "Why is domestic abuse a priority?" in text
    assert "Subsidiary priorities" in text and "Glossary" in text and "Partner directory" in text


def test_word_has_heading_styles_repeating_headers_and_english_uk(sample, today):
    word = Document(io.BytesIO(render(build("quarterly", sample, today=today), "docx").content))
    styles = {p.style.name for p in word.paragraphs}
    assert {"Heading 1", "Heading 2", "Title"} <= styles
    assert word.core_properties.language == "en-GB"
    assert word.core_properties.title.startswith("Progress report")
    for table in word.tables[1:]:  # the first is the cover's key-value panel
        first_row = table.rows[0]._tr
        assert first_row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    footer = word.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    lang = word.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"


def test_pdf_has_title_language_page_numbers_and_a_bookmark_per_section(sample, today):
    report = build("plan", sample, today=today)
    reader = PdfReader(io.BytesIO(render(report, "pdf").content))
    assert reader.metadata.title == report.title
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    top = [o.title for o in reader.outline if not isinstance(o, list)]
    assert top == [h.text for h in report.headings(1)]
    pages = len(reader.pages)
    assert re.search(rf"Page 1 of {pages}", reader.pages[0].extract_text())
    assert re.search(rf"Page {pages} of {pages}", reader.pages[-1].extract_text())


def test_a_long_table_repeats_its_header_on_the_next_pdf_page(import_seed, read, today):
    plan = import_seed("000")
    pdf = render(build("quarterly", plan, today=today), "pdf").content
    pages = PdfReader(io.BytesIO(pdf)).pages
    headed = [p for p in pages if re.search(r"Ref\s+Action\s+Baseline", p.extract_text())]
    tables = len(plan.priorities.all())
    assert len(headed) > tables  # some priority's table ran onto a second page, header and all


def test_public_copy_leaves_out_contact_details(sample, read, today):
    from saferplan.partnerships.models import Agency

    Agency.objects.filter(acronym="WP").update(email="inspector.jones@wessex.police.example")
    private = read.docx_text(render(build("plan", sample, today=today), "docx").content)
    public = read.docx_text(render(build("plan", sample, today=today, public=True), "docx").content)
    assert "inspector.jones@wessex.police.example" in private
    assert "inspector.jones@wessex.police.example" not in public


def _assessment(partnership, **dates):
    from datetime import date

    from saferplan.assessment.models import Assessment

    return Assessment.objects.create(
        partnership=partnership,
        county_name="Wessex",
        window_start=dates.get("start", date(2023, 10, 1)),
        window_end=dates.get("end", date(2024, 9, 30)),
        compare_start=date(2022, 10, 1),
        compare_end=date(2023, 9, 30),
    )


def test_why_a_priority_comes_from_the_attached_assessment_paragraph(sample, read, today):
    """The manager drafted, attached and then edited the paragraph in the assessment: the
    plan prints the assessment's words, where they came from, and the OGL notice."""
    from saferplan.assessment.models import PriorityScore
    from saferplan.assessment.saved import ScoreInput, attach, save_scores
    from saferplan.plans.models import Priority
    from saferplan.reports.document import OGL_NOTICE

    priority = Priority.objects.get(plan=sample, title="Domestic abuse")
    assessment = _assessment(sample.partnership)
    score = PriorityScore.objects.create(
        assessment=assessment,
        crime_type="Violence and sexual offences",
        paragraph="Violence rose by 9.1% against a Wessex fall of 2.0%.",
    )
    attach(score, priority)
    score.refresh_from_db()
    edited = "Violence rose by 9.1% (1,032 crimes) against a Wessex fall of 2.0%."
    save_scores(assessment, [ScoreInput(score.crime_type, 3, 4, edited, score.version)])
    priority.refresh_from_db()
    assert priority.rationale != edited  # attaching copied the first draft only

    report = build("plan", sample, today=today)
    assert report.attribution == OGL_NOTICE
    text = read.docx_text(render(report, "docx").content)
    section = text.split("Why is domestic abuse a priority?", 1)[1]
    assert section.lstrip().startswith(edited)
    assert "From the strategic assessment: police-recorded crime from October 2023 to " in section
    assert "Open Government Licence v3.0" in text
    # A priority without an attached paragraph keeps its own rationale.
    assert "Anti-social behaviour rose by 12% against a county fall of 3.2%." in text
    pdf = read.pdf_flat(render(report, "pdf").content)
    assert edited in pdf and "Open Government Licence v3.0" in pdf
    html = render(report, "html").content.decode()
    assert "Violence rose by 9.1% (1,032 crimes)" in html


def test_the_newest_assessment_wins_and_last_years_priority_fills_in(sample, read, today):
    from datetime import date

    from factories import PlanFactory, PriorityFactory
    from saferplan.assessment.models import PriorityScore
    from saferplan.plans.models import Priority

    domestic = Priority.objects.get(plan=sample, title="Domestic abuse")
    asb = Priority.objects.get(plan=sample, title="Anti-social behaviour")
    last_year = PriorityFactory(
        plan=PlanFactory(partnership=sample.partnership, year="2023/24"), title="ASB"
    )
    asb.copied_from = last_year
    asb.save()
    old = _assessment(sample.partnership, start=date(2022, 10, 1), end=date(2023, 9, 30))
    new = _assessment(sample.partnership)
    PriorityScore.objects.create(
        assessment=old, crime_type="Burglary", paragraph="Old words.", priority=domestic
    )
    PriorityScore.objects.create(
        assessment=new, crime_type="Burglary", paragraph="New words.", priority=domestic
    )
    PriorityScore.objects.create(
        assessment=old, crime_type="ASB", paragraph="Last year's ASB words.", priority=last_year
    )
    text = read.docx_text(render(build("plan", sample, today=today), "docx").content)
    assert "New words." in text and "Old words." not in text
    assert "Last year's ASB words." in text
