"""The forms of the concerns pages, and the pieces the engagement forms share. Forms check formats only;
the rules are the services' (docs/how-to/form-pages.md), whose refusals come back on the field named."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from sn.concerns.models import Channel
from sn.concerns.taxonomy import Topic

# The channels a concern is added through directly. The others come with the record that raised it (an
# event's write-up, an audit finding, a survey response, a KIN interview, a panel meeting), which is
# where they are recorded.
DIRECT_CHANNELS = (Channel.REPRESENTATIVE, Channel.COMPLAINT, Channel.MEDIA, Channel.FEEDBACK, Channel.OTHER)
NO_NAMES = "Describe the problem, not the people: no names, addresses or descriptions of anyone."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


# A date typed where the browser has no date picker: the ISO form it sends, or the UK form people type.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %m %Y"]


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


def topic_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *Topic.choices]


class PointFields(ServiceForm):
    """A place: in words, and a point on the map (chosen on the map, or typed)."""

    aliases = {"longitude": "latitude"}

    location = forms.CharField(
        max_length=255, required=False, label="Where", help_text="A street or place, in words"
    )
    latitude = forms.FloatField(
        required=False, help_text="Choose the point on the map, or type its latitude and longitude"
    )
    longitude = forms.FloatField(required=False)


class ConcernForm(PointFields):
    """A concern added directly: a letter, a complaint, something in the media, feedback."""

    raised_on = forms.DateField(label="Date raised", widget=DateInput(), input_formats=DATE_FORMATS)
    channel = forms.ChoiceField(
        label="How it reached the team", choices=[(c.value, c.label) for c in DIRECT_CHANNELS]
    )
    topic = forms.ChoiceField(label="What it is about", choices=topic_choices("Choose a topic"))
    description = forms.CharField(
        label="The concern",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_NAMES,
    )
    source = forms.CharField(
        max_length=255,
        required=False,
        label="Source",
        help_text="Where it came from, like “Letter from the ward councillors, ref. 2291”",
    )

    field_order = ["raised_on", "channel", "topic", "description", "location", "latitude", "longitude"]


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        max_length=255,
        label="Why it is archived",
        help_text="For example: entered twice, recorded against the wrong ward",
    )
