"""The forms of the ASB pages. They read what was typed; the services decide (and name the field of)
every refusal, so a risk question left unanswered is named the same whoever calls the service."""

from django import forms

from sn.asb import matrix
from sn.asb.models import AsbAction, AsbCase, AsbOrder, AsbReport
from sn.core.forms import ErrorLinks

INPUT = {"class": "govuk-input"}
SELECT = {"class": "govuk-select"}
TEXTAREA = {"class": "govuk-textarea", "rows": 4}


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input"})
    )


def _text(label: str, max_length: int = 200) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=max_length, widget=forms.TextInput(attrs=INPUT)
    )


def _choice(label: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=choices, widget=forms.Select(attrs=SELECT))


def _long(label: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=4000, widget=forms.Textarea(attrs=TEXTAREA)
    )


class ReportForm(ErrorLinks, forms.Form):
    """A report with the risk assessment at first contact: the matrix's questions are fields
    `risk_<key>`, grouped on the page as repeat, vulnerability and impact."""

    person_name = _text("Victim's name")
    phone = _text("Phone", 40)
    email = forms.EmailField(label="E-mail", required=False, widget=forms.EmailInput(attrs=INPUT))
    address_text = _text("Address the ASB affects", 300)
    postcode = _text("Postcode", 10)
    channel = _choice("How it was reported", AsbReport.Channel.choices)
    call = forms.ChoiceField(
        label="Imported call (for a report from a call)", required=False, widget=forms.Select(attrs=SELECT)
    )
    incident_date = _date("Date of the incident")
    reported_at = forms.DateTimeField(
        label="Reported at",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "class": "govuk-input"}),
    )
    category = _choice("Kind of ASB", AsbReport.Category.choices)
    description = _long("What happened")

    def __init__(self, *args, calls=(), with_person=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].choices = [("", "None")] + [(str(c.pk), str(c)) for c in calls]
        self.calls = {str(c.pk): c for c in calls}
        if not with_person:
            for name in ("person_name", "phone", "email", "address_text", "postcode"):
                del self.fields[name]
        self.risk_groups: list[tuple[str, list[str]]] = []
        for question in matrix.questions():
            name = f"risk_{question.key}"
            self.fields[name] = _choice(
                question.text, [("", "Choose an answer")] + [(v, label) for v, label, _ in question.options]
            )
            if not self.risk_groups or self.risk_groups[-1][0] != question.group_label:
                self.risk_groups.append((question.group_label, []))
            self.risk_groups[-1][1].append(name)

    def risk_fieldsets(self):
        return [(label, [self[name] for name in names]) for label, names in self.risk_groups]

    def answers(self) -> dict:
        return {
            q.key: self.cleaned_data.get(f"risk_{q.key}")
            for q in matrix.questions()
            if self.cleaned_data.get(f"risk_{q.key}")
        }

    def chosen_call(self):
        return self.calls.get(self.cleaned_data.get("call") or "")


class ReviewForm(ErrorLinks, forms.Form):
    held_on = _date("Held on")
    outcome = _long("Outcome")
    recommendations = _long("Recommendations")


class RequestForm(ErrorLinks, forms.Form):
    requested_at = forms.DateTimeField(
        label="When the victim asked for a Case Review",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "class": "govuk-input"}),
    )


class OrderForm(ErrorLinks, forms.Form):
    kind = _choice("Kind of order", [("", "Choose")] + AsbOrder.Kind.choices)
    status = _choice(
        "Status",
        [
            (AsbOrder.Status.SOUGHT, "Sought"),
            (AsbOrder.Status.GRANTED, "Granted"),
            (AsbOrder.Status.REFUSED, "Refused"),
        ],
    )
    sought_on = _date("Sought on")
    decided_on = _date("Decided on (granted or refused)")
    problem = forms.ChoiceField(
        label="Problem it works on", required=False, widget=forms.Select(attrs=SELECT)
    )
    note = _text("Note", 500)

    def __init__(self, *args, problems=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.problem_objects = {str(p.pk): p for p in problems}
        self.fields["problem"].choices = [("", "The case's linked problem, if any")] + [
            (k, f"{p.reference} {p.title}") for k, p in self.problem_objects.items()
        ]

    def chosen_problem(self):
        return self.problem_objects.get(self.cleaned_data.get("problem") or "")


class BreachForm(ErrorLinks, forms.Form):
    breached_on = _date("Breached on")
    note = _text("What happened", 500)


class LeadForm(ErrorLinks, forms.Form):
    name = _text("Name")
    role_title = _text("Role title")
    email = forms.EmailField(
        label="E-mail for partners", required=False, widget=forms.EmailInput(attrs=INPUT)
    )
    starts_on = _date("Lead from")


class ActionForm(ErrorLinks, forms.Form):
    title = _text("Action", 300)
    partner_agency = _text("Partner agency")
    due_on = _date("Due on")
    status = _choice("Status", AsbAction.Status.choices)
    borough = forms.ChoiceField(label="Borough", required=False, widget=forms.Select(attrs=SELECT))
    problems = forms.MultipleChoiceField(
        label="Local problems it works on", required=False, widget=forms.SelectMultiple(attrs=SELECT)
    )
    progress_note = _long("Progress note (dated today)")

    def __init__(self, *args, boroughs=(), problems=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.boroughs = {str(b.pk): b for b in boroughs}
        self.problem_objects = {str(p.pk): p for p in problems}
        self.fields["borough"].choices = [("", "Force-wide")] + [
            (k, b.name) for k, b in self.boroughs.items()
        ]
        self.fields["problems"].choices = [
            (k, f"{p.reference} {p.title} ({p.neighbourhood.name})") for k, p in self.problem_objects.items()
        ]

    def chosen_borough(self):
        return self.boroughs.get(self.cleaned_data.get("borough") or "")

    def chosen_problems(self):
        return [
            self.problem_objects[k]
            for k in self.cleaned_data.get("problems") or []
            if k in self.problem_objects
        ]


class ProblemForm(ErrorLinks, forms.Form):
    """The problem-solving case the ASB case is linked to; the problems offered are the open ones of
    the case's ward, so any other value (another ward's, one out of the user's area) is refused."""

    problem = forms.ChoiceField(label="Linked problem", required=False, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, problems=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.problem_objects = {str(p.pk): p for p in problems}
        self.fields["problem"].choices = [("", "No linked problem")] + [
            (k, f"{p.reference} {p.title}") for k, p in self.problem_objects.items()
        ]

    def chosen_problem(self):
        return self.problem_objects.get(self.cleaned_data.get("problem") or "")


class CloseForm(ErrorLinks, forms.Form):
    outcome = _choice("Outcome", [("", "Choose the outcome")] + AsbCase.Outcome.choices)
    reason = forms.CharField(
        label="Reason for closing", required=False, max_length=2000, widget=forms.Textarea(attrs=TEXTAREA)
    )


class ReopenForm(ErrorLinks, forms.Form):
    pass
