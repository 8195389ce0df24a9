from django.urls import path

from sn.asb import views

app_name = "asb"

urlpatterns = [
    path("asb/cases/", views.case_list, name="cases"),
    path("asb/cases/<int:pk>/", views.case_detail, name="case"),
    path("asb/cases/<int:pk>/report/", views.case_report, name="case_report"),
    path("asb/cases/<int:pk>/review/", views.review_record, name="review"),
    path("asb/cases/<int:pk>/request/", views.review_request, name="request"),
    path("asb/cases/<int:pk>/orders/new/", views.order_new, name="order_new"),
    path("asb/orders/<int:pk>/breach/", views.breach_new, name="breach"),
    path("asb/reports/new/", views.report_new, name="report_new"),
    path("asb/plan/", views.plan, name="plan"),
    path("asb/plan/lead/", views.lead_set, name="lead"),
    path("asb/plan/actions/new/", views.action_new, name="action_new"),
    path("asb/plan/actions/<int:pk>/", views.action_edit, name="action"),
]
