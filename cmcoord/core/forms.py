"""Form bases. Every model choice a form offers passes through the same scoping as the pages, and every field
follows the strict input rules of :mod:`cmcoord.core.inputs` (a test walks the project's forms to hold that)."""

from django import forms
from django.db import transaction

from .access import Action
from .inputs import StrictInputMixin
from .widgets import use_chooser


class StrictForm(StrictInputMixin, forms.Form):
    """The base of a form that is not about one model: strict input (ASCII numbers, dates 2000 to 2100 …)."""


class StrictModelForm(StrictInputMixin, forms.ModelForm):
    """The base of a model form that offers no scoped choice (e.g. an operation's own settings)."""


class ScopedModelForm(StrictModelForm):
    """A ModelForm that takes the acting ``user`` and narrows every scoped choice field to what they may see.

    A hand-posted id outside the user's scope then fails validation like any invalid choice. Every multiple choice
    of records drawn as a plain ``<select multiple>`` becomes a :class:`~cmcoord.core.widgets.Chooser`, so a new
    form gets the searchable chooser without asking. Subclasses narrow
    ``self.fields[name].queryset`` further after ``super().__init__``; they never replace it with a plain one.

    ``set_by_form`` names model fields the form fills in itself (the page's operation, the parent record).
    Django leaves fields that are not on the form out of unique and constraint validation; naming them here
    puts them back, so a duplicate is a clear form error instead of a database error.
    """

    set_by_form: tuple[str, ...] = ()

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        replaced = self.choices_replaced()
        for name, field in self.fields.items():
            if name in replaced:
                continue
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                field.queryset = queryset.restrict(user, Action.VIEW)
            use_chooser(field)

    def choices_replaced(self) -> frozenset[str]:
        """Fields a subclass replaces, in its ``__init__``, by fields of choices read and narrowed once for many
        forms (an import's rows): not narrowed here again, only to be thrown away. None by default."""
        return frozenset()

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() - set(self.set_by_form)


class OperationBoundForm(ScopedModelForm):
    """A form whose record belongs to the operation of the page (never to one posted by hand)."""

    set_by_form = ("operation",)

    def __init__(self, *args, operation, **kwargs):
        self.operation = operation
        super().__init__(*args, **kwargs)

    def _post_clean(self):
        self.instance.operation = self.operation
        super()._post_clean()


def save_with_form(form, user, save):
    """Call ``save`` (which writes the form's record and returns it), then what the form writes beside the record
    (an HCT summary: ``summaries.forms``), its ``after_save(user, record)`` if it has one, in one transaction."""
    after_save = getattr(form, "after_save", None)
    if after_save is None:
        return save()
    with transaction.atomic():
        record = save()
        after_save(user, record)
        return record
