from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("saferplan.core.urls")),
    path("partnerships/", include("saferplan.partnerships.urls")),
    path("plans/", include("saferplan.plans.urls")),
    path("import/", include("saferplan.importing.urls")),
    path("indicators/", include("saferplan.indicators.urls")),
    path("account/", include("saferplan.accounts.urls")),
    path("assessment/", include("saferplan.assessment.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
