"""The forms of the panel pages. Each checks formats only; the rules are the services' (how-to:
docs/how-to/form-pages.md), whose refusals come back on the field they name."""

from datetime import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from sn.concerns.taxonomy import Topic
from sn.panels.dates import short_date
from sn.panels.models import Review
from sn.panels.models.panels import CONSENT_WORDING, AgeBand, Disability, EthnicGroup, MemberType, Sex


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ServiceForm(forms.Form):
    """A form whose service may name a field the form shows under another name (`aliases`: the
    meeting's `starts_at` is the form's date and time) or not at all: those errors go on the aliased
    field, or on the form as a whole, instead of failing."""

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


def _blank_first(choices, label: str = "Not answered") -> list[tuple[str, str]]:
    return [("", label), *choices]


class PanelForm(ServiceForm):
    name = forms.CharField(max_length=200, help_text="For example, Peckham Ward Panel")
    formed_on = forms.DateField(label="Formed on", widget=DateInput())
    usual_venue = forms.CharField(max_length=255, required=False, help_text="Where the panel usually meets")


class PanelEditForm(ServiceForm):
    name = forms.CharField(max_length=200)
    usual_venue = forms.CharField(max_length=255, required=False)


class MemberForm(ServiceForm):
    name = forms.CharField(max_length=200)
    member_type = forms.ChoiceField(label="Member type", choices=MemberType.choices, widget=forms.RadioSelect)
    organisation = forms.CharField(
        max_length=200, required=False, help_text="The business, group or party they represent, if any"
    )
    is_chair = forms.BooleanField(label="Chair of the panel", required=False)
    joined_on = forms.DateField(label="Joined on", widget=DateInput())
    contact_consent = forms.BooleanField(
        label="The member agrees that the team may keep their contact details",
        required=False,
        help_text="Without it, leave the contact details empty. Unticking it erases them.",
    )
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=30, required=False)
    address = forms.CharField(max_length=255, required=False)
    user = forms.ModelChoiceField(
        label="Sign-in account",
        queryset=None,
        required=False,
        empty_label="None",
        help_text="The member's panel member account, if they have one: a chair with one records the "
        "panel's decisions",
    )

    def __init__(self, *args, users=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        if editing:
            del self.fields["joined_on"]


class LeaveForm(ServiceForm):
    left_on = forms.DateField(label="Left on", widget=DateInput())


class DiversityForm(ServiceForm):
    withdraw = forms.BooleanField(
        label="The member withdraws their consent: erase their answers", required=False
    )
    consent = forms.BooleanField(
        label="The member gives their explicit consent to this wording", required=False
    )
    age_band = forms.ChoiceField(label="Age", choices=_blank_first(AgeBand.choices), required=False)
    sex = forms.ChoiceField(label="Sex", choices=_blank_first(Sex.choices), required=False)
    ethnic_group = forms.ChoiceField(
        label="Ethnic group", choices=_blank_first(EthnicGroup.choices), required=False
    )
    disability = forms.ChoiceField(
        label="Disability", choices=_blank_first(Disability.choices), required=False
    )
    consent_wording = CONSENT_WORDING


class _WhenForm(ServiceForm):
    aliases = {"starts_at": "date"}
    date = forms.DateField(widget=DateInput())
    time = forms.TimeField(widget=TimeInput(), help_text="24-hour clock, for example 19:00")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("time"):
            cleaned["starts_at"] = timezone.make_aware(datetime.combine(cleaned["date"], cleaned["time"]))
        return cleaned


class MeetingForm(_WhenForm):
    place = forms.CharField(max_length=255)
    agenda = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)


