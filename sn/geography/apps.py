from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "sn.geography"
    label = "geography"
