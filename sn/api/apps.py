from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sn.api"
    label = "api"

    def ready(self) -> None:
        # Importing registers the operations' access rules.
        from sn.api import hooks  # noqa: F401
