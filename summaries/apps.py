from django.apps import AppConfig, apps
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class SummariesConfig(AppConfig):
    name = "summaries"
    verbose_name = _("Summaries for the HCT")

    def ready(self):
        from cmcoord.core import navigation
        from cmcoord.core.navigation import Group, Section

        from . import digests, panels, services, signals  # noqa: F401 - registration

        navigation.register(Section(Group.OPERATION, _("Summaries for the HCT"), "summaries:list", order=25))
        for model in apps.get_models():
            if services.summarised(model):
                post_save.connect(signals.record_saved, sender=model, dispatch_uid=f"summary-sync-{model._meta.label}")
        post_save.connect(
            signals.operation_saved, sender=apps.get_model("operations", "CountryOperation"), dispatch_uid="summaries"
        )
