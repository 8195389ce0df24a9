"""Erasure requests: a named person asks for every record of them to be erased.

The central unit enters what the person gave (a name, an email, a phone number: at least one), sees every
match across the apps (sn.privacy.search), and confirms the ones that are theirs. Confirmed records of
members of the public are erased by each app's own erasure function, leaving anonymous counts; records
naming someone in a working role are reported, not erased. Once completed or cancelled, the request
keeps what kinds were searched, what was found and what was erased (kinds, areas, ids), never the name,
email or phone searched for.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor, current_actor
from sn.privacy.kinds import KINDS
from sn.privacy.models import ErasureRequest
from sn.privacy.search import KIND_LABELS, SEARCHED, Terms, find, normalise_name, phone_variants

CONTEXT = "Erasure request"


def _clean_terms(*, name: str, email: str, phone: str) -> Terms:
    terms = Terms(name=normalise_name(name), email=email.strip(), phone=phone.strip())
    errors = {}
    if not terms.fields:
        errors["name"] = "Enter the person's name, email address or phone number (at least one)."
    if terms.name and len(terms.name.split()) < 2:
        errors["name"] = "Enter the person's full name (first and last), so that namesakes are not matched."
    if terms.email:
        try:
            validate_email(terms.email)
        except ValidationError:
            errors["email"] = f"{terms.email!r} is not an email address."
    if terms.phone and len(max(phone_variants(terms.phone), key=len)) < 9:
        errors["phone"] = "Enter the whole phone number, with its area code."
    if errors:
        raise ValidationError(errors)
    return terms


def erasure_request_create(
    *, name: str = "", email: str = "", phone: str = "", reference: str = "", actor=None
) -> ErasureRequest:
    """Record the request and every record matching it, for the central unit to confirm."""
    terms = _clean_terms(name=name, email=email, phone=phone)
    with transaction.atomic(), audit_actor(actor, CONTEXT):
        matches = find(terms)
        return ErasureRequest.objects.create(
            reference=reference.strip()[:100],
            name=terms.name,
            email=terms.email,
            phone=terms.phone,
            searched_by=terms.fields,
            kinds_searched=[KIND_LABELS[kind] for kind in SEARCHED],
            found=[match.as_json() for match in matches],
            requested_by=current_actor(),
        )


def _refuse_closed(request: ErasureRequest) -> None:
    if not request.is_open:
        raise ValidationError(
            f"This request is {request.get_status_display().lower()}; it cannot be changed."
        )


def _erase(kind: str, record_id: int) -> None:
    spec = KINDS[kind]
    spec.erase(spec.model.objects.select_for_update().get(pk=record_id), CONTEXT)


def _forget_terms(request: ErasureRequest) -> None:
    request.name = request.email = request.phone = ""
    request.completed_at = timezone.now()
    request.completed_by = current_actor()


def erasure_request_complete(*, request: ErasureRequest, confirmed: list[str], actor=None) -> ErasureRequest:
    """Erase the confirmed matches (their keys, as in `found`), all or none, and close the request."""
    _refuse_closed(request)
    erasable = {entry["key"]: entry for entry in request.found if entry["erasable"]}
    unknown = [key for key in confirmed if key not in erasable]
    if unknown:
        raise ValidationError({"confirmed": f"{', '.join(unknown)} is not a match this request can erase."})
    if not confirmed:
        raise ValidationError(
            {"confirmed": "Choose the records that are the person's, or cancel the request if none are."}
        )
    with transaction.atomic(), audit_actor(actor, CONTEXT):
        for key in sorted(set(confirmed)):
            entry = erasable[key]
            try:
                _erase(entry["kind"], entry["record_id"])
            except (ValidationError, ObjectDoesNotExist) as error:
                what = f"{KIND_LABELS[entry['kind']]} {entry['record_id']}"
                detail = (
                    " ".join(error.messages) if isinstance(error, ValidationError) else "it no longer exists."
                )
                raise ValidationError({"confirmed": f"{what}: {detail} Nothing was erased."}) from error
        request.erased = sorted(set(confirmed))
        request.status = ErasureRequest.Status.DONE
        _forget_terms(request)
        request.save()
    return request


def erasure_request_cancel(*, request: ErasureRequest, actor=None) -> ErasureRequest:
    """None of the matches is the person's (or the request was withdrawn): erase nothing, and forget the
    search."""
    _refuse_closed(request)
    with transaction.atomic(), audit_actor(actor, CONTEXT):
        request.status = ErasureRequest.Status.CANCELLED
        _forget_terms(request)
        request.save()
    return request
