from django.contrib import admin
from django.urls import include, path

from sn.accounts.permissions import USE_ADMIN
from sn.api.api import api
from sn.core.access import has_permission

# The admin is for the central unit only, whatever is_staff says.
admin.site.has_permission = lambda request: has_permission(request.user, USE_ADMIN)
admin.site.site_header = "Safer Neighbourhoods administration"
admin.site.site_title = "Safer Neighbourhoods admin"

urlpatterns = [
    path("", include("sn.core.urls")),
    path("", include("sn.pages.urls")),
    path("accounts/", include("sn.accounts.urls")),
    path("", include("sn.teams.urls")),
    path("", include("sn.performance.urls")),
    path("", include("sn.incidents.urls")),
    path("", include("sn.crime.urls")),
    path("", include("sn.profiles.urls")),
    path("", include("sn.reports.urls")),
    path("", include("sn.panels.urls")),
    path("", include("sn.problemsolving.urls")),
    path("", include("sn.tasking.urls")),
    path("", include("sn.activity.urls")),
    path("", include("sn.workforce.urls")),
    path("", include("sn.deployments.urls")),
    path("", include("sn.rosters.urls")),
    path("", include("sn.supervision.urls")),
    path("", include("sn.community.urls")),
    path("", include("sn.concerns.urls")),
    path("", include("sn.engagement.urls")),
    path("", include("sn.public.urls")),
    path("", include("sn.feedback.urls")),
    path("", include("sn.jobs.urls")),
    path("", include("sn.ops.urls")),
    path("", include("sn.privacy.urls")),
    path("", include("sn.queries.urls")),
    path("", include("sn.asb.urls")),
    path("", include("sn.patrols.urls")),
    path("", include("sn.guarantee.urls")),
    path("", include("sn.scorecard.urls")),
    # Before the police.uk API, whose /api/{force}/{neighbourhood} would otherwise take /api/v1/...
    path("api/v1/", api.urls),
    path("api/", include("sn.policeapi.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "sn.core.views.error_403"
handler404 = "sn.core.views.error_404"
handler500 = "sn.core.views.error_500"
