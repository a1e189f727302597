from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("<slug:slug>/", views.assessment_page, name="page"),
    path("<slug:slug>/save/", views.save_assessment, name="save"),
    path("<slug:slug>/saved/<int:pk>/", views.saved_page, name="saved"),
    path("<slug:slug>/saved/<int:pk>/scores/", views.save_scores, name="scores"),
    path(
        "<slug:slug>/saved/<int:pk>/attach/<int:score_pk>/",
        views.attach_paragraph,
        name="attach",
    ),
    path("<slug:slug>/chart/<str:kind>.svg", views.chart, name="chart"),
    path("<slug:slug>/export.<str:fmt>", views.export, name="export"),
    path("<slug:slug>/upload/", views.upload, name="upload"),
    path("<slug:slug>/loads/<int:pk>/", views.load_status, name="load"),
]
