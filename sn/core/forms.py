"""What every form page shares: the error summary's links (templates/includes/form_errors.html)."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

# Where a form-wide problem is shown: the summary's include renders it under this id unless the form
# names another place on its page (`non_field_anchor`), such as the rule it breaks.
FORM_PROBLEM_ANCHOR = "form-problem"


class ErrorLinks:
    """(anchor, message) for each problem, in the order of the fields on the page, a form-wide problem
    first: a field's problem links to the field (a group of radios to its first radio), so the summary
    takes a keyboard or screen-reader user straight to what needs changing."""

    non_field_anchor: str = ""

    @property
    def error_links(self) -> list[tuple[str, str]]:
        order = {name: position for position, name in enumerate(self.fields)}
        links = []
        for name, errors in sorted(self.errors.items(), key=lambda item: order.get(item[0], -1)):
            if name in self.fields and name != NON_FIELD_ERRORS:
                bound = self[name]
                # A group with no options (nothing to choose from) is linked by the group itself.
                radios = isinstance(bound.field.widget, forms.RadioSelect) and bool(bound.field.choices)
                anchor = f"{bound.auto_id}_0" if radios else bound.auto_id
            else:
                anchor = self.non_field_anchor or FORM_PROBLEM_ANCHOR
            links += [(anchor, str(message)) for message in errors]
        return links
