"""Pages for residents: published plans and their progress, printable, with open data.

Anyone may read these, signed in or not; a draft or archived plan is a 404 here even
for its own manager (they have the staff pages).  No personal data: agencies are named,
officers are not, contact details are left out, and draft returns are not shown.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from saferplan.plans.models import Plan
from saferplan.reports import render_html
from saferplan.reports.builders.public import build_public, open_data_csv, open_data_json
from saferplan.reports.services import FORMAT_NAMES, produce
from saferplan.reports.views import logo_url

PUBLIC_FORMATS = ("pdf", "docx", "html")


def _published(pk: int) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("partnership"), pk=pk, status=Plan.Status.PUBLISHED
    )


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.filter(status=Plan.Status.PUBLISHED).select_related("partnership")
    return render(
        request,
        "reports/public/plan_list.html",
        {
            "plans": plans.order_by("partnership__name", "-year"),
            "breadcrumbs": [("Home", reverse("core:home"))],
        },
    )


@require_GET
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _published(pk)
    report = build_public(plan, today=timezone.localdate())
    context = render_html.page_context(
        report, lambda index: reverse("public:chart", args=[plan.pk, index])
    )
    context.update(
        {
            "plan": plan,
            "logo_url": logo_url(report, plan.partnership),
            "downloads": [
                (FORMAT_NAMES[f], reverse("public:document", args=[plan.pk, f]))
                for f in PUBLIC_FORMATS
            ],
            "breadcrumbs": [
                ("Home", reverse("core:home")),
                ("Published plans", reverse("public:plans")),
            ],
        }
    )
    return render(request, "reports/public/plan.html", context)


@require_GET
def chart(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    plan = _published(pk)
    charts = build_public(plan, today=timezone.localdate()).charts()
    if index >= len(charts):
        raise Http404
    response = HttpResponse(charts[index].png(), content_type="image/png")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def open_data(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = _published(pk)
    stem = f"{plan.partnership.slug}-{plan.year.replace('/', '-')}-actions"
    if fmt == "csv":
        response = HttpResponse(
            open_data_csv(plan.pk, timezone.localdate()), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "json":
        content = open_data_json(plan.pk, timezone.localdate())
        response = HttpResponse(content, content_type="application/json")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


@require_GET
def document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = _published(pk)
    if fmt not in PUBLIC_FORMATS:
        raise Http404
    output = produce("plan", plan, fmt, public=True)
    response = HttpResponse(output.content, content_type=output.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    return response
