"""The police.uk-compatible API at /api/ (included after /api/v1/, whose paths it must never take)."""

from sn.policeapi.api import api

app_name = "policeapi"
urlpatterns = api.urls[0]
