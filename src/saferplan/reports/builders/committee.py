"""The Overview & Scrutiny committee report (seed 003): the council paper's header block,
the assessment highlights and priorities, progress so far, and the delivery plan as an
appendix.  Blank header fields get the wording councils usually print."""

from __future__ import annotations

from datetime import date

from saferplan.monitoring.dashboard import build_dashboard
from saferplan.plans.models import Plan, Priority
from saferplan.plans.periods import Quarter
from saferplan.plans.queries import PlanPage, plan_page
from saferplan.reports.builders.common import (
    agency_names,
    assessment_evidence,
    glossary_blocks,
    in_sentence,
    new_document,
    priority_heading,
    text_blocks,
)
from saferplan.reports.builders.quarterly import LABELS, SHOWN, latest_quarter, reporting_period
from saferplan.reports.document import (
    OGL_NOTICE,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    ReportDocument,
    Table,
)


def header_rows(plan: Plan, today: date) -> list[tuple[str, str]]:
    """The header block as printed: the plan's own texts, or defaults where blank."""
    from saferplan.reports.models import ReportText

    text = ReportText.objects.filter(plan=plan).first() or ReportText(plan=plan)
    name = plan.partnership.name
    area = plan.partnership.area or "the whole area"
    defaults = {
        "agenda_item": "",
        "report_to": "Overview and Scrutiny Committee",
        "meeting_date": f"{today:%-d %B %Y}",
        "report_title": f"{name}: the community safety plan for {plan.year} and progress so far",
        "author": f"Community Safety Manager, {name}",
        "summary": (
            f"This report sets out the priorities of {name} for {plan.year}, the evidence for "
            "them from the strategic assessment, and progress on the delivery plan."
        ),
        "key_decision": "No",
        "affected_wards": f"The partnership covers {area}.",
        "recommendations": (
            "The committee is asked to note the information in this report and the delivery "
            "plan for the year."
        ),
        "policy_overview": (
            "The committee is the council's crime and disorder committee under the Police and "
            "Justice Act 2006 and reviews the work of the Community Safety Partnership."
        ),
        "financial_implications": "None arising from this report.",
        "risk_assessment": "Not applicable.",
        "background_papers": f"Strategic assessment and delivery plan {plan.year} (attached).",
        "contacts": "",
    }
    labels = {
        "agenda_item": "Agenda item",
        "report_to": "Report to",
        "meeting_date": "Date",
        "report_title": "Report title",
        "author": "Report author",
        "summary": "Summary",
        "key_decision": "Key decision",
        "affected_wards": "Affected wards",
        "recommendations": "Recommendations",
        "policy_overview": "Policy overview",
        "financial_implications": "Financial implications",
        "risk_assessment": "Risk assessment",
        "background_papers": "Background papers",
        "contacts": "Contacts",
    }
    rows = []
    for field in ReportText.HEADER_FIELDS:
        value = getattr(text, field)
        if field == "meeting_date" and value:
            value = f"{value:%-d %B %Y}"
        value = (value or "").strip() if isinstance(value, str) else value
        rows.append((labels[field], value or defaults[field]))
    return [(label, value) for label, value in rows if value]


def build_committee(
    plan: Plan | int, *, today: date, quarter: Quarter | None = None
) -> ReportDocument:
    page = plan_page(plan if isinstance(plan, int) else plan.pk)
    plan = page.plan
    rows = header_rows(plan, today)
    title = dict(rows)["Report title"]
    doc = new_document(
        "committee",
        plan,
        title=title,
        subtitle=f"{dict(rows)['Report to']} · {dict(rows)['Date']}",
        stem=f"{plan.partnership.slug}-committee-report-{plan.year.replace('/', '-')}",
    )
    doc.produced_on = today
    doc.add(Heading("Report summary", 1, "header"), KeyValues(rows), PageBreak())
    doc.add(
        Heading("Purpose of the report", 1, "purpose"),
        Paragraph(
            f"The committee reviews the work of {plan.partnership.name} each year. This report "
            f"sets out the partnership's priorities for {plan.year}, why they were chosen, and "
            "how the delivery plan is progressing. The delivery plan is attached as Appendix A."
        ),
    )
    _highlights(doc, page)
    _priorities(doc, page)
    _progress(doc, plan, today, quarter)
    _appendix(doc, page)
    doc.add(*glossary_blocks(plan))
    return doc


