"""SaferPlan's URLs plus ``/bench/floor/``: a view that does nothing, behind the same
middleware (sessions, CSRF, two-factor, CSP, rate limits), to measure the framework's floor."""

from django.http import HttpResponse
from django.urls import path

from saferplan.urls import urlpatterns as saferplan_urls


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), *saferplan_urls]
