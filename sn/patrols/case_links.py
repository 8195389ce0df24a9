"""Reads for the problem-solving cases beside a patrol area: those linked to it by hand and the others
of its ward, each trimmed to the cases the user may read (sn.problemsolving.permissions.CASES), so
that the area page never names a case the user could not open."""

from django.core.exceptions import ValidationError
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


def case_to_link(user, number: int) -> Case:
    """The case typed or chosen on the link form, if the user may read it. A number is typed on a form,
    so a wrong one is a refusal on its field (400), not a missing page; a case out of the user's reach
    gets the very words of one that does not exist, so the answer does not confirm that it does."""
    case = _readable(user).filter(pk=number).first()
    if case is None:
        message = (
            f"There is no case PS-{number:05d} you can link: choose one from the list or check the number"
        )
        raise ValidationError({"case": message})
    return case
