"""``{% export_menu "tasks" %}``: the CSV / Excel / JSON buttons of a list, for the list's own filters."""

from django import template
from django.http import QueryDict
from django.urls import reverse

from ..models import ExportFormat
from ..registry import get_export

register = template.Library()

BUTTON_LABELS = {ExportFormat.CSV: "CSV", ExportFormat.XLSX: "Excel", ExportFormat.JSON: "JSON"}


@register.inclusion_tag("includes/export_menu.html", takes_context=True)
def export_menu(context, name, keep_query=True, label="", testid="export-menu"):
    """Links to the export ``name`` carrying the page's query string (less its page number), unless ``keep_query``
    is False (the page's filters are not the export's: the HQ dashboard's link to every task); ``label`` names the
    group for a screen reader when it is not the page's list."""
    export = get_export(name)
    request = context.get("request")
    if export is None or request is None:
        return {"links": []}
    query = request.GET.copy() if keep_query else QueryDict(mutable=True)
    query.pop("page", None)
    query_string = query.urlencode()
    links = []
    for fmt in ExportFormat:
        if export.per_operation:
            url = reverse(
                "operation_exports:export", kwargs={"code": context["operation"].code, "name": name, "fmt": fmt}
            )
        else:
            url = reverse("exports:export", kwargs={"name": name, "fmt": fmt})
        links.append((fmt.value, BUTTON_LABELS[fmt], fmt.label, f"{url}?{query_string}" if query_string else url))
    log_url = ""
    if export.per_operation and context.get("can_manage"):  # the head of office: the operation's export log
        log_url = reverse("operation_exports:log", kwargs={"code": context["operation"].code})
    return {"links": links, "export": export, "log_url": log_url, "label": label, "testid": testid}
