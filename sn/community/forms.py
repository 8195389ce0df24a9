"""The forms of the KIN and contacts pages. They check formats only; the rules are the services'
(docs/how-to/form-pages.md), whose refusals come back on the field they name."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from sn.community.models import AgeBand, ConsentMethod, ConsentWording, Contact, KinInterview, KinMember
from sn.community.services import Consent, Person, RaisedConcern
from sn.concerns.taxonomy import Topic

CONCERN_ROWS = 3  # concerns an interview form takes at once; a fourth is a second save


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ServiceForm(forms.Form):
    """A form whose service may name a field the form shows under another name (`aliases`) or not at
    all: those errors go on the aliased field, or on the form as a whole, instead of failing."""

    aliases: dict[str, str] = {}

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            remapped: dict[str, list] = {}
            for name, errors in error.error_dict.items():
                target = self.aliases.get(name, name)
                if target not in self.fields:
                    target = NON_FIELD_ERRORS
                remapped.setdefault(target, []).extend(errors)
            error = ValidationError(remapped)
        super().add_error(field, error)


def _blank_first(choices, label: str) -> list[tuple[str, str]]:
    return [("", label), *choices]


class PersonFields(ServiceForm):
    """Who someone is, how to reach them and where: the fields members and contacts share."""

    name = forms.CharField(max_length=200)
    phone = forms.CharField(max_length=40, required=False, label="Phone number")
    email = forms.EmailField(required=False, label="Email address")
    address = forms.CharField(max_length=300, required=False, label="Postal address")
    street = forms.CharField(
        max_length=200, required=False, label="Street or area", help_text="Where they live or work, in words"
    )
    latitude = forms.FloatField(required=False, help_text="Choose a point on the map, or type it")
    longitude = forms.FloatField(required=False)
    age_band = forms.ChoiceField(
        choices=_blank_first(AgeBand.choices, "Not given"),
        required=False,
        label="Age band",
        help_text="Only if they chose to give it",
    )

    def person(self) -> Person:
        data = self.cleaned_data
        return Person(
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            street=data["street"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            age_band=data["age_band"],
        )


def person_initial(record) -> dict:
    """A member's or contact's details as a form's initial values."""
    return {name: getattr(record, name) for name in PersonFields.base_fields}


