"""The site administration: accounts, operations and their members, reference data, and repair of Unclassified rows.

Being a site administrator grants no reading of the operations' records on the product's pages, and the
administration is not a side door to them. It reads every operation's records through the one access policy,
as ``SITE_ADMINISTRATION`` under ``Action.ADMINISTER`` (Unclassified records only), on every page it has:

- lists, search, change pages, history and each past version show only rows the policy lets it administer; a
  version of a record from a time it stood at a higher level is not listed, and a link to a hidden record (a
  foreign key's label, a many-to-many choice) is never named;
- nothing in it changes a record's level or revives an old version: sensitivity is read-only, "revert" is off
  (a POST to a version answers 405), and an operation's records are created on the product's pages only,
  where their services run;
- a deletion whose cascade would reach a record it may not administer is refused, naming only the number
  of such records.

Every model registered on the site gets this (:class:`ProductAdminSite` mixes :class:`PolicyAdminMixin` into
each admin class), so an app registering a model cannot forget it.
"""

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, unquote
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .access import SITE_ADMINISTRATION, Action, ScopeRule, _rule_of, scope_q, sensitivity_fields
from .choices import Sensitivity

BIGINT_MAX = 2**63 - 1
#: Rules whose rows carry a level of their own or of the record they belong to.
LEVELLED_RULES = frozenset({ScopeRule.RECORD, ScopeRule.ATTACHED})


def is_scoped(model) -> bool:
    return hasattr(model, "scope_rule") and hasattr(model.objects, "restrict")


def is_levelled(model) -> bool:
    """Does the model hold an operation's records, with a sensitivity level (its own or its record's)?"""
    return is_scoped(model) and _rule_of(model) in LEVELLED_RULES


def administered_q(model) -> Q:
    """The rows of ``model`` the site administration may see and repair: the policy's ``ADMINISTER`` filter."""
    return scope_q(model, SITE_ADMINISTRATION, Action.ADMINISTER) if is_scoped(model) else ~Q(pk__in=[])


def administered(queryset):
    return queryset.filter(administered_q(queryset.model)) if is_scoped(queryset.model) else queryset


def _id_or_404(model, value) -> None:
    try:
        pk = model._meta.pk.to_python(unquote(value))
    except ValidationError:
        raise Http404 from None
    if isinstance(pk, int) and not -BIGINT_MAX <= pk <= BIGINT_MAX:
        raise Http404


class AdministeredRawIdWidget(ForeignKeyRawIdWidget):
    """The raw-id widget names the chosen row only where the administration may see it (else just its id)."""

    def label_and_url_for_value(self, value):
        model = self.rel.model
        key = self.rel.get_related_field().name
        try:
            if not administered(model._default_manager.using(self.db)).filter(**{key: value}).exists():
                return "", ""
        except (ValueError, ValidationError):
            return "", ""
        return super().label_and_url_for_value(value)


