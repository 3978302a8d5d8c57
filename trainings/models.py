"""Training events: sessions for armed actors, authorities and humanitarians on IHL, protection and UN-CMCoord
(Guidance Note III.4, CB-1 to CB-5), with their reach by sex and by organisation type."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cmcoord.core.choices import Sensitivity
from cmcoord.core.places import PlaceFields
from cmcoord.core.validators import validate_sane_date
from cmcoord.records.models import Record

from .choices import ORGANISATION_FIELDS, SEX_FIELDS, TrainingTopic

SCORE_VALIDATORS = [
    MinValueValidator(0, message=_("A score is between 0 and 100.")),
    MaxValueValidator(100, message=_("A score is between 0 and 100.")),
]


def _participants(label):
    return models.PositiveIntegerField(label, default=0)


def _score(label):
    return models.DecimalField(
        label, max_digits=4, decimal_places=1, null=True, blank=True, validators=SCORE_VALIDATORS,
        help_text=_("Average, 0 to 100; empty if no test was taken."),
    )  # fmt: skip


class Training(PlaceFields, Record):
    """One training event or workshop.

    Confidential by default: an audience of armed forces units or armed groups, and who attended from them, is
    information about armed actors (DOMAIN.md, do no harm). A public dissemination session may be Unclassified, so
    that the HCT reads it in its digest.
    """

    operation = models.ForeignKey(
        "operations.CountryOperation", on_delete=models.PROTECT, related_name="trainings", verbose_name=_("operation")
    )
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"), validators=[validate_sane_date])
    end_date = models.DateField(_("end date"), validators=[validate_sane_date])
    topics = models.JSONField(_("topics"), default=list, blank=True)
    audience = models.ManyToManyField(
        "actors.Actor", blank=True, related_name="trainings", verbose_name=_("audience"),
        help_text=_("The actors trained, e.g. armed forces units."),
    )  # fmt: skip
    partners = models.CharField(
        _("co-facilitating partners"), max_length=300, blank=True, help_text=_("e.g. ICRC, Protection Cluster")
    )
    female = _participants(_("female"))
    male = _participants(_("male"))
    sex_other = _participants(_("other or undisclosed"))
    from_military = _participants(_("military"))
    from_police = _participants(_("police and gendarmerie"))
    from_nsag = _participants(_("non-state armed group"))
    from_authorities = _participants(_("civil authorities"))
    from_humanitarian = _participants(_("humanitarian"))
    from_other = _participants(_("other organisations"))
    pre_test_score = _score(_("pre-test average score"))
    post_test_score = _score(_("post-test average score"))
    notes = models.TextField(_("notes"), blank=True)
    tasks = models.ManyToManyField(
        "protection_tasks.Task", blank=True, related_name="trainings", verbose_name=_("tasks")
    )
    sensitivity = models.PositiveSmallIntegerField(
        _("sensitivity"), choices=Sensitivity, default=Sensitivity.CONFIDENTIAL
    )

    history = HistoricalRecords(m2m_fields=[audience, tasks])

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="training_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=(Q(pre_test_score__isnull=True) | Q(pre_test_score__gte=0, pre_test_score__lte=100))
                & (Q(post_test_score__isnull=True) | Q(post_test_score__gte=0, post_test_score__lte=100)),
                name="training_scores_0_to_100",
                violation_error_message=_("A score is between 0 and 100."),
            ),
        ]
        indexes = [
            models.Index(fields=["operation", "-start_date", "-id"], include=["sensitivity"], name="training_by_date"),
        ]

    def __str__(self):
        return f"{self.start_date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("trainings:detail", kwargs={"code": self.operation.code, "pk": self.pk})

    @property
    def participants(self) -> int:
        return sum(getattr(self, name) for name, _label in SEX_FIELDS)

    @property
    def by_sex(self) -> list:
        return [(label, getattr(self, name)) for name, label in SEX_FIELDS]

    @property
    def by_organisation(self) -> list:
        return [(label, getattr(self, name)) for name, label in ORGANISATION_FIELDS]

    @property
    def topic_labels(self) -> list:
        return [str(TrainingTopic(code).label) for code in self.topics if code in TrainingTopic.values]

    def clean(self):
        super().clean()
        errors = self.place_errors()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if not isinstance(self.topics, list) or any(code not in TrainingTopic.values for code in self.topics):
            errors["topics"] = _("Choose topics from the list.")
        by_organisation = sum(getattr(self, name) or 0 for name, _label in ORGANISATION_FIELDS)
        by_sex = sum(getattr(self, name) or 0 for name, _label in SEX_FIELDS)
        if by_organisation and by_organisation != by_sex:
            errors["from_other"] = _(
                "The participants by organisation type add up to %(organisation)s, by sex to %(sex)s: both count "
                "the same people. Leave the organisation types at 0 if they are not known."
            ) % {"organisation": by_organisation, "sex": by_sex}
        if errors:
            raise ValidationError(errors)
