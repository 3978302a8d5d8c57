"""Demo deployment: invented people in six realistic country operations (DOMAIN.md, "Realistic demo data").

Later apps add their own demo records through :data:`DEMO_EXTENSIONS` so one command seeds everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from .choices import CMCoordStrategy, Role
from .models import CountryOperation, HeadquartersAccess, Membership

DEMO_PASSWORD = "cmcoord-demo-2026"  # noqa: S105 - a documented demo password, set only by seed_demo.


@dataclass(frozen=True)
class DemoOperation:
    country: str  # ISO 3166-1 alpha-2, as django-countries stores it
    name: str
    time_zone: str
    strategy: str
    people: tuple[tuple[str, str, str, str], ...]  # (username, first name, last name, role)


OPERATIONS = (
    DemoOperation(
        "ML",
        "Mali",
        "Africa/Bamako",
        CMCoordStrategy.COEXISTENCE,
        (
            ("amadou.keita", "Amadou", "Keïta", Role.OFFICER),
            ("sophie.marchand", "Sophie", "Marchand", Role.HEAD),
            ("fatoumata.diallo", "Fatoumata", "Diallo", Role.HCT),
        ),
    ),
    DemoOperation(
        "CF",
        "Central African Republic",
        "Africa/Bangui",
        CMCoordStrategy.COORDINATION,
        (
            ("officer.caf", "Grâce", "Ndoumbé", Role.OFFICER),
            ("jean.yakite", "Jean", "Yakité", Role.OFFICER),
            ("head.caf", "Helena", "Moreau", Role.HEAD),
            ("hct.caf", "Pascal", "Gbéti", Role.HCT),
        ),
    ),
    DemoOperation(
        "SD",
        "Sudan",
        "Africa/Khartoum",
        CMCoordStrategy.COEXISTENCE,
        (
            ("mohamed.osman", "Mohamed", "Osman", Role.OFFICER),
            ("leila.haroun", "Leila", "Haroun", Role.HEAD),
            ("awadia.nour", "Awadia", "Nour", Role.HCT),
        ),
    ),
    DemoOperation(
        "SS",
        "South Sudan",
        "Africa/Juba",
        CMCoordStrategy.COORDINATION,
        (
            ("deng.majok", "Deng", "Majok", Role.OFFICER),
            ("jean.yakite", "Jean", "Yakité", Role.OFFICER),  # a focal point covering two operations
            ("rebecca.nyandeng", "Rebecca", "Nyandeng", Role.HEAD),
            ("hct.ssd", "Peter", "Lokuron", Role.HCT),
        ),
    ),
    DemoOperation(
        "CD",
        "Democratic Republic of the Congo",
        "Africa/Lubumbashi",
        CMCoordStrategy.COORDINATION,
        (
            ("esther.kabila", "Esther", "Mbuyi", Role.OFFICER),
            ("patrice.lumu", "Patrice", "Lumu", Role.HEAD),
            ("claudine.mwamba", "Claudine", "Mwamba", Role.HCT),
        ),
    ),
    DemoOperation(
        "YE",
        "Yemen",
        "Asia/Aden",
        CMCoordStrategy.COEXISTENCE,
        (
            ("salem.alharbi", "Salem", "Al-Harbi", Role.OFFICER),
            ("nadia.qasim", "Nadia", "Qasim", Role.HEAD),
            ("omar.badr", "Omar", "Badr", Role.HCT),
        ),
    ),
)

HQ_READERS = (("hq.geneva", "Ingrid", "Halvorsen"),)
ADMIN = ("admin", "Site", "Administrator")

# Callables ``(operations_by_country, users_by_username) -> None`` registered by later apps' demo modules.
DEMO_EXTENSIONS: list = []


def _user(username: str, first_name: str, last_name: str, **extra):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@example.org", **extra},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed_demo() -> dict:
    """Create or bring up to date the demo deployment. Running it twice changes nothing the second time."""
    operations, users = {}, {}
    for spec in OPERATIONS:
        operation, _ = CountryOperation.objects.get_or_create(
            country=spec.country,
            defaults={"name": spec.name, "time_zone": spec.time_zone, "strategy": spec.strategy},
        )
        operations[spec.country] = operation
        for username, first_name, last_name, role in spec.people:
            user = users.get(username) or _user(username, first_name, last_name)
            users[username] = user
            Membership.objects.get_or_create(user=user, operation=operation, defaults={"role": role})
    for username, first_name, last_name in HQ_READERS:
        users[username] = _user(username, first_name, last_name)
        HeadquartersAccess.objects.get_or_create(user=users[username], defaults={"all_operations": True})
    users[ADMIN[0]] = _user(*ADMIN, is_staff=True, is_superuser=True)
    for extension in DEMO_EXTENSIONS:
        extension(operations, users)
    return {"operations": operations, "users": users}
