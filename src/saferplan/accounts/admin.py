from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferplan.accounts.models import Invitation, PartnershipRole, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "job_title"]
    list_select_related = ["user", "agency"]
    search_fields = ["user__username", "user__email", "user__last_name", "agency__name"]
    autocomplete_fields = ["user", "agency"]


@admin.register(PartnershipRole)
class PartnershipRoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "partnership", "role", "granted_at"]
    list_filter = ["role", "partnership"]
    list_select_related = ["user", "partnership"]
    search_fields = ["user__username", "user__email", "partnership__name"]
    autocomplete_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "partnership",
        "role",
        "agency",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    list_filter = ["role", "partnership"]
    list_select_related = ["partnership", "agency"]
    search_fields = ["email", "partnership__name"]
    date_hierarchy = "created_at"
    # An invitation is sent by the invite page; here it can only be read, shortened or deleted.
    fields = [
        "email",
        "partnership",
        "role",
        "agency",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    readonly_fields = [
        "email",
        "partnership",
        "role",
        "agency",
        "invited_by",
        "created_at",
        "accepted_at",
        "accepted_by",
    ]

    def has_add_permission(self, request):
        return False
