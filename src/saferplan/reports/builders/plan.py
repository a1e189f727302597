"""The partnership plan (seeds 001, 002, 004): introduction, review of last year, targets,
the priorities with their evidence and action tables, subsidiary priorities, directory,
glossary."""

from __future__ import annotations

from datetime import date

from saferplan.plans.models import Plan, Priority
from saferplan.plans.queries import PlanPage, plan_page
from saferplan.reports.builders.common import (
    AssessmentEvidence,
    action_table,
    agency_names,
    assessment_evidence,
    cover_details,
    directory_blocks,
    glossary_blocks,
    has_outcome,
    in_sentence,
    new_document,
    previous_plan,
    priority_heading,
    review_targets_table,
    shared_measure,
    targets_table,
    text_blocks,
)
from saferplan.reports.document import OGL_NOTICE, Heading, Paragraph, ReportDocument, Table


def build_plan(plan: Plan | int, *, today: date, public: bool = False) -> ReportDocument:
    """The plan as its partnership publishes it; ``public`` leaves out contact details."""
    page = plan_page(plan if isinstance(plan, int) else plan.pk)
    plan = page.plan
    doc = new_document(
        "plan",
        plan,
        title=plan.title,
        subtitle=f"{plan.partnership.name} · {plan.year}",
        stem=f"{plan.partnership.slug}-plan-{plan.year.replace('/', '-')}",
    )
    doc.produced_on = today
    doc.add(cover_details(page, today, [("Priorities", str(len(page.main_priorities)))]))
    if plan.introduction.strip():
        doc.add(Heading("Introduction", 1, "introduction"), *text_blocks(plan.introduction))
    _review(doc, page)
    _targets(doc, page)
    _priorities(doc, page)
    doc.add(*directory_blocks(plan, public=public))
    doc.add(*glossary_blocks(plan))
    return doc


def _review(doc: ReportDocument, page: PlanPage) -> None:
    plan = page.plan
    last_year = str(plan.financial_year.__class__(plan.financial_year.start_year - 1))
    review_text = getattr(getattr(plan, "report_text", None), "review", "")
    rows = [r for r in page.targets if has_outcome(r)]
    if not rows and (previous := previous_plan(plan)) is not None:
        rows = [r for r in previous.target_rows.all() if has_outcome(r)]
    if not rows and not review_text.strip():
        return
    doc.add(Heading(f"Review of {last_year}", 1, "review"))
    doc.add(*text_blocks(review_text))
    if rows:
        doc.add(
            Paragraph(
                f"How the partnership did against its targets for {last_year}. The change is "
                "worked out from the figures: (actual − baseline) ÷ baseline × 100, in "
                "percentage points for percentages."
            ),
            review_targets_table(rows),
        )


def _targets(doc: ReportDocument, page: PlanPage) -> None:
    rows = [r for r in page.targets if not has_outcome(r)]
    if rows:
        year = page.plan.year
        doc.add(
            Heading(f"Targets for {year}", 1, "targets"),
            Paragraph(f"The targets the partnership has set itself for {year}."),
            targets_table(rows, year),
        )


def _priorities(doc: ReportDocument, page: PlanPage) -> None:
    evidence = assessment_evidence(page.plan, page.priorities)
    if evidence:
        doc.attribution = OGL_NOTICE  # the paragraphs are worked out from police.uk figures
    main = page.main_priorities
    if main:
        doc.add(
            Heading("Our priorities", 1, "priorities"),
            Paragraph(
                f"The partnership's priorities for {page.plan.year}, agreed from the strategic "
                "assessment, and the agency that leads each."
            ),
            Table(
                header=["Priority", "Theme", "Lead agency", "Actions"],
                rows=[
                    [
                        p.group or priority_heading(p),
                        p.title if p.group else "",
                        agency_names(p.leads_list),
                        str(len(p.action_list)),
                    ]
                    for p in main
                ],
                widths=[3, 3, 2, 1],
                numeric=frozenset({3}),
            ),
        )
    group = None
    for priority in main:
        if priority.group and priority.group != group:
            doc.add(Heading(priority.group, 1, f"group-{priority.pk}"))
        group = priority.group
        level = 2 if priority.group else 1
        _priority(doc, priority, level, evidence)
    subsidiary = page.subsidiary_priorities
    if subsidiary:
        doc.add(
            Heading("Subsidiary priorities", 1, "subsidiary"),
            Paragraph(
                "Issues the partnership keeps watch on through its regular tasking, without a "
                "full action plan of their own."
            ),
        )
        for priority in subsidiary:
            _priority(doc, priority, 2, evidence)


def _priority(
    doc: ReportDocument, priority: Priority, level: int, evidence: AssessmentEvidence
) -> None:
    sub = min(level + 1, 3)
    doc.add(Heading(priority_heading(priority), level, f"priority-{priority.pk}"))
    if priority.leads_list:
        doc.add(Paragraph(f"Lead agency: {agency_names(priority.leads_list)}", bold=True))
    why = evidence.why(priority)
    if why.strip():
        doc.add(Heading(f"Why is {in_sentence(priority.title)} a priority?", sub))
        doc.add(*text_blocks(why))
        if priority.pk in evidence.paragraphs:
            doc.add(Paragraph(f"From the strategic assessment: {evidence.window}.", style="small"))
    if priority.action_list:
        measure = shared_measure(priority)
        doc.add(Heading("Actions", sub), action_table(priority, measures=not measure))
        if measure:
            doc.add(Heading("Performance measures", sub), *text_blocks(measure))
    if priority.intended_outcomes.strip():
        doc.add(Heading("Intended outcomes", sub), *text_blocks(priority.intended_outcomes))
    if priority.key_partners.strip():
        doc.add(Heading("Key partners", sub), *text_blocks(priority.key_partners))
