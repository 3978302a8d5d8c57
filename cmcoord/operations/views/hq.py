"""The cross-country dashboard of CMCS HQ: the reader's operations side by side, over a chosen period.

Open to every signed-in user: it shows only the operations the reader has a standing in (``visible_to``), so
an HQ reader of every operation compares them all, an HQ reader of a listed set those, and an officer or HCT
member their own; someone with no standing sees an empty page. Anonymous visitors are sent to sign in by the
middleware, like everywhere else. The sections come from the apps, registered for ``Slot.HQ_DASHBOARD``, with
the filters' :class:`~cmcoord.operations.crosscountry.CrossCountryScope` as their subject.
"""

from django.views import generic

from cmcoord.core.access import access_for
from cmcoord.core.panels import Slot, panels
from cmcoord.core.views import ScopedView

from ..choices import CMCoordStrategy, OCHARegion
from ..crosscountry import CrossCountryFilterForm, crosscountry_scope


class HeadquartersDashboardView(ScopedView, generic.TemplateView):
    """Filters (period, region, strategy) and the apps' panels for the operations that match them.

    Invalid filters (a date that is not one, a period that ends before it starts) re-render the form with its
    errors and no panel, never an error page.
    """

    template_name = "operations/hq_dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CrossCountryFilterForm(self.request.GET)
        context["form"] = form
        context["is_hq"] = access_for(self.request.user).is_hq
        if not form.is_valid():
            return context
        scope = crosscountry_scope(self.request.user, form)
        context["scope"] = scope
        context["region_label"] = OCHARegion(scope.region).label if scope.region else ""
        context["strategy_label"] = CMCoordStrategy(scope.strategy).label if scope.strategy else ""
        context["panels"] = panels(Slot.HQ_DASHBOARD, self.request, scope) if scope.operations else []
        return context
