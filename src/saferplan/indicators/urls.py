from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("<slug:slug>/", views.indicator_list, name="list"),
    path("<slug:slug>/upload/", views.upload, name="upload"),
    path("<slug:slug>/new/", views.indicator_form, name="new"),
    path("<slug:slug>/<int:pk>/edit/", views.indicator_form, name="edit"),
    path("<slug:slug>/<int:pk>/targets/new/", views.target_form, name="target_new"),
    path(
        "<slug:slug>/<int:pk>/targets/<int:target_pk>/edit/",
        views.target_form,
        name="target_edit",
    ),
    path("<slug:slug>/<int:pk>/refresh/", views.refresh, name="refresh"),
    path("<slug:slug>/<int:pk>/", views.indicator_detail, name="detail"),
    path("<slug:slug>/<int:pk>/chart.svg", views.indicator_chart, name="chart"),
    path("<slug:slug>/<int:pk>/values/new/", views.value_new, name="value_new"),
]
