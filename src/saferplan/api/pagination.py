"""Page-number pagination of the API's lists: a short list's page and count in one query, and
a count kept between pages of long lists.

A list of a few hundred rows (the plans, a plan's actions or returns) is cheapest as one
query that counts beside each row (``WindowCountPaginator``): PostgreSQL reads the whole
list either way, and a second query costs another round trip and another plan.  A view
says which of its lists are short with ``one_query_pages``: True, or the filters that make
it short (``("plan", "action")``).  Any other list counts first, then reads its page.

Counting every return a person may see takes PostgreSQL a few hundred milliseconds on a
national database (a quarter of a million rows), and a client paging through them asks
the same count once a page.  ``CachedCountPagination`` keeps each count for a few minutes
under the list's own SQL (so the person's partnerships and filters) and
``core.freshness.data_version``: ``core.freshness`` moves a plan's ``updated_at`` whenever
its priorities, actions, agency links or returns change (and a partnership's when its
agencies, glossary or indicators do), so a count is never older than the data it
counted.  Like the cached page fragments, writes that bypass model signals
(``QuerySet.update()``, ``bulk_create``) must call ``touch_plans``.
"""

from __future__ import annotations

from functools import partial

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, QuerySet, Window
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

from saferplan.core.freshness import data_version, digest_key

# A count, or a page of a list (api.views), lives five minutes at most; a change to the
# data makes a new key.
LIST_SECONDS = 300


class Pagination(PageNumberPagination):
    """``?page=2&page_size=100``: 50 a page by default, at most 500."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        if _short(request, view):
            self.django_paginator_class = WindowCountPaginator
        return super().paginate_queryset(queryset, request, view)


def _short(request, view) -> bool:
    """Whether the view says this request's list is short (see the module's docstring)."""
    short = getattr(view, "one_query_pages", False)
    if isinstance(short, bool):
        return short
    return any(request.query_params.get(name) for name in short)


TOTAL = "saferplan_total"
MAX_OFFSET = 2**53


class WindowCountPaginator(Paginator):
    """A page of a queryset and the count of the whole of it from one query, the count
    (``COUNT(*) OVER ()``) beside each row; a page past the end is a 404, as before."""

    def page(self, number):
        queryset = self.object_list
        if "count" in self.__dict__ or not isinstance(queryset, QuerySet):
            return super().page(number)
        number = self._whole(number)
        bottom = (number - 1) * self.per_page
        if bottom > MAX_OFFSET:  # past the end of any table, and of the database's integers
            raise EmptyPage(self.error_messages["no_results"])
        counted = queryset.annotate(**{TOTAL: Window(Count("*"))})
        rows = list(counted[bottom : bottom + self.per_page])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        total = 0
        if rows:
            first = rows[0]
            total = first[TOTAL] if isinstance(first, dict) else getattr(first, TOTAL)
        self.__dict__["count"] = total  # Paginator.count is a cached_property
        return self._get_page(rows, number, self)

    def _whole(self, number) -> int:
        """``Paginator.validate_number`` without the count: a whole number, 1 or more."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number


class CachedCountPaginator(Paginator):
    """A paginator whose count of a queryset comes from the cache while the data has not
    changed (``version``: the ``data_version`` the view read, or read here)."""

    def __init__(self, *args, version: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet):
            return super().count
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:  # a filter that can match nothing
            return 0
        alias = queryset.db
        version = self.version or data_version(alias)
        key = digest_key("api-count", alias, sql, repr(params), version)
        return cache.get_or_set(key, queryset.count, LIST_SECONDS)


class CachedCountPagination(Pagination):
    """``Pagination``, with the count kept between pages (see the module's docstring)."""

    def paginate_queryset(self, queryset, request, view=None):
        # the version the view keyed its page by, so that both agree and it is read once
        version = getattr(view, "data_version", None)
        self.django_paginator_class = partial(CachedCountPaginator, version=version)
        return super().paginate_queryset(queryset, request, view)
