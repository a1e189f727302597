from django.apps import AppConfig


class ImportingConfig(AppConfig):
    name = "saferplan.importing"
    verbose_name = "Importing plan documents"
