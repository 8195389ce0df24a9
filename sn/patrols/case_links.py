"""Reads for the problem-solving cases beside a patrol area: those linked to it by hand and the others
of its ward, each trimmed to the cases the user may read (sn.problemsolving.permissions.CASES), so
that the area page never names a case the user could not open."""

from django.db.models import Case as Conditional
from django.db.models import IntegerField, QuerySet, Value, When

from sn.patrols.models import PatrolArea
from sn.problemsolving.models import Case
from sn.problemsolving.permissions import CASES

# Enough for any area's page; a select longer than this is no longer a way to choose.
MAX_SHOWN = 50
MAX_CHOICES = 300


def _readable(user) -> QuerySet[Case]:
    return CASES.filter_for(user, Case.objects.select_related("neighbourhood"))


def linked_cases(area: PatrolArea, user) -> list[Case]:
    return list(_readable(user).filter(patrol_areas=area).order_by("-id")[:MAX_SHOWN])


def ward_cases(area: PatrolArea, user) -> list[Case]:
    """The cases of the area's ward that are not linked to it: in the ward, so perhaps working on it."""
    return list(
        _readable(user)
        .filter(neighbourhood_id=area.neighbourhood_id)
        .exclude(patrol_areas=area)
        .order_by("-id")[:MAX_SHOWN]
    )


def linkable_cases(area: PatrolArea, user) -> list[Case]:
    """The open cases of the area's borough the user may read and that are not linked yet, the area's
    own ward first."""
    # Ordered in the query, not after the cut: a busy borough's list must still hold the area's ward.
    own_ward = When(neighbourhood_id=area.neighbourhood_id, then=Value(0))
    return list(
        _readable(user)
        .filter(neighbourhood__borough_id=area.neighbourhood.borough_id)
        .exclude(stage=Case.Stage.CLOSED)
        .exclude(patrol_areas=area)
        .annotate(elsewhere=Conditional(own_ward, default=Value(1), output_field=IntegerField()))
        .order_by("elsewhere", "neighbourhood__name", "-id")[:MAX_CHOICES]
    )


def readable_case(user, pk: int, queryset: QuerySet[Case] | None = None) -> Case:
    """The case if the user may read it, else 404: a case outside their area is not confirmed to exist."""
    return CASES.get_for_user(user, queryset, pk=pk)
