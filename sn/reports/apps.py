from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sn.reports"
    label = "reports"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.reports import hooks  # noqa: F401
