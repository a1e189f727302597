from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "saferplan.core"
    verbose_name = "SaferPlan"
