from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sn.performance"
    label = "performance"
    verbose_name = "Performance framework"
