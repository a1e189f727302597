from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("<slug:slug>/", views.indicator_list, name="list"),
    path("<slug:slug>/upload/", views.upload, name="upload"),
    path("<slug:slug>/<int:pk>/", views.indicator_detail, name="detail"),
    path("<slug:slug>/<int:pk>/chart.svg", views.indicator_chart, name="chart"),
    path("<slug:slug>/<int:pk>/values/new/", views.value_new, name="value_new"),
]
