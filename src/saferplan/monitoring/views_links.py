"""Secure links: a manager sends one, an agency's officer uses it without an account."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from saferplan.accounts.permissions import can
from saferplan.monitoring import queries
from saferplan.monitoring.forms import LinkForm, ReturnSheet, error_list
from saferplan.monitoring.links import DEFAULT_LIFETIME, LinkRefused, create_link, open_link
from saferplan.monitoring.links import revoke_link as revoke
from saferplan.monitoring.models import SecureLink
from saferplan.monitoring.reminders import recipients
from saferplan.monitoring.views import get_period, get_plan, plan_crumbs, submit_returns
from saferplan.security import client_address


def _dashboard_url(plan, number: int) -> str:
    return f"{reverse('monitoring:dashboard', args=[plan.pk])}?q={number}"


@login_required
def send_link(request: HttpRequest, plan_id: int, number: int, agency_id: int) -> HttpResponse:
    """Create a link for one agency's returns this quarter, e-mail it and show it once."""
    plan = get_plan(request, plan_id, "send_links")
    period, _periods = get_period(plan, number)
    agency = next((a for a in queries.lead_agencies(plan) if a.pk == agency_id), None)
    if agency is None:
        raise Http404("This agency leads no action of the plan")
    suggested = recipients(period, agency)
    form = LinkForm(request.POST or None, initial={"email": suggested[0] if suggested else ""})
    context = {
        "plan": plan,
        "period": period,
        "agency": agency,
        "form": form,
        "days": DEFAULT_LIFETIME.days,
        "breadcrumbs": plan_crumbs(
            plan, ("Returns dashboard", _dashboard_url(plan, period.number))
        ),
    }
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        link, token = create_link(period, agency, email, user=request.user)
        url = request.build_absolute_uri(reverse("monitoring:secure_link", args=[token]))
        send_mail(
            f"{plan.partnership.name}: {agency.name} returns for {period.label}",
            render_to_string(
                "monitoring/email/secure_link.txt",
                {**context, "url": url, "sender": request.user},
            ),
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
        response = render(
            request,
            "monitoring/link_sent.html",
            {**context, "url": url, "email": email, "link": link},
        )
        response["Cache-Control"] = "no-store"  # the link is shown once
        return response
    return render(
        request,
        "monitoring/send_link.html",
        {**context, "errors": error_list(form)},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def revoke_link(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(
        SecureLink.objects.select_related("agency", "period__plan__partnership"), pk=pk
    )
    if not can(request.user, "view", link.period):
        raise Http404("No such link")
    if not can(request.user, "send_links", link.period):
        raise PermissionDenied
    revoke(link)
    messages.success(request, f"Withdrew the link sent to {link.email} for {link.agency.name}")
    return redirect(_dashboard_url(link.period.plan, link.period.number))


def secure_link(request: HttpRequest, token: str) -> HttpResponse:
    """An agency's returns for one quarter, for someone with the link and no account."""
    what = "submitted returns" if request.method == "POST" else "opened the returns page"
    try:
        link = open_link(token, what=what, ip=client_address(request))
    except LinkRefused as refused:
        message = str(refused)
        gone = "withdrawn" in message or "expired" in message
        response = render(
            request,
            "monitoring/link_refused.html",
            {"message": message},
            status=410 if gone else 403,
        )
        response["Cache-Control"] = "no-store"
        return response
    period = link.period
    plan = period.plan
    actions = list(queries.agency_plan_actions(plan, link.agency_id))
    rows = queries.return_rows(period, actions)
    sheet = None
    if request.method == "POST" and period.accepts_returns:
        reason = f"return.secure_link {link.pk}"
        sheet = submit_returns(request, rows, period, user=request.user, reason=reason)
        if sheet is None:
            return redirect("monitoring:secure_link", token=token)
    sheet = sheet or ReturnSheet(rows)
    response = render(
        request,
        "monitoring/secure_link.html",
        {
            "link": link,
            "plan": plan,
            "period": period,
            "agency": link.agency,
            "sheet": sheet,
            "errors": sheet.errors(),
        },
        status=400 if request.method == "POST" else 200,
    )
    response["Cache-Control"] = "no-store"
    return response
