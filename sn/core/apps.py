from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sn.core"
    label = "core"

    def ready(self) -> None:
        from sn.core import audit, checks  # noqa: F401 (importing registers the deploy checks)

        audit.connect_signals()
