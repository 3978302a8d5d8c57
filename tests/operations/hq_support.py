"""What the cross-country (HQ) dashboard's tests share: its address, dates relative to today, and the filters of
the last 30 days. The tasks they count are the ``crosscountry_tasks`` fixture (``conftest.py``)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from protection_tasks.models import Activity

URL = reverse("hq:dashboard")
SECRET_TITLE = "Ndele convoy armed-actor contact"  # Strictly confidential: never on the page, whoever reads it
CONFIDENTIAL_TITLE = "Kaga-Bandoro convoy deconfliction"


def activity(code):
    return Activity.objects.get(code=code, operation__isnull=True)


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def last_30_days():
    return {"period": "custom", "date_from": days_ago(30).isoformat(), "date_to": timezone.localdate().isoformat()}