class MeetingRecordForm(_WhenForm):
    members_present = forms.ModelMultipleChoiceField(
        label="Panel members present", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    officers_present = forms.ModelMultipleChoiceField(
        label="Officers present", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    public_count = forms.IntegerField(label="Members of the public present", min_value=0, required=False)
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, members=None, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members_present"].queryset = members
        self.fields["officers_present"].queryset = officers
        self.fields["officers_present"].label_from_instance = str


class CancelForm(ServiceForm):
    reason = forms.CharField(max_length=255, help_text="The panel's record shows it")


class PaperForm(ServiceForm):
    title = forms.CharField(max_length=200)
    url = forms.URLField(
        label="Link", max_length=500, assume_scheme="https", help_text="Where the paper can be read"
    )


class PrioritySelectForm(ServiceForm):
    topic = forms.ChoiceField(
        choices=Topic.choices, help_text="The ward's concern topics come first, most raised first"
    )
    wording = forms.CharField(
        label="Public wording", max_length=300, help_text="How residents will read the priority"
    )
    concerns = forms.ModelMultipleChoiceField(
        label="Concerns it came from", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    young_people = forms.BooleanField(
        label="It concerns young people",
        required=False,
        help_text="Tick when its topic does not say so already",
    )
    owner = forms.ModelChoiceField(queryset=None, help_text="The officer of the team who leads on it")
    replaces = forms.ModelChoiceField(
        label="Replaces a current priority",
        queryset=None,
        required=False,
        empty_label="No: it takes a free place",
    )

    def __init__(self, *args, concerns=None, officers=None, current=None, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns"].queryset = concerns
        self.fields["concerns"].label_from_instance = lambda c: (
            f"{short_date(c.raised_on)}: {c.get_topic_display()}: {c.description[:120]}"
        )
        self.fields["owner"].queryset = officers
        self.fields["owner"].label_from_instance = lambda o: f"{o.get_rank_display()} {o.full_name}"
        self.fields["replaces"].queryset = current
        first = [t for t in topics if t in Topic.values]
        self.fields["topic"].choices = [(t, Topic(t).label) for t in first] + [
            c for c in Topic.choices if c[0] not in first
        ]


class ReviewForm(ServiceForm):
    outcome = forms.ChoiceField(
        label="What the panel decided",
        choices=[(c.value, c.label) for c in Review.Outcome if c != Review.Outcome.SUPERSEDED],
        widget=forms.RadioSelect,
        initial=Review.Outcome.CONTINUE,
    )
    note = forms.CharField(label="The panel's review", widget=forms.Textarea(attrs={"rows": 5}))


class PriorityEditForm(ServiceForm):
    wording = forms.CharField(label="Public wording", max_length=300)
    owner = forms.ModelChoiceField(queryset=None)
    young_people = forms.BooleanField(label="It concerns young people", required=False)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = officers
        self.fields["owner"].label_from_instance = lambda o: f"{o.get_rank_display()} {o.full_name}"


class ProgressForm(ServiceForm):
    on = forms.DateField(label="Date", widget=DateInput(), initial=timezone.localdate)
    text = forms.CharField(
        label="What has been done", widget=forms.Textarea(attrs={"rows": 6}), max_length=4000
    )


class MilestoneForm(ServiceForm):
    description = forms.CharField(max_length=300)
    target = forms.CharField(max_length=300, required=False, help_text="What will show it is met")
    due_on = forms.DateField(label="Due by", widget=DateInput())


class AchievedForm(ServiceForm):
    achieved_on = forms.DateField(label="Met on", widget=DateInput(), initial=timezone.localdate)


ENDORSE, RETURN = "endorse", "return"


class EndorseForm(ServiceForm):
    decision = forms.ChoiceField(
        choices=[
            (ENDORSE, "Endorse the panel's sign-off: close the priority"),
            (RETURN, "Return it to the panel"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when returning it",
    )


class StatementForm(ServiceForm):
    you_said = forms.CharField(label="You said", widget=forms.Textarea(attrs={"rows": 4}), max_length=1000)
    we_did = forms.CharField(label="We did", widget=forms.Textarea(attrs={"rows": 6}), max_length=2000)
    submit = forms.BooleanField(label="Send it to the sergeant for approval", required=False)


APPROVE = "approve"


class ApproveForm(ServiceForm):
    decision = forms.ChoiceField(
        choices=[(APPROVE, "Approve it for publication"), (RETURN, "Return it to the team to change")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when returning it",
    )


class PublishForm(ServiceForm):
    aliases = {"published_at": NON_FIELD_ERRORS}
