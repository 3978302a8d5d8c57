"""The default pagination of the API's short lists (by page number), strict about its parameters. Apart from
:mod:`cmcoord.core.api` because DRF imports the default pagination class while its own views are being defined."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

from cmcoord.core.middleware import MAX_DIGITS

DIGITS = re.compile(r"[0-9]+", re.ASCII)
MAX_ID = 10**MAX_DIGITS - 1  # a longer run of digits is refused at the edge (cmcoord.core.middleware)


def single_value(request, name: str) -> str | None:
    """The one value of the query parameter ``name`` (None if not sent); 400 if it is sent more than once."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise ValidationError({name: [_("Send this parameter once.")]})
    return values[0] if values else None


class NumberedPagination(pagination.PageNumberPagination):
    """Pages by number (the default of a short list): ``page`` once, in ASCII digits; a page that does not exist
    (or a number in other digits) answers 404."""

    last_page_strings = ()  # "last" is no number: the schema says a page is one

    def get_page_number(self, request, paginator):
        number = single_value(request, self.page_query_param)
        if number and not DIGITS.fullmatch(number.strip()):  # Python's int() reads other scripts' digits, "+2"
            raise NotFound(_("Invalid page."))
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
                parameter["allowEmptyValue"] = True
                parameter["description"] = "A page number, from 1 (empty: the first); one beyond the last: 404."
        return parameters
