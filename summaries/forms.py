"""The summary's field on its record's form: written with the record, saved in the same transaction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SUMMARY_MAX_LENGTH
from .services import summary_of, summary_write


class SummaryFormMixin:
    """Adds ``hct_summary`` to a record's form. The page's view calls :meth:`after_save` once the record is saved
    (``cmcoord.core`` form views do, inside the save's transaction)."""

    summary_field = "hct_summary"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.summary_field] = forms.CharField(
            label=_("For the HCT (Unclassified)"),
            required=False,
            max_length=SUMMARY_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            help_text=_(
                "A summary of what HCT members who may not open this record may know of it, in a sentence or two: "
                "no names of sources or contacts. Leave empty for none."
            ),
        )
        self.summary = summary_of(self.instance) if getattr(self.instance, "pk", None) else None
        if self.summary is not None:
            self.fields[self.summary_field].initial = self.summary.text

    def after_save(self, user, record) -> None:
        text = self.cleaned_data.get(self.summary_field, "").strip()
        if text != (self.summary.text if self.summary is not None else ""):
            summary_write(user=user, record=record, text=text)
