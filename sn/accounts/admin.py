from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from sn.accounts.forms import UserAdminAddForm, UserAdminChangeForm
from sn.accounts.models import PartnerOrganisation, User
from sn.accounts.services import ANCHOR_FIELDS, user_set_role
from sn.core.roles import ROLES, Role

ROLE_FIELDS = ["role", *ANCHOR_FIELDS]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users and their roles. Groups, direct permissions and the superuser and staff flags are not
    fields here: they follow from the role, which is saved through `user_set_role` so that a user's
    scope (from the role) and permissions (from the role's group) change together."""

    form = UserAdminChangeForm
    add_form = UserAdminAddForm
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = [
        *BaseUserAdmin.fieldsets[:2],
        ("Role and scope", {"fields": [*ROLE_FIELDS, "permissions_group"]}),
        ("Status", {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [*BaseUserAdmin.add_fieldsets, ("Role and scope", {"fields": ROLE_FIELDS})]
    raw_id_fields = ["officer", "neighbourhood"]
    readonly_fields = ["last_login", "date_joined", "permissions_group"]

    @admin.display(description="Permissions")
    def permissions_group(self, user: User) -> str:
        group = ROLES[Role(user.role)].group_name if user.role else "none"
        return f"Those of the role's group ({group}), set with the role"

    def save_model(self, request, obj: User, form, change: bool) -> None:
        anchors = {name: form.cleaned_data.get(name) for name in ANCHOR_FIELDS}
        user_set_role(user=obj, role=form.cleaned_data["role"], actor=request.user, **anchors)


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