def _highlights(doc: ReportDocument, page: PlanPage) -> None:
    evidence = assessment_evidence(page.plan, page.priorities)
    doc.add(Heading("Strategic assessment highlights", 1, "assessment"))
    if evidence:
        doc.add(Paragraph(f"From the partnership's strategic assessment: {evidence.window}."))
        doc.attribution = OGL_NOTICE
    else:
        doc.add(
            Paragraph(
                "The evidence for each priority, as the partnership's strategic assessment set "
                "it out."
            )
        )
    for priority in page.main_priorities:
        text = evidence.why(priority)
        if text.strip():
            doc.add(Heading(f"Why is {in_sentence(priority.title)} a priority?", 2))
            doc.add(*text_blocks(text))


def _priorities(doc: ReportDocument, page: PlanPage) -> None:
    doc.add(
        Heading(f"The priorities for {page.plan.year}", 1, "priorities"),
        Table(
            header=["Priority", "Lead agency", "Actions"],
            rows=[
                [priority_heading(p), agency_names(p.leads_list), str(len(p.action_list))]
                for p in page.main_priorities
            ],
            widths=[4, 3, 1],
            numeric=frozenset({2}),
        ),
    )
    if page.subsidiary_priorities:
        doc.add(
            Paragraph(
                "The partnership also keeps watch on: "
                + "; ".join(p.title for p in page.subsidiary_priorities)
                + "."
            )
        )


def _progress(doc: ReportDocument, plan: Plan, today: date, quarter: Quarter | None) -> None:
    quarter = quarter or latest_quarter(plan, today)
    dashboard = build_dashboard(reporting_period(plan, quarter), today)
    rag = dashboard.rag
    doc.add(
        Heading(f"Progress to {quarter}", 1, "progress"),
        Paragraph(
            f"At {quarter} ({quarter.months_label}), {dashboard.total.submitted} of "
            f"{dashboard.total.due} quarterly returns were in. The full quarterly progress "
            "report is available from the partnership."
        ),
        Table(
            header=["Status", "Actions"],
            rows=[[LABELS[s], str(rag[s])] for s in SHOWN],
            widths=[3, 1],
            numeric=frozenset({1}),
            caption=f"Actions by status, {quarter}",
        ),
    )


def _appendix(doc: ReportDocument, page: PlanPage) -> None:
    doc.add(PageBreak(), Heading("Appendix A: delivery plan", 1, "appendix-a"))
    for priority in page.main_priorities:
        if priority.action_list:
            doc.add(
                Heading(f"Priority: {priority.title}", 2, f"appendix-{priority.pk}"),
                Paragraph(f"Lead partner: {agency_names(priority.leads_list)}", bold=True),
                _delivery_table(priority),
            )


def _delivery_table(priority: Priority) -> Table:
    """Seed 003's columns: aim, action, main partner, targets, evidence."""
    rows, last_aim = [], None
    for action in priority.action_list:
        aim = action.aim if action.aim != last_aim else ""  # an aim spans the rows under it
        last_aim = action.aim or last_aim
        rows.append(
            [
                aim,
                f"{action.ref} {action.text}".strip(),
                agency_names(action.leads),
                action.target,
                action.evidence or action.measure,
            ]
        )
    return Table(
        header=["Aim", "Action", "Main partner", "Targets", "Evidence"],
        rows=rows,
        widths=[2.2, 3.5, 1.5, 2, 2],
        caption=f"Delivery plan: {priority.title}",
    ).without_empty_columns(keep=frozenset({1}))
