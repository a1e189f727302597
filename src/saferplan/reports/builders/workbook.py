"""The workbook: the plan, every action with all its returns by quarter, the indicators and
their values, and the missing returns, one sheet each (each level-1 heading is a sheet)."""

from __future__ import annotations

from datetime import date

from saferplan.indicators.status import indicator_status
from saferplan.monitoring.dashboard import build_dashboard
from saferplan.monitoring.rules import STATUS_LABELS
from saferplan.plans.models import Plan
from saferplan.plans.periods import Quarter
from saferplan.plans.queries import plan_page
from saferplan.reports.builders.common import (
    agency_names,
    new_document,
    plain_number,
    plan_indicators,
    uses_police_data,
)
from saferplan.reports.builders.quarterly import latest_quarter, reporting_period
from saferplan.reports.document import OGL_NOTICE, Heading, KeyValues, ReportDocument, Table

LABELS = STATUS_LABELS


def build_workbook(
    plan: Plan | int, *, today: date, quarter: Quarter | None = None
) -> ReportDocument:
    page = plan_page(plan if isinstance(plan, int) else plan.pk)
    plan = page.plan
    quarter = quarter or latest_quarter(plan, today)
    doc = new_document(
        "workbook",
        plan,
        title=f"{plan.title}: workbook",
        subtitle=f"{plan.partnership.name} · {plan.year}",
        stem=f"{plan.partnership.slug}-workbook-{plan.year.replace('/', '-')}",
    )
    doc.produced_on = today
    quarters = [str(q) for q in plan.financial_year.quarters()]
    doc.add(
        Heading("Plan", 1, "plan"),
        KeyValues(
            [
                ("Partnership", plan.partnership.name),
                ("Plan", plan.title),
                ("Financial year", plan.year),
                ("Status", plan.get_status_display()),
                ("Priorities", str(len(page.priorities))),
                ("Actions", str(page.action_count)),
                ("Missing returns counted for", str(quarter)),
                ("Produced", f"{today:%-d %B %Y}"),
            ]
        ),
        Table(
            header=["Ref", "Priority", "Theme of", "Subsidiary", "Lead agency", "Actions"],
            rows=[
                [
                    p.ref,
                    p.title,
                    p.group,
                    "Yes" if p.subsidiary else "No",
                    agency_names(p.leads_list),
                    str(len(p.action_list)),
                ]
                for p in page.priorities
            ],
            numeric=frozenset({5}),
            caption="Priorities",
        ),
    )
    rows = []
    for priority in page.priorities:
        for action in priority.action_list:
            updates = {u.period: u for u in action.updates.all()}
            per_quarter = []
            for label in quarters:
                update = updates.get(label)
                per_quarter += [
                    LABELS.get(update.status, "") if update else "",
                    update.text if update else "",
                ]
            rows.append(
                [
                    priority.title,
                    action.ref,
                    action.text,
                    agency_names(action.leads),
                    ", ".join(a.acronym or a.name for a in action.partners),
                    action.baseline,
                    action.target,
                    action.measure,
                    *per_quarter,
                ]
            )
    quarter_headers = [h for q in quarters for h in (f"{q} status", f"{q} update")]
    doc.add(
        Heading("Actions and returns", 1, "actions"),
        Table(
            header=[
                "Priority",
                "Ref",
                "Action",
                "Lead",
                "Partners",
                "Baseline",
                "Target",
                "Measure",
                *quarter_headers,
            ],
            rows=rows,
            widths=[2, 0.6, 4, 1.5, 1.5, 1, 1, 1.5, *([1, 3] * len(quarters))],
        ),
    )
    _indicators(doc, plan, today)
    _missing(doc, plan, quarter, today)
    return doc


def _indicators(doc: ReportDocument, plan: Plan, today: date) -> None:
    indicators = plan_indicators(plan)
    statuses = [(i, indicator_status(i, today)) for i in indicators]
    doc.add(
        Heading("Indicators", 1, "indicators"),
        Table(
            header=["Indicator", "Reference", "Unit", "Baseline", "Target", "Actual", "Status"],
            rows=[
                [
                    i.name,
                    i.reference,
                    i.get_unit_display(),
                    "" if s.baseline is None else plain_number(s.baseline),
                    "" if s.goal is None else plain_number(s.goal),
                    "" if s.actual is None else plain_number(s.actual),
                    s.label,
                ]
                for i, s in statuses
            ],
            numeric=frozenset({3, 4, 5}),
        ),
        Heading("Indicator values", 1, "values"),
        Table(
            header=["Indicator", "Period", "Value", "Note"],
            rows=[
                [i.name, v.period, plain_number(v.value), v.note]
                for i in indicators
                for v in i.values.all()
            ],
            numeric=frozenset({2}),
        ),
    )
    if uses_police_data(indicators):
        doc.attribution = OGL_NOTICE


def _missing(doc: ReportDocument, plan: Plan, quarter: Quarter, today: date) -> None:
    dashboard = build_dashboard(reporting_period(plan, quarter), today)
    doc.add(
        Heading("Missing returns", 1, "missing"),
        Table(
            header=["Lead agency", "Ref", "Action", "Quarter", "Submitted", "Past deadline"],
            rows=[
                [
                    agency.name,
                    line.action.ref,
                    line.action.text,
                    str(quarter),
                    "Yes, without data" if line.submitted else "No",
                    "Yes" if line.overdue else "No",
                ]
                for agency, lines in dashboard.missing_by_agency()
                for line in lines
            ],
        ),
    )
