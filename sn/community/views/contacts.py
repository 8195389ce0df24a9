"""A ward's community contacts: the list and its map, each contact's page, and the forms that add,
correct, note a contact with and withdraw them. For the ward's team and its supervisors only."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.community import erasure, services
from sn.community.forms import ContactedForm, ContactEditForm, ContactForm, WithdrawForm, person_initial
from sn.community.maps import collection, point_features, ward_outline
from sn.community.models import Contact
from sn.community.permissions import (
    MANAGE_COMMUNITY,
    REVIEW_PERSONAL_DATA,
    VIEW_COMMUNITY_PERSONAL,
    get_contact_for_user,
)
from sn.community.selectors import active_contacts
from sn.community.standards import last_activity, review_due_on
from sn.concerns.taxonomy import Topic
from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.geography.permissions import get_neighbourhood_for_user

TOPIC_LABELS = dict(Topic.choices)


@access(permission=VIEW_COMMUNITY_PERSONAL)
def contacts_ward(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    contacts = list(active_contacts(neighbourhood).order_by("name", "id"))
    return render(
        request,
        "community/contacts_ward.html",
        {
            "neighbourhood": neighbourhood,
            "contacts": [(c, [TOPIC_LABELS.get(t, t) for t in c.topics]) for c in contacts],
            "located": sum(1 for c in contacts if c.located),
            "withdrawn": Contact.objects.filter(
                neighbourhood=neighbourhood, consent_withdrawn_on__isnull=False
            ).count(),
            "ward_map": ward_outline(neighbourhood),
            "points_map": collection(point_features(contacts, "community:contact", "contact")),
            "can_manage": has_permission(request.user, MANAGE_COMMUNITY),
        },
    )


def _contact_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "person": form.person(),
        "kind": data["kind"],
        "organisation": data["organisation"],
        "topics": data["topics"],
        "interests": data["interests"],
    }


@access(permission=MANAGE_COMMUNITY)
def contact_new(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    return form_page(
        request,
        form_class=ContactForm,
        template="community/contact_form.html",
        save=lambda form: services.contact_create(
            neighbourhood=neighbourhood, consent=form.consent(), **_contact_fields(form)
        ),
        success_url=lambda contact: reverse("community:contact", args=[contact.pk]),
        success_message=lambda contact: f"{contact.name} added to the community contacts",
        context={
            "neighbourhood": neighbourhood,
            "title": "Add a community contact",
            "ward_map": ward_outline(neighbourhood),
        },
    )


@access(permission=VIEW_COMMUNITY_PERSONAL)
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_contact_for_user(request.user, pk)
    return render(
        request,
        "community/contact.html",
        {
            "contact": record,
            "neighbourhood": record.neighbourhood,
            "topics": [TOPIC_LABELS.get(t, t) for t in record.topics],
            "last_used": last_activity(record),
            "review_due_on": review_due_on(record),
            "contacted_form": ContactedForm(),
            "can_manage": has_permission(request.user, MANAGE_COMMUNITY) and record.is_active,
            "can_review": has_permission(request.user, REVIEW_PERSONAL_DATA) and record.is_active,
            "can_see_history": has_permission(request.user, VIEW_AUDIT_HISTORY),
            "today": timezone.localdate(),
        },
    )


@access(permission=MANAGE_COMMUNITY)
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_contact_for_user(request.user, pk, for_write=True)
    initial = {
        **person_initial(record),
        "kind": record.kind,
        "organisation": record.organisation,
        "topics": record.topics,
        "interests": record.interests,
    }
    return form_page(
        request,
        form_class=ContactEditForm,
        template="community/contact_form.html",
        save=lambda form: services.contact_update(contact=record, **_contact_fields(form)),
        success_url=reverse("community:contact", args=[record.pk]),
        success_message="Contact's details saved",
        form_kwargs={"initial": initial},
        context={
            "neighbourhood": record.neighbourhood,
            "contact": record,
            "title": "Change a contact's details",
            "ward_map": ward_outline(record.neighbourhood),
        },
    )


@access(permission=MANAGE_COMMUNITY)
def contact_contacted(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_contact_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=ContactedForm,
        template="community/contact_contacted.html",
        save=lambda form: services.contact_contacted(
            contact=record, contacted_on=form.cleaned_data["contacted_on"]
        ),
        success_url=reverse("community:contact", args=[record.pk]),
        success_message="Contact noted",
        context={"neighbourhood": record.neighbourhood, "contact": record},
    )


@access(permission=MANAGE_COMMUNITY)
def contact_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_contact_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=WithdrawForm,
        template="community/withdraw_form.html",
        save=lambda form: erasure.consent_withdraw(
            record=record, withdrawn_on=form.cleaned_data["withdrawn_on"]
        ),
        success_url=reverse("community:contacts_ward", args=[record.neighbourhood.code]),
        success_message="Consent withdrawn: the contact's details have been erased",
        context={
            "neighbourhood": record.neighbourhood,
            "record": record,
            "what": "contact",
            "back": reverse("community:contact", args=[record.pk]),
        },
    )
