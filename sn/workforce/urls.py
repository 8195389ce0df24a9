from sn.workforce.urls_abstraction import urlpatterns as abstraction_urls
from sn.workforce.urls_duties import urlpatterns as duties_urls
from sn.workforce.urls_upload import urlpatterns as upload_urls

app_name = "workforce"

urlpatterns = upload_urls + duties_urls + abstraction_urls
