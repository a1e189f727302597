"""What the API shows of each object, and what it accepts for returns and values.

Read serializers carry no personal data beyond what the web pages show the
same person: who last changed a return is left out (the history is there for
staff on the web).
"""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from saferplan.assessment.models import Assessment, PriorityScore
from saferplan.indicators.models import Indicator, IndicatorValue
from saferplan.monitoring.models import ReportingPeriod
from saferplan.monitoring.rules import STATUSES
from saferplan.partnerships.models import Agency, Partnership
from saferplan.plans.models import Action, ActionAgency, Plan, Priority, ProgressUpdate


class PartnershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partnership
        fields = ["id", "name", "slug", "area", "district_codes"]


class AgencySerializer(serializers.ModelSerializer):
    partnerships = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "slug",
            "acronym",
            "kind",
            "aliases",
            "email",
            "phone",
            "website",
            "address",
            "partnerships",
        ]


class PlanSerializer(serializers.ModelSerializer):
    partnership_name = serializers.CharField(source="partnership.name", read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "partnership",
            "partnership_name",
            "year",
            "start_date",
            "end_date",
            "title",
            "kind",
            "status",
            "introduction",
            "created_at",
            "updated_at",
        ]


class PrioritySerializer(serializers.ModelSerializer):
    leads = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Priority
        fields = [
            "id",
            "plan",
            "ref",
            "title",
            "group",
            "subsidiary",
            "leads",
            "rationale",
            "intended_outcomes",
            "key_partners",
            "order",
        ]


class ActionAgencySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = ActionAgency
        fields = ["agency", "name", "role", "name_as_printed"]


class ActionSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="priority.plan_id", read_only=True)
    agencies = ActionAgencySerializer(source="agency_links", many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "plan",
            "priority",
            "ref",
            "text",
            "aim",
            "baseline",
            "target",
            "measure",
            "evidence",
            "order",
            "agencies",
        ]


class ReportingPeriodSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    accepts_returns = serializers.BooleanField(read_only=True)

    class Meta:
        model = ReportingPeriod
        fields = ["id", "plan", "number", "label", "deadline", "status", "accepts_returns"]


class ReturnSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="action.priority.plan_id", read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "action",
            "plan",
            "period",
            "text",
            "status",
            "value",
            "state",
            "submitted_at",
            "version",
            "updated_at",
        ]


class ReturnInputSerializer(serializers.Serializer):
    """A return to save: the version you started from guards against overwriting others."""

    action = serializers.IntegerField(min_value=1, max_value=2**53)
    period = serializers.CharField(max_length=12, help_text="The quarter, such as 2024/25 Q1.")
    text = serializers.CharField(max_length=20_000, allow_blank=True, default="")
    status = serializers.ChoiceField(choices=STATUSES)
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=Decimal("-999999999999.99"),
        max_value=Decimal("999999999999.99"),
    )
    submit = serializers.BooleanField(
        default=False, help_text="true submits the return; false saves a draft."
    )
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=2**31,
        help_text="The version you started from; omit (or 0) for a return not yet written.",
    )


class StaleReturnSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current = ReturnSerializer()


class IndicatorSerializer(serializers.ModelSerializer):
    priorities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    actions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "partnership",
            "name",
            "reference",
            "description",
            "unit",
            "polarity",
            "frequency",
            "source",
            "owner",
            "priorities",
            "actions",
            "updated_at",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "period",
            "period_kind",
            "period_start",
            "value",
            "note",
            "source",
            "updated_at",
        ]


class IndicatorValueInputSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(min_value=1, max_value=2**53)
    period = serializers.CharField(
        max_length=20, help_text="A month (2024-05), a quarter (2024/25 Q1) or a year (2024/25)."
    )
    value = serializers.DecimalField(
        max_digits=16,
        decimal_places=4,
        min_value=Decimal("-999999999999.9999"),
        max_value=Decimal("999999999999.9999"),
    )
    note = serializers.CharField(max_length=2_000, allow_blank=True, default="")


class PriorityScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = PriorityScore
        fields = [
            "id",
            "crime_type",
            "capacity",
            "concern",
            "paragraph",
            "edited",
            "priority",
            "version",
        ]


class AssessmentSerializer(serializers.ModelSerializer):
    """A saved strategic assessment: its windows, the county compared with, and the scores."""

    partnership_name = serializers.CharField(source="partnership.name", read_only=True)
    county_codes = serializers.ListField(child=serializers.CharField(), read_only=True)
    scores = PriorityScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "partnership",
            "partnership_name",
            "county_name",
            "county_codes",
            "window_start",
            "window_end",
            "compare_start",
            "compare_end",
            "created_at",
            "updated_at",
            "scores",
        ]