class ConsentFields(forms.Form):
    """The consent: which words they were shown, when and how they agreed. The service refuses a record
    without it; the tick makes the officer say they showed the words."""

    purpose: str = ""
    consent_wording = forms.ModelChoiceField(
        queryset=ConsentWording.objects.none(), label="Wording they agreed to", empty_label=None
    )
    consent_given_on = forms.DateField(label="Date they agreed", widget=DateInput())
    consent_method = forms.ChoiceField(
        choices=ConsentMethod.choices, label="How they agreed", widget=forms.RadioSelect
    )
    consent_confirmed = forms.BooleanField(
        label="I showed or read them this wording and they agreed to it",
        error_messages={"required": "Confirm that they were shown the wording and agreed to it."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wordings = ConsentWording.objects.filter(purpose=self.purpose).order_by("-version")
        self.fields["consent_wording"].queryset = wordings
        self.fields["consent_wording"].label_from_instance = lambda w: (
            f"Version {w.version}, in use from {w.in_use_from.day} {w.in_use_from:%B %Y}"
        )
        if not self.is_bound and wordings:
            self.initial.setdefault("consent_wording", wordings[0].pk)
            self.initial.setdefault("consent_given_on", timezone.localdate())

    @property
    def wordings(self):
        return list(self.fields["consent_wording"].queryset)

    def consent(self) -> Consent:
        data = self.cleaned_data
        return Consent(data["consent_wording"], data["consent_given_on"], data["consent_method"])


class KinMemberEditForm(PersonFields):
    field_order = ["role", "role_detail"]
    role = forms.ChoiceField(
        choices=_blank_first(KinMember.Role.choices, "Choose a role"), label="Role in the community"
    )
    role_detail = forms.CharField(
        max_length=200,
        required=False,
        label="What they do",
        help_text="For example, manager of the Co-op on Lordship Lane",
    )


PERSON_ORDER = ["name", "phone", "email", "address", "street", "latitude", "longitude", "age_band"]
CONSENT_ORDER = ["consent_wording", "consent_given_on", "consent_method", "consent_confirmed"]


class KinMemberForm(KinMemberEditForm, ConsentFields):
    purpose = ConsentWording.Purpose.KIN
    joined_on = forms.DateField(label="Date they joined the network", widget=DateInput())
    # The page's order, so the error summary lists problems as the page shows them.
    field_order = ["role", "role_detail", *PERSON_ORDER, "joined_on", *CONSENT_ORDER]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("joined_on", timezone.localdate())


class InterviewForm(ServiceForm):
    interviewed_on = forms.DateField(label="Date of the interview", widget=DateInput())
    officer = forms.ModelChoiceField(queryset=None, label="Held by", empty_label="Choose an officer")
    method = forms.ChoiceField(
        choices=KinInterview.Method.choices, label="How it was held", widget=forms.RadioSelect
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        help_text="What you learnt. Erased with their details if they withdraw.",
    )

    def __init__(self, *args, officers=(), officer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["officer"].label_from_instance = lambda o: (
            f"{o.get_rank_display()} {o.full_name} ({o.collar_number})"
        )
        if not self.is_bound:
            self.initial.setdefault("interviewed_on", timezone.localdate())
            if officer is not None:
                self.initial.setdefault("officer", officer.pk)
        topics = _blank_first(Topic.choices, "No concern")
        for number in range(1, CONCERN_ROWS + 1):
            self.fields[f"topic_{number}"] = forms.ChoiceField(
                choices=topics, required=False, label=f"Concern {number}: what it is about"
            )
            self.fields[f"description_{number}"] = forms.CharField(
                max_length=2000,
                required=False,
                label=f"Concern {number}: what they said",
                help_text="Do not name them",
            )

    @property
    def concern_rows(self):
        return [(self[f"topic_{n}"], self[f"description_{n}"]) for n in range(1, CONCERN_ROWS + 1)]

    def clean(self):
        data = super().clean()
        for number in range(1, CONCERN_ROWS + 1):
            topic, description = (
                data.get(f"topic_{number}"),
                (data.get(f"description_{number}") or "").strip(),
            )
            if topic and not description:
                self.add_error(f"description_{number}", "Say what they said about it.")
            elif description and not topic:
                self.add_error(f"topic_{number}", "Choose what the concern is about.")
        return data

    def concerns(self) -> list[RaisedConcern]:
        data = self.cleaned_data
        return [
            RaisedConcern(data[f"topic_{n}"], data[f"description_{n}"])
            for n in range(1, CONCERN_ROWS + 1)
            if data.get(f"topic_{n}")
        ]


class WithdrawForm(ServiceForm):
    withdrawn_on = forms.DateField(label="Date they withdrew consent", widget=DateInput())
    confirmed = forms.BooleanField(
        label="Erase their details now. This cannot be undone.",
        error_messages={"required": "Confirm that their details are to be erased."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("withdrawn_on", timezone.localdate())


class ContactEditForm(PersonFields):
    field_order = ["kind"]
    kind = forms.ChoiceField(choices=Contact.Kind.choices, widget=forms.RadioSelect, label="Person or group")
    organisation = forms.CharField(
        max_length=200, required=False, help_text="The group itself, or the organisation a person is part of"
    )
    topics = forms.MultipleChoiceField(
        choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple, label="Interested in"
    )
    interests = forms.CharField(
        max_length=300,
        required=False,
        label="Other interests",
        help_text="Anything else they care about, in words",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = "A person's name, or the name of the person to speak to in a group"


class ContactForm(ContactEditForm, ConsentFields):
    purpose = ConsentWording.Purpose.CONTACT
    field_order = ["kind", *PERSON_ORDER, "organisation", "topics", "interests", *CONSENT_ORDER]


class ContactedForm(ServiceForm):
    contacted_on = forms.DateField(label="Date of the contact", widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("contacted_on", timezone.localdate())


class ReviewForm(ServiceForm):
    KEEP, ERASE = "keep", "erase"
    decision = forms.ChoiceField(
        choices=[
            (KEEP, "Keep: they are still part of the team's work (the review period starts again)"),
            (ERASE, "Erase their details and archive the record. This cannot be undone."),
        ],
        widget=forms.RadioSelect,
        label="Decision",
    )


class ConsentWordingForm(ServiceForm):
    purpose = forms.ChoiceField(choices=ConsentWording.Purpose.choices, widget=forms.RadioSelect, label="For")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), label="Wording", max_length=4000)
    in_use_from = forms.DateField(label="In use from", widget=DateInput())
