from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferplan.plans.models import Action, ActionAgency, Plan, Priority, ProgressUpdate, TargetRow


class ActionAgencyInline(admin.TabularInline):
    model = ActionAgency
    extra = 0
    autocomplete_fields = ["agency"]


class ProgressUpdateInline(admin.StackedInline):
    model = ProgressUpdate
    extra = 0
    fields = ["period", "status", "text"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "year", "status", "kind", "imported_at"]
    list_select_related = ["partnership"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["title", "partnership__name", "year", "source_name"]
    readonly_fields = ["source_sha256", "imported_at", "created_at", "updated_at"]
    autocomplete_fields = ["partnership"]


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "ref", "group", "plan", "subsidiary", "order", "archived_at"]
    list_select_related = ["plan__partnership"]
    list_filter = ["subsidiary", "plan__year"]
    search_fields = ["title", "group", "ref", "plan__title", "plan__partnership__name"]
    autocomplete_fields = ["plan", "leads"]

    def get_queryset(self, request):
        return Priority.all_objects.select_related("plan__partnership")


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["ref", "short_text", "priority", "archived_at"]
    list_select_related = ["priority__plan__partnership"]
    list_filter = ["priority__plan__year"]
    search_fields = ["ref", "text", "measure", "priority__title", "agencies__name"]
    autocomplete_fields = ["priority"]
    inlines = [ActionAgencyInline, ProgressUpdateInline]

    @admin.display(description="Action")
    def short_text(self, obj: Action) -> str:
        return obj.text[:80]

    def get_queryset(self, request):
        return Action.all_objects.select_related("priority__plan__partnership")


@admin.register(ActionAgency)
class ActionAgencyAdmin(SimpleHistoryAdmin):
    list_display = ["action", "agency", "role", "name_as_printed"]
    list_select_related = ["action", "agency"]
    list_filter = ["role"]
    search_fields = ["agency__name", "name_as_printed", "action__ref", "action__text"]
    autocomplete_fields = ["action", "agency"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["action", "period", "status", "updated_at", "updated_by"]
    list_select_related = ["action", "updated_by"]
    list_filter = ["status", "period"]
    search_fields = ["period", "text", "action__ref", "action__text"]
    autocomplete_fields = ["action"]


@admin.register(TargetRow)
class TargetRowAdmin(SimpleHistoryAdmin):
    list_display = ["title", "reference", "baseline", "target", "actual", "plan"]
    list_select_related = ["plan__partnership"]
    search_fields = ["title", "reference", "section", "plan__title"]
    autocomplete_fields = ["plan"]
