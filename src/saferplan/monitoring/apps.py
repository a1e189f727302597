from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "saferplan.monitoring"
    verbose_name = "Quarterly monitoring"
