"""The forms of the deployment pages. They only read what was typed; the services decide (and name the
field of) every refusal, so the messages are the same whoever calls them."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from sn.core.forms import ErrorLinks as CoreErrorLinks
from sn.deployments.selectors import lendable_officers, open_problems


class ErrorLinks(CoreErrorLinks):
    # A form-wide refusal is the cover rule's: its message stands where the page explains the rule.
    non_field_anchor = "cover"


def service_errors(error: ValidationError, fields, aliases: dict[str, str]) -> ValidationError:
    """A service's refusal keyed by the form's fields (`aliases` maps service names to them); any other
    key (the cover rule, the status) is the whole form's."""
    if not hasattr(error, "error_dict"):
        return error
    keyed: dict[str, list] = {}
    for key, messages in error.message_dict.items():
        key = aliases.get(key, key)
        keyed.setdefault(key if key in fields else NON_FIELD_ERRORS, []).extend(messages)
    return ValidationError(keyed)


class DeploymentForm(ErrorLinks, forms.Form):
    problem = forms.ChoiceField(
        label="The problem they are lent for", widget=forms.RadioSelect, required=False
    )
    starts_on = forms.DateField(
        label="Starts on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label="Ends on", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    officers = forms.MultipleChoiceField(
        label="Officers to lend", widget=forms.CheckboxSelectMultiple, required=False
    )
    reason = forms.CharField(
        label="What they are lent to do",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, neighbourhood, from_wards, on, **kwargs):
        super().__init__(*args, **kwargs)
        self.neighbourhood = neighbourhood
        cases, priorities = open_problems(neighbourhood)
        self.cases = {f"case:{c.pk}": c for c in cases}
        self.priorities = {f"priority:{p.pk}": p for p in priorities}
        self.fields["problem"].choices = [
            (k, f"Case {c.reference}: {c.title}") for k, c in self.cases.items()
        ] + [(k, f"Priority: {p.wording}") for k, p in self.priorities.items()]
        self.postings = lendable_officers(from_wards, on=on)
        self.officers_by_id = {str(p.officer_id): p.officer for p in self.postings}
        self.fields["officers"].choices = [
            (
                str(p.officer_id),
                f"{p.officer.get_rank_display()} {p.officer.full_name} ({p.officer.collar_number}), "
                f"{p.team.neighbourhood.name}",
            )
            for p in self.postings
        ]

    def problem_objects(self) -> dict:
        key = self.cleaned_data.get("problem") or ""
        return {"case": self.cases.get(key), "priority": self.priorities.get(key)}

    def chosen_officers(self) -> list:
        return [self.officers_by_id[i] for i in self.cleaned_data.get("officers", [])]


class EndForm(ErrorLinks, forms.Form):
    ended_on = forms.DateField(
        label="Last day the officers were lent",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    results = forms.CharField(
        label="Results for the problem",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=4000,
    )


class CancelForm(ErrorLinks, forms.Form):
    reason = forms.CharField(label="Why it is cancelled", required=False, max_length=500)
