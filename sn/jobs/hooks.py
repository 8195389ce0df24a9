"""What jobs adds to the registries lower apps own: the header link to one's jobs, where the upload
pages of every kind are listed."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, NavItem
from sn.jobs.permissions import VIEW_JOBS

NAVIGATION.register(
    NavItem(
        key="jobs",
        label="Jobs",
        order=790,
        href=lambda user: reverse("jobs:index") if has_permission(user, VIEW_JOBS) else None,
    )
)
