from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "cmcoord.operations"
    verbose_name = _("Country operations")

    def ready(self):
        from cmcoord.core import navigation
        from cmcoord.core.access import Action
        from cmcoord.core.navigation import Group, Section

        navigation.register(
            Section(Group.DASHBOARD, _("Dashboard"), "operations:detail", order=0, exact=True),
            Section(
                Group.OPERATION,
                _("About and members"),
                "operations:about",
                order=10,
                also=("operations:member-add", "operations:member-role", "operations:member-remove"),
            ),
            Section(Group.OPERATION, _("Settings"), "operations:settings", order=20, action=Action.MANAGE),
            Section(Group.OPERATION, _("Change history"), "operations:history", order=40, action=Action.CHANGE),
            Section(Group.OPERATION, _("Who opened what"), "operations:openings", order=45, action=Action.MANAGE),
        )
