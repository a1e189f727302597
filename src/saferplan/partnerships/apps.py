from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "saferplan.partnerships"
    verbose_name = "Partnerships and agencies"
