"""An agency's returns as a spreadsheet: download, fill in offline, upload.

Managers work for any agency that leads an action of the plan; a lead officer
only for their own agency (``can(user, "submit_return", action)`` on the
agency's actions decides).
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from saferplan.accounts.permissions import agency_id_of, can
from saferplan.monitoring import queries
from saferplan.monitoring.forms import UploadForm, error_list
from saferplan.monitoring.spreadsheet import SpreadsheetErrors, apply_workbook, build_workbook
from saferplan.monitoring.views import get_period, get_plan, plan_crumbs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def reporting_agencies(user, plan) -> list:
    """The agencies whose returns ``user`` may fill in for this plan."""
    if can(user, "manage_periods", plan):
        return queries.lead_agencies(plan)
    own = agency_id_of(user)
    return [
        agency
        for agency in queries.lead_agencies(plan)
        if agency.pk == own
        and any(can(user, "submit_return", a) for a in queries.agency_plan_actions(plan, own))
    ]


@login_required
@require_GET
def download(request: HttpRequest, plan_id: int, number: int, agency_id: int) -> HttpResponse:
    plan = get_plan(request, plan_id, "view_returns")
    period, _periods = get_period(plan, number)
    agencies = reporting_agencies(request.user, plan)
    agency = next((a for a in agencies if a.pk == agency_id), None)
    if agency is None:
        if any(a.pk == agency_id for a in queries.lead_agencies(plan)):
            raise PermissionDenied
        raise Http404("This agency leads no action of the plan")
    filename = f"{slugify(agency.name)}-returns-{slugify(period.label)}.xlsx"
    response = HttpResponse(build_workbook(period, agency), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def upload(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    """Upload a filled-in workbook: every row is saved, or none and every problem listed."""
    plan = get_plan(request, plan_id, "view_returns")
    period, periods = get_period(plan, number)
    agencies = reporting_agencies(request.user, plan)
    if not agencies:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        agency = next(a for a in agencies if a.pk == form.cleaned_data["agency"])
        workbook = form.cleaned_data["workbook"]
        source = PurePath(workbook.name or "returns.xlsx").name[:200]
        try:
            count = apply_workbook(workbook.read(), period, agency, source, user=request.user)
        except SpreadsheetErrors as problems:
            errors = [("id_workbook", _sentence(e)) for e in problems.errors]
        else:
            noun = "return" if count == 1 else "returns"
            messages.success(request, f"Submitted {count} {noun} for {agency.name} from {source}")
            return redirect(f"{reverse('monitoring:upload', args=[plan.pk, period.number])}")
    if form.is_bound and not errors:
        errors = error_list(form)
    return render(
        request,
        "monitoring/upload.html",
        {
            "plan": plan,
            "period": period,
            "periods": periods,
            "agencies": agencies,
            "form": form,
            "errors": errors,
            "managing": can(request.user, "manage_periods", plan),
            "breadcrumbs": plan_crumbs(plan),
        },
        status=400 if form.is_bound else 200,
    )


def _sentence(error: str) -> str:
    return error[:1].upper() + error[1:]
