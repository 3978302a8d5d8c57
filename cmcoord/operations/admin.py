"""Site administration (superusers only): set up operations, members and HQ access.

Sensitive domain records (actors, contacts, engagements) are deliberately not registered here: they are
reached only through the scoped pages, so that being a site administrator grants no data access.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CountryOperation, HeadquartersAccess, Membership


def superusers_only(request):
    """The admin is for site administrators only; staff status alone does not open it."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = superusers_only


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(CountryOperation)
class CountryOperationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country", "strategy", "time_zone", "is_active"]
    list_filter = ["is_active", "strategy"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "operation", "role"]
    list_filter = ["role", "operation"]
    search_fields = ["user__username", "user__email", "user__last_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "operation"]


@admin.register(HeadquartersAccess)
class HeadquartersAccessAdmin(SimpleHistoryAdmin):
    list_display = ["user", "all_operations"]
    filter_horizontal = ["operations"]
    autocomplete_fields = ["user"]
