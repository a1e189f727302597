from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "saferplan.indicators"
    verbose_name = "Indicators and targets"
