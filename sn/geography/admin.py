from django.contrib import admin

from sn.geography.models import Borough, Cluster, Force, Neighbourhood


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(Borough)
class BoroughAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "force"]
    exclude = ["boundary", "display_boundary"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "borough", "inspector"]
    list_filter = ["borough"]
    raw_id_fields = ["inspector"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "borough", "cluster", "population"]
    list_filter = ["kind", "borough"]
    search_fields = ["name", "code", "police_uk_id"]
    exclude = ["boundary", "display_boundary", "neighbours"]
