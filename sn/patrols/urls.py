from django.urls import path

from sn.patrols import views

app_name = "patrols"

urlpatterns = [
    path("patrols/", views.area_list, name="list"),
    path("patrols/new/", views.area_new, name="new"),
    path("patrols/<int:pk>/", views.area_detail, name="area"),
    path("patrols/<int:pk>/propose/", views.plan_propose, name="propose"),
    path("patrols/<int:pk>/plans/<int:plan_pk>/adopt/", views.plan_adopt, name="adopt"),
    path("patrols/<int:pk>/record/", views.record_new, name="record"),
    path("patrols/<int:pk>/cases/", views.link_case, name="link_case"),
    path("patrols/<int:pk>/cases/<int:case_pk>/unlink/", views.unlink_case, name="unlink_case"),
]
