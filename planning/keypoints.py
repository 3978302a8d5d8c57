"""The shipped key points of the operation set-up checklist (``data/setup_checklist.yaml``), read once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from django.utils import translation

SOURCE = Path(__file__).resolve().parent / "data" / "setup_checklist.yaml"


@dataclass(frozen=True)
class KeyPoint:
    code: str
    order: int
    text: str
    source: str
    translations: dict = field(default_factory=dict, compare=False, hash=False)  # language -> text

    @property
    def display_text(self) -> str:
        """The point in the reader's language where it is shipped in it, else in English."""
        return self.translations.get((translation.get_language() or "").split("-")[0]) or self.text


@cache
def key_points(path: Path = SOURCE) -> tuple[KeyPoint, ...]:
    """Every key point of the shipped list, in its order. A malformed file fails loudly (it ships with the code)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    points = tuple(
        KeyPoint(
            code=str(entry["code"]),
            order=index,
            text=str(entry["text"]).strip(),
            source=entry.get("source", ""),
            translations={str(language): str(text).strip() for language, text in entry.get("translations", {}).items()},
        )
        for index, entry in enumerate(data["points"], start=1)
    )
    codes = [point.code for point in points]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{path}: a key point code is used twice")
    return points


def display_text(code: str, written: str) -> str:
    """A checklist item's point in the reader's language: the shipped translation of its code while the item holds
    the shipped English text, else the text as it is stored."""
    for point in key_points():
        if point.code == code and point.text == written:
            return point.display_text
    return written
