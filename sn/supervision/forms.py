from django import forms


class TargetForm(forms.Form):
    target = forms.IntegerField(
        label="Target number of sergeants",
        min_value=1,
        max_value=5000,
        help_text="One sergeant per group of wards. The default is the 2011 review's ratio, 480 for 630 "
        "teams.",
        error_messages={
            "required": "Enter a target number of sergeants",
            "invalid": "Enter the target as a whole number, like 14",
            "min_value": "The target must be at least one sergeant",
            "max_value": "The target must be at most 5,000 sergeants",
        },
    )
