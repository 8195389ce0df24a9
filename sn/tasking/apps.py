from django.apps import AppConfig


class TaskingConfig(AppConfig):
    name = "sn.tasking"
    label = "tasking"
    verbose_name = "Borough tasking"
