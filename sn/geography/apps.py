from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "sn.geography"
    label = "geography"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.geography import hooks, permissions  # noqa: F401
