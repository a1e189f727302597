"""Page-number pagination of the API's lists, and a count kept between pages of long lists.

Counting every return a person may see takes PostgreSQL a few hundred milliseconds on a
national database (a quarter of a million rows), and a client paging through them asks
the same count once a page.  ``CachedCountPagination`` keeps each count for a few minutes
under the list's own SQL (so the person's partnerships and filters) and the version of
all plans: ``core.freshness`` moves a plan's ``updated_at`` whenever its priorities,
actions, agency links or returns change, so a count is never older than the data it
counted.  Like the cached page fragments, writes that bypass model signals
(``QuerySet.update()``, ``bulk_create``) must call ``touch_plans``.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, Max, QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

COUNT_SECONDS = 300


class Pagination(PageNumberPagination):
    """``?page=2&page_size=100``: 50 a page by default, at most 500."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def _plans_version(alias: str) -> str:
    from saferplan.plans.models import Plan

    state = Plan._base_manager.using(alias).aggregate(latest=Max("updated_at"), n=Count("pk"))
    latest = state["latest"].timestamp() if state["latest"] else 0
    return f"{latest:.6f}:{state['n']}"


class CachedCountPaginator(Paginator):
    """A paginator whose count of a queryset comes from the cache while no plan changed."""

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet):
            return super().count
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return 0
        alias = queryset.db
        vendor = connections[alias].vendor
        version = _plans_version(alias)
        digest = hashlib.sha256(f"{vendor}|{sql}|{params!r}".encode()).hexdigest()
        key = f"saferplan:api-count:{alias}:{digest}:{version}"
        found = cache.get(key)
        if found is None:
            found = queryset.count()
            cache.set(key, found, COUNT_SECONDS)
        return found


class CachedCountPagination(Pagination):
    """``Pagination``, with the count kept between pages (see the module's docstring)."""

    django_paginator_class = CachedCountPaginator
