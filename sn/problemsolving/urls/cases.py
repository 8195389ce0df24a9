"""Routes of problem solving: cases, their work, and the partners' pages."""

from django.urls import path

from sn.problemsolving.views import cases, cases_forms, cases_page

urlpatterns = [
    # Lists.
    path("cases/wards/<str:code>/", cases.ward_cases, name="ward_cases"),
    path("cases/clusters/<str:code>/", cases.cluster_cases, name="cluster_cases"),
    path("cases/boroughs/<str:code>/", cases.borough_cases, name="borough_cases"),
    path("cases/mine/", cases.mine, name="my_cases"),
    # A case and its parts.
    path("cases/wards/<str:code>/new/", cases_forms.case_open, name="case_open"),
    path("cases/<int:pk>/", cases_page.case_detail, name="case"),
    path("cases/<int:pk>/scanning/", cases_forms.case_scanning, name="case_scanning"),
    path("cases/<int:pk>/analysis/", cases_forms.case_analysis, name="case_analysis"),
    path("cases/<int:pk>/options/new/", cases_forms.option_new, name="option_new"),
    path("cases/options/<int:pk>/edit/", cases_forms.option_edit, name="option_edit"),
    path("cases/<int:pk>/response/start/", cases_forms.response_start, name="response_start"),
    path("cases/<int:pk>/interventions/new/", cases_forms.intervention_new, name="intervention_new"),
    path("cases/interventions/<int:pk>/status/", cases_forms.intervention_status, name="intervention_status"),
    path(
        "cases/interventions/<int:pk>/done/", cases_forms.intervention_complete, name="intervention_complete"
    ),
    path(
        "cases/interventions/<int:pk>/updates/new/",
        cases_forms.intervention_update_new,
        name="intervention_update_new",
    ),
    path("cases/<int:pk>/updates/new/", cases_forms.case_update_new, name="case_update_new"),
    path("cases/<int:pk>/review/", cases_forms.case_review, name="case_review"),
    path("cases/<int:pk>/partners/invite/", cases_forms.case_invite, name="case_invite"),
    path(
        "cases/<int:pk>/partners/<int:organisation_pk>/remove/",
        cases_forms.case_remove_partner,
        name="case_remove_partner",
    ),
    path("cases/<int:pk>/close/", cases_forms.case_close, name="case_close"),
    # Partners: their organisation's cases and the work they may do on them.
    path("partners/cases/", cases.partner_cases, name="partner_cases"),
    path("partners/cases/<int:pk>/", cases_page.partner_case_detail, name="partner_case"),
    path(
        "partners/cases/<int:pk>/updates/new/",
        cases_forms.partner_case_update_new,
        name="partner_case_update_new",
    ),
    path(
        "partners/interventions/<int:pk>/status/",
        cases_forms.partner_intervention_status,
        name="partner_intervention_status",
    ),
    path(
        "partners/interventions/<int:pk>/done/",
        cases_forms.partner_intervention_complete,
        name="partner_intervention_complete",
    ),
    path(
        "partners/interventions/<int:pk>/updates/new/",
        cases_forms.partner_intervention_update_new,
        name="partner_intervention_update_new",
    ),
]
