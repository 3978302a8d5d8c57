"""The shipped key points of the operation set-up checklist (``data/setup_checklist.yaml``), read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SOURCE = Path(__file__).resolve().parent / "data" / "setup_checklist.yaml"


@dataclass(frozen=True)
class KeyPoint:
    code: str
    order: int
    text: str
    source: str


@cache
def key_points(path: Path = SOURCE) -> tuple[KeyPoint, ...]:
    """Every key point of the shipped list, in its order. A malformed file fails loudly (it ships with the code)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    points = tuple(
        KeyPoint(code=str(entry["code"]), order=index, text=str(entry["text"]).strip(), source=entry.get("source", ""))
        for index, entry in enumerate(data["points"], start=1)
    )
    codes = [point.code for point in points]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{path}: a key point code is used twice")
    return points
