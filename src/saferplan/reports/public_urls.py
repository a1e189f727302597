from django.urls import path

from . import public_views as views

app_name = "public"
urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("plans/<int:pk>/", views.plan_page, name="plan"),
    path("plans/<int:pk>/charts/<int:index>.png", views.chart, name="chart"),
    path("plans/<int:pk>/open-data.<slug:fmt>", views.open_data, name="open_data"),
    path("plans/<int:pk>/plan.<slug:fmt>", views.document, name="document"),
]
