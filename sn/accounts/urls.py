from django.urls import path

from sn.accounts import otp_views, token_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("locked/", views.locked_accounts, name="locked"),
    path("api-tokens/", token_views.api_tokens, name="api_tokens"),
    path("second-factor/", otp_views.second_factor, name="second_factor"),
    path("second-factor/set-up/", otp_views.second_factor_enrol, name="second_factor_enrol"),
    path("second-factor/code/", otp_views.second_factor_verify, name="second_factor_verify"),
    path("second-factor/recovery-codes/", otp_views.recovery_codes, name="recovery_codes"),
    path("second-factor/people/", otp_views.second_factor_people, name="second_factor_people"),
]
