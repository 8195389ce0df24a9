from django.urls import path

from sn.activity.views import records, reports

app_name = "activity"

urlpatterns = [
    # Records: a ward's by month, one record, recording and correcting.
    path("activity/wards/<str:code>/", records.ward_activity, name="ward"),
    path("activity/wards/<str:code>/new/", records.record_new, name="record_new"),
    path("activity/records/<int:pk>/", records.record_detail, name="record"),
    path("activity/records/<int:pk>/edit/", records.record_edit, name="record_edit"),
    # A case's activity, where invited partners record theirs.
    path("activity/cases/<int:pk>/", records.case_activity, name="case"),
    path("activity/cases/<int:pk>/new/", records.case_record_new, name="case_record_new"),
    # The monthly EPIC report.
    path("epic/wards/<str:code>/", reports.ward_report, name="ward_report"),
    path("epic/clusters/<str:code>/", reports.cluster_report, name="cluster_report"),
    path("epic/boroughs/<str:code>/", reports.borough_report, name="borough_report"),
    path("epic/force/", reports.force_report, name="force_report"),
]
