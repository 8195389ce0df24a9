from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    """The Guarantee scorecard (issue 14, parts 7 and 8): time in the community and every measure per
    ward, borough and force, with definitions and history."""

    name = "sn.scorecard"
    label = "scorecard"

    def ready(self) -> None:
        from sn.scorecard import checks, hooks, permissions  # noqa: F401
