from django.urls import path

from saferplan.api import token_views

app_name = "api_tokens"
urlpatterns = [
    path("", token_views.token_list, name="list"),
    path("<int:pk>/revoke/", token_views.token_revoke, name="revoke"),
]
