from django import forms

from sn.queries.models import Channel, ReplyKind, SenderKind

STAFF_CHANNEL_CHOICES = [(c.value, c.label) for c in (Channel.EMAIL, Channel.MEETING, Channel.PHONE)]


class LogForm(forms.Form):
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
    subject = forms.CharField(max_length=200)
    text = forms.CharField(widget=forms.Textarea, label="What they asked")

    def __init__(self, *args, wards=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = wards


class PublicQueryForm(forms.Form):
    sender_kind = forms.ChoiceField(choices=SenderKind.choices, label="I am asking as a")
    sender_name = forms.CharField(max_length=200, label="Your name")
    sender_email = forms.EmailField(label="Your e-mail address")
    sender_phone = forms.CharField(required=False, max_length=30, label="Your phone number (optional)")
    subject = forms.CharField(max_length=200, label="Subject")
    text = forms.CharField(widget=forms.Textarea, label="Your question")
    # A field people never see: a program filling every field fills it (see sn.feedback.views.public).
    website = forms.CharField(required=False, label="Leave this empty")

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get("website", "").strip())


class ReplyForm(forms.Form):
    kind = forms.ChoiceField(choices=ReplyKind.choices, widget=forms.RadioSelect, label="Kind of reply")
    # Not required here: the service refuses an empty substantive reply with its own message.
    text = forms.CharField(widget=forms.Textarea, required=False, label="What the reply said")
