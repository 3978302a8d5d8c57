"""The pages of every registered record type, under ``operations/<code>/<prefix>/`` in the type's namespace. Types
that share a namespace (each naming its pages in ``url_names``) are mounted under that one namespace."""

from django.urls import include, path

from .registry import record_types

_by_namespace: dict[str, list] = {}
for _type in record_types():
    _by_namespace.setdefault(_type.namespace, []).append(_type)

urlpatterns = [
    path(
        "operations/<operation:code>/",
        include(([path(f"{t.prefix}/", include(t.urlpatterns())) for t in types], namespace)),
    )
    for namespace, types in _by_namespace.items()
]
