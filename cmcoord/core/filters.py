"""FilterSet base: every model choice a filter offers passes through the same scoping as the pages."""

from __future__ import annotations

import django_filters

from .access import Action
from .inputs import StrictInputMixin


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet that takes the acting ``user`` and narrows every model choice filter to what they may see.

    Its form follows the strict input rules (:mod:`cmcoord.core.inputs`), for the list pages and the API alike.
    A filter's queryset may be narrowed further (``.filter(operation=…)``) but is never replaced by a plain
    ``Model.objects`` queryset: subclasses narrow ``self.filters[name].queryset`` after ``super().__init__``.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, user=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.user = user if user is not None else getattr(request, "user", None)
        for filter_ in self.filters.values():
            choices = getattr(filter_, "queryset", None)
            if choices is not None and hasattr(choices, "restrict"):
                filter_.queryset = choices.restrict(self.user, Action.VIEW)

    def get_form_class(self):
        form_class = super().get_form_class()
        return type(form_class.__name__, (StrictInputMixin, form_class), {})
