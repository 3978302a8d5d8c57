"""How the tests make a record of each registered record type: its factory and the text field that marks it.

A record type registered without an entry here fails ``test_every_record_type_is_in_the_matrix``: adding a type
adds it to the permission matrix by one line.
"""

from datetime import date

from tests import factories

# model label: (factory, the text field a marker goes in)
KINDS = {
    "trainings.training": (factories.TrainingFactory, "title"),
    "incidents.accessincident": (factories.AccessIncidentFactory, "title"),
    "deconfliction.notification": (lambda **kwargs: _notification(**kwargs), "title"),
    "engagements.engagement": (factories.EngagementFactory, "summary"),
    "engagements.keymessage": (factories.KeyMessageFactory, "title"),
    "planning.planningdocument": (factories.PlanningDocumentFactory, "title"),
    "planning.mcdarequest": (factories.MCDARequestFactory, "requested"),
    "recordkit.sitevisit": (
        lambda **kwargs: _site_visit(**kwargs),
        "title",
    ),
}


def _notification(**kwargs):
    """A notification to one party of its operation (its form requires one)."""
    party = factories.ActorFactory(operation=kwargs["operation"], party_to_conflict=True, sensitivity=1)
    return factories.NotificationFactory(parties=[party], **kwargs)


def _site_visit(**kwargs):
    from tests.recordkit.models import SiteVisit

    return SiteVisit.objects.create(visited_on=date(2026, 1, 10), **kwargs)


def make(record_type, *, operation, sensitivity, marker):
    factory, field = KINDS[record_type.model._meta.label_lower]
    return factory(operation=operation, sensitivity=sensitivity, **{field: marker})
