"""The forms of an import: the upload, and the choices made on the preview."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cmcoord.core.forms import StrictForm

from .readers import max_import_bytes


class UploadForm(StrictForm):
    file = forms.FileField(label=gettext_lazy("Spreadsheet"), allow_empty_file=False)

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.fields["file"].help_text = _(
            "An Excel workbook (.xlsx) or a CSV file, up to %(size)s: one row per record, headers on the first row "
            "(or under a title). A file exported from this product re-imports as it is."
        ) % {"size": filesizeformat(max_import_bytes())}
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv,.txt"

    def too_large_message(self) -> str:
        return _("The file is larger than %(size)s; it was not stored. Split it, or import a smaller file.") % {
            "size": filesizeformat(max_import_bytes())
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_import_bytes():
            raise forms.ValidationError(self.too_large_message(), code="too_large")
        return upload

    def full_clean(self):
        super().full_clean()
        if self.too_large and self.is_bound:
            self.errors["file"] = self.error_class([self.too_large_message()])
            self.cleaned_data.pop("file", None)


class ConfirmForm(StrictForm):
    ALL, VALID = "all", "valid"

    date_order = forms.ChoiceField(
        label=gettext_lazy("Dates such as 03/04/2026 are written"),
        choices=[
            ("", gettext_lazy("(choose)")),
            ("dmy", gettext_lazy("day first: 3 April 2026")),
            ("mdy", gettext_lazy("month first: March 4, 2026")),
        ],
        required=False,
    )
    mode = forms.ChoiceField(
        choices=[(ALL, gettext_lazy("Import all rows")), (VALID, gettext_lazy("Import the valid rows only"))],
        required=False,
    )


class MappingForm(StrictForm):
    """What each header of the file no column knows stands for, chosen once and kept for the operation: a field per
    header (``header_<index>``), offering the importer's columns not already matched, or "not imported"."""

    def __init__(self, *args, preview, ignore_value: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.preview = preview
        self.ignore_value = ignore_value
        taken = {column.key for index, column in preview.matched.items() if index not in preview.mapped}
        offered = [(column.key, str(column.header)) for column in preview.importer.columns if column.key not in taken]
        choices = [
            ("", gettext_lazy("(decide later)")),
            (ignore_value, gettext_lazy("Not imported: ignore this column")),
            *offered,
        ]
        self.headers = {}
        rows = [(index, "") for index in preview.unknown_at]
        rows += [(index, column.key) for index, column in preview.mapped.items()]
        rows += [(index, ignore_value) for index in preview.ignored_at]
        for index, initial in sorted(rows):
            name = f"header_{index}"
            self.headers[name] = preview.headers[index]
            self.fields[name] = forms.ChoiceField(
                label=preview.headers[index], choices=choices, required=False, initial=initial
            )

    def header_fields(self):
        """(bound field, header as in the file, saved) for the template."""
        saved = {f"header_{index}" for index in [*self.preview.mapped, *self.preview.ignored_at]}
        return [(self[name], header, name in saved) for name, header in self.headers.items()]

    def clean(self):
        cleaned = super().clean()
        chosen = {}
        for name, header in self.headers.items():
            value = cleaned.get(name) or ""
            if value and value != self.ignore_value and value in chosen:
                raise forms.ValidationError(
                    _("“%(first)s” and “%(second)s” cannot both be the column %(column)s.")
                    % {"first": chosen[value], "second": header, "column": dict(self.fields[name].choices)[value]},
                    code="twice",
                )
            chosen[value] = header
        return cleaned

    def choices(self) -> dict[str, str]:
        """Header as in the file -> the choice (a column key, the ignore value, or "" to forget)."""
        return {header: self.cleaned_data.get(name) or "" for name, header in self.headers.items()}
