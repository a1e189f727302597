from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "saferplan.core"
    verbose_name = "SaferPlan"

    def ready(self) -> None:
        from saferplan.core import freshness

        freshness.connect()
