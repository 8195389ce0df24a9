from django.urls import include, path

app_name = "public"

# The crime map's routes live in their own module (sn/public/crime_map_urls.py).
urlpatterns = [
    path("", include("sn.public.crime_map_urls")),
]
