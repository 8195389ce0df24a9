from django.apps import AppConfig


class DeploymentsConfig(AppConfig):
    """Approach A (seed 000 paragraphs 33-37): an inspector lends Safer Neighbourhoods officers across
    ward boundaries in their cluster, for a defined problem and period, never leaving a ward without a
    PC and a PCSO on duty."""

    name = "sn.deployments"
    label = "deployments"

    def ready(self) -> None:
        from sn.deployments import hooks, permissions  # noqa: F401
