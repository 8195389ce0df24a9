"""Routes of problem solving: assessment."""

urlpatterns: list = []
