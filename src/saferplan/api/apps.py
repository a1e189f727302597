from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "saferplan.api"
    label = "api"
    verbose_name = "REST API"
