"""The assessment form: the months compared (typed as year and month), the outcome and the evidence. The
form reads the formats; sn.problemsolving.services.assessment checks the rules."""

from django import forms

from sn.core.months import parse_month
from sn.problemsolving.models import Assessment


class MonthField(forms.Field):
    """A month typed as 2024-03, cleaned to its first day."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Year and month, like 2024-03")
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "spellcheck": "false"})

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return parse_month(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


class AssessmentPeriodsForm(forms.Form):
    before_start = MonthField(label="First month before the response")
    before_end = MonthField(label="Last month before the response")
    after_start = MonthField(label="First month after the response began")
    after_end = MonthField(label="Last month after the response began")


class AssessmentForm(AssessmentPeriodsForm):
    outcome = forms.ChoiceField(
        label="The team's judgement", choices=Assessment.Outcome.choices, widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label="Evidence",
        help_text="What the judgement rests on: the figures, and what residents, the panel and partners say",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service names a missing outcome or evidence in its own words, with the periods' problems.
        self.fields["outcome"].required = False
        self.fields["evidence"].required = False
        for name in ("before_start", "before_end", "after_start", "after_end"):
            self.fields[name].required = False
