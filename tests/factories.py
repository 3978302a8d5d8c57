"""One factory per model. Defaults make the least privileged, most ordinary record."""

import factory
from django.contrib.auth import get_user_model

from cmcoord.operations.choices import CMCoordStrategy, Role
from cmcoord.operations.models import CountryOperation, HeadquartersAccess, Membership

TEST_PASSWORD = "correct-horse-battery-staple"

COUNTRIES = ["CF", "ML", "SD", "SS", "CD", "YE", "SO", "AF", "NE", "BF", "TD", "NG", "CM", "LY", "IQ", "SY", "LB", "HT"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy passes the object
        if create:
            obj.save(update_fields=["password"])


class CountryOperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountryOperation
        django_get_or_create = ("country",)

    country = factory.Sequence(lambda n: COUNTRIES[n % len(COUNTRIES)])
    name = factory.LazyAttribute(lambda o: f"Operation {o.country}")
    time_zone = "Africa/Bangui"
    strategy = CMCoordStrategy.COORDINATION


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    operation = factory.SubFactory(CountryOperationFactory)
    role = Role.OFFICER


class HeadquartersAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HeadquartersAccess
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    all_operations = True

    @factory.post_generation
    def operations(self, create, extracted, **kwargs):
        if create and extracted:
            self.operations.set(extracted)
