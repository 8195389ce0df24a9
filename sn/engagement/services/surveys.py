"""Local perception surveys: responses entered one at a time (on a phone, on the doorstep) or uploaded as
a CSV, all or nothing. A response naming what worries the respondent most becomes a concern."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from sn.concerns.models import Channel, Concern
from sn.concerns.services import concern_create
from sn.concerns.taxonomy import Topic
from sn.core.audit import audit_actor
from sn.engagement.models import Event, EventKind, OfficerTime, SafeAfterDark, SurveyResponse, time_field
from sn.engagement.services.events import event_source, refuse_before_it_happens
from sn.engagement.survey_file import SurveyUploadError, parse_responses


def _refuse_unless_survey(event: Event) -> None:
    if event.kind != EventKind.SURVEY:
        raise ValidationError("Survey responses belong to local perception surveys; this event is not one.")
    refuse_before_it_happens(event, "enter its responses")


def _worry_concern(event: Event, worry: str) -> Concern | None:
    if not worry:
        return None
    return concern_create(
        neighbourhood=event.neighbourhood,
        raised_on=event.day,
        channel=Channel.SURVEY,
        topic=worry,
        description=f"Perception survey: worries most about {Topic(worry).label.lower()}",
        source=event_source(event),
        source_record=event,
    )


def _create(event: Event, worry: str, safe_after_dark: str, times: Iterable[str]) -> SurveyResponse:
    chosen = set(times)
    return SurveyResponse.objects.create(
        event=event,
        worry=worry,
        safe_after_dark=safe_after_dark,
        concern=_worry_concern(event, worry),
        **{time_field(t): t in chosen for t in OfficerTime.values},
    )


def survey_response_add(
    *, event: Event, worry: str, safe_after_dark: str, times: Iterable[str] = (), actor=None
) -> SurveyResponse:
    """One respondent's answers. `worry` is a topic, or "" for nothing in particular."""
    _refuse_unless_survey(event)
    times = list(times)
    errors: dict[str, str] = {}
    if worry and worry not in Topic.values:
        errors["worry"] = "Choose what worries them most from the list, or “nothing in particular”."
    if safe_after_dark not in SafeAfterDark.values:
        errors["safe_after_dark"] = "Say whether they feel safe after dark (or that they don't know)."
    if unknown := [t for t in times if t not in OfficerTime.values]:
        errors["times"] = f"Unknown times: {', '.join(unknown)}."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        return _create(event, worry, safe_after_dark, times)


def survey_responses_import(*, event: Event, data: bytes, actor=None) -> int:
    """Every response in a CSV file (sn.engagement.survey_file), or none: a problem on any line refuses
    the whole file, naming each line (a ValidationError on "file"). Returns how many were saved."""
    _refuse_unless_survey(event)
    try:
        rows = parse_responses(data)
    except SurveyUploadError as error:
        raise ValidationError({"file": error.shown()}) from error
    with transaction.atomic(), audit_actor(actor, context="survey responses upload"):
        for row in rows:
            _create(event, row.worry, row.safe_after_dark, row.times)
    return len(rows)
