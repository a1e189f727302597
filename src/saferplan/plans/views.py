"""Public pages: a plan with its priorities and actions, and one action."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from saferplan.accounts.permissions import can
from saferplan.plans import queries


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = queries.plan_page(pk)
    if not can(request.user, "view", page.plan):
        raise Http404
    partnership = page.plan.partnership
    return render(
        request,
        "plans/plan_detail.html",
        {
            "page": page,
            "plan": page.plan,
            "breadcrumbs": [
                ("Home", reverse("core:home")),
                ("Partnerships", reverse("partnerships:list")),
                (partnership.name, partnership.get_absolute_url()),
            ],
        },
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = queries.action_page(pk)
    plan = action.priority.plan
    if not can(request.user, "view", action):
        raise Http404
    return render(
        request,
        "plans/action_detail.html",
        {
            "action": action,
            "plan": plan,
            "priority": action.priority,
            "updates": list(action.updates.all()),
            "fields": [
                ("Aim", action.aim),
                ("Baseline", action.baseline),
                ("Target", action.target),
                ("Measure", action.measure),
                ("Evidence", action.evidence),
            ],
            "breadcrumbs": [
                ("Home", reverse("core:home")),
                (plan.partnership.name, plan.partnership.get_absolute_url()),
                (f"Plan {plan.year}", plan.get_absolute_url()),
            ],
        },
    )
