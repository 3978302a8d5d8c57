from django.apps import AppConfig


class RecordKitConfig(AppConfig):
    """A record type written only inside the tests: one model, one form, one FilterSet, one declaration. Everything
    else it has (pages, routes, export, API, navigation entry) comes from the kit (tests/records proves it)."""

    name = "tests.recordkit"
    label = "recordkit"

    def ready(self):
        from cmcoord import records

        from .records import SITE_VISITS

        records.register(SITE_VISITS)
