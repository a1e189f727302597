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
from saferplan.core.freshness import FRAGMENT_SECONDS, fragment_key
from saferplan.core.templatetags.saferplan import INDICATORS_MARK
from saferplan.plans import queries

# Where a priority's indicator table goes in the cached body: the indicators' links depend
# on the reader and their status on today's date, so those tables are rendered each time
# (a mark whose indicators have since been deleted stays an empty HTML comment).


def _plan_body(plan) -> dict:
    """The plan's priorities, actions (with leads and latest submitted update) and targets
    rendered, with the counts the summary shows: from the cache while the plan has not
    changed (``fragment_key``).

    The body is the same for everyone who may see the plan (the caller has checked), so
    one copy serves them all.  A miss costs the outline's and the actions' queries and
    the rendering of about a hundred rows.
    """

    def render_body() -> dict:
        page = queries.plan_page(plan.pk)
        return {
            "html": render_to_string("plans/includes/plan_body.html", {"page": page}),
            "counts": {
                "priorities": len(page.priorities),
                "actions": page.action_count,
                "targets": len(page.targets),
            },
            "with_indicators": [p.pk for p in page.priorities if p.indicators.all()],
        }

    return cache.get_or_set(fragment_key(plan, "plan-body"), render_body, FRAGMENT_SECONDS)


def _indicator_tables(request: HttpRequest, body: dict) -> str:
    """The cached body with each priority's indicator table rendered for this reader."""
    html = body["html"]
    if body["with_indicators"]:
        for priority in queries.priorities_with_indicators(body["with_indicators"]):
            table = render_to_string(
                "indicators/includes/priority_indicators.html",
                {"priority": priority},
                request=request,
            )
            html = html.replace(INDICATORS_MARK.format(priority.pk), table)
    return mark_safe(html)  # noqa: S308 - rendered by our templates, escaped there


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = queries.plan_header(pk)
    if not can(request.user, "view", plan):
        raise Http404
    body = _plan_body(plan)
    partnership = plan.partnership
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "counts": body["counts"],
            "body": _indicator_tables(request, body),
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


def _action_body(action) -> str:
    """The action's details, agencies and submitted updates, rendered once per version of
    its plan (the same for everyone who may see the action)."""

    def render_body() -> str:
        full = queries.action_page(action.pk)
        return render_to_string(
            "plans/includes/action_body.html",
            {
                "action": full,
                "priority": full.priority,
                "updates": list(full.updates.all()),
                "fields": [
                    ("Aim", full.aim),
                    ("Baseline", full.baseline),
                    ("Target", full.target),
                    ("Measure", full.measure),
                    ("Evidence", full.evidence),
                ],
            },
        )

    key = fragment_key(action.priority.plan, "action-body", action.pk)
    body = cache.get_or_set(key, render_body, FRAGMENT_SECONDS)
    return mark_safe(body)  # noqa: S308 - rendered by our template, escaped there


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = queries.action_header(pk)
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
            "body": _action_body(action),
            "return_quarter": _current_quarter(plan),
            "breadcrumbs": [
                ("Home", reverse("core:home")),
                (plan.partnership.name, plan.partnership.get_absolute_url()),
                (f"Plan {plan.year}", plan.get_absolute_url()),
            ],
        },
    )
