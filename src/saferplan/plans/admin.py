from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferplan.plans.archiving import archive, restore
from saferplan.plans.models import Action, ActionAgency, Plan, Priority, ProgressUpdate, TargetRow


class ArchiveInsteadOfDelete(SimpleHistoryAdmin):
    """Plans, priorities, actions and updates are archived, never deleted: no delete
    button or page, and "Archive selected" / "Restore selected" instead of "Delete
    selected".  Archived rows stay listed here (see the Archived filter)."""

    actions = ["archive_selected", "restore_selected"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Archive selected %(verbose_name_plural)s", permissions=["change"])
    def archive_selected(self, request, queryset) -> None:
        count = sum(archive(obj, user=request.user) for obj in queryset)
        self.message_user(request, f"Archived {count} (kept with their history; not deleted).")

    @admin.action(description="Restore selected %(verbose_name_plural)s", permissions=["change"])
    def restore_selected(self, request, queryset) -> None:
        count = sum(restore(obj, user=request.user) for obj in queryset)
        self.message_user(request, f"Restored {count}.")


ARCHIVED = ("archived_at", admin.EmptyFieldListFilter)


class ActionAgencyInline(admin.TabularInline):
    model = ActionAgency
    extra = 0
    autocomplete_fields = ["agency"]


class ProgressUpdateInline(admin.StackedInline):
    model = ProgressUpdate
    extra = 0
    fields = ["period", "status", "text"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # archive updates from their own list instead


@admin.register(Plan)
class PlanAdmin(ArchiveInsteadOfDelete):
    list_display = ["title", "partnership", "year", "status", "kind", "imported_at"]
    list_select_related = ["partnership"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["title", "partnership__name", "year", "source_name"]
    readonly_fields = ["source_sha256", "imported_at", "created_at", "updated_at"]
    autocomplete_fields = ["partnership"]


@admin.register(Priority)
class PriorityAdmin(ArchiveInsteadOfDelete):
    list_display = ["title", "ref", "group", "plan", "subsidiary", "order", "archived_at"]
    list_select_related = ["plan__partnership"]
    list_filter = [ARCHIVED, "subsidiary", "plan__year"]
    search_fields = ["title", "group", "ref", "plan__title", "plan__partnership__name"]
    autocomplete_fields = ["plan", "leads"]

    def get_queryset(self, request):
        return Priority.all_objects.select_related("plan__partnership")


@admin.register(Action)
class ActionAdmin(ArchiveInsteadOfDelete):
    list_display = ["ref", "short_text", "priority", "archived_at"]
    list_select_related = ["priority__plan__partnership"]
    list_filter = [ARCHIVED, "priority__plan__year"]
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
class ProgressUpdateAdmin(ArchiveInsteadOfDelete):
    list_display = ["action", "period", "status", "updated_at", "updated_by", "archived_at"]
    list_select_related = ["action", "updated_by"]
    list_filter = [ARCHIVED, "status", "period"]
    search_fields = ["period", "text", "action__ref", "action__text"]
    autocomplete_fields = ["action"]

    def get_queryset(self, request):
        return ProgressUpdate.all_objects.select_related("action", "updated_by")


@admin.register(TargetRow)
class TargetRowAdmin(SimpleHistoryAdmin):
    list_display = ["title", "reference", "baseline", "target", "actual", "plan"]
    list_select_related = ["plan__partnership"]
    search_fields = ["title", "reference", "section", "plan__title"]
    autocomplete_fields = ["plan"]
