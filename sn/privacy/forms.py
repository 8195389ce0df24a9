"""The review decision and the erasure request's search and confirmation."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class ServiceForm(forms.Form):
    """A service's error naming a field the form lacks goes on the form as a whole."""

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            remapped: dict[str, list] = {}
            for name, errors in error.error_dict.items():
                remapped.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(errors)
            error = ValidationError(remapped)
        super().add_error(field, error)


class DecisionForm(ServiceForm):
    KEEP, ERASE = "keep", "erase"
    decision = forms.ChoiceField(
        choices=[
            (ERASE, "Erase the personal data. This cannot be undone; an anonymous count stays."),
            (KEEP, "Keep: it is still in use (say why below; the period starts again today)"),
        ],
        widget=forms.RadioSelect,
        label="Decision",
    )
    reason = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why it is still needed (to keep it)",
        help_text=(
            "For example: they rejoin the panel next month; the complaint is still with professional "
            "standards."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.KEEP and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why the record is still needed, to keep it.")
        return data


class RequestForm(ServiceForm):
    name = forms.CharField(required=False, max_length=200, label="Full name")
    email = forms.CharField(required=False, max_length=254, label="Email address")
    phone = forms.CharField(required=False, max_length=40, label="Phone number")
    reference = forms.CharField(
        required=False,
        max_length=100,
        label="Reference",
        help_text="The data-protection office's reference for the request, if it has one",
    )


class ConfirmForm(ServiceForm):
    confirmed = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Records that are the person's"
    )

    def __init__(self, *args, keys: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirmed"].choices = [(key, key) for key in keys]
