from django.contrib import admin

from sn.teams.models import EstablishmentPolicy, Officer, Posting, Team


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "rank", "collar_number"]
    list_filter = ["rank"]
    search_fields = ["last_name", "first_name", "collar_number"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "neighbourhood"]
    search_fields = ["name"]
    raw_id_fields = ["neighbourhood"]


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin):
    list_display = ["officer", "team", "start_date", "end_date"]
    raw_id_fields = ["officer", "team"]


@admin.register(EstablishmentPolicy)
class EstablishmentPolicyAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "population_threshold", "note"]
