from django.urls import path

from sn.guarantee import views

app_name = "guarantee"

urlpatterns = [
    path("guarantee/named-officers/", views.named_officers, name="named_officers"),
    path("guarantee/named-officers/<str:code>/", views.named_officers_borough, name="named_officers_borough"),
]
