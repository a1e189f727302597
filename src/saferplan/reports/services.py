"""Producing documents: one call for the pages, the command line and (later) the API.

``produce("quarterly", plan, "pdf", quarter=...)`` builds the ``ReportDocument`` from the
data and renders it in the asked format; it reads the database and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from saferplan.plans.models import Plan
from saferplan.plans.periods import Quarter
from saferplan.reports import render_docx, render_html, render_pdf, render_xlsx
from saferplan.reports.builders.committee import build_committee
from saferplan.reports.builders.plan import build_plan
from saferplan.reports.builders.public import build_public
from saferplan.reports.builders.quarterly import build_quarterly
from saferplan.reports.builders.workbook import build_workbook
from saferplan.reports.charts import today_default
from saferplan.reports.document import ReportDocument

KINDS = {
    "plan": "The partnership plan",
    "quarterly": "Quarterly progress report",
    "committee": "Overview and Scrutiny committee report",
    "workbook": "Workbook of actions, returns and indicators",
}
RENDERERS = {"docx": render_docx, "pdf": render_pdf, "html": render_html, "xlsx": render_xlsx}
FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "html": "Web page (HTML)", "xlsx": "Excel"}


class ReportError(ValueError):
    """A report that cannot be made as asked (unknown kind or format, quarter outside the year)."""


@dataclass(frozen=True)
class Output:
    filename: str
    mimetype: str
    content: bytes


def build(
    kind: str,
    plan: Plan | int,
    *,
    today: date | None = None,
    quarter: Quarter | None = None,
    public: bool = False,
) -> ReportDocument:
    """The document of ``kind`` for the plan, from the data as it stands."""
    today = today_default(today)
    if quarter is not None:
        plan_year = (plan if isinstance(plan, Plan) else Plan.objects.get(pk=plan)).year
        if str(quarter.year) != plan_year:
            raise ReportError(f"{quarter} is not a quarter of the plan's year {plan_year}")
    if kind == "plan":
        return build_plan(plan, today=today, public=public)
    if kind == "public":
        return build_public(plan, today=today)
    if public:
        raise ReportError("only the plan and the public page have a public version")
    if kind == "quarterly":
        return build_quarterly(plan, today=today, quarter=quarter)
    if kind == "committee":
        return build_committee(plan, today=today, quarter=quarter)
    if kind == "workbook":
        return build_workbook(plan, today=today, quarter=quarter)
    raise ReportError(f"unknown report {kind!r}: choose from {', '.join(KINDS)}")


def render(report: ReportDocument, fmt: str) -> Output:
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise ReportError(f"unknown format {fmt!r}: choose from {', '.join(RENDERERS)}")
    return Output(
        filename=f"{report.filename_stem}.{fmt}",
        mimetype=renderer.MIME,
        content=renderer.render(report),
    )


def produce(
    kind: str,
    plan: Plan | int,
    fmt: str,
    *,
    today: date | None = None,
    quarter: Quarter | None = None,
    public: bool = False,
) -> Output:
    """Build and render in one step: ``(filename, mimetype, bytes)``."""
    if fmt not in RENDERERS:
        raise ReportError(f"unknown format {fmt!r}: choose from {', '.join(RENDERERS)}")
    return render(build(kind, plan, today=today, quarter=quarter, public=public), fmt)


def parse_quarter(text: str | None) -> Quarter | None:
    """``2014/15-Q2``, ``2014/15 Q2`` → the quarter; blank → None (the latest with returns)."""
    if not text:
        return None
    try:
        return Quarter.parse(text)
    except ValueError as error:
        raise ReportError(str(error)) from None
