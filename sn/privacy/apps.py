from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Review and retention of personal records across the cycle (KIN members, contacts, feedback
    senders, panel members' diversity answers), and erasure requests for a named person."""

    name = "sn.privacy"
    label = "privacy"

    def ready(self) -> None:
        from sn.privacy import checks, hooks, permissions  # noqa: F401
