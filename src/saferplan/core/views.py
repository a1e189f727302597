"""The home page and search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from saferplan.accounts.permissions import visible_plans
from saferplan.partnerships.queries import partnerships_with_latest_plan
from saferplan.plans.queries import SEARCH_LIMIT, search_actions

MAX_QUERY_LENGTH = 100


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {"partnerships": partnerships_with_latest_plan(visible_plans(request.user))},
    )


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
