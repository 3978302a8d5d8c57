"""The set-up checklist's pages, mounted under ``operations/<code>/planning/``, and the earlier names of the record
kit's planning pages (``planning:document-list`` …, at the same addresses) for links and bookmarks made with them.

Planning documents and MCDA requests are record types (``planning/records.py``): the kit mounts their pages at
``planning/documents/`` and ``planning/mcda/``, named ``planning-documents:list`` and ``mcda-requests:list`` ….
"""

from django.urls import URLPattern, path

from .records import DOCUMENTS, MCDA
from .views import checklist

app_name = "planning"


class Alias(URLPattern):
    """A name for an address another pattern serves: reversed, never resolved (the request reaches the kit's own
    pattern, and its view name is the kit's)."""

    def resolve(self, path):
        return None


def aliases(record_type, old: str) -> list:
    """The kit's pages of ``record_type`` under their earlier names (``<old>-list``, ``<old>-detail`` …)."""
    prefix = record_type.prefix.removeprefix("planning/")
    patterns = []
    for page in record_type.urlpatterns():
        route = path(f"{prefix}/{page.pattern}", page.callback)
        patterns.append(Alias(route.pattern, page.callback, name=f"{old}-{page.name}"))
    return patterns


urlpatterns = [
    path("checklist/", checklist.ChecklistView.as_view(), name="checklist"),
    path("checklist/<id:pk>/edit/", checklist.ChecklistItemEditView.as_view(), name="checklist-item-edit"),
    path("checklist/<id:pk>/status/", checklist.ChecklistItemStatusView.as_view(), name="checklist-item-status"),
    *aliases(DOCUMENTS, "document"),
    *aliases(MCDA, "mcda"),
]
