"""Pages of the actor registry: list, detail, and the forms of actors, assessments, relationships, contacts."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django_filters.views import FilterView

from cmcoord.core.access import Action, can
from cmcoord.core.openings import note_openings
from cmcoord.core.panels import Slot, panels
from cmcoord.core.versioning import VersionedEditMixin
from cmcoord.core.views import LastPageMixin, OperationFormMixin, OperationMixin, ScopedView
from cmcoord.gazetteer.selectors import attach_places
from cmcoord.records.services import edit_record

from ..choices import Stance
from ..filtersets import ActorFilterSet
from ..forms import ActorForm, AssessmentForm, ContactForm, RelationshipForm
from ..models import Actor, ActorAssessment, ActorRelationship, LiaisonContact, TaskActor
from ..selectors import actors_with_current_picture, group_links, restricted_assessments


def area_codes(actor) -> list[str]:
    return actor.area_list


class ActorListView(LastPageMixin, OperationMixin, ScopedView, FilterView):
    filterset_class = ActorFilterSet
    template_name = "actors/actor_list.html"
    paginate_by = 50

    def get_queryset(self):
        return actors_with_current_picture(self.request.user, self.operation).order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stance_labels"] = dict(Stance.choices)
        page = context["page_obj"]
        page.object_list = attach_places(self.request.user, page.object_list, area_codes, "area_places")
        return context


class ActorMixin(OperationMixin, ScopedView):
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
        if not assessments:
            context["restricted_assessments"] = restricted_assessments(user, actor)
        context["assessments"] = assessments
        context["relationships"] = (
            ActorRelationship.objects.restrict(user, Action.VIEW)
            .filter(Q(source=actor) | Q(target=actor))
            .select_related("source__operation", "target__operation")
        )
        context["contacts"] = contacts = list(LiaisonContact.objects.restrict(user, Action.VIEW).filter(actor=actor))
        note_openings(user, [actor, *contacts])
        context["children"] = Actor.objects.restrict(user, Action.VIEW).filter(parent=actor).select_related("operation")
        context["task_links"] = group_links(
            TaskActor.objects.restrict(user, Action.VIEW)
            .filter(actor=actor)
            .select_related("task__operation")
            .order_by("-task__created_at", "task__pk", "role"),
            lambda link: link.task,
        )
        context["panels"] = panels(Slot.ACTOR_DETAIL, self.request, actor)
        context["can_change"] = can(user, Action.CHANGE, actor)
        attach_places(user, [actor], area_codes, "area_places")
        return context


class ActorFormMixin(OperationFormMixin):
    operation_action = Action.CHANGE
    template_name = "actors/form.html"

    def get_success_url(self):
        return self.object.get_absolute_url()


class ActorCreateView(OperationMixin, ActorFormMixin, ScopedView, generic.CreateView):
    form_class = ActorForm
    heading = gettext_lazy("New actor")

    def get_success_message(self):
        return _("Actor %(actor)s recorded.") % {"actor": self.object}


class ActorEditView(VersionedEditMixin, ActorMixin, ActorFormMixin, generic.UpdateView):
    """Saved only if nobody saved the actor since the form was opened; else 409, the input kept, what changed shown."""

    form_class = ActorForm
    actor_action = Action.CHANGE
    heading = gettext_lazy("Edit actor")

    def get_object(self, queryset=None):
        return self.get_actor()

    def save_record(self, form):
        return edit_record(
            user=self.request.user,
            record=form.save(commit=False),
            expected_version=form.cleaned_data["version"],
            fields=self.merged_fields(),
        )

    def get_success_message(self):
        return _("Actor %(actor)s saved.") % {"actor": self.object}


class ActorPartCreateView(ActorMixin, ActorFormMixin, generic.CreateView):
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
