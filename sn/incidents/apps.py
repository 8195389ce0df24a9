from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "sn.incidents"
    label = "incidents"

    def ready(self) -> None:
        from sn.incidents import jobs, permissions  # noqa: F401
