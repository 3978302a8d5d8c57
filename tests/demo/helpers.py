"""What the demo's tests share: the files as written, and seed_demo run as a user would run it."""

from io import StringIO

import yaml
from django.core.management import call_command

from demo.schema import DATA_DIR, SAFE_LOADER


def demo_files(data_dir=DATA_DIR):
    """``deployment.yaml`` and the country files it lists, as plain YAML (not through the demo's own reader)."""
    deployment = _read(data_dir / "deployment.yaml")
    countries = [_read(data_dir / f"{name}.yaml") for name in deployment["countries"]]
    return deployment, countries


def _read(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 - the safe loader


def mission_present(country) -> bool:
    """Whether the country's latest mission phase leaves a mission present (active, drawdown or transition)."""
    phases = [max(m["phases"], key=lambda p: p["started_on"])["phase"] for m in country.get("missions", [])]
    return any(phase != "closed" for phase in phases)


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()
