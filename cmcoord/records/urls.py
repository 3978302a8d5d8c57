"""The pages of every registered record type, under ``operations/<code>/<prefix>/`` in the type's namespace."""

from django.urls import include, path

from .registry import record_types

urlpatterns = [
    path(
        f"operations/<operation:code>/{record_type.prefix}/",
        include((record_type.urlpatterns(), record_type.namespace)),
    )
    for record_type in record_types()
]
