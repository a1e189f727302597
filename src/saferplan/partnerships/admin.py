from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferplan.partnerships.models import Agency, AgencyMembership, GlossaryEntry, Partnership


class MembershipInline(admin.TabularInline):
    model = AgencyMembership
    extra = 0
    autocomplete_fields = ["agency"]


class GlossaryInline(admin.TabularInline):
    model = GlossaryEntry
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "area", "created_at"]
    search_fields = ["name", "slug", "area"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, GlossaryInline]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "email", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "slug", "email"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AgencyMembership)
class AgencyMembershipAdmin(admin.ModelAdmin):
    list_display = ["agency", "partnership", "joined_at"]
    list_select_related = ["agency", "partnership"]
    list_filter = ["partnership"]
    search_fields = ["agency__name", "agency__acronym", "partnership__name"]
    autocomplete_fields = ["agency", "partnership"]


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(admin.ModelAdmin):
    list_display = ["term", "meaning", "partnership"]
    list_select_related = ["partnership"]
    list_filter = ["partnership"]
    search_fields = ["term", "meaning"]
