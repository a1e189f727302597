"""The home page and search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from saferplan.accounts.permissions import visible_plans
from saferplan.partnerships.queries import find_partnerships, partnerships_with_latest_plan
from saferplan.plans.queries import SEARCH_LIMIT, search_actions

MAX_QUERY_LENGTH = 100
HOME_PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    """The partnerships and their latest plan, 50 a page, optionally those whose name or
    area holds the words in ``?name=``.  Four queries whatever the number of partnerships."""
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
