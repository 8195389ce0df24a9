"""Sign in, sign out and password change, on Django's own views with our rules and templates."""

from django.contrib.auth import views as auth_views

from sn.accounts.forms import SignInForm
from sn.core.access import access

login = access(public=True)(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html", authentication_form=SignInForm, redirect_authenticated_user=True
    )
)
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
