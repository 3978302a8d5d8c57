"""Site administration (superusers only): set up operations, members and HQ access.

Every app registers its records for repairs (``cmcoord.core.admin.RecordAdmin``); the site reads them through
the access policy (Unclassified records only); the product's pages show a site administrator nothing by that
standing alone.
"""

from django.contrib import admin

from cmcoord.core.admin import HistoryAdmin

from .models import CountryOperation, HeadquartersAccess, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(CountryOperation)
class CountryOperationAdmin(HistoryAdmin):
    list_display = ["name", "country", "region", "strategy", "time_zone", "is_active"]
    list_filter = ["is_active", "region", "strategy"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["user", "operation", "role"]
    list_filter = ["role", "operation"]
    search_fields = ["user__username", "user__email", "user__last_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "operation"]


@admin.register(HeadquartersAccess)
class HeadquartersAccessAdmin(HistoryAdmin):
    list_display = ["user", "all_operations"]
    filter_horizontal = ["operations"]
    autocomplete_fields = ["user"]
