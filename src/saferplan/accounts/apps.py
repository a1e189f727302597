from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "saferplan.accounts"
    verbose_name = "Users and roles"
