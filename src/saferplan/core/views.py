"""The home page and search."""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from saferplan.accounts.permissions import visibility, visible_plans
from saferplan.core.freshness import FRAGMENT_SECONDS, data_version, digest_key
from saferplan.partnerships.queries import (
    find_partnerships,
    partnerships_with_latest_plan,
)
from saferplan.plans.queries import SEARCH_LIMIT, search_actions

MAX_QUERY_LENGTH = 100
HOME_PAGE_SIZE = 50


def search_words(text: str) -> str:
    """What a search box holds, as words: runs of white space made one space, and control
    characters dropped (PostgreSQL refuses a NUL in any text, and none means anything in a
    name)."""
    return " ".join("".join(c for c in text if c.isprintable() or c.isspace()).split())


def home(request: HttpRequest) -> HttpResponse:
    """The partnerships and their latest plan, 50 a page, optionally those whose name or
    area holds the words in ``?name=``.

    An unsearched page is the same for everyone who sees the same plans, so it is kept in
    the cache under the page asked for, ``visibility`` (which plans the reader sees) and
    ``data_version`` (any change to a plan or partnership makes a new key): one query and
    a cache read.  Searches are many and their pages small: they are not kept."""
    words = search_words(request.GET.get("name", ""))[:MAX_QUERY_LENGTH]
    if words:
        table = _partnership_table(request, words)
    else:
        page = request.GET.get("page", "")  # Paginator.get_page: anything else is page 1
        page = page if page.isdigit() else ""
        key = digest_key("home", page, visibility(request.user), data_version())
        table = cache.get_or_set(key, lambda: _partnership_table(request, words), FRAGMENT_SECONDS)
    return render(
        request,
        "core/home.html",
        {"table": mark_safe(table), "words": words},  # noqa: S308 - our template, escaped
    )


def _partnership_table(request: HttpRequest, words: str) -> str:
    """One page of the partnerships (matching ``words``) with the latest plan the reader
    may see, and the page links; empty when none match.  Two queries."""
    paginator = Paginator(find_partnerships(words), HOME_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))  # the last page past the end
    partnerships = partnerships_with_latest_plan(visible_plans(request.user), page.object_list)
    if not partnerships:
        return ""
    keep = {"name": words} if words else {}
    partnership_url = _url_pattern("partnerships:detail", "slug")
    plan_url = _url_pattern("plans:detail", 1)
    return render_to_string(
        "core/includes/partnership_table.html",
        {
            "rows": [
                (
                    row,
                    partnership_url(row.slug),
                    plan_url(row.latest_plan["pk"]) if row.latest_plan else "",
                )
                for row in partnerships
            ],
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
        query = search_words(request.GET["q"])
        context["query"] = query
        if not query:
            context["error"] = "Enter words to search for"
        elif len(query) > MAX_QUERY_LENGTH:
            context["error"] = f"Search words must be {MAX_QUERY_LENGTH} characters or fewer"
        else:
            groups, count, truncated = search_actions(query, visible_plans(request.user))
            context.update(groups=groups, count=count, truncated=truncated)
    return render(request, "core/search.html", context)
