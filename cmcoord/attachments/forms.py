"""The upload form: one file, judged by its content and size, and an optional description."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cmcoord.core.forms import StrictForm

from .uploads import max_upload_bytes
from .validators import ALLOWED_TEXT, detect_kind


class AttachmentForm(StrictForm):
    """``too_large`` tells the form the upload handler dropped a file past the limit (it then never arrives)."""

    file = forms.FileField(label=_("File"), help_text=ALLOWED_TEXT, allow_empty_file=False)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.kind = None
        self.fields["file"].help_text = _("Up to %(size)s. %(allowed)s") % {
            "size": filesizeformat(max_upload_bytes()),
            "allowed": ALLOWED_TEXT,
        }

    def too_large_message(self) -> str:
        return _("The file is larger than %(size)s; it was not stored. Attach a smaller file, or split it.") % {
            "size": filesizeformat(max_upload_bytes())
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():  # handlers without the size limit (a test, a shell) still stop here
            raise forms.ValidationError(self.too_large_message(), code="too_large")
        self.kind = detect_kind(upload, upload.name or "")
        return upload

    def full_clean(self):
        super().full_clean()
        if self.too_large and self.is_bound:
            # The file was dropped on arrival: say why, rather than "This field is required".
            self.errors["file"] = self.error_class([self.too_large_message()])
            self.cleaned_data.pop("file", None)
