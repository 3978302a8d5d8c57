"""The stakeholder map and the relationship network of an operation, each with a table alternative."""

from __future__ import annotations

from cmcoord.core.views import OperationPageView

from ..graphics.pages import network_context, stakeholder_map_context


class StakeholderMapView(OperationPageView):
    """Influence-by-interest grid of the operation's actors, coloured by stance, with a table alternative."""

    template_name = "actors/stakeholder_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(stakeholder_map_context(user=self.request.user, operation=self.operation, data=self.request.GET))
        return context


class NetworkView(OperationPageView):
    """The operation's actors and their typed relationships as a graph, with a table alternative."""

    template_name = "actors/network.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(network_context(user=self.request.user, operation=self.operation, data=self.request.GET))
        return context
