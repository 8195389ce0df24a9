from django.urls import path

from sn.asb.views import calls, cases, closing, plan

app_name = "asb"

urlpatterns = [
    path("asb/cases/", cases.case_list, name="cases"),
    path("asb/cases/<int:pk>/", cases.case_detail, name="case"),
    path("asb/cases/<int:pk>/report/", cases.case_report, name="case_report"),
    path("asb/cases/<int:pk>/review/", cases.review_record, name="review"),
    path("asb/cases/<int:pk>/request/", cases.review_request, name="request"),
    path("asb/cases/<int:pk>/orders/new/", cases.order_new, name="order_new"),
    path("asb/cases/<int:pk>/problem/", closing.problem_link, name="problem"),
    path("asb/cases/<int:pk>/close/", closing.case_close, name="close"),
    path("asb/cases/<int:pk>/reopen/", closing.case_reopen, name="reopen"),
    path("asb/orders/<int:pk>/breach/", cases.breach_new, name="breach"),
    path("asb/calls/", calls.calls_to_link, name="calls"),
    path("asb/reports/new/", cases.report_new, name="report_new"),
    path("asb/plan/", plan.plan, name="plan"),
    path("asb/plan/lead/", plan.lead_set, name="lead"),
    path("asb/plan/actions/new/", plan.action_new, name="action_new"),
    path("asb/plan/actions/<int:pk>/", plan.action_edit, name="action"),
]
