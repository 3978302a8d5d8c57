"""A minimal concrete record used only by tests, to exercise the shared scoping base before domain apps exist."""

from django.db import models

from cmcoord.core.scoping import OperationRecord, ScopedModel


class Note(OperationRecord):
    """A titled note in an operation, at some sensitivity level."""

    title = models.CharField(max_length=100)

    class Meta:
        app_label = "scopedapp"

    def __str__(self):
        return self.title


class NoteComment(ScopedModel):
    """A child record scoped through its parent note (operation and sensitivity are the note's)."""

    scope_operation_field = "note__operation"
    scope_sensitivity_field = "note__sensitivity"

    note = models.ForeignKey(Note, on_delete=models.CASCADE)
    text = models.CharField(max_length=100)

    class Meta:
        app_label = "scopedapp"

    def __str__(self):
        return self.text


class NoteLink(OperationRecord):
    """A record that shows two notes: never more visible than itself or either note."""

    scope_sensitivity_field = ("sensitivity", "source__sensitivity", "target__sensitivity")

    source = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="+")

    class Meta:
        app_label = "scopedapp"

    def __str__(self):
        return f"{self.source} → {self.target}"
