"""How the application names a person: the one place pages, forms, timelines and the API take it from."""

from __future__ import annotations


def person_name(user) -> str:
    """The person's full name, or their user name where they have none; empty for no one."""
    return (user.get_full_name() or user.get_username()) if user else ""
