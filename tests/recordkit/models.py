from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cmcoord.core.places import PlaceFields
from cmcoord.records.models import Record


class SiteVisit(PlaceFields, Record):
    """A visit to a site: what a record type needs and nothing more."""

    operation = models.ForeignKey("operations.CountryOperation", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("title", max_length=200)
    visited_on = models.DateField("visited on")
    notes = models.TextField("notes", blank=True)
    tasks = models.ManyToManyField("protection_tasks.Task", blank=True, related_name="+")

    history = HistoricalRecords(m2m_fields=[tasks])

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("site-visits:detail", kwargs={"code": self.operation.code, "pk": self.pk})

    def clean(self):
        super().clean()
        if errors := self.place_errors():
            from django.core.exceptions import ValidationError

            raise ValidationError(errors)
