from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("saferplan.core.urls")),
    path("partnerships/", include("saferplan.partnerships.urls")),
    path("plans/", include("saferplan.plans.urls")),
    path("import/", include("saferplan.importing.urls")),
    path("indicators/", include("saferplan.indicators.urls")),
    path("returns/", include("saferplan.monitoring.urls")),
    path("account/tokens/", include("saferplan.api.token_urls")),
    path("account/", include("saferplan.accounts.urls")),
    path("assessment/", include("saferplan.assessment.urls")),
    path("api/", include("saferplan.api.urls")),
    path("reports/", include("saferplan.reports.urls")),
    path("public/", include("saferplan.reports.public_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
