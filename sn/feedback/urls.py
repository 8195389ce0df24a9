from django.urls import path

from sn.feedback.views import public, queue

app_name = "feedback"

urlpatterns = [
    path("feedback/", public.give, name="give"),
    path("feedback/sent/", public.sent, name="sent"),
    path("feedback/queue/", queue.queue, name="queue"),
    path("feedback/queue/<str:reference>/", queue.message, name="message"),
    path("feedback/queue/<str:reference>/triage/", queue.triage, name="triage"),
    path("feedback/queue/<str:reference>/reply/", queue.reply, name="reply"),
    path("feedback/queue/<str:reference>/close/", queue.close, name="close"),
]
