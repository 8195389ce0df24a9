from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "sn.concerns"
    label = "concerns"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.concerns import hooks, permissions  # noqa: F401
