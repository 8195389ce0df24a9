from django.apps import AppConfig


class TaskingConfig(AppConfig):
    name = "sn.tasking"
    label = "tasking"
    verbose_name = "Borough tasking"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.tasking import hooks, permissions  # noqa: F401
