"""Routes of problem solving: library."""

urlpatterns: list = []
