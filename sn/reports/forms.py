"""The form asking for a borough's report PDFs: which month."""

from django import forms

from sn.core.months import parse_month


class BoroughPdfsForm(forms.Form):
    month = forms.CharField(
        label="Month",
        max_length=20,
        help_text="As year and month, like 2026-03. This month's reports are dated today.",
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    def clean_month(self):
        try:
            return parse_month(self.cleaned_data["month"].strip())
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
