from django.apps import AppConfig


class CrimeConfig(AppConfig):
    """Crime and ASB demand rankings and ward/borough crime profiles, read from the incident rollup."""

    name = "sn.crime"
    label = "crime"
    verbose_name = "Crime demand and profiles"
