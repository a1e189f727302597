from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferplan.reports.models import ReportSettings, ReportText


@admin.register(ReportSettings)
class ReportSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "display_name", "colour"]


@admin.register(ReportText)
class ReportTextAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "agenda_item", "meeting_date", "updated_at"]
    list_select_related = ["plan__partnership"]
