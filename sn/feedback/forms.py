"""The public form and the handlers' forms. Forms parse; the services decide, and their refusals come back
on the field they name (docs/how-to/form-pages.md)."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from sn.core.forms import ErrorLinks
from sn.feedback.models import Category, Kind, Outcome, ReplyBy
from sn.feedback.rules import FIELD_WORDS, MAX_LENGTHS, NO_MESSAGE, clean_text, contact_problems
from sn.geography.models import Borough, Neighbourhood

WARD, BOROUGH = "ward", "borough"
HONEYPOT = "website"


def area_choices() -> list:
    """Every ward and area grouped under its borough, each borough's first choice the whole borough."""
    groups: dict[int, list[tuple[str, str]]] = {}
    boroughs = {b.pk: b for b in Borough.objects.order_by("name").only("pk", "name", "code")}
    for borough in boroughs.values():
        groups[borough.pk] = [(f"{BOROUGH}:{borough.code}", f"The whole of {borough.name}")]
    for ward in Neighbourhood.objects.order_by("name").only("code", "name", "borough_id"):
        groups[ward.borough_id].append((f"{WARD}:{ward.code}", ward.name))
    return [(boroughs[pk].name, choices) for pk, choices in groups.items()]


def parse_area(value: str) -> tuple[Borough, Neighbourhood | None] | None:
    """'ward:E05000001' or 'borough:E09000001' as (borough, ward or None); None when there is no such area."""
    kind, _, code = value.partition(":")
    if kind == WARD:
        ward = Neighbourhood.objects.select_related("borough").filter(code=code).first()
        return (ward.borough, ward) if ward else None
    if kind == BOROUGH:
        borough = Borough.objects.filter(code=code).first()
        return (borough, None) if borough else None
    return None


def area_value(borough: Borough, neighbourhood: Neighbourhood | None) -> str:
    return f"{WARD}:{neighbourhood.code}" if neighbourhood else f"{BOROUGH}:{borough.code}"


class ServiceErrorsForm(ErrorLinks, forms.Form):
    """A service's refusal keyed by a field this form does not show goes on the form as a whole."""

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            remapped: dict[str, list] = {}
            for name, errors in error.error_dict.items():
                remapped.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(errors)
            error = ValidationError(remapped)
        super().add_error(field, error)


def _text(label: str, name: str, *, textarea: bool = False, help_text: str = "", rows: int = 6):
    # The form's limit is twice the service's, so that a text a little too long gets the service's
    # message, which says how long it is, and a huge one is refused before it reaches the service.
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_LENGTHS[name] * 2,
        error_messages={
            "max_length": f"{FIELD_WORDS[name]} must be {MAX_LENGTHS[name]:,} characters or fewer."
        },
        strip=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if textarea else forms.TextInput(),
    )


