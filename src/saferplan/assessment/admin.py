from django.contrib import admin

from saferplan.assessment.models import (
    Assessment,
    County,
    CrimeLoad,
    District,
    ForceMonth,
    Population,
    PriorityScore,
)


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "csp_name", "force_area_name"]
    search_fields = ["code", "name", "csp_name"]


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ["district_code", "year", "population", "source"]
    list_filter = ["year"]


@admin.register(ForceMonth)
class ForceMonthAdmin(admin.ModelAdmin):
    list_display = ["force", "month", "rows", "bad_rows", "source", "loaded_at"]
    list_filter = ["force"]


@admin.register(CrimeLoad)
class CrimeLoadAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "created_at", "rows", "bad_rows"]


class PriorityScoreInline(admin.TabularInline):
    model = PriorityScore
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["partnership", "window_start", "window_end", "county_name", "created_at"]
    inlines = [PriorityScoreInline]
