"""Pages of the actor registry: list, detail, forms, stakeholder map and relationship network."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django_filters.views import FilterView

from cmcoord.core.views import OperationMixin, OperationPermission, ScopedFormMixin
from cmcoord.operations.access import Action

from . import graphics
from .choices import ActorCategory, RelationshipType, Stance
from .filtersets import ActorFilterSet, MapFilterSet
from .forms import ActorForm, AssessmentForm, ContactForm, RelationshipForm
from .models import Actor, ActorAssessment, ActorRelationship, LiaisonContact, MissionComponent, TaskActor
from .selectors import actors_with_current_picture, relationships_for_network


class ActorListView(OperationMixin, FilterView):
    filterset_class = ActorFilterSet
    template_name = "actors/actor_list.html"
    paginate_by = 50

    def get_queryset(self):
        return actors_with_current_picture(self.request.user, self.operation).order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stance_labels"] = dict(Stance.choices)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class ActorMixin(OperationMixin):
    actor_action = Action.VIEW

    def get_actor(self):
        if not hasattr(self, "_actor"):
            self._actor = get_object_or_404(
                Actor.objects.restrict(self.request.user, self.actor_action)
                .select_related("operation")
                .with_scoped(self.request.user, "parent"),
                operation=self.operation,
                pk=self.kwargs["pk"],
            )
        return self._actor


class ActorDetailView(ActorMixin, generic.DetailView):
    template_name = "actors/actor_detail.html"
    context_object_name = "actor"

    def get_object(self, queryset=None):
        return self.get_actor()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, actor = self.request.user, self.object
        assessments = list(
            ActorAssessment.objects.restrict(user, Action.VIEW).filter(actor=actor).select_related("assessor")
        )
        context["current"] = assessments[0] if assessments else None
        context["assessments"] = assessments
        context["relationships"] = (
            ActorRelationship.objects.restrict(user, Action.VIEW)
            .filter(Q(source=actor) | Q(target=actor))
            .select_related("source__operation", "target__operation")
        )
        context["contacts"] = LiaisonContact.objects.restrict(user, Action.VIEW).filter(actor=actor)
        context["children"] = Actor.objects.restrict(user, Action.VIEW).filter(parent=actor).select_related("operation")
        context["task_links"] = (
            TaskActor.objects.restrict(user, Action.VIEW).filter(actor=actor).select_related("task__operation")
        )
        context["components"] = (
            MissionComponent.objects.restrict(user, Action.VIEW).filter(actor=actor).select_related("mission")
        )
        context["can_change"] = Actor.objects.restrict(user, Action.CHANGE).filter(pk=actor.pk).exists()
        return context


class ActorFormMixin(ScopedFormMixin):
    operation_permission = OperationPermission.EDIT
    template_name = "actors/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "operation": self.operation}

    def get_success_url(self):
        return self.object.get_absolute_url()


class ActorCreateView(ActorFormMixin, OperationMixin, generic.CreateView):
    form_class = ActorForm
    heading = gettext_lazy("New actor")

    def get_success_message(self):
        return _("Actor %(actor)s recorded.") % {"actor": self.object}


class ActorEditView(ActorFormMixin, ActorMixin, generic.UpdateView):
    form_class = ActorForm
    actor_action = Action.CHANGE
    heading = gettext_lazy("Edit actor")

    def get_object(self, queryset=None):
        return self.get_actor()

    def get_success_message(self):
        return _("Actor %(actor)s saved.") % {"actor": self.object}


class ActorPartCreateView(ActorFormMixin, ActorMixin, generic.CreateView):
    """Adds an assessment, relationship or contact to the actor of the URL (which the user may change)."""

    actor_action = Action.CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.get_actor()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "actor": self.get_actor()}

    def get_success_url(self):
        return self.get_actor().get_absolute_url()


class AssessmentCreateView(ActorPartCreateView):
    form_class = AssessmentForm
    heading = gettext_lazy("New assessment")

    def get_success_message(self):
        return _("Assessment recorded: this is now the current picture of %(actor)s.") % {"actor": self.get_actor()}


class RelationshipCreateView(ActorPartCreateView):
    form_class = RelationshipForm
    heading = gettext_lazy("New relationship")

    def get_success_message(self):
        return _("Relationship recorded.")


class ContactCreateView(ActorPartCreateView):
    form_class = ContactForm
    heading = gettext_lazy("New liaison contact")

    def get_success_message(self):
        return _("Contact recorded.")


class StakeholderMapView(OperationMixin, generic.TemplateView):
    """Influence-by-interest grid of the operation's actors, coloured by stance, with a table alternative."""

    template_name = "actors/stakeholder_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = MapFilterSet(
            self.request.GET, queryset=actors_with_current_picture(self.request.user, self.operation).order_by("name")
        )
        actors = list(filterset.qs)
        stances = dict(Stance.choices)
        categories = dict(ActorCategory.choices)
        mapped = [actor for actor in actors if actor.current_influence and actor.current_interest]
        points = [
            graphics.MapPoint(
                key=str(actor.pk),
                label=str(actor),
                url=actor.get_absolute_url(),
                influence=actor.current_influence,
                interest=actor.current_interest,
                stance=actor.current_stance,
                stance_label=str(stances[actor.current_stance]),
                category_label=str(categories[actor.category]),
            )
            for actor in mapped
        ]
        context["svg"] = graphics.stakeholder_map_svg(
            points,
            title=_("Stakeholder map of %(operation)s") % {"operation": self.operation},
            x_label=_("Interest in protection and access outcomes"),
            y_label=_("Influence"),
            legend={key: str(label) for key, label in Stance.choices},
        )
        context["filter"] = filterset
        context["mapped"] = mapped
        context["unassessed"] = [actor for actor in actors if actor not in mapped]
        context["stance_labels"] = stances
        return context


class NetworkView(OperationMixin, generic.TemplateView):
    """The operation's actors and their typed relationships as a graph, with a table alternative."""

    template_name = "actors/network.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = MapFilterSet(
            self.request.GET,
            queryset=Actor.objects.restrict(self.request.user, Action.VIEW).filter(operation=self.operation),
        )
        actors = list(filterset.qs.select_related("operation").order_by("name"))
        shown = {actor.pk for actor in actors}
        relationships = [
            relation
            for relation in relationships_for_network(self.request.user, self.operation)
            if relation.source_id in shown and relation.target_id in shown
        ]
        categories = dict(ActorCategory.choices)
        kinds = dict(RelationshipType.choices)
        nodes = [
            graphics.NetworkNode(str(a.pk), str(a), a.get_absolute_url(), a.category, str(categories[a.category]))
            for a in actors
        ]
        edges = [
            graphics.NetworkEdge(
                str(r.source_id), str(r.target_id), r.relationship_type, str(kinds[r.relationship_type]), r.confidence
            )
            for r in relationships
        ]
        context["svg"] = graphics.network_svg(
            nodes,
            edges,
            title=_("Relationships between actors in %(operation)s") % {"operation": self.operation},
            legend_groups={key: str(label) for key, label in ActorCategory.choices},
            legend_kinds={key: str(label) for key, label in RelationshipType.choices},
        )
        context["filter"] = filterset
        context["relationships"] = relationships
        context["actor_count"] = len(actors)
        return context