class FeedbackForm(ServiceErrorsForm):
    area = forms.ChoiceField(
        label="Which ward or team is your message about?",
        help_text="Every ward has its own Safer Neighbourhoods team. Choose the whole borough if it is "
        "about more than one ward.",
        error_messages={
            "required": "Choose the ward, or the whole borough, your message is about.",
            "invalid_choice": "Choose a ward or borough from the list.",
        },
    )
    kind = forms.ChoiceField(
        label="What would you like to tell us?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose praise, a complaint, a suggestion or joining.",
            "invalid_choice": "Choose praise, a complaint, a suggestion or joining.",
        },
    )
    about_conduct = forms.BooleanField(
        label="It is about the conduct of a police officer or member of police staff", required=False
    )
    message = _text(
        "Your message",
        "message",
        textarea=True,
        rows=8,
        help_text="Do not use this form to report a crime. In an emergency call 999; otherwise call 101 "
        "or report it online.",
    )
    reply_by = forms.ChoiceField(
        label="How would you like us to reply?",
        choices=ReplyBy.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how you would like us to reply, or “no reply needed”.",
            "invalid_choice": "Choose how you would like us to reply, or “no reply needed”.",
        },
    )
    sender_email = _text("Your email address", "sender_email")
    sender_phone = _text("Your phone number", "sender_phone", help_text="Include the area code.")
    sender_address = _text(
        "Your postal address", "sender_address", textarea=True, rows=4, help_text="Include the postcode."
    )
    sender_name = _text("Your name", "sender_name", help_text="Needed if you would like a reply.")
    SENDER_FIELDS = ("sender_name", "sender_email", "sender_phone", "sender_address")
    # The honeypot: hidden from people and from assistive technology; a program filling every field fills it.
    website = forms.CharField(label="Leave this empty", required=False, max_length=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.area_groups = area_choices()
        self.fields["area"].choices = [("", "Choose a ward or borough"), *self.area_groups]

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def service_arguments(self) -> dict:
        """The valid form as feedback_submit's arguments."""
        data = self.cleaned_data
        borough, neighbourhood = parse_area(data["area"])
        return {
            "borough": borough,
            "neighbourhood": neighbourhood,
            "kind": data["kind"],
            "about_conduct": data["about_conduct"] and data["kind"] == Kind.COMPLAINT,
            "message": data["message"],
            "reply_by": data["reply_by"],
            "sender_name": data["sender_name"],
            "sender_email": data["sender_email"],
            "sender_phone": data["sender_phone"],
            "sender_address": data["sender_address"],
        }

    def clean(self) -> dict:
        """A form with mistakes never reaches the service, so the problems the service would find in the
        rest (an empty message, the contact details the reply needs) are named now too: the sender puts
        everything right at once."""
        cleaned = super().clean()
        if not self._errors:
            return cleaned
        text = {name: clean_text(self.data.get(name, "")) for name in ("message", *self.SENDER_FIELDS)}
        problems = {"message": NO_MESSAGE} if not text["message"] else {}
        if cleaned.get("reply_by"):
            problems |= contact_problems(cleaned["reply_by"], *(text[name] for name in self.SENDER_FIELDS))
        for name, problem in problems.items():
            if name not in self._errors:
                self.add_error(name, problem)
        return cleaned

    def clean_area(self) -> str:
        value = self.cleaned_data["area"]
        if parse_area(value) is None:
            raise ValidationError("Choose a ward or borough from the list.")
        return value


class TriageForm(ServiceErrorsForm):
    handler = forms.TypedChoiceField(label="Who handles it", coerce=int)
    category = forms.ChoiceField(
        label="What it is about",
        choices=[("", "Choose a category"), *Category.choices],
        error_messages={"required": "Choose what the message is about."},
    )
    area = forms.ChoiceField(
        label="Ward or borough",
        help_text="Move it if the sender chose the wrong ward. Another borough's queue takes it over.",
    )
    about_conduct = forms.BooleanField(
        label="A complaint about an officer's or staff member's conduct",
        required=False,
        help_text="Only the borough lead and the central unit see and handle these.",
    )

    def __init__(self, *args, handlers, is_complaint: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", "Choose a handler"), *handlers]
        self.fields["handler"].error_messages["required"] = "Choose who handles the message."
        self.fields["handler"].error_messages["invalid_choice"] = "Choose a handler from the list."
        self.fields["area"].choices = area_choices()
        if not is_complaint:
            del self.fields["about_conduct"]

    def clean_area(self) -> tuple:
        area = parse_area(self.cleaned_data["area"])
        if area is None:
            raise ValidationError("Choose a ward or borough from the list.")
        return area


class ReplyForm(ServiceErrorsForm):
    method = forms.ChoiceField(label="How the reply is sent", widget=forms.RadioSelect)
    text = _text("The reply", "text", textarea=True, rows=10)

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = methods


class CloseForm(ServiceErrorsForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome."},
    )
    note = _text(
        "What was done",
        "note",
        textarea=True,
        rows=4,
        help_text="For the record and the borough's counts. No names or contact details: they are kept "
        "only as long as the message.",
    )
