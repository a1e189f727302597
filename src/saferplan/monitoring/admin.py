"""Administration of the quarterly cycle: mostly read-only, since services do the writing.

Periods change state through the dashboard (which snapshots and records);
links are created and revoked there; snapshots, reminders and link uses are
records, never edited.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferplan.monitoring.models import (
    EvidenceFile,
    PeriodSnapshot,
    ReminderSent,
    ReportingPeriod,
    SecureLink,
    SecureLinkUse,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "number", "deadline", "status"]
    list_filter = ["status", "number"]
    list_select_related = ["plan__partnership"]
    search_fields = ["plan__title", "plan__partnership__name"]
    # The state moves only through the dashboard, which snapshots a locked quarter.
    readonly_fields = ["plan", "number", "status"]
    fields = ["plan", "number", "deadline", "status"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PeriodSnapshot)
class PeriodSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["period", "taken_at", "taken_by"]
    list_select_related = ["period__plan", "taken_by"]
    date_hierarchy = "taken_at"


@admin.register(EvidenceFile)
class EvidenceFileAdmin(admin.ModelAdmin):
    list_display = ["original_name", "update", "content_type", "size", "uploaded_at", "archived_at"]
    list_filter = ["content_type"]
    list_select_related = ["update__action", "uploaded_by"]
    search_fields = ["original_name"]
    readonly_fields = [
        "update",
        "file",
        "original_name",
        "content_type",
        "size",
        "uploaded_at",
        "uploaded_by",
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["period", "agency", "email", "offset_days", "sent_at"]
    list_filter = ["offset_days"]
    list_select_related = ["period__plan", "agency"]
    search_fields = ["email", "agency__name"]
    date_hierarchy = "sent_at"


class SecureLinkUseInline(admin.TabularInline):
    model = SecureLinkUse
    extra = 0
    can_delete = False
    readonly_fields = ["used_at", "what", "ip_address"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SecureLink)
class SecureLinkAdmin(ReadOnlyAdmin):
    list_display = ["agency", "period", "email", "created_at", "expires_at", "revoked_at"]
    list_select_related = ["agency", "period__plan"]
    search_fields = ["email", "agency__name"]
    exclude = ["token_hash"]
    inlines = [SecureLinkUseInline]
