"""Routes of problem solving: cases."""

urlpatterns: list = []