class PolicyFieldsMixin:
    """Rows and related-record choices through the policy: for model admins and inlines alike."""

    def get_queryset(self, request):
        return administered(super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if is_scoped(related):
            kwargs.setdefault("queryset", administered(related._default_manager.all()))
            if db_field.name in self.raw_id_fields:
                kwargs["widget"] = AdministeredRawIdWidget(db_field.remote_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if is_levelled(db_field.related_model):
            return None  # links to records with a level are made on the product's pages, never listed here
        if is_scoped(db_field.related_model):
            kwargs.setdefault("queryset", administered(db_field.related_model._default_manager.all()))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if is_levelled(self.model):  # an operation may hold tens of thousands of records: ids, never a drop-down
            fks = [f.name for f in self.model._meta.get_fields() if f.many_to_one and f.concrete]
            self.raw_id_fields = tuple(dict.fromkeys([*self.raw_id_fields, *fks]))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if is_levelled(self.model):  # a level changes through the product's services only
            fields += [name for name in sensitivity_fields(self.model) if "__" not in name]
        return fields

    def has_add_permission(self, request, *args):
        if is_levelled(self.model):
            return False  # records are made on the product's pages, where their services and checks run
        return super().has_add_permission(request, *args)


class PolicyAdminMixin(PolicyFieldsMixin):
    """What every admin class of the site gets (see the module's docstring)."""

    # -- history: only versions the administration may see, read-only --

    def history_view(self, request, object_id, extra_context=None):
        _id_or_404(self.model, object_id)
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404  # the history of a hidden or deleted record is not read from its past versions
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])  # no revert: an old version never comes back from here
        _id_or_404(self.model, object_id)
        _id_or_404(self.model.history.model, version_id)
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404
        of_record = {self.model._meta.pk.attname: unquote(object_id)}  # ``pk`` of a version is its history_id
        versions = self._administered_history(self.model.history.filter(**of_record))
        if not versions.filter(history_id=unquote(version_id)).exists():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        return self._administered_history(super().get_history_queryset(request, history_manager, pk_name, object_id))

    def _administered_history(self, versions):
        """Versions whose own levels (as they were) are within the administration's."""
        fields = sensitivity_fields(self.model) if is_levelled(self.model) else ()
        if not fields:
            return versions
        return versions.filter(**{f"{name}__lte": Sensitivity.UNCLASSIFIED for name in fields})

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # A changed link reads as ids: the record it pointed to may be one the administration may not see.
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs=False)

    def revert_disabled(self, request, obj=None):
        return True

    # -- deletion: never through a record the administration may not see --

    def get_deleted_objects(self, objs, request):
        hidden = _hidden_in_cascade(objs)
        if hidden:
            refused = [
                ngettext(
                    "%(count)d %(name)s that the site administration may not see",
                    "%(count)d %(name)s that the site administration may not see",
                    count,
                )
                % {"count": count, "name": name}
                for name, count in hidden
            ]
            return [], {}, set(), refused
        return super().get_deleted_objects(objs, request)


def _hidden_in_cascade(objs) -> list[tuple[str, int]]:
    """(verbose name, count) of the rows a deletion of ``objs`` would delete, or that stand in its way (protected
    links), that the administration may not see."""
    objs = list(objs)
    if not objs:
        return []
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    reached: dict = {}
    for model, instances in collector.data.items():
        reached.setdefault(model, set()).update(obj.pk for obj in instances)
    for obj in collector.protected:
        reached.setdefault(type(obj), set()).add(obj.pk)
    hidden = []
    for model, pks in reached.items():
        if not is_scoped(model):
            continue
        count = model._base_manager.filter(pk__in=pks).exclude(administered_q(model)).count()
        if count:
            hidden.append((str(model._meta.verbose_name_plural if count > 1 else model._meta.verbose_name), count))
    return hidden


class ProductAdminSite(admin.AdminSite):
    """The site administration, for superusers only; every admin class on it goes through the policy."""

    site_header = _("CMCoord Tracker administration")
    site_title = _("CMCoord Tracker administration")
    # No "recent actions": their labels were written when the record was changed and may name one since raised.
    index_template = "admin/product_index.html"

    def has_permission(self, request):
        """Staff status alone does not open the administration."""
        return request.user.is_active and request.user.is_superuser

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, PolicyAdminMixin):
            admin_class = type(admin_class.__name__, (PolicyAdminMixin, admin_class), {"__module__": __name__})
        admin_class.inlines = [_with_policy(inline) for inline in admin_class.inlines]
        return super().register(model_or_iterable, admin_class, **options)


def _with_policy(inline):
    if issubclass(inline, PolicyFieldsMixin):
        return inline
    return type(inline.__name__, (PolicyFieldsMixin, inline), {"__module__": inline.__module__})


class HistoryAdmin(SimpleHistoryAdmin):
    """An admin that keeps and shows history (read-only: see :class:`PolicyAdminMixin`)."""


class RecordAdmin(PolicyAdminMixin, HistoryAdmin):
    """Admin of an operation's records: related records chosen by id, history kept, what the policy allows only."""

    list_per_page = 50
    show_full_result_count = False
