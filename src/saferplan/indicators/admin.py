from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferplan.indicators.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    PrintedFigureCheck,
)


class TargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0
    fields = ["year", "kind", "baseline_period", "baseline_value", "target_value", "change_percent"]
    raw_id_fields = ["plan", "source_row"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "reference", "unit", "polarity", "owner", "source"]
    list_filter = ["partnership", "unit", "polarity", "source"]
    search_fields = ["name", "reference"]
    autocomplete_fields = ["owner"]
    filter_horizontal = ["priorities"]
    raw_id_fields = ["actions"]
    inlines = [TargetInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "period", "value", "source", "entered_by", "updated_at"]
    list_filter = ["period_kind", "source", "indicator__partnership"]
    search_fields = ["indicator__name", "period"]
    raw_id_fields = ["indicator", "entered_by"]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "kind", "baseline_value", "target_value"]
    list_filter = ["year", "kind"]
    raw_id_fields = ["indicator", "plan", "source_row"]


@admin.register(PrintedFigureCheck)
class PrintedFigureCheckAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "printed_change", "computed_change_text", "agreement"]
    list_filter = ["agreement"]
    search_fields = ["title"]
    readonly_fields = [f.name for f in PrintedFigureCheck._meta.fields]
