"""The home page and search."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from saferplan.accounts.permissions import visible_plans
from saferplan.core.freshness import FRAGMENT_VERSION
from saferplan.partnerships.queries import (
    HomeRow,
    find_partnerships,
    partnerships_with_latest_plan,
)
from saferplan.plans.queries import SEARCH_LIMIT, search_actions

MAX_QUERY_LENGTH = 100
HOME_PAGE_SIZE = 50
# Rendered rows of the partnership table live a day at most; other rows are another key.
HOME_ROWS_SECONDS = 24 * 60 * 60
# Bump when core/includes/partnership_rows.html changes.
HOME_ROWS_VERSION = 1


def home(request: HttpRequest) -> HttpResponse:
    """The partnerships and their latest plan, 50 a page, optionally those whose name or
    area holds the words in ``?name=``.  Two queries whatever the number of partnerships."""
    words = " ".join(request.GET.get("name", "").split())[:MAX_QUERY_LENGTH]
    paginator = Paginator(find_partnerships(words), HOME_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))  # the last page past the end
    partnerships = partnerships_with_latest_plan(visible_plans(request.user), page.object_list)
    keep = {"name": words} if words else {}
    return render(
        request,
        "core/home.html",
        {
            "partnerships": partnerships,
            # Searches are many and their pages small: only the unsearched pages are kept.
            "rows": _rows_html(partnerships, keep=not words),
            "page": page,
            "words": words,
            "total": paginator.count,
            "pages": _page_links(page, keep),
            "previous_url": _page_url(page.previous_page_number(), keep)
            if page.has_previous()
            else "",
            "next_url": _page_url(page.next_page_number(), keep) if page.has_next() else "",
        },
    )


def _rows_html(rows: list[HomeRow], keep: bool = True) -> SafeString:
    """The table rows for these partnerships and latest plans, cached (when ``keep``)
    under a digest of exactly what they show.

    The rows are read afresh on every request (only the plans this reader may see), so the
    key is a version of the data itself: readers who see the same plans share one copy,
    and any change to a name or a latest plan is a new key.  Nothing else in a row
    depends on the reader.
    """
    if not (keep and rows):
        return _render_rows(rows)
    digest = hashlib.blake2b(repr(rows).encode(), digest_size=16).hexdigest()
    key = f"saferplan:home-rows:v{FRAGMENT_VERSION}.{HOME_ROWS_VERSION}:{digest}"
    html = cache.get(key)
    if html is None:
        html = _render_rows(rows)
        cache.set(key, html, HOME_ROWS_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our template, escaped there


def _render_rows(rows: list[HomeRow]) -> SafeString:
    partnership_url = _url_pattern("partnerships:detail", "slug")
    plan_url = _url_pattern("plans:detail", 1)
    return render_to_string(
        "core/includes/partnership_rows.html",
        {
            "rows": [
                (
                    row,
                    partnership_url(row.slug),
                    plan_url(row.latest_plan["pk"]) if row.latest_plan else "",
                )
                for row in rows
            ]
        },
    )


def _url_pattern(name: str, sample: int | str) -> Callable[[int | str], str]:
    """``reverse(name, args=[value])`` for one value at a time, with one ``reverse`` in
    all: the pattern's prefix and suffix are fixed.  For slugs and ids (no quoting)."""
    head, _, tail = reverse(name, args=[sample]).rpartition(f"/{sample}/")
    return lambda value: f"{head}/{value}/{tail}"


def _page_url(number: int, keep: dict[str, str]) -> str:
    query = {**keep, "page": number} if number > 1 else keep
    return f"?{urlencode(query)}" if query else reverse("core:home")


def _page_links(page, keep: dict[str, str]) -> list[tuple[int | None, str]]:
    """GOV.UK pagination items: (number, url), with (None, "") for an ellipsis."""
    if page.paginator.num_pages < 2:
        return []
    items: list[tuple[int | None, str]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            items.append((None, ""))
        else:
            items.append((number, _page_url(number, keep)))
    return items


def search(request: HttpRequest) -> HttpResponse:
    """Search actions; an empty or over-long query is a GOV.UK validation error."""
    context: dict = {
        "query": "",
        "searched": "q" in request.GET,
        "max_length": MAX_QUERY_LENGTH,
        "limit": SEARCH_LIMIT,
        "breadcrumbs": [("Home", reverse("core:home"))],
    }
    if "q" in request.GET:
        query = " ".join(request.GET["q"].split())
        context["query"] = query
        if not query:
            context["error"] = "Enter words to search for"
        elif len(query) > MAX_QUERY_LENGTH:
            context["error"] = f"Search words must be {MAX_QUERY_LENGTH} characters or fewer"
        else:
            groups, count, truncated = search_actions(query, visible_plans(request.user))
            context.update(groups=groups, count=count, truncated=truncated)
    return render(request, "core/search.html", context)
