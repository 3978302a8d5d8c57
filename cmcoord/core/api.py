"""Base classes of the JSON API: every route reads through ``restrict(user, "api")``."""

from rest_framework import pagination, viewsets

from cmcoord.core.access import Action


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only API route over a scoped model. Out-of-scope objects answer 404, as on the pages."""

    scope_action = Action.API

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, self.scope_action)


class KeysetPagination(pagination.CursorPagination):
    """Pages by position in primary-key order: each page is an index range scan, whatever its depth, with no
    count of the whole result; rows added while a client pages appear once, on a later page."""

    ordering = ("pk",)
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
