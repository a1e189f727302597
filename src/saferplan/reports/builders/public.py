"""What residents see: a published plan and its progress, without personal data.

Only submitted returns appear (a lead officer's draft is not published), no officer names
or e-mail addresses (agencies are named, people are not), and the same figures are
offered as open data (CSV and JSON) under the Open Government Licence.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from saferplan.indicators.status import indicator_status
from saferplan.monitoring.rules import rag_counts, update_status
from saferplan.plans.models import Plan, ProgressUpdate
from saferplan.plans.periods import Quarter
from saferplan.plans.queries import PlanPage, plan_page
from saferplan.reports.builders.common import (
    agency_names,
    assessment_evidence,
    cover_details,
    new_document,
    plain_number,
    plan_indicators,
    priority_heading,
    text_blocks,
    uses_police_data,
)
from saferplan.reports.builders.quarterly import LABELS, SHOWN
from saferplan.reports.charts import indicator_chart
from saferplan.reports.document import OGL_NOTICE, Cell, Heading, Paragraph, ReportDocument, Table

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def published_updates(action) -> list[ProgressUpdate]:
    return [u for u in action.updates.all() if u.state == ProgressUpdate.State.SUBMITTED]


def latest_public_quarter(page: PlanPage) -> Quarter | None:
    labels = {
        u.period
        for p in page.priorities
        for a in p.action_list
        for u in published_updates(a)
        if u.period.startswith(page.plan.year)
    }
    quarters = [Quarter.parse(label) for label in labels]
    return max(quarters) if quarters else None


def build_public(plan: Plan | int, *, today: date) -> ReportDocument:
    page = plan_page(plan if isinstance(plan, int) else plan.pk)
    plan = page.plan
    quarter = latest_public_quarter(page)
    doc = new_document(
        "public",
        plan,
        title=plan.title,
        subtitle=f"{plan.partnership.name} · {plan.year}",
        stem=f"{plan.partnership.slug}-{plan.year.replace('/', '-')}-progress",
    )
    doc.produced_on = today
    extra = [("Latest progress", f"{quarter} ({quarter.months_label})")] if quarter else []
    doc.add(cover_details(page, today, extra))
    if plan.introduction.strip():
        doc.add(Heading("Introduction", 1, "introduction"), *text_blocks(plan.introduction))
    statuses = []
    for priority in page.priorities:
        for action in priority.action_list:
            update = _update_for(action, quarter)
            statuses.append(update_status(update))
    if quarter:
        counts = rag_counts(statuses)
        doc.add(
            Heading(f"Progress at {quarter}", 1, "progress"),
            Paragraph(f"How the {len(statuses)} actions stood at the end of {quarter}."),
            Table(
                header=["Status", "Actions"],
                rows=[[Cell(LABELS[s], rag=s), str(counts[s])] for s in SHOWN],
                widths=[3, 1],
                numeric=frozenset({1}),
            ),
        )
    evidence = assessment_evidence(plan, page.priorities)
    for priority in page.priorities:
        doc.add(Heading(priority_heading(priority), 1, f"priority-{priority.pk}"))
        if priority.leads_list:
            doc.add(Paragraph(f"Lead agency: {agency_names(priority.leads_list)}", bold=True))
        doc.add(*text_blocks(evidence.why(priority)))
        if priority.action_list:
            doc.add(_actions(priority, quarter))
    _indicators(doc, plan, today)
    if evidence:
        doc.attribution = OGL_NOTICE
    return doc


def _update_for(action, quarter: Quarter | None) -> ProgressUpdate | None:
    if quarter is None:
        return None
    return next((u for u in published_updates(action) if u.period == str(quarter)), None)


def _actions(priority, quarter: Quarter | None) -> Table:
    rows = []
    for action in priority.action_list:
        update = _update_for(action, quarter)
        status = update_status(update)
        rows.append(
            [
                action.ref,
                action.text,
                agency_names(action.leads),
                action.target,
                Cell(LABELS.get(status, "No data"), rag=status),
                (update.text if update else "") or "No update published",
            ]
        )
    return Table(
        header=["Ref", "Action", "Lead", "Target", "Status", "Latest progress"],
        rows=rows,
        widths=[0.6, 3.5, 1.4, 1.4, 1, 3.5],
        caption=f"Actions: {priority.title}",
    ).without_empty_columns()


def _indicators(doc: ReportDocument, plan: Plan, today: date) -> None:
    indicators = plan_indicators(plan)
    if not indicators:
        return
    doc.add(Heading("Indicators", 1, "indicators"))
    for indicator in indicators:
        status = indicator_status(indicator, today)
        doc.add(
            Heading(indicator.name, 2),
            Paragraph(f"{status.label}. {indicator.description}".strip(), style="small"),
            indicator_chart(indicator, status),
        )
    if uses_police_data(indicators):
        doc.attribution = OGL_NOTICE


# --- open data ------------------------------------------------------------------------

CSV_HEADER = [
    "partnership",
    "plan",
    "financial_year",
    "record",  # "action" or "indicator"
    "priority_ref",
    "priority",
    "action_ref",
    "action",
    "lead_agencies",
    "partner_agencies",
    "baseline",
    "target",
    "measure",
    "quarter",
    "status",
    "progress",
    "indicator",
    "indicator_reference",
    "unit",
    "period",
    "value",
]


def police_figures(plan: Plan, page: PlanPage, indicators) -> bool:
    """Whether police.uk figures appear: a computed indicator or an assessment paragraph."""
    return uses_police_data(indicators) or bool(assessment_evidence(plan, page.priorities))


def attribution(plan: Plan, police: bool) -> str:
    return OGL_NOTICE if police else f"{plan.partnership.name}, {LICENCE}"


def open_data_rows(page: PlanPage, indicators=(), today: date | None = None):
    """One row per action and published quarter (an action without returns: one row),
    then one row per indicator value (an indicator without values: one row)."""
    plan = page.plan
    head = [plan.partnership.name, plan.title, plan.year]
    no_indicator = ["", "", "", "", ""]
    for priority in page.priorities:
        for action in priority.action_list:
            base = [
                *head,
                "action",
                priority.ref,
                priority.title,
                action.ref,
                action.text,
                "; ".join(a.name for a in action.leads),
                "; ".join(a.name for a in action.partners),
                action.baseline,
                action.target,
                action.measure,
            ]
            updates = published_updates(action)
            if not updates:
                yield [*base, "", "", "", *no_indicator]
            for update in updates:
                yield [*base, update.period, update.status, update.text, *no_indicator]
    mine = {p.pk: p for p in page.priorities}
    for indicator in indicators:
        status = indicator_status(indicator, today) if today else None
        linked = [mine[p.pk] for p in indicator.priorities.all() if p.pk in mine]
        base = [
            *head,
            "indicator",
            "; ".join(p.ref for p in linked if p.ref),
            "; ".join(p.title for p in linked),
            "",
            "",
            indicator.owner.name if indicator.owner else "",  # an agency, never a person
            "",
            "" if not status or status.baseline is None else plain_number(status.baseline),
            "" if not status or status.goal is None else plain_number(status.goal),
            "",
            "",
            status.label if status else "",
            "",
            indicator.name,
            indicator.reference,
            indicator.unit,
        ]
        values = list(indicator.values.all())
        if not values:
            yield [*base, "", ""]
        for value in values:  # the figure only: a value's note may name a person
            yield [*base, value.period, plain_number(value.value)]


def open_data_csv(plan_pk: int, today: date | None = None) -> bytes:
    """The actions, their published progress and the indicators' values, then a last line
    with the licence (and the police.uk attribution where its figures appear)."""
    page = plan_page(plan_pk)
    indicators = plan_indicators(page.plan)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in open_data_rows(page, indicators, today):
        writer.writerow([_safe_csv(v) for v in row])
    notice = attribution(page.plan, police_figures(page.plan, page, indicators))
    writer.writerow([f"Licence: {LICENCE} {LICENCE_URL}. {notice}"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def _safe_csv(value) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def open_data_json(plan_pk: int, today: date) -> bytes:
    page = plan_page(plan_pk)
    plan = page.plan
    indicators = plan_indicators(plan)
    evidence = assessment_evidence(plan, page.priorities)
    police = uses_police_data(indicators) or bool(evidence)
    data = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": attribution(plan, police),
        "partnership": plan.partnership.name,
        "plan": {"title": plan.title, "financial_year": plan.year, "status": plan.status},
        "priorities": [
            {
                "ref": p.ref,
                "title": p.title,
                "theme_of": p.group,
                "subsidiary": p.subsidiary,
                "lead_agencies": [a.name for a in p.leads_list],
                "why": evidence.why(p),
                "actions": [
                    {
                        "ref": a.ref,
                        "action": a.text,
                        "lead_agencies": [x.name for x in a.leads],
                        "partner_agencies": [x.name for x in a.partners],
                        "baseline": a.baseline,
                        "target": a.target,
                        "measure": a.measure,
                        "progress": [
                            {"quarter": u.period, "status": u.status, "text": u.text}
                            for u in published_updates(a)
                        ],
                    }
                    for a in p.action_list
                ],
            }
            for p in page.priorities
        ],
        "indicators": [_indicator_json(i, today) for i in indicators],
    }
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def _indicator_json(indicator, today: date) -> dict:
    status = indicator_status(indicator, today)
    return {
        "name": indicator.name,
        "reference": indicator.reference,
        "unit": indicator.unit,
        "source": indicator.source,
        "owner": indicator.owner.name if indicator.owner else "",
        "status": status.label,
        "baseline": plain_number(status.baseline) if status.baseline is not None else None,
        "target": plain_number(status.goal) if status.goal is not None else None,
        "values": [
            {"period": v.period, "value": plain_number(v.value)} for v in indicator.values.all()
        ],
    }
