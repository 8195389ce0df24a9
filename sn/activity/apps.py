from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "sn.activity"
    label = "activity"
    verbose_name = "EPIC activity"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.activity import hooks, permissions  # noqa: F401
