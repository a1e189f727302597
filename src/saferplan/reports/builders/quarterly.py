"""The quarterly progress report (seed 000): a summary of RAG counts and missing returns,
each priority's actions with this and earlier quarters side by side, the exceptions, and
the indicators with their charts.

Every count comes from ``monitoring.dashboard.build_dashboard``, so the report and the
manager's dashboard cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from saferplan.indicators.status import indicator_status
from saferplan.monitoring.dashboard import ActionLine, Dashboard, build_dashboard
from saferplan.monitoring.models import ReportingPeriod
from saferplan.monitoring.rules import (
    STATUS_LABELS,
    UNRATED,
    default_deadline,
    rag_counts,
    update_status,
)
from saferplan.plans.models import Plan, ProgressUpdate
from saferplan.plans.periods import Quarter, financial_year_of
from saferplan.plans.queries import plan_page
from saferplan.reports.builders.common import (
    agency_names,
    cover_details,
    glossary_blocks,
    new_document,
    plan_indicators,
    priority_heading,
    uses_police_data,
)
from saferplan.reports.charts import indicator_chart
from saferplan.reports.document import (
    OGL_NOTICE,
    Cell,
    Heading,
    Paragraph,
    ReportDocument,
    Table,
)

LABELS = STATUS_LABELS
# The order statuses are shown in: the good news first, missing data last.
SHOWN = ("completed", "on_track", "at_risk", "off_track", "not_started", UNRATED, "no_data")


def latest_quarter(plan: Plan, today: date) -> Quarter:
    """The latest quarter with a return, else today's quarter within the plan's year."""
    periods = ProgressUpdate.objects.filter(action__priority__plan=plan).values_list(
        "period", flat=True
    )
    quarters = []
    for label in set(periods):
        try:
            quarters.append(Quarter.parse(label))
        except ValueError:
            continue
    mine = [q for q in quarters if q.year == plan.financial_year]
    if mine:
        return max(mine)
    fy = plan.financial_year
    if financial_year_of(today) == fy:
        return next(q for q in fy.quarters() if q.start <= today <= q.end)
    return fy.quarter(4 if today > fy.end else 1)


def reporting_period(plan: Plan, quarter: Quarter) -> ReportingPeriod:
    """The stored period, or an unsaved one with the default deadline (a report writes nothing)."""
    if quarter.year != plan.financial_year:
        raise ValueError(f"{quarter} is not in the plan's year {plan.year}")
    period = ReportingPeriod.objects.filter(plan=plan, number=quarter.number).first()
    return period or ReportingPeriod(
        plan=plan, number=quarter.number, deadline=default_deadline(quarter)
    )


def build_quarterly(
    plan: Plan | int, *, today: date, quarter: Quarter | None = None
) -> ReportDocument:
    page = plan_page(plan if isinstance(plan, int) else plan.pk)
    plan = page.plan
    quarter = quarter or latest_quarter(plan, today)
    period = reporting_period(plan, quarter)
    dashboard = build_dashboard(period, today)
    doc = new_document(
        "quarterly",
        plan,
        title=f"Progress report {quarter}",
        subtitle=f"{plan.partnership.name} · {plan.title}",
        stem=f"{plan.partnership.slug}-progress-{str(quarter).replace('/', '-').replace(' ', '-')}",
    )
    doc.landscape = True
    doc.produced_on = today
    doc.add(
        cover_details(
            page,
            today,
            [
                ("Quarter", f"{quarter} ({quarter.months_label})"),
                ("Returns due by", f"{period.deadline:%-d %B %Y}"),
            ],
        )
    )
    _summary(doc, dashboard, quarter)
    quarters = [q for q in plan.financial_year.quarters() if q <= quarter]
    for priority in page.priorities:
        if priority.action_list:
            doc.add(Heading(priority_heading(priority), 1, f"priority-{priority.pk}"))
            if priority.group:
                doc.add(Paragraph(f"Part of: {priority.group}", style="small"))
            doc.add(_progress_table(priority, quarters, quarter))
    _exceptions(doc, dashboard)
    _indicators(doc, plan, today)
    doc.add(*glossary_blocks(plan))
    return doc


def _rag_cell(status: str) -> Cell:
    return Cell(LABELS.get(status, "No data"), rag=status)


def _summary(doc: ReportDocument, dashboard: Dashboard, quarter: Quarter) -> None:
    total = dashboard.total
    doc.add(
        Heading("Summary", 1, "summary"),
        Paragraph(
            f"{total.due} actions were due a return for {quarter}. {total.submitted} returns "
            f"were submitted and {total.outstanding} are outstanding ({total.overdue} past the "
            f"deadline); {total.no_data} returns said data was still to come."
        ),
        Heading("Status of actions by priority", 2),
    )
    by_priority: dict[int, list[ActionLine]] = defaultdict(list)
    names = {}
    for line in dashboard.lines:
        by_priority[line.action.priority_id].append(line)
        names[line.action.priority_id] = priority_heading(line.action.priority)
    rows: list[list[str | Cell]] = []
    for pid, lines in by_priority.items():
        counts = rag_counts(line.status for line in lines)
        rows.append([names[pid], *(str(counts[s]) for s in SHOWN), str(len(lines))])
    rag = dashboard.rag
    rows.append(
        [Cell("All priorities", bold=True)]
        + [Cell(str(rag[s]), bold=True) for s in SHOWN]
        + [Cell(str(sum(rag.values())), bold=True)]
    )
    doc.add(
        Table(
            header=["Priority", *(LABELS[s] for s in SHOWN), "Actions"],
            rows=rows,
            widths=[4, 1, 1, 1, 1, 1, 1, 1],
            numeric=frozenset(range(1, len(SHOWN) + 2)),
            caption=f"Status of actions by priority, {quarter}",
        )
    )
    doc.add(Heading("Returns missing by agency", 2, "missing"))
    missing = dashboard.missing_by_agency()
    if not missing:
        doc.add(Paragraph("Every lead agency has sent its returns with data."))
        return
    doc.add(
        Paragraph(
            "Returns not yet submitted, or submitted without data (\u201cdata to be "
            "provided\u201d). An action led by several agencies counts against each."
        ),
        Table(
            header=["Lead agency", "Missing", "Past the deadline", "Actions"],
            rows=[
                [
                    agency.name,
                    str(len(lines)),
                    str(sum(line.overdue for line in lines)),
                    _refs(lines),
                ]
                for agency, lines in missing
            ],
            widths=[3, 1, 1, 4],
            numeric=frozenset({1, 2}),
            caption=f"Returns missing by agency, {quarter}",
        ),
    )


def _refs(lines: list[ActionLine]) -> str:
    """ "1.2, 3.4"; where priorities have no number (seed 000 restarts at 1 in each),
    "Domestic Abuse: 3, 4; Substance misuse: 1"."""
    if all(line.action.priority.ref or "." in line.action.ref for line in lines):
        return ", ".join(_ref(line) for line in lines)
    groups: dict[str, list[str]] = {}
    for line in lines:
        groups.setdefault(line.action.priority.title, []).append(line.action.ref)
    return "; ".join(f"{title}: {', '.join(refs)}" for title, refs in groups.items())


def _ref(line: ActionLine) -> str:
    ref = line.action.ref
    pref = line.action.priority.ref
    return ref if "." in ref or not pref else f"{pref}.{ref}"


def _progress_table(priority, quarters: list[Quarter], current: Quarter) -> Table:
    """Seed 000's table: action, baseline, target, lead, then one column per quarter."""
    labels = [str(q) for q in quarters]
    rows = []
    for action in priority.action_list:
        updates = {u.period: u for u in action.updates.all()}
        cells = [
            (updates[label].text or LABELS.get(updates[label].status, ""))
            if label in updates
            else "No return"
            for label in labels
        ]
        update = updates.get(str(current))
        status = update_status(update)
        rows.append(
            [
                action.ref,
                action.text,
                action.baseline,
                action.target,
                agency_names(action.leads),
                *cells,
                _rag_cell(status),
            ]
        )
    quarter_width = 3.5 if len(labels) <= 2 else 2.6
    return Table(
        header=[
            "Ref",
            "Action",
            "Baseline",
            "Target",
            "Lead",
            *(f"Q{q.number}" for q in quarters),
            f"Status Q{current.number}",
        ],
        rows=rows,
        widths=[0.5, 3, 0.9, 1.1, 1.2, *([quarter_width] * len(labels)), 1],
        caption=f"Progress: {priority.title}",
    ).without_empty_columns()


