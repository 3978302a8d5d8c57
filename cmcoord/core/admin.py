"""Admin bases for the product's records: superusers repair records here; every change is in the history.

Being a site administrator grants no reading of the operations' records on the product's pages. The admin is
a repair tool (a record that breaks a page, a wrong operation): it lists records with their operation and
level, and never shows Strictly confidential ones, which only the operation's own officers read and repair.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from .access import sensitivity_fields
from .choices import Sensitivity

BIGINT_MAX = 2**63 - 1


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history pages answer an id that is no id (``x``, ``²``, 5,000 digits) with 404,
    as the admin's own pages do, rather than with the database error it would cause."""

    def history_view(self, request, object_id, extra_context=None):
        _id_or_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _id_or_404(self.model, object_id)
        _id_or_404(self.model.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


def _id_or_404(model, value) -> None:
    try:
        pk = model._meta.pk.to_python(unquote(value))
    except ValidationError:
        raise Http404 from None
    if isinstance(pk, int) and not -BIGINT_MAX <= pk <= BIGINT_MAX:
        raise Http404


class RecordAdmin(HistoryAdmin):
    """Admin of a scoped record: related records chosen by id, history kept, Strictly confidential left out."""

    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        below = {f"{name}__lt": Sensitivity.STRICTLY_CONFIDENTIAL for name in sensitivity_fields(self.model)}
        return queryset.filter(**below) if below else queryset

    def get_raw_id_fields(self, request):
        return [field.name for field in self.model._meta.get_fields() if field.many_to_one and field.concrete]
