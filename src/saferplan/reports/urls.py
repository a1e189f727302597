from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("plans/<int:pk>/", views.index, name="index"),
    path("plans/<int:pk>/texts/", views.edit_texts, name="texts"),
    path("plans/<int:pk>/<slug:kind>/", views.document_page, name="page"),
    path("plans/<int:pk>/<slug:kind>.<slug:fmt>", views.download, name="download"),
    path("plans/<int:pk>/<slug:kind>/charts/<int:index>.png", views.chart, name="chart"),
    path("partnerships/<slug:slug>/branding/", views.edit_branding, name="branding"),
    path("partnerships/<slug:slug>/logo", views.logo, name="logo"),
]
