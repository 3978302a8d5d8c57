"""API routes of the operations app."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from cmcoord.core.api import ScopedReadOnlyViewSet
from cmcoord.core.validators import OPERATION_CODE
from cmcoord.core.views import operation_by_code

from .models import CountryOperation


class CountryOperationSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    time_zone = serializers.CharField(read_only=True)

    class Meta:
        model = CountryOperation
        fields = ["code", "name", "country_name", "time_zone", "strategy", "region", "is_active"]


CODE_PARAMETER = OpenApiParameter(
    "code", str, OpenApiParameter.PATH, description="ISO 3166-1 alpha-3 code of the operation's country, e.g. CAF."
)


@extend_schema_view(retrieve=extend_schema(parameters=[CODE_PARAMETER]))
class CountryOperationViewSet(ScopedReadOnlyViewSet):
    """The operations the signed-in user has a standing in."""

    queryset = CountryOperation.objects.all()
    serializer_class = CountryOperationSerializer
    lookup_field = "code"
    lookup_value_regex = OPERATION_CODE  # anything else is no route (404), as on the pages

    def get_object(self):
        self.check_permissions(self.request)
        return operation_by_code(self.request.user, self.kwargs["code"], self.scope_action)
