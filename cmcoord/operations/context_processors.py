"""Template context for the navigation: the operations the user may switch between, each linked to the same tab,
and whether the user reads as CMCS headquarters (the cross-country dashboard's link)."""

from django.urls import Resolver404, resolve, reverse
from django.utils.functional import SimpleLazyObject

from cmcoord.core.access import Action, access_for

from .models import CountryOperation


def operations_nav(request):
    """Lazily, so pages that do not render the switcher (errors, API) pay no query.

    Each operation carries ``nav_url``: on a page of one operation, the same tab in that operation (the task
    list from a task, the actor list from an actor's form, the map from the map); elsewhere, its overview.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_operations": (), "nav_is_hq": False}

    def entries():
        operations = list(CountryOperation.objects.visible_to(user))
        tab = current_tab(request)
        for operation in operations:
            operation.nav_url = reverse(tab, kwargs={"code": operation.code}) if tab else operation.get_absolute_url()
        return operations

    # HQ readers get the cross-country dashboard in the top bar (its link costs nothing once the page has read
    # the user's access, which nearly every page does).
    return {"nav_operations": SimpleLazyObject(entries), "nav_is_hq": SimpleLazyObject(lambda: access_for(user).is_hq)}


def current_tab(request) -> str | None:
    """The URL name of the page to open in another operation, or None to open its overview.

    That is the nearest page at or above the current address that names nothing but the operation (no task
    reference, no actor id: those belong to this operation) and only reads (a form or a head's settings page
    may be closed to the user elsewhere): ``…/tasks/CAF-2026-0042/edit/`` gives the task list,
    ``…/actors/map/`` the map, ``…/settings/`` the overview. No page names the apps: their addresses do.
    """
    match = getattr(request, "resolver_match", None)
    if match is None or "code" not in match.kwargs:
        return None
    segments = request.path_info.strip("/").split("/")
    for end in range(len(segments), 0, -1):
        try:
            found = resolve("/" + "/".join(segments[:end]) + "/")
        except Resolver404:
            continue
        view = getattr(found.func, "view_class", None)
        if set(found.kwargs) == {"code"} and view is not None and _only_reads(view):
            return found.view_name
    return None


def _only_reads(view) -> bool:
    return getattr(view, "operation_action", Action.VIEW) == Action.VIEW and "get" in view.http_method_names
