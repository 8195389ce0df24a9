from django.urls import path

from sn.accounts import token_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("locked/", views.locked_accounts, name="locked"),
    path("api-tokens/", token_views.api_tokens, name="api_tokens"),
]
