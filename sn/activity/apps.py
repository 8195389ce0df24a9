from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "sn.activity"
    label = "activity"
    verbose_name = "EPIC activity"
