"""What guarantee adds to pages lower apps own (sn.core.registries), imported in the app's ready()."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sn.core.access import has_permission
from sn.core.registries import (
    NAVIGATION,
    PUBLIC_PANELS,
    SCORECARD_MEASURES,
    WARD_PANELS,
    WORK_ITEMS,
    MeasureUnit,
    NavItem,
    Panel,
    ScorecardMeasure,
    WorkItemProvider,
)
from sn.geography.models import Neighbourhood
from sn.guarantee import panels, work
from sn.guarantee.jobs import NAMED_OFFICER_SWEEP, run_named_officer_sweep
from sn.guarantee.models import NamedOfficerLapse
from sn.guarantee.permissions import (
    HEAR_OF_NAMED_OFFICER_LAPSES,
    RUN_NAMED_OFFICER_SWEEP,
    VIEW_NAMED_OFFICERS,
)
from sn.guarantee.priorities import fresh_figures
from sn.jobs.registry import JOB_KINDS, PERIODIC_JOBS, JobKind, PeriodicJob
from sn.panels.permissions import VIEW_PANEL


def _link(user) -> str | None:
    return reverse("guarantee:named_officers") if has_permission(user, VIEW_NAMED_OFFICERS) else None


NAVIGATION.register(NavItem(key="named_officers", label="Named officers", order=47, href=_link))

PUBLIC_PANELS.register(
    Panel(
        key="named_officers",
        title="Your neighbourhood officers",
        order=10,
        template="guarantee/public_named_officers.html",
        build=panels.named_officers_panel,
    )
)
# The public ward page shows the same rows inside each priority's own section (sn.public reads
# sn.guarantee.priorities directly, being above it), so each priority is named once.
WARD_PANELS.register(
    Panel(
        key="priorities_fresh",
        title="Priorities: last update and who took part in choosing them",
        order=31,
        template="guarantee/priorities_panel.html",
        build=panels.staff_priorities_panel,
        permission=VIEW_PANEL,
    )
)

WORK_ITEMS.register(
    WorkItemProvider(
        key="named_officer_lapses",
        heading="Wards without a named contactable officer",
        order=15,
        build=work.lapses_for,
        permission=HEAR_OF_NAMED_OFFICER_LAPSES,
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        key="stale_priorities", heading="Your priorities needing an update", order=16, build=work.stale_for
    )
)

JOB_KINDS.register(
    JobKind(
        key=NAMED_OFFICER_SWEEP,
        label="Named officers sweep",
        run=run_named_officer_sweep,
        permission=RUN_NAMED_OFFICER_SWEEP,
    )
)
PERIODIC_JOBS.register(
    PeriodicJob(kind=NAMED_OFFICER_SWEEP, title="Daily named officers sweep", every_hours=24)
)


def _named_officer_figures(start, end):
    """From the lapses the daily sweep records (two queries), not by working every ward out again: the
    force scorecard has 500 ms for all its measures, and the full reading takes most of that."""
    day = min(end - timedelta(days=1), timezone.localdate())
    wards = Neighbourhood.objects.values_list("id", flat=True)
    lapsed = set(
        NamedOfficerLapse.objects.filter(starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .values_list("neighbourhood_id", flat=True)
    )
    return {ward_id: (0.0 if ward_id in lapsed else 1.0, 1.0) for ward_id in wards}


SCORECARD_MEASURES.register(
    ScorecardMeasure(
        key="named_officer",
        label="Neighbourhoods with a named officer contactable online",
        definition=lambda: (
            "Neighbourhoods (wards, and town-centre areas with their own team) that, on the last day of the "
            "period (today for the current period), have at least one PC, PCSO or sergeant posted to the "
            "neighbourhood's team who is not away on leave or other "
            f"duties for a spell of more than {settings.SN_NAMED_OFFICER_ABSENCE_DAYS} days in a row, and "
            "who can be contacted online (by their work e-mail address or the team's), as a share of all "
            "neighbourhoods. It is read from the gaps the daily check records: a neighbourhood counts as "
            "without a named officer on any day a recorded gap covers."
        ),
        part="Named officers",
        unit=MeasureUnit.PERCENT,
        order=10,
        figures=_named_officer_figures,
        target=100,
    )
)
SCORECARD_MEASURES.register(
    ScorecardMeasure(
        key="priorities_fresh",
        label=f"Priorities updated in the last {settings.SN_PRIORITY_STALE_DAYS} days",
        definition=lambda: (
            "Ward panel priorities still being worked on the last day of the period whose latest update "
            "(being chosen, a progress update, a review by the panel, a step agreed with the panel achieved, "
            "an action recorded against it, or an update of the problem-solving case working it) is within "
            f"{settings.SN_PRIORITY_STALE_DAYS} days of that day, as a share of those priorities."
        ),
        part="Priorities",
        unit=MeasureUnit.PERCENT,
        order=30,
        figures=fresh_figures,
        target=100,
    )
)
