app_name = "guarantee"

urlpatterns: list = []
