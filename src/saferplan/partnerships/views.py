"""Public pages: partnerships and the agencies that work in them."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from saferplan.accounts.permissions import can, visible_plans
from saferplan.core.freshness import FRAGMENT_SECONDS, digest_key, fragment_key
from saferplan.partnerships import queries
from saferplan.partnerships.models import Partnership


def _crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [("Home", reverse("core:home")), *extra]


def partnership_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "partnerships": queries.partnerships_with_plan_counts(visible_plans(request.user)),
            "breadcrumbs": _crumbs(),
        },
    )


def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = queries.partnership_page(slug)
    if not can(request.user, "browse", partnership):
        raise Http404
    fixed = _fixed_parts(partnership)
    # Indicators and the assessment are for members (the include asks ``can`` again).
    may_view = can(request.user, "view", partnership)
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "plan_table": _plan_table(request, partnership),
            "may_view": may_view,
            "with_indicators": fixed["has_indicators"] and may_view,
            "members_and_glossary": mark_safe(fixed["html"]),  # noqa: S308 - our template
            "breadcrumbs": _crumbs(("Partnerships", reverse("partnerships:list"))),
        },
    )


def _fixed_parts(partnership: Partnership) -> dict:
    """What the page shows alike to every reader (its member agencies and glossary, and
    whether it has indicators), from the cache while the partnership has not changed
    (``Partnership.updated_at``, moved by ``core.freshness``)."""

    def render_parts() -> dict:
        return {
            "html": render_to_string(
                "partnerships/includes/members_and_glossary.html",
                queries.members_and_glossary(partnership),
            ),
            "has_indicators": queries.has_indicators(partnership),
        }

    key = fragment_key(partnership, "partnership-fixed")
    return cache.get_or_set(key, render_parts, FRAGMENT_SECONDS)


def _plan_table(request: HttpRequest, partnership: Partnership) -> SafeString:
    """The table of the partnership's plans this reader may see, with their counts; empty
    for none.

    Cached under a version read first (``queries.plans_version``): how many plans the
    reader sees and the latest ``updated_at`` among them.  A plan added, published or
    changed (its priorities and actions move ``updated_at`` too) moves the latest stamp;
    one removed lowers the number.  Whether the reader sees drafts is in the key as well,
    so the public and members never share a table.
    """
    visible = visible_plans(request.user)
    count, stamp = queries.plans_version(partnership, visible)
    if not count:
        return SafeString("")
    drafts = can(request.user, "view_draft", partnership)
    key = digest_key("partnership-plans", partnership.pk, int(drafts), count, f"{stamp:.6f}")
    html = cache.get_or_set(
        key,
        lambda: render_to_string(
            "partnerships/includes/plan_table.html",
            {"plans": queries.plans_with_counts(partnership, visible)},
        ),
        FRAGMENT_SECONDS,
    )
    return mark_safe(html)  # noqa: S308 - rendered by our template, escaped there


def agency_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partnerships/agency_list.html",
        {"agencies": queries.agencies_with_counts(), "breadcrumbs": _crumbs()},
    )


def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agency, work = queries.agency_page(slug, visible_plans(request.user))
    return render(
        request,
        "partnerships/agency_detail.html",
        {
            "agency": agency,
            "work": work,
            "breadcrumbs": _crumbs(("Agencies", reverse("partnerships:agencies"))),
        },
    )
