from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from sn.queries.models import (
    REPLY_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Channel,
    ReplyKind,
    SenderKind,
)

STAFF_CHANNEL_CHOICES = [(c.value, c.label) for c in (Channel.EMAIL, Channel.MEETING, Channel.PHONE)]


def _capped(words: str, limit: int, **kwargs) -> forms.CharField:
    # The form lets through twice the service's limit, so that a text a little too long gets the
    # service's message, which says how long it is, and a huge one is refused before it gets there.
    return forms.CharField(
        max_length=2 * limit,
        error_messages={"max_length": f"{words} must be {limit:,} characters or fewer."},
        **kwargs,
    )


def _subject(label: str = "Subject") -> forms.CharField:
    return _capped("The subject", SUBJECT_MAX_LENGTH, label=label)


def _question(label: str) -> forms.CharField:
    return _capped("The question", TEXT_MAX_LENGTH, label=label, widget=forms.Textarea)


class ServiceErrorsForm(forms.Form):
    """A service's refusal keyed by a field this form does not have (the query, the time sent) goes on
    the form as a whole rather than raising."""

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            remapped: dict[str, list] = {}
            for name, errors in error.error_dict.items():
                remapped.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(errors)
            error = ValidationError(remapped)
        super().add_error(field, error)


class LogForm(ServiceErrorsForm):
    neighbourhood = forms.ModelChoiceField(queryset=None, label="Ward", empty_label="Choose the ward")
    channel = forms.ChoiceField(choices=STAFF_CHANNEL_CHOICES, label="How it reached you")
    received_at = forms.DateTimeField(
        label="When it was received",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    sender_kind = forms.ChoiceField(choices=SenderKind.choices, label="The sender is a")
    sender_name = forms.CharField(required=False, max_length=200, label="Sender's name")
    sender_email = forms.EmailField(required=False, label="Sender's e-mail")
    sender_phone = forms.CharField(required=False, max_length=30, label="Sender's phone")
    subject = _subject()
    text = _question("What they asked")

    def __init__(self, *args, wards=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = wards


class PublicQueryForm(ServiceErrorsForm):
    sender_kind = forms.ChoiceField(choices=SenderKind.choices, label="I am asking as a")
    sender_name = forms.CharField(max_length=200, label="Your name")
    sender_email = forms.EmailField(label="Your e-mail address")
    sender_phone = forms.CharField(required=False, max_length=30, label="Your phone number (optional)")
    subject = _subject()
    text = _question("Your question")
    # A field people never see: a program filling every field fills it (see sn.core.public_forms).
    website = forms.CharField(required=False, label="Leave this empty")

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get("website", "").strip())


class ReplyForm(ServiceErrorsForm):
    kind = forms.ChoiceField(choices=ReplyKind.choices, widget=forms.RadioSelect, label="Kind of reply")
    # Not required here: the service refuses an empty substantive reply with its own message.
    text = _capped(
        "The reply", REPLY_MAX_LENGTH, widget=forms.Textarea, required=False, label="What the reply said"
    )

    def __init__(self, *args, kinds=(), **kwargs):
        """`kinds`: the kinds the query can take now (services.reply_kinds), the only ones the page
        offers. Any kind still parses, so that one the query cannot take gets the service's reason."""
        super().__init__(*args, **kwargs)
        self.offered = [(kind, ReplyKind(kind).label) for kind in kinds]
