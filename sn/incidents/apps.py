from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "sn.incidents"
    label = "incidents"
