from django.apps import AppConfig


class ProblemSolvingConfig(AppConfig):
    name = "sn.problemsolving"
    label = "problemsolving"
    verbose_name = "Problem solving"

    def ready(self) -> None:
        # Importing declares the app's permissions and fills the registries lower apps own.
        from sn.problemsolving import assessment_hooks, hooks, permissions  # noqa: F401
        from sn.problemsolving.library import hooks as library_hooks  # noqa: F401
