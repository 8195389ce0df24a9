from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm, UserChangeForm
from django.core.exceptions import ValidationError

from sn.accounts.services import ANCHOR_FIELDS, role_anchor_check


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }


class RoleFormMixin:
    """A form that sets a role: the role is required and its anchor is checked here, so a missing
    anchor comes back beside its field instead of failing in the service after the form was saved."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].required = True

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("role"):
            try:
                role_anchor_check(
                    role=cleaned["role"], anchors={name: cleaned.get(name) for name in ANCHOR_FIELDS}
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class UserAdminChangeForm(RoleFormMixin, UserChangeForm):
    pass


class UserAdminAddForm(RoleFormMixin, AdminUserCreationForm):
    pass


CHOOSE_AN_ACCOUNT = "Choose an account to unlock."


class UnlockForm(forms.Form):
    user = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": CHOOSE_AN_ACCOUNT, "invalid": CHOOSE_AN_ACCOUNT}
    )
