from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sn.reports"
    label = "reports"
