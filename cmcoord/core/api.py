"""Base classes of the JSON API: every route reads through ``restrict(user, "api")``."""

from rest_framework import viewsets

from cmcoord.operations.access import Action


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only API route over a scoped model. Out-of-scope objects answer 404, as on the pages."""

    scope_action = Action.API

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, self.scope_action)