def _exceptions(doc: ReportDocument, dashboard: Dashboard) -> None:
    doc.add(Heading("Exceptions", 1, "exceptions"))
    lines = dashboard.exceptions
    if not lines:
        doc.add(Paragraph("No action is at risk, off track or without data this quarter."))
        return
    doc.add(
        Paragraph(
            f"{len(lines)} actions are at risk, off track or have no data this quarter: the "
            "ones the partnership needs to discuss."
        ),
        Table(
            header=["Ref", "Priority", "Action", "Lead", "Status", "Latest update"],
            rows=[
                [
                    _ref(line),
                    line.action.priority.title,
                    line.action.text,
                    agency_names(line.leads),
                    _rag_cell(line.status),
                    (line.update.text if line.update else "") or "No return",
                ]
                for line in lines
            ],
            widths=[0.6, 1.6, 3, 1.3, 1, 3.5],
            caption="Exceptions",
        ),
    )


def _indicators(doc: ReportDocument, plan: Plan, today: date) -> None:
    indicators = plan_indicators(plan)
    if not indicators:
        return
    statuses = [(i, indicator_status(i, today)) for i in indicators]
    doc.add(
        Heading("Indicators", 1, "indicators"),
        Table(
            header=["Indicator", "Reference", "Baseline", "Target", "Actual", "Change", "Status"],
            rows=[
                [
                    i.name,
                    i.reference,
                    s.baseline_text if s.baseline is not None else "",
                    s.goal_text if s.goal is not None else "",
                    s.actual_text,
                    s.change_text if s.change is not None else "",
                    s.label,
                ]
                for i, s in statuses
            ],
            widths=[3.5, 1.5, 1, 1, 1, 1, 1.3],
            numeric=frozenset({2, 3, 4, 5}),
            caption="Indicators against their targets",
        ),
    )
    for indicator, status in statuses:
        chart = indicator_chart(indicator, status)
        doc.add(Heading(indicator.name, 2), chart)
    if uses_police_data(indicators):
        doc.attribution = OGL_NOTICE
