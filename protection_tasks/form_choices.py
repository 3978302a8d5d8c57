"""The task form's choices read once for many forms: an import checks each row of a batch with a task form of its
own (the page's rules), and with :class:`TaskFormChoices` none of those forms asks the database for its choices or,
where the condition can be read in Python, for a check constraint's verdict."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import CheckConstraint, F, Q, QuerySet

from .forms import RecurrenceFields, TaskForm


class TaskFormChoices:
    """The choices of the task form of one operation, for one user, read once for many forms: an import checks each
    row with a form of its own, and with this none of them asks the database for its choices.

    The choices are those of a form built as the page builds it (same querysets, same restrictions), evaluated once;
    a form given this object looks a submitted value up among them, with the messages of Django's own fields. Check
    constraints are read in Python where their condition is plain (:func:`_holds`), else asked of the database once
    per distinct set of the values they read.
    """

    LOOKED_UP = ("activity", "owner", "collaborators", "protection_priorities")

    def __init__(self, user, operation, *, activities=None, gazetteer=None):
        self.user, self.operation = user, operation
        template = TaskForm(user=user, operation=operation, activities=activities, gazetteer=gazetteer)
        self.fields = {name: template.fields[name] for name in self.LOOKED_UP}
        self.base_fields = _LightlyCopied(TaskForm.base_fields)  # what each form starts from (``TaskForm``)
        self.recurrence_fields = _LightlyCopied(RecurrenceFields.base_fields)
        self.activity_ids = {choice for _area, group in self.fields["activity"].choices[1:] for choice, _ in group}
        self.objects = {name: {str(o.pk): o for o in field.queryset} for name, field in self.fields.items()}
        self._constraints: dict = {}
        self._existing: set = set()  # (foreign key, value) found to exist

    def fits(self, instance) -> bool:
        """Whether these choices are the form's for ``instance``: a task whose current activity is no longer in the
        catalogue keeps it as a choice, and that form reads its own."""
        return instance.activity_id is None or instance.activity_id in self.activity_ids

    def use(self, form: TaskForm) -> None:
        """Give ``form`` the choice fields built once, each looking a value up among the objects read once."""
        for name, field in self.fields.items():
            form.fields[name] = copy = _light(field)  # its queryset, already read, shared
            _look_up_in(copy, self.objects[name])

    def clean_fields(self, instance, exclude, clean_fields) -> None:
        """``instance.clean_fields(exclude)`` (``clean_fields``: the model's own), a foreign key that was found to
        exist once for these choices not asked of the database again (the task's own write checks the task again:
        its operation, activity and owner are asked once a batch, not once a row)."""
        exclude = set(exclude or ())
        keys = {
            (field.name, getattr(instance, field.attname))
            for field in instance._meta.concrete_fields
            if field.many_to_one and field.name not in exclude and getattr(instance, field.attname) is not None
        }
        clean_fields(exclude | {name for name, value in keys & self._existing})
        self._existing |= keys  # no error raised: each of them exists

    def validate_constraints(self, instance, exclude) -> None:
        """``instance.validate_constraints(exclude)``, a check constraint's verdict kept for the values it reads
        (unique constraints, which depend on other rows, are asked each time)."""
        using = router.db_for_write(type(instance), instance=instance)
        errors = {}
        for model_class, constraints in instance.get_constraints():
            for constraint in constraints:
                try:
                    if isinstance(constraint, CheckConstraint):
                        self._check(constraint, model_class, instance, exclude, using)
                    else:
                        constraint.validate(model_class, instance, exclude=exclude, using=using)
                except ValidationError as error:
                    if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                        errors.setdefault(constraint.fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _check(self, constraint, model_class, instance, exclude, using) -> None:
        if exclude and constraint._expression_refs_exclude(model_class, constraint.condition, exclude):
            return
        verdict = _holds(constraint.condition, instance)
        if verdict is True:
            return
        if verdict is None:  # a condition this cannot read: the database's verdict, asked once per set of values
            fields = sorted(constraint.condition.referenced_base_fields)
            values = tuple(getattr(instance, model_class._meta.get_field(name).attname) for name in fields)
            key = (model_class, constraint.name, values)
            if key not in self._constraints:
                try:
                    constraint.validate(model_class, instance, exclude=exclude, using=using)
                    self._constraints[key] = None
                except ValidationError as error:
                    self._constraints[key] = error
            if self._constraints[key] is not None:
                raise self._constraints[key]
            return
        constraint.validate(model_class, instance, exclude=exclude, using=using)  # broken: the database's message


_COMPARE = {
    "exact": lambda a, b: a == b,
    "in": lambda a, b: a in b,
    "gte": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "lte": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
}


def _holds(condition, instance):
    """Whether ``condition`` (a Q of plain field lookups: exact, in, isnull, comparisons, with ``F`` of a field) holds
    for ``instance``, read in Python: True, False, or None when it cannot tell (a lookup or expression of another
    kind, or a comparison with a missing value): then the database decides."""
    if condition.connector not in (Q.AND, Q.OR):
        return None
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(_holds(child, instance))
        elif isinstance(child, tuple) and len(child) == 2:
            results.append(_lookup_holds(instance, *child))
        else:
            return None
    decisive = condition.connector == Q.OR  # True settles an OR, False an AND; else unknown leaves it unknown
    if decisive in results:
        value = decisive
    elif None in results:
        return None
    else:
        value = not decisive
    return not value if condition.negated else value


def _lookup_holds(instance, lookup, expected):
    name, _sep, kind = lookup.partition("__")
    kind = kind or "exact"
    try:
        field = instance._meta.get_field(name)
    except Exception:
        return None
    if "__" in kind or not getattr(field, "concrete", False) or (field.is_relation and kind != "isnull"):
        return None
    value = getattr(instance, field.attname)
    if kind == "isnull":
        return (value is None) is bool(expected)
    if isinstance(expected, F):
        try:
            expected = getattr(instance, instance._meta.get_field(expected.name).attname)
        except Exception:
            return None
    elif hasattr(expected, "resolve_expression"):
        return None
    compare = _COMPARE.get(kind)
    if compare is None:
        return None
    if value is None or expected is None:
        return None  # NULL compared is unknown: the database says what the constraint makes of it
    try:
        return bool(compare(value, expected))
    except TypeError:
        return None


class _LightlyCopied(dict):
    """A form class's base fields, which each of many forms copies as Django's forms do (``copy.deepcopy`` of
    ``base_fields``), here a light copy of each field (:func:`_light`): a form that is checked and never shown needs
    its own field objects, not its own copies of their choices and widgets' choices, read only. A deep copy of the
    page form's 17 fields took 0.5 ms, a quarter of the check of an import's row."""

    def __deepcopy__(self, memo):
        return {name: _light(field) for name, field in self.items()}


def _light(field):
    """A copy of a field whose own attributes, widget, widget attributes, messages and validators are its own,
    sharing only its choices and queryset (Django's deep copy copies them too)."""
    copy = _plain_copy(field)
    copy.widget = _plain_copy(field.widget)
    copy.widget.attrs = dict(field.widget.attrs)
    copy.error_messages = dict(field.error_messages)
    copy.validators = list(field.validators)
    return copy


def _plain_copy(instance):
    """``copy.copy`` of an object whose state is its ``__dict__`` (a form field, a widget), five times faster."""
    copy = object.__new__(type(instance))
    copy.__dict__.update(instance.__dict__)
    return copy


def _look_up_in(field, objects: dict) -> None:
    """Make a model choice field look values up in ``objects`` (pk as text -> object) instead of its queryset: the
    same answers and messages as Django's ``to_python`` / ``_check_values``, without a query."""

    def one(value):
        if value in field.empty_values:
            return None
        field.validate_no_null_characters(value)
        found = objects.get(str(getattr(value, "pk", value)))
        if found is None:
            message = field.error_messages["invalid_choice"]
            raise ValidationError(message, code="invalid_choice", params={"value": value})
        return found

    def many(values):
        try:
            values = frozenset(values)
        except TypeError:
            raise ValidationError(field.error_messages["invalid_list"], code="invalid_list") from None
        found = []
        for value in values:
            field.validate_no_null_characters(value)
            item = objects.get(str(getattr(value, "pk", value)))
            if item is None:
                raise ValidationError(field.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": value})  # fmt: skip
            found.append(item)
        return found

    if isinstance(field, forms.ModelMultipleChoiceField):
        field._check_values = many

        def clean_known_empty(value):
            # Nothing chosen is Django's ``queryset.none()``: marked as read, so that asking whether it is empty
            # (the people check, the save) does not build its SQL, row after row, to find nothing to ask. The
            # class's ``clean`` is looked up at the call: the form hardens its fields' classes before it cleans.
            cleaned = type(field).clean(field, value)
            if isinstance(cleaned, QuerySet) and cleaned.query.is_empty():
                cleaned._result_cache = []
            return cleaned

        field.clean = clean_known_empty
    else:
        field.to_python = one
