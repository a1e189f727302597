"""Template helpers for SaferPlan's GOV.UK Frontend pages."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from saferplan.accounts import permissions
from saferplan.accounts.models import Role
from saferplan.accounts.permissions import manages_any, roles_of
from saferplan.plans.models import Plan, UpdateStatus
from saferplan.plans.periods import Quarter

register = template.Library()

_STATUS_LABELS: dict[str, str] = {
    **dict(UpdateStatus.choices),
    **dict(Plan.Status.choices),
    "subsidiary": "Subsidiary priority",
}


@register.simple_tag
def status_tag(value: str | None, label: str | None = None) -> str:
    """A GOV.UK tag for a plan or progress status; the colour is chosen in saferplan.scss."""
    if not value:
        return ""
    text = label or _STATUS_LABELS.get(value, value.replace("_", " ").capitalize())
    modifier = value.replace("_", "-")
    return format_html('<strong class="govuk-tag sp-tag sp-tag--{}">{}</strong>', modifier, text)


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# (label, url name, path prefixes that make it the current section)
_NAV = (
    ("Partnerships", "partnerships:list", ("/partnerships/", "/plans/", "/returns/plan/")),
    ("Agencies", "partnerships:agencies", ("/partnerships/agencies/",)),
    ("Search", "core:search", ("/search/",)),
    ("My returns", "monitoring:my_returns", ("/returns/",)),
    ("Import", "importing:upload", ("/import/",)),
)
# Roles that write quarterly returns: they see "My returns" in the navigation.
_RETURN_WRITERS = frozenset({Role.MANAGER, Role.LEAD_OFFICER})


def writes_returns(user) -> bool:
    """Whether the user holds a role that writes returns (manager or lead officer)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or not _RETURN_WRITERS.isdisjoint(roles_of(user).values())


@register.simple_tag(takes_context=True)
def service_navigation(context) -> list[NavItem]:
    """The service navigation links, the current section marked.

    Works without a request too (the 500 page renders with an empty context).
    The most specific matching prefix wins, so an agency page marks Agencies,
    not Partnerships (and a plan's returns dashboard marks Partnerships, not My returns).
    My returns shows only to managers and lead officers; Import only to managers.
    """
    request = context.get("request")
    path = getattr(request, "path", "")
    user = getattr(request, "user", None)
    best, best_len = None, 0
    for label, _name, prefixes in _NAV:
        for prefix in prefixes:
            if path.startswith(prefix) and len(prefix) > best_len:
                best, best_len = label, len(prefix)
    items = []
    for label, name, _prefixes in _NAV:
        if label == "Import" and not manages_any(user):
            continue
        if label == "My returns" and not writes_returns(user):
            continue
        items.append(NavItem(label, reverse(name), label == best))
    return items


@register.simple_tag(takes_context=True)
def can(context, permission: str, obj) -> bool:
    """``{% can "view_dashboard" plan as may_see %}``: ``permissions.can`` for the reader."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return permissions.can(user, permission, obj)


# Where a priority's indicator table goes in a plan's cached body: the body is the same
# for every reader, the table is not (plans.views fills the marks in per request).
INDICATORS_MARK = "<!--sp-indicators:{}-->"


@register.simple_tag
def indicators_mark(priority) -> str:
    return mark_safe(INDICATORS_MARK.format(int(priority.pk)))  # noqa: S308 - a number


@register.filter
def quarter_months(period: str) -> str:
    """``"2014/15 Q1"`` → ``"April to June 2014"``; anything else → ``""``."""
    try:
        return Quarter.parse(period).months_label
    except ValueError:
        return ""


@register.filter
def plan_name(plan: Plan) -> str:
    """The plan's title, with its financial year added unless the title already gives it."""
    fy = plan.financial_year
    if str(fy.start_year) in plan.title:
        return plan.title
    return f"{plan.title} {fy}"
