from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sn.performance"
    label = "performance"
    verbose_name = "Performance framework"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.performance import hooks, permissions  # noqa: F401
