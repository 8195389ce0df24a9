from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sn.core"
    label = "core"

    def ready(self) -> None:
        from sn.core import audit

        audit.connect_signals()
