"""Imported ASB calls become ASB reports when the ward already knows the place they came from.

A call for service carries when, where (a point, or only a ward's code) and what type, but no name or
address. A place is known by its point once staff have linked one of its calls to a report: a later
call of an ASB type (SN_ASB_CALL_TYPES) within SN_ASB_CALL_MATCH_METRES of such a call, in the same
ward, is a report about the same address and, when one victim reported from there, that victim. It
joins their open case by the same rule as a report typed by staff, and the Case Review threshold runs
on it, so repeat calls flag the case whatever channel the other reports came by. A call that matches
nothing, or more than one address (the flats of one block), is left on the list of calls to link
(sn.asb.selectors.calls_to_link). Calls already linked are never linked again, so importing the same
file twice makes one report per call.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sn.accounts.models import User
from sn.asb.models import AsbAddress, AsbPerson, AsbReport
from sn.asb.services.cases import ERASED, _find_case, asb_case_threshold_check
from sn.core.audit import audit_actor
from sn.rosters.models import CallForService
from sn.workforce.models import DutyImport

# Metres of latitude per degree; a degree of longitude is this times cos(latitude).
_DEGREE = 111_320.0


@dataclass
class CallsLinked:
    linked: int = 0
    unmatched: int = 0  # left for staff: no known place near, or more than one
    flagged: int = 0  # cases that met the Case Review threshold with these reports

    def summary(self) -> str:
        became = (
            "1 ASB call became a report" if self.linked == 1 else f"{self.linked} ASB calls became reports"
        )
        return (
            f"{became}; {self.unmatched} left for staff to link; {self.flagged} cases flagged for Case Review"
        )


@dataclass(frozen=True)
class _Known:
    latitude: float
    longitude: float
    person_id: int | None
    address_id: int | None
    category: str
    owner_id: int | None
    reported_at: datetime


def _match_metres() -> float:
    return float(settings.SN_ASB_CALL_MATCH_METRES)


def _metres(a_lat: float, a_lng: float, b_lat: float, b_lng: float) -> float:
    # Equirectangular: within a ward's few kilometres the error is far below the matching distance.
    x = (b_lng - a_lng) * math.cos(math.radians((a_lat + b_lat) / 2))
    return math.hypot(x, b_lat - a_lat) * _DEGREE


def _known_places(ward_ids: set[int]) -> dict[int, list[_Known]]:
    rows = (
        AsbReport.objects.filter(
            neighbourhood_id__in=ward_ids, call__latitude__isnull=False, call__longitude__isnull=False
        )
        .exclude(person__erased_at__isnull=False)
        .exclude(address__address_text=ERASED)
        .values_list(
            "neighbourhood_id",
            "call__latitude",
            "call__longitude",
            "person_id",
            "address_id",
            "category",
            "case__owner_id",
            "reported_at",
        )
    )
    known: dict[int, list[_Known]] = defaultdict(list)
    for ward, *values in rows:
        known[ward].append(_Known(*values))
    return known


def _subject(call: CallForService, known: list[_Known]) -> _Known | None:
    """The one place (and, if only one victim reported from it, the victim) near the call, or None."""
    near = [
        k for k in known if _metres(call.latitude, call.longitude, k.latitude, k.longitude) <= _match_metres()
    ]
    addresses = {k.address_id for k in near if k.address_id is not None}
    people = {k.person_id for k in near if k.person_id is not None}
    if len(addresses) > 1 or (not addresses and len(people) != 1):
        return None
    latest = max(near, key=lambda k: k.reported_at)
    return _Known(
        latitude=call.latitude,
        longitude=call.longitude,
        person_id=next(iter(people)) if len(people) == 1 else None,
        address_id=next(iter(addresses)) if addresses else None,
        category=latest.category,
        owner_id=latest.owner_id,
        reported_at=latest.reported_at,
    )


def _description(call: CallForService) -> str:
    reference = call.source_reference
    named = f" {reference.removeprefix('ref:')}" if reference.startswith("ref:") else ""
    return (
        f"Imported call{named} ({call.call_type}) at {timezone.localtime(call.received_at):%d %b %Y %H:%M}, "
        "matched to this place by its location. No one has spoken to the caller about it yet."
    )


@transaction.atomic
def asb_calls_link(
    *, calls: QuerySet[CallForService], actor=None, context: str = "", now: datetime | None = None
) -> CallsLinked:
    """Makes an ASB report of each call in `calls` that is of an ASB type, has a point, is not yet
    linked to a report, is not in the future, and matches one known place (see the module)."""
    now = now or timezone.now()
    result = CallsLinked()
    pending = list(
        calls.filter(
            call_type__in=settings.SN_ASB_CALL_TYPES,
            latitude__isnull=False,
            longitude__isnull=False,
            received_at__lte=now,
            asb_reports__isnull=True,
        )
        .select_related("neighbourhood")
        .order_by("received_at", "id")
    )
    if not pending:
        return result
    known = _known_places({call.neighbourhood_id for call in pending})
    flagged: set[int] = set()
    with audit_actor(actor, context):
        for call in pending:
            subject = _subject(call, known.get(call.neighbourhood_id, []))
            if subject is None:
                result.unmatched += 1
                continue
            case = _find_case(
                call.neighbourhood,
                AsbPerson.objects.get(pk=subject.person_id) if subject.person_id else None,
                AsbAddress.objects.get(pk=subject.address_id) if subject.address_id else None,
                User.objects.filter(pk=subject.owner_id).first() if subject.owner_id else None,
                call.received_at,
            )
            AsbReport.objects.create(
                case=case,
                neighbourhood=call.neighbourhood,
                person_id=subject.person_id,
                address_id=subject.address_id,
                channel=AsbReport.Channel.CALL,
                call=call,
                incident_date=timezone.localdate(call.received_at),
                reported_at=call.received_at,
                description=_description(call),
                category=subject.category,
            )
            result.linked += 1
            if asb_case_threshold_check(case=case, now=now):
                flagged.add(case.pk)
    result.flagged = len(flagged)
    return result


def asb_imported_calls_link(*, run_id: int) -> CallsLinked:
    """The calls a calls import made (run by sn.asb.hooks once the import has committed)."""
    run = DutyImport.objects.filter(pk=run_id, kind="calls", status=DutyImport.Status.IMPORTED).first()
    if run is None:
        return CallsLinked()
    return asb_calls_link(
        calls=CallForService.objects.filter(import_run_id=run_id),
        actor=run.actor or run.actor_label or None,
        context=f"import-calls {run.file_name}"[:200],
    )
