"""Query filters of the list endpoints: ``?plan=``, ``?agency=``, ``?status=``, ``?period=``.

Ids are plain numbers (never a choice of existing objects, which would tell
outsiders which ids exist); a filter naming something the user cannot see
simply matches nothing.
"""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.db.models import OuterRef, Subquery
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from saferplan.api import permissions
from saferplan.assessment.models import Assessment
from saferplan.indicators.models import Indicator, IndicatorValue
from saferplan.monitoring.models import ReportingPeriod
from saferplan.monitoring.rules import STATUSES
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, ActionAgency, Plan, Priority, ProgressUpdate


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    """A positive whole number within the range every database can store."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**53)
        super().__init__(*args, **kwargs)


class AgencyFilter(filters.FilterSet):
    partnership = IdFilter(field_name="partnerships", help_text="Agencies of this partnership.")
    kind = filters.ChoiceFilter(choices=Agency.Kind.choices)

    class Meta:
        model = Agency
        fields = ["partnership", "kind"]


class PlanFilter(filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    year = filters.CharFilter(max_length=7, help_text="Financial year, such as 2024/25.")
    status = filters.ChoiceFilter(choices=Plan.Status.choices)

    class Meta:
        model = Plan
        fields = ["partnership", "year", "status"]


class PriorityFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan_id")

    class Meta:
        model = Priority
        fields = ["plan"]


def _agency_actions(queryset, prefix: str, value, *, lead_only: bool):
    links = ActionAgency.objects.filter(agency_id=value)
    if lead_only:
        links = links.filter(role=ActionAgency.LEAD)
    return queryset.filter(**{f"{prefix}__in": links.values("action_id")})


NO_RETURN = "no_return"


def _quarter(value: str) -> str:
    return " ".join(value.split())


class ActionFilter(filters.FilterSet):
    """``status`` is the action's latest return you may see (for ``period`` when given);
    ``status=no_return`` finds actions without one.  ``period`` alone: actions with a return
    for that quarter.  Drafts count only for those who may see drafts."""

    plan = IdFilter(field_name="priority__plan_id")
    priority = IdFilter(field_name="priority_id")
    agency = IdFilter(method="by_agency", help_text="Actions this agency leads or supports.")
    lead = IdFilter(method="by_lead", help_text="Actions this agency leads.")
    status = filters.ChoiceFilter(
        choices=[(s, s) for s in (*STATUSES, NO_RETURN)],
        method="by_return",
        help_text="The status of the latest return (for the period, if one is given); "
        "no_return: actions without a return.",
    )
    period = filters.CharFilter(
        max_length=12,
        method="by_return",
        help_text="The quarter, such as 2024/25 Q1: actions with a return for it, or "
        "with status, whose return for it has that status.",
    )

    class Meta:
        model = Action
        fields = ["plan", "priority", "agency", "lead", "status", "period"]

    def by_agency(self, queryset, name, value):
        return _agency_actions(queryset, "pk", value, lead_only=False)

    def by_lead(self, queryset, name, value):
        return _agency_actions(queryset, "pk", value, lead_only=True)

    def by_return(self, queryset, name, value):
        return queryset  # both are applied together, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        status = self.form.cleaned_data.get("status")
        period = self.form.cleaned_data.get("period")
        if not status and not period:
            return queryset
        user = getattr(self.request, "user", None)
        returns = permissions.returns_for(user).filter(action=OuterRef("pk"))
        if period:
            returns = returns.filter(period__iexact=_quarter(period))
        latest = Subquery(returns.order_by("-period").values("status")[:1])
        queryset = queryset.annotate(latest_return_status=latest)
        if status == NO_RETURN:
            return queryset.filter(latest_return_status__isnull=True)
        if status:
            return queryset.filter(latest_return_status=status)
        return queryset.filter(latest_return_status__isnull=False)


class ReportingPeriodFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan_id")
    status = filters.ChoiceFilter(choices=ReportingPeriod.Status.choices)

    class Meta:
        model = ReportingPeriod
        fields = ["plan", "status"]


class ReturnFilter(filters.FilterSet):
    plan = IdFilter(field_name="action__priority__plan_id")
    action = IdFilter(field_name="action_id")
    agency = IdFilter(method="by_agency", help_text="Returns on actions this agency leads.")
    status = filters.ChoiceFilter(choices=[(s, s) for s in STATUSES])
    state = filters.ChoiceFilter(choices=ProgressUpdate.State.choices)
    period = filters.CharFilter(
        max_length=12, method="by_period", help_text="The quarter, such as 2024/25 Q1."
    )

    class Meta:
        model = ProgressUpdate
        fields = ["plan", "action", "agency", "status", "state", "period"]

    def by_agency(self, queryset, name, value):
        return _agency_actions(queryset, "action_id", value, lead_only=True)

    def by_period(self, queryset, name, value):
        return queryset.filter(period__iexact=_quarter(value))


class IndicatorFilter(filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    agency = IdFilter(field_name="owner_id", help_text="Indicators this agency owns.")
    priority = IdFilter(field_name="priorities")
    action = IdFilter(field_name="actions")

    class Meta:
        model = Indicator
        fields = ["partnership", "agency", "priority", "action"]


class IndicatorValueFilter(filters.FilterSet):
    indicator = IdFilter(field_name="indicator_id")
    period = filters.CharFilter(max_length=12, field_name="period", lookup_expr="iexact")
    period_kind = filters.ChoiceFilter(
        choices=IndicatorValue._meta.get_field("period_kind").choices
    )
    since = filters.DateFilter(field_name="period_start", lookup_expr="gte")

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "period", "period_kind", "since"]


class AssessmentFilter(filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    since = filters.DateFilter(
        field_name="window_end", lookup_expr="gte", help_text="Windows ending on or after this."
    )

    class Meta:
        model = Assessment
        fields = ["partnership", "since"]
