from django.contrib import admin

from sn.performance.models import ComparisonGroup, ComparisonMembership, SurveyResult


@admin.register(SurveyResult)
class SurveyResultAdmin(admin.ModelAdmin):
    list_display = ["borough", "quarter_start", "measure", "sample_size", "positive"]
    list_filter = ["measure", "quarter_start", "borough"]


class ComparisonMembershipInline(admin.TabularInline):
    model = ComparisonMembership
    extra = 1


@admin.register(ComparisonGroup)
class ComparisonGroupAdmin(admin.ModelAdmin):
    list_display = ["name"]
    inlines = [ComparisonMembershipInline]
