from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "sn.panels"
    label = "panels"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.panels import hooks, permissions  # noqa: F401
