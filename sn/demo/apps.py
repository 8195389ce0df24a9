from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The realistic demo force, built by calling each app's own demo.py in layer order."""

    name = "sn.demo"
    label = "demo"
