"""Base classes of the JSON API: every route reads through ``restrict(user, "api")``."""

from rest_framework import pagination, viewsets
from rest_framework.exceptions import NotFound, ValidationError

from cmcoord.core.access import Action
from cmcoord.core.inputs import ASCII_INTEGER, INTEGER_MESSAGE


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

    def get_page_size(self, request):
        """``page_size`` in ASCII digits, or a 400 saying so (Python's ``int`` takes other scripts' digits, ``+50``)."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and raw.strip() and not ASCII_INTEGER.fullmatch(raw.strip()):
            raise ValidationError({self.page_size_query_param: [str(INTEGER_MESSAGE)]})
        return super().get_page_size(request)

    def decode_cursor(self, request):
        """A cursor whose position is not a key in ASCII digits was not made here: 404, as any other bad cursor."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None and not ASCII_INTEGER.fullmatch(cursor.position):
            raise NotFound(self.invalid_cursor_message)
        return cursor
