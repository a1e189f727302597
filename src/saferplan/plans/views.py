"""Public pages: a plan with its priorities and actions, and one action."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from saferplan.accounts.permissions import can
from saferplan.core.freshness import fragment_key
from saferplan.plans import queries

# Rendered action tables live for a day at most; a change to the plan makes a new key.
ACTION_TABLES_SECONDS = 24 * 60 * 60


def _action_tables(page: queries.PlanPage) -> None:
    """Each priority's ``actions_html`` (its table of actions with their latest update) and
    the page's ``action_count``, from the cache when the plan has not changed since.

    The tables are the same for everyone who may see the plan (the caller has checked),
    so one copy serves them all.  A miss costs three queries and the rendering.
    """
    key = fragment_key(page.plan, "plan-action-tables")
    cached = cache.get(key)
    if cached is None or set(cached["tables"]) != {p.pk for p in page.priorities}:
        queries.attach_actions(page)
        cached = {
            "count": page.action_count,
            "tables": {
                p.pk: render_to_string("plans/includes/action_table.html", {"priority": p})
                for p in page.priorities
            },
        }
        cache.set(key, cached, ACTION_TABLES_SECONDS)
    page.action_count = cached["count"]
    for priority in page.priorities:
        priority.actions_html = mark_safe(cached["tables"][priority.pk])  # noqa: S308


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = queries.plan_outline(pk)
    if not can(request.user, "view", page.plan):
        raise Http404
    _action_tables(page)
    partnership = page.plan.partnership
    plan = page.plan
    return render(
        request,
        "plans/plan_detail.html",
        {
            "page": page,
            "plan": plan,
            "can_dashboard": can(request.user, "view_dashboard", plan),
            "breadcrumbs": [
                ("Home", reverse("core:home")),
                ("Partnerships", reverse("partnerships:list")),
                (partnership.name, partnership.get_absolute_url()),
            ],
        },
    )


def _current_quarter(plan) -> int:
    """Today's quarter of the plan's year: 1 before the year starts, 4 after it ends."""
    today = timezone.localdate()
    quarters = plan.financial_year.quarters()
    return next((q.number for q in quarters if today <= q.end), 4)


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
            "return_quarter": _current_quarter(plan),
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
