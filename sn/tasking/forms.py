"""The forms of the tasking pages. They check formats only; the rules are the services', whose refusals
come back on the field they name (sn.panels.forms.ServiceForm)."""

from django import forms

from sn.accounts.models import PartnerOrganisation
from sn.panels.forms import DateInput, ServiceForm
from sn.tasking.models import FollowUp, ResourceBid, TaskingMeeting

DECISIONS = [
    (ResourceBid.Status.GRANTED.value, "Grant it"),
    (ResourceBid.Status.REFUSED.value, "Refuse it"),
    (ResourceBid.Status.DEFERRED.value, "Defer it to a later meeting"),
]


def _choices(pairs, blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((str(pk), label) for pk, label in pairs)]


class MeetingForm(ServiceForm):
    kind = forms.ChoiceField(
        choices=TaskingMeeting.Kind.choices, widget=forms.RadioSelect, label="Which group"
    )
    held_on = forms.DateField(label="Date", widget=DateInput())
    chair = forms.CharField(
        max_length=200, help_text="Name and post, for example Supt Jo Bloggs (Partnerships)"
    )
    place = forms.CharField(max_length=200, required=False)
    attendees = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, help_text="People who sign in here"
    )
    notes = forms.CharField(widget=forms.Textarea, required=False, max_length=8000, label="Minutes or notes")

    def __init__(self, *args, people=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [(str(u.pk), f"{u} ({u.get_role_display()})") for u in people]
        if editing:
            del self.fields["kind"]


class GuestForm(ServiceForm):
    name = forms.CharField(max_length=200)
    organisation = forms.ChoiceField(required=False)
    post = forms.CharField(max_length=200, required=False, help_text="Their job, for example Housing manager")

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = _choices(((o.pk, o.name) for o in organisations), "None")

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        return PartnerOrganisation.objects.filter(pk=value).first() if value else None


class DecisionForm(ServiceForm):
    text = forms.CharField(widget=forms.Textarea, max_length=2000, label="Decision")
    case = forms.ChoiceField(required=False)

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = {str(c.pk): c for c in cases}
        self.fields["case"].choices = _choices(
            ((c.pk, f"{c.reference} {c.title} ({c.neighbourhood.name})") for c in cases), "No one case"
        )

    def clean_case(self):
        return self.cases.get(self.cleaned_data["case"])


class ActionForm(DecisionForm):
    text = None
    description = forms.CharField(max_length=500)
    owner_user = forms.ChoiceField(required=False, label="Owner")
    owner_name = forms.CharField(
        max_length=200,
        required=False,
        label="Or the owner's name",
        help_text="Someone who does not sign in here",
    )
    due_on = forms.DateField(label="Due by", widget=DateInput())
    field_order = ["description", "owner_user", "owner_name", "due_on", "case"]

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(u.pk): u for u in people}
        self.fields["owner_user"].choices = _choices(((u.pk, str(u)) for u in people), "Choose")

    def clean_owner_user(self):
        return self.people.get(self.cleaned_data["owner_user"])


class FollowUpForm(ServiceForm):
    outcome = forms.ChoiceField(choices=FollowUp.Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        help_text="Why it is carried forward or dropped",
    )
    due_on = forms.DateField(label="New due date (carried forward)", widget=DateInput(), required=False)
    done_on = forms.DateField(label="Done on (done)", widget=DateInput(), required=False)


class BidForm(ServiceForm):
    case = forms.ChoiceField(required=False)
    priority = forms.ChoiceField(required=False)
    what = forms.CharField(
        max_length=300, label="What resources", help_text="For example two PCs on late turn"
    )
    why = forms.CharField(widget=forms.Textarea, max_length=2000)
    weeks = forms.IntegerField(label="For how many weeks", min_value=0)

    def __init__(self, *args, cases=(), priorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = {str(c.pk): c for c in cases}
        self.priorities = {str(p.pk): p for p in priorities}
        self.fields["case"].choices = _choices(((c.pk, f"{c.reference} {c.title}") for c in cases), "None")
        self.fields["priority"].choices = _choices(((p.pk, p.wording) for p in priorities), "None")

    def clean_case(self):
        return self.cases.get(self.cleaned_data["case"])

    def clean_priority(self):
        return self.priorities.get(self.cleaned_data["priority"])


class BidDecideForm(ServiceForm):
    meeting = forms.ChoiceField(label="Decided at")
    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(widget=forms.Textarea, max_length=2000, required=False)

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.pk): m for m in meetings}
        self.fields["meeting"].choices = _choices(((m.pk, str(m)) for m in meetings), "Choose the meeting")

    def clean_meeting(self):
        meeting = self.meetings.get(self.cleaned_data["meeting"])
        if meeting is None:
            raise forms.ValidationError("Choose the meeting that decided it.")
        return meeting


class PackForm(ServiceForm):
    """Nothing to fill in: the service assembles the pack."""
