"""A misconfigured retention period is refused when the service starts, naming the kind, rather than
found by the first review (a KeyError in the night's job)."""

from django.conf import settings
from django.core.checks import Error, register

from sn.privacy.kinds import RETAINED_KINDS


@register()
def retention_periods(app_configs, **kwargs) -> list[Error]:
    errors = []
    periods = getattr(settings, "SN_RETENTION", None)
    if not isinstance(periods, dict):
        return [Error("SN_RETENTION must be a dict of each kind's period.", id="privacy.E001")]
    for kind in (str(kind.value) for kind in RETAINED_KINDS):
        entry = periods.get(kind)
        units = [unit for unit in ("months", "days") if isinstance(entry, dict) and unit in entry]
        if len(units) != 1:
            errors.append(
                Error(f"SN_RETENTION[{kind!r}] must give either 'months' or 'days'.", id="privacy.E002")
            )
        elif not isinstance(entry[units[0]], int) or entry[units[0]] < 1:
            errors.append(
                Error(
                    f"SN_RETENTION[{kind!r}][{units[0]!r}] must be a whole number, 1 or more.",
                    id="privacy.E003",
                )
            )
    return errors
