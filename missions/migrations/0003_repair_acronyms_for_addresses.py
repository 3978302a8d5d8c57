"""Acronyms that cannot be part of an address (``QZ/SLASH``) are rewritten before the constraint that forbids them.

Such a mission saved, then broke every page that links to it. The new acronym keeps the letters and digits of
the old one, in capitals, with hyphens for the rest; a clash with another mission's acronym takes the mission's
number as a suffix. The history keeps the old value.
"""

import re
import unicodedata

from django.db import migrations

VALID = re.compile(r"[A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?\Z")
MAX_LENGTH = 20


def address_safe(value: str, pk: int, taken: set) -> str:
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().upper()
    base = re.sub(r"[^A-Z0-9]+", "-", ascii_value).strip("-")[:MAX_LENGTH].strip("-") or "MISSION"
    candidate = base
    if candidate in taken:
        suffix = f"-{pk}"
        candidate = base[: MAX_LENGTH - len(suffix)].strip("-") + suffix
    return candidate


def repair_acronyms(apps, schema_editor):
    mission_model = apps.get_model("missions", "Mission")
    taken = set(mission_model.objects.values_list("acronym", flat=True))
    for mission in mission_model.objects.order_by("pk"):
        if VALID.match(mission.acronym) and len(mission.acronym) <= MAX_LENGTH:
            continue
        taken.discard(mission.acronym)
        mission.acronym = address_safe(mission.acronym, mission.pk, taken)
        taken.add(mission.acronym)
        mission.save(update_fields=["acronym"])


class Migration(migrations.Migration):
    dependencies = [("missions", "0002_phone_numbers_validated")]

    operations = [migrations.RunPython(repair_acronyms, migrations.RunPython.noop)]
