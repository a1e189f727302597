"""What the API shows of each object, and what it accepts for returns and values.

Read serializers carry no personal data beyond what the web pages show the
same person: who last changed a return is left out (the history is there for
staff on the web).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.relations import PrimaryKeyRelatedField

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


class FlatRows:
    """What ``serializer_class(many=True)`` gives for a page of a list, built from
    ``.values()`` rows: the same fields, names, order and representations, without a model
    instance per row or DRF's attribute lookup per field.

    Each field's ``source`` becomes a ``values()`` lookup (``priority.plan_id`` →
    ``priority__plan_id``; a primary-key relation is its column, given as it is), and
    every other value goes through the field's own ``to_representation``.  A nested list
    (``many=True``) comes from one more query: ``nested[name]`` is its queryset (with its
    order) and the name of its foreign key to the row.  Fields that are not a column
    (properties, methods, many-to-many) are refused when the view is defined.
    ``tests/api/test_api_flat_rows.py`` checks the output against the serializer's.
    """

    def __init__(self, serializer_class, nested: dict[str, tuple[QuerySet, str]] | None = None):
        nested = nested or {}
        self.fields: list[tuple[str, str | None, object]] = []
        self.children: dict[str, tuple[FlatRows, QuerySet, str]] = {}
        for name, field in serializer_class().fields.items():
            if isinstance(field, serializers.ListSerializer):
                queryset, key = nested[name]
                self.children[name] = (FlatRows(type(field.child)), queryset, key)
                self.fields.append((name, None, None))
                continue
            if field.source == "*" or isinstance(
                field, serializers.ManyRelatedField | serializers.SerializerMethodField
            ):
                raise TypeError(f"{serializer_class.__name__}.{name} is not a column")
            plain = isinstance(field, PrimaryKeyRelatedField)
            self.fields.append((name, "__".join(field.source_attrs), None if plain else field))
        self.lookups = [lookup for _, lookup, _ in self.fields if lookup is not None]
        if self.children:
            self.lookups.append("pk")

    def represent(self, rows: list[dict]) -> list[dict]:
        nested = {name: self._nested(rows, *child) for name, child in self.children.items()}
        zone = timezone.get_current_timezone() if settings.USE_TZ else None
        shown = [(name, lookup, _representation(f, zone)) for name, lookup, f in self.fields]
        out = []
        for row in rows:
            item = {}
            for name, lookup, show in shown:
                if lookup is None:
                    item[name] = nested[name].get(row["pk"], [])
                    continue
                value = row[lookup]
                item[name] = value if value is None or show is None else show(value)
            out.append(item)
        return out

    @staticmethod
    def _nested(rows, child: FlatRows, queryset: QuerySet, key: str) -> dict[object, list[dict]]:
        if not rows:
            return {}
        found = queryset.filter(**{f"{key}__in": [row["pk"] for row in rows]})
        found = list(found.values(key, *child.lookups))
        grouped: dict[object, list[dict]] = {}
        for row, item in zip(found, child.represent(found), strict=True):
            grouped.setdefault(row[key], []).append(item)
        return grouped


def _representation(field, zone):
    """``field.to_representation``; a plain date and time field is given the reader's time
    zone, looked up once a page: DRF otherwise asks Django's thread-local time zone and
    the settings for every value, a third of a list's time."""
    if field is None:
        return None
    if type(field) is serializers.DateTimeField and zone and not hasattr(field, "timezone"):
        fixed = serializers.DateTimeField(
            format=getattr(field, "format", empty), default_timezone=zone
        )
        return fixed.to_representation
    return field.to_representation
