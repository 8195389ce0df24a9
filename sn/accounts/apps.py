from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sn.accounts"
    label = "accounts"
