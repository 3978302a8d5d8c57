"""What training events add to the reporting digests: the trainings held in the period with their participants.
Every number counts what the audience may count and says how much of it is restricted; only trainings the audience
may read under ``Action.DIGEST`` are named (their audience actors never are: they are read apart, and seldom
Unclassified)."""

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from cmcoord.core.access import Action
from digests.sections import DigestScope, counted, register

from .models import Training

# A digest names at most this many trainings; the rest are counted.
TRAININGS_LISTED = 25


@register("trainings", title=_("Trainings"), template="trainings/digest/trainings", order=70)
def trainings(scope: DigestScope) -> dict:
    """Trainings that started in the period: counted with their participants (one query), named (one)."""
    in_period = Q(start_date__gte=scope.start_date, start_date__lt=scope.end_date)
    visible = scope.visible(Training)
    totals = scope.countable(Training.objects.filter(in_period, operation=scope.operation)).aggregate(
        **scope.tally("n", Q(), Training),
        people=sum_of_participants(),
        people_visible=sum_of_participants(filter=visible),
    )
    listed = (
        Training.objects.restrict(scope.access, Action.DIGEST)
        .filter(in_period, operation=scope.operation)
        .order_by("start_date", "pk")[:TRAININGS_LISTED]
    )
    return {
        "count": counted(totals, "n"),
        "participants": counted(totals, "people"),
        "trainings": [
            {
                "title": training.title,
                "start": training.start_date.isoformat(),
                "end": training.end_date.isoformat(),
                "place": training.location,
                "topics": training.topic_labels,
                "participants": training.participants,
                "female": training.female,
                "male": training.male,
                "other": training.sex_other,
            }
            for training in listed
        ],
        "more": max(0, (totals["n_visible"] or 0) - TRAININGS_LISTED),
    }


def sum_of_participants(**options):
    return Sum("female", **options) + Sum("male", **options) + Sum("sex_other", **options)
