from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "saferplan.backup"
    label = "backup"
    verbose_name = "Backup and restore"
