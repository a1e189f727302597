from django.urls import path

from . import views

app_name = "partnerships"
urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("agencies/", views.agency_list, name="agencies"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency"),
    path("<slug:slug>/", views.partnership_detail, name="detail"),
]
