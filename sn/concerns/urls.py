from django.urls import path

from sn.concerns import views

app_name = "concerns"

urlpatterns = [
    path("wards/<str:code>/concerns/", views.ward_concern_list, name="ward_concerns"),
    path("wards/<str:code>/concerns/new/", views.concern_new, name="concern_new"),
    path("wards/<str:code>/concerns/analysis/", views.analysis, name="analysis"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern"),
    path("concerns/<int:pk>/archive/", views.concern_archive_page, name="concern_archive"),
]
