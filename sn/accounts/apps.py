from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sn.accounts"
    label = "accounts"

    def ready(self) -> None:
        from sn.accounts import security_log

        security_log.connect_signals()
