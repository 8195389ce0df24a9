from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "sn.community"
    label = "community"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.community import hooks, permissions  # noqa: F401
