"""The REST API: read partnerships, plans, monitoring, indicators and saved assessments;
submit returns and values.

Every list starts from a queryset in ``api.permissions`` (built on
``visible_plans`` and the user's roles), so an object the user may not see is
a 404, never a 403.  Writes parse the input, ask ``can`` through ``require``
and call the same service as the web form.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from saferplan.accounts.permissions import can, visibility
from saferplan.api import filters, pagination, permissions, serializers
from saferplan.assessment.models import PriorityScore
from saferplan.core.freshness import data_version, digest_key
from saferplan.indicators.models import Indicator, IndicatorValue
from saferplan.indicators.periods import parse_period
from saferplan.indicators.services import record_value
from saferplan.monitoring.models import ReportingPeriod
from saferplan.monitoring.periods import ensure_periods
from saferplan.monitoring.returns import ReturnError, ReturnInput, StaleReturn, save_return
from saferplan.partnerships.models import Agency, Partnership
from saferplan.plans.models import ActionAgency
from saferplan.plans.periods import Quarter

ID = "[0-9]{1,15}"


class _ReadOnly(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID


class _FlatList:
    """A list whose page is read with ``.values()`` and shown by ``serializers.FlatRows``:
    the serializer's output, without building a model instance (and its related objects)
    per row.  The queryset, filters, order and pagination are the view's own.

    The page is kept in the cache (``pagination.LIST_SECONDS``) under what decides it: the list, the
    whole URL (filters, page, host for the links), who is asking as far as what they may
    see goes (``accounts.permissions.visibility``) and ``core.freshness.data_version``.
    Clients poll the same pages; a change to any plan, return or partnership makes a new
    key."""

    flat_rows: serializers.FlatRows

    def list(self, request: Request, *args, **kwargs) -> Response:
        self.data_version = data_version()  # the pagination's count is kept under it too
        key = digest_key(
            "api-page", request.build_absolute_uri(), visibility(request.user), self.data_version
        )
        return Response(cache.get_or_set(key, lambda: self._page(request), pagination.LIST_SECONDS))

    def _page(self, request: Request):
        queryset = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        rows = queryset.values(*self.flat_rows.lookups)
        page = self.paginate_queryset(rows)
        if page is None:
            return self.flat_rows.represent(list(rows))
        return self.get_paginated_response(self.flat_rows.represent(page)).data


class PartnershipViewSet(_ReadOnly):
    """The directory of partnerships (public, as on the web)."""

    queryset = Partnership.objects.order_by("name", "pk")
    serializer_class = serializers.PartnershipSerializer


class AgencyViewSet(_ReadOnly):
    """The directory of agencies (public, as on the web)."""

    queryset = Agency.objects.prefetch_related("partnerships").order_by("name", "pk")
    serializer_class = serializers.AgencySerializer
    filterset_class = filters.AgencyFilter


class PlanViewSet(_FlatList, _ReadOnly):
    """Published plans, and drafts of the partnerships where your role shows drafts."""

    serializer_class = serializers.PlanSerializer
    flat_rows = serializers.FlatRows(serializers.PlanSerializer)
    one_query_pages = True  # a few thousand plans at most, nationally
    filterset_class = filters.PlanFilter

    def get_queryset(self):
        plans = permissions.plans_for(self.request.user).select_related("partnership")
        return plans.order_by("partnership__name", "-year", "pk")


class PriorityViewSet(_ReadOnly):
    serializer_class = serializers.PrioritySerializer
    filterset_class = filters.PriorityFilter

    def get_queryset(self):
        priorities = permissions.priorities_for(self.request.user).prefetch_related("leads")
        return priorities.order_by("plan_id", "order", "pk")


def _links():
    return ActionAgency.objects.order_by("role", "order")


class ActionViewSet(_FlatList, _ReadOnly):
    serializer_class = serializers.ActionSerializer
    flat_rows = serializers.FlatRows(
        serializers.ActionSerializer, nested={"agencies": (_links(), "action_id")}
    )
    one_query_pages = ("plan", "priority")
    filterset_class = filters.ActionFilter

    def get_queryset(self):
        links = _links().select_related("agency")
        actions = permissions.actions_for(self.request.user).select_related("priority")
        actions = actions.prefetch_related(Prefetch("agency_links", queryset=links))
        return actions.order_by("priority__plan_id", "priority__order", "order", "pk")


class ReportingPeriodViewSet(_ReadOnly):
    """The quarters of each plan you can see, with deadlines and whether they take returns."""

    serializer_class = serializers.ReportingPeriodSerializer
    filterset_class = filters.ReportingPeriodFilter

    def get_queryset(self):
        periods = ReportingPeriod.objects.filter(plan__in=permissions.plans_for(self.request.user))
        return periods.select_related("plan").order_by("plan_id", "number")


@extend_schema_view(
    create=extend_schema(
        summary="Save or submit a quarterly return",
        request=serializers.ReturnInputSerializer,
        responses={
            200: serializers.ReturnSerializer,
            201: serializers.ReturnSerializer,
            409: OpenApiResponse(
                serializers.StaleReturnSerializer,
                description="Someone saved the return after the version you started from; "
                "the current return is given.",
            ),
        },
    )
)
class ReturnViewSet(_FlatList, mixins.CreateModelMixin, _ReadOnly):
    """Quarterly returns (progress updates).  Drafts are shown only to partnership staff."""

    serializer_class = serializers.ReturnSerializer
    flat_rows = serializers.FlatRows(serializers.ReturnSerializer)
    pagination_class = pagination.CachedCountPagination
    one_query_pages = ("plan", "action")
    filterset_class = filters.ReturnFilter

    def get_queryset(self):
        returns = permissions.returns_for(self.request.user).select_related("action__priority")
        return returns.order_by("action_id", "period", "pk")

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = _valid(serializers.ReturnInputSerializer, request)
        action = (
            permissions.actions_for(request.user)
            .select_related("priority__plan")
            .filter(pk=data["action"])
            .first()
        )
        if action is None:
            raise exceptions.NotFound("No such action")
        permissions.require(request.user, "submit_return", action)
        period = _period_of(action.priority.plan, data["period"])
        entry = ReturnInput(
            text=data["text"],
            status=data["status"],
            value=data.get("value"),
            submit=data["submit"],
            based_on_version=data.get("version"),
        )
        try:
            update = save_return(action, period, entry, user=request.user, reason="return.api")
        except StaleReturn as stale:
            body = {"detail": str(stale), "current": self.get_serializer(stale.current).data}
            return Response(body, status=status.HTTP_409_CONFLICT)
        except ReturnError as error:
            raise exceptions.ValidationError({"detail": str(error)}) from None
        code = status.HTTP_201_CREATED if update.version == 1 else status.HTTP_200_OK
        return Response(self.get_serializer(update).data, status=code)


class IndicatorViewSet(_ReadOnly):
    """Indicators of the partnerships you belong to."""

    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilter

    def get_queryset(self):
        indicators = permissions.member_objects(self.request.user, Indicator.objects.all())
        return indicators.prefetch_related("priorities", "actions").order_by("name", "pk")


@extend_schema_view(
    create=extend_schema(
        summary="Record an indicator's value for a period (replaces the value there)",
        request=serializers.IndicatorValueInputSerializer,
        responses={
            200: serializers.IndicatorValueSerializer,
            201: serializers.IndicatorValueSerializer,
        },
    )
)
class IndicatorValueViewSet(mixins.CreateModelMixin, _ReadOnly):
    serializer_class = serializers.IndicatorValueSerializer
    filterset_class = filters.IndicatorValueFilter

    def get_queryset(self):
        values = IndicatorValue.objects.all()
        values = permissions.member_objects(self.request.user, values, "indicator__partnership_id")
        return values.order_by("indicator_id", "period_start", "period_kind", "pk")

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = _valid(serializers.IndicatorValueInputSerializer, request)
        indicators = permissions.member_objects(request.user, Indicator.objects.all())
        indicator = indicators.filter(pk=data["indicator"]).first()
        if indicator is None:
            raise exceptions.NotFound("No such indicator")
        try:
            period = parse_period(data["period"])
        except ValueError as error:
            raise exceptions.ValidationError({"period": [str(error)]}) from None
        existed = IndicatorValue.objects.filter(indicator=indicator, period=period.label).exists()
        try:
            row = record_value(indicator, period, data["value"], data["note"], user=request.user)
        except DjangoPermissionDenied as refusal:
            raise exceptions.PermissionDenied(str(refusal)) from None
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(self.get_serializer(row).data, status=code)


class AssessmentViewSet(_ReadOnly):
    """Saved strategic assessments, with the manager's scores and paragraphs, for those who may
    open the partnership's assessment pages."""

    serializer_class = serializers.AssessmentSerializer
    filterset_class = filters.AssessmentFilter

    def get_queryset(self):
        scores = PriorityScore.objects.order_by("crime_type", "pk")
        assessments = permissions.assessments_for(self.request.user).select_related("partnership")
        assessments = assessments.prefetch_related(Prefetch("scores", queryset=scores))
        return assessments.order_by("-created_at", "-pk")

    def get_object(self):
        assessment = super().get_object()
        # The page's own check (assessment.views._partnership), asked of the object itself.
        if not can(self.request.user, "view", assessment.partnership):
            raise exceptions.NotFound()
        return assessment


def _valid(serializer_class, request: Request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _period_of(plan, label: str) -> ReportingPeriod:
    """The plan's reporting period for a quarter label; 400 if the plan has no such quarter."""
    try:
        quarter = Quarter.parse(label)
    except ValueError as error:
        raise exceptions.ValidationError({"period": [str(error)]}) from None
    if str(quarter.year) != plan.year:
        raise exceptions.ValidationError(
            {"period": [f"{quarter} is not a quarter of the plan's year {plan.year}"]}
        )
    periods = {p.number: p for p in ensure_periods(plan)}
    return periods[quarter.number]
