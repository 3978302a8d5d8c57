"""API routes of the operations app."""

from rest_framework import serializers

from cmcoord.core.api import ScopedReadOnlyViewSet
from cmcoord.core.views import get_operation_or_404

from .models import CountryOperation


class CountryOperationSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    time_zone = serializers.CharField(read_only=True)

    class Meta:
        model = CountryOperation
        fields = ["code", "name", "country_name", "time_zone", "strategy", "is_active"]


class CountryOperationViewSet(ScopedReadOnlyViewSet):
    """The operations the signed-in user has a standing in."""

    queryset = CountryOperation.objects.all()
    serializer_class = CountryOperationSerializer
    lookup_field = "code"

    def get_object(self):
        self.check_permissions(self.request)
        return get_operation_or_404(self.request.user, self.kwargs["code"], self.scope_action)
