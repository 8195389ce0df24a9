from sn.workforce.urls_abstraction import urlpatterns as abstraction_urls
from sn.workforce.urls_duties import urlpatterns as duties_urls

app_name = "workforce"

urlpatterns = duties_urls + abstraction_urls
