from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from sn.accounts.models import PartnerOrganisation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = [
        *BaseUserAdmin.fieldsets[:2],
        (
            "Role and scope",
            {"fields": ["role", "officer", "borough", "neighbourhood", "partner_organisation"]},
        ),
        ("Status", {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    raw_id_fields = ["officer", "neighbourhood"]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
