from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "saferplan.assessment"
    verbose_name = "Strategic assessment"
    default_auto_field = "django.db.models.BigAutoField"
