"""``/api/``: the endpoints, ``/api/schema/`` (OpenAPI 3) and ``/api/docs/`` (Swagger UI)."""

from __future__ import annotations

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from saferplan.api import schema, views  # noqa: F401  (schema registers the auth extension)

router = DefaultRouter()
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("priorities", views.PriorityViewSet, basename="priority")
router.register("actions", views.ActionViewSet, basename="action")
router.register("periods", views.ReportingPeriodViewSet, basename="period")
router.register("returns", views.ReturnViewSet, basename="return")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicator-value")
router.register("assessments", views.AssessmentViewSet, basename="assessment")

# The split view serves its start-up script as a file, so the page needs no inline script;
# Swagger UI's own icons are data: images, allowed on this page only.
docs = csp_update({"img-src": ["data:"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html")
)

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs, name="docs"),
    path("", include(router.urls)),
]
