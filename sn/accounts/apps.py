from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sn.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.accounts import hooks, permissions, security_log, sign_in  # noqa: F401

        security_log.connect_signals()
        sign_in.connect_signals()
