from django.urls import path

from sn.workforce.views import duties, policy

urlpatterns = [
    path("workforce/teams/<str:code>/duties/", duties.team_week, name="team_duties"),
    path("workforce/teams/<str:code>/duties/new/", duties.duty_new, name="duty_new"),
    path("workforce/duties/<int:pk>/", duties.duty_edit, name="duty_edit"),
    path("workforce/duties/<int:pk>/delete/", duties.duty_remove, name="duty_delete"),
    path("workforce/officers/<str:collar>/duties/", duties.officer_week, name="officer_duties"),
    path("workforce/duty-codes/", policy.codes_table, name="duty_codes"),
    path("workforce/abstraction-policy/", policy.policy_page, name="abstraction_policy"),
]
