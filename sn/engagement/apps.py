from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "sn.engagement"
    label = "engagement"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.engagement import hooks, permissions  # noqa: F401
