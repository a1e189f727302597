"""Public pages: partnerships and the agencies that work in them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from saferplan.accounts.permissions import visible_plans
from saferplan.partnerships import queries


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
    partnership = queries.partnership_page(slug, visible_plans(request.user))
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "breadcrumbs": _crumbs(("Partnerships", reverse("partnerships:list"))),
        },
    )


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
