"""Template context for the navigation: the operations the user may switch between."""

from django.utils.functional import SimpleLazyObject

from .models import CountryOperation


def operations_nav(request):
    """Lazily, so pages that do not render the switcher (errors, API) pay no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_operations": ()}
    return {"nav_operations": SimpleLazyObject(lambda: list(CountryOperation.objects.visible_to(user)))}
