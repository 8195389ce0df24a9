from django.urls import path

from sn.panels.views import meetings, overview, panels, priorities

app_name = "panels"

urlpatterns = [
    # A ward's panel and its members.
    path("panels/wards/<str:code>/", panels.ward_panel, name="ward_panel"),
    path("panels/wards/<str:code>/set-up/", panels.panel_new, name="panel_new"),
    path("panels/wards/<str:code>/edit/", panels.panel_edit, name="panel_edit"),
    path("panels/wards/<str:code>/members/new/", panels.member_new, name="member_new"),
    path("panels/members/<int:pk>/edit/", panels.member_edit, name="member_edit"),
    path("panels/members/<int:pk>/leave/", panels.member_leave, name="member_leave"),
    path("panels/members/<int:pk>/diversity/", panels.member_diversity, name="member_diversity"),
    # Meetings, and the decisions made at them.
    path("panels/wards/<str:code>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("panels/meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("panels/meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("panels/meetings/<int:pk>/record/", meetings.meeting_record, name="meeting_record"),
    path("panels/meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("panels/meetings/<int:pk>/papers/new/", meetings.paper_new, name="paper_new"),
    path("panels/meetings/<int:pk>/priorities/new/", meetings.priority_select, name="priority_select"),
    path(
        "panels/meetings/<int:pk>/reviews/<int:priority_pk>/",
        meetings.priority_review,
        name="priority_review",
    ),
    # Priorities: progress, sign-off and "You said, we did".
    path("panels/wards/<str:code>/priorities/", priorities.ward_priorities_list, name="ward_priorities"),
    path("panels/priorities/<int:pk>/", priorities.priority_detail, name="priority"),
    path("panels/priorities/<int:pk>/edit/", priorities.priority_edit, name="priority_edit"),
    path("panels/priorities/<int:pk>/updates/new/", priorities.update_new, name="update_new"),
    path("panels/priorities/<int:pk>/milestones/new/", priorities.milestone_new, name="milestone_new"),
    path("panels/milestones/<int:pk>/met/", priorities.milestone_achieved, name="milestone_achieved"),
    path("panels/priorities/<int:pk>/endorse/", priorities.priority_endorse, name="priority_endorse"),
    path("panels/priorities/<int:pk>/statement/", priorities.statement_edit, name="statement_edit"),
    path(
        "panels/priorities/<int:pk>/statement/approve/",
        priorities.statement_approve,
        name="statement_approve",
    ),
    path(
        "panels/priorities/<int:pk>/statement/publish/",
        priorities.statement_publish,
        name="statement_publish",
    ),
    # Overviews.
    path("panels/clusters/<str:code>/", overview.cluster_overview, name="cluster_overview"),
    path("panels/boroughs/<str:code>/", overview.borough_overview, name="borough_overview"),
    path("panels/force/", overview.force_overview, name="force_overview"),
]
