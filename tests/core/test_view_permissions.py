"""Structural guard: no view that writes can be opened with read-only standing in an operation.

``operation_permission`` is a class attribute, so the order of a view's bases decides which one wins; a form
view that inherited VIEW would show its form to HCT members and HQ readers. This walks every URL.
"""

from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic.edit import ModelFormMixin, ProcessFormView

from cmcoord.core.views import OperationMixin, OperationPermission


def _views(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "view_class"):
            yield prefix + str(pattern.pattern), pattern.callback.view_class


def test_every_operation_form_view_needs_more_than_read_access():
    checked = []
    for route, view in _views(get_resolver().url_patterns):
        if issubclass(view, OperationMixin) and issubclass(view, (ModelFormMixin, ProcessFormView)):
            assert view.operation_permission != OperationPermission.VIEW, route
            checked.append(route)
    assert len(checked) >= 10  # the walk really found the form views


def test_every_post_only_operation_view_needs_more_than_read_access():
    for route, view in _views(get_resolver().url_patterns):
        if issubclass(view, OperationMixin) and getattr(view, "http_method_names", None) == ["post"]:
            assert view.operation_permission != OperationPermission.VIEW, route
