from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the platform: backup and restore with a verified manifest, structured logs with a request
    id, and the metrics endpoint for the force's monitoring."""

    name = "sn.ops"
    label = "ops"

    def ready(self) -> None:
        # metrics registers the check of SN_METRICS_NETWORKS.
        from sn.ops import hooks, metrics, permissions  # noqa: F401
