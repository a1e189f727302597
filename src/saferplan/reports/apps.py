from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "saferplan.reports"
    verbose_name = "Documents and public pages"
    default_auto_field = "django.db.models.BigAutoField"
