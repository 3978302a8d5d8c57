"""The home page: each operation the user has a standing in, with what apps add to its card."""

from django.db.models import Count, Q
from django.views import generic

from cmcoord.core.access import access_for
from cmcoord.core.choices import Role, Standing
from cmcoord.core.panels import Slot, panels_for_each
from cmcoord.core.views import ScopedView

from ..models import CountryOperation


def _member_counts():
    return {
        f"{role}_count": Count("memberships", filter=Q(memberships__role=role), distinct=True) for role in Role.values
    }


class HomeView(ScopedView, generic.TemplateView):
    """Each operation the user has a standing in, with their role there and what apps add to its card."""

    template_name = "operations/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = access_for(self.request.user)
        # Explicit order: Django does not apply Meta.ordering to aggregated queries.
        operations = list(
            CountryOperation.objects.visible_to(self.request.user).annotate(**_member_counts()).order_by("name")
        )
        card_panels = panels_for_each(Slot.HOME_OPERATION, self.request, operations)
        for operation in operations:
            operation.my_role = access.standing_in(operation.pk)
            operation.panels = card_panels[operation.pk]
        context["operations"] = operations
        context["role_labels"] = dict(Standing.choices)  # HQ included: it is a standing, not a role
        return context
