from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "sn.teams"
    label = "teams"
