from django.urls import path

from sn.tasking.views import bids, meetings, packs

app_name = "tasking"

urlpatterns = [
    path("tasking/", meetings.index, name="index"),
    path("tasking/boroughs/<str:code>/", meetings.borough_detail, name="borough"),
    path("tasking/boroughs/<str:code>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("tasking/meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("tasking/meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("tasking/meetings/<int:pk>/guests/new/", meetings.guest_new, name="guest_new"),
    path("tasking/meetings/<int:pk>/decisions/new/", meetings.decision_new, name="decision_new"),
    path("tasking/meetings/<int:pk>/actions/new/", meetings.action_new, name="action_new"),
    path("tasking/meetings/<int:pk>/follow-ups/<int:action_pk>/", meetings.follow_up, name="follow_up"),
    path("tasking/meetings/<int:pk>/pack/", packs.pack_detail, name="pack"),
    path("tasking/meetings/<int:pk>/pack/assemble/", packs.pack_prepare, name="pack_prepare"),
    path("tasking/wards/<str:code>/bids/new/", bids.bid_new, name="bid_new"),
    path("tasking/bids/<int:pk>/", bids.bid_detail, name="bid"),
    path("tasking/bids/<int:pk>/decide/", bids.bid_decide, name="bid_decide"),
]
