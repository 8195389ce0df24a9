"""Sign in, sign out and password change, on Django's own views with our rules and templates; and the
locked accounts a borough lead can unlock."""

from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from sn.accounts.forms import SignInForm, UnlockForm
from sn.accounts.otp import code_still_due, is_enrolled
from sn.accounts.permissions import UNLOCK_ACCOUNTS
from sn.accounts.selectors import get_user_looked_after_by, locked_accounts_for
from sn.accounts.services import account_unlock
from sn.core.access import access
from sn.core.form_pages import form_page
from sn.core.middleware import client_address


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        # A right password leads to the code step when one is owed, which then leads where they were going.
        wanted = super().get_success_url()
        if not code_still_due(self.request.user):
            return wanted
        step = (
            "accounts:second_factor_verify"
            if is_enrolled(self.request.user)
            else "accounts:second_factor_enrol"
        )
        return reverse(step) + "?" + urlencode({"next": wanted})


login = access(public=True)(LoginView.as_view())
# Signing out is a POST (a link cannot sign someone out behind their back); open to anyone.
logout = access(public=True)(auth_views.LogoutView.as_view())
password_change = access()(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url="/accounts/password/done/"
    )
)
password_change_done = access()(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)


@access(permission=UNLOCK_ACCOUNTS)
def locked_accounts(request: HttpRequest) -> HttpResponse:
    def unlock(form: UnlockForm):
        # Someone outside the user's area is a 404, as for every record out of scope.
        user = get_user_looked_after_by(request.user, form.cleaned_data["user"])
        return account_unlock(user=user, actor=request.user, address=client_address(request))

    return form_page(
        request,
        form_class=UnlockForm,
        template="accounts/locked_accounts.html",
        save=unlock,
        success_url=reverse("accounts:locked"),
        success_message=lambda user: f"{user.get_username()} can sign in again.",
        context={"locked": locked_accounts_for(request.user)},
    )
