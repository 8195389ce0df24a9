from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sn.api"
    label = "api"
