"""A summary follows its record and its operation, whichever way they are saved (a form, the API, an import, the
site administration)."""

from .services import summaries_relevel, summary_sync


def record_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        summary_sync(instance)


def operation_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        summaries_relevel(instance)
