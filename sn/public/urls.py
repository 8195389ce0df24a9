from django.urls import include, path

app_name = "public"

# Two modules, one per part of the app: the ward and borough pages, and the crime map.
urlpatterns = [
    path("", include("sn.public.pages_urls")),
    path("", include("sn.public.crime_map_urls")),
]
