"""How the order screens show money, times and trouble, so every order window reads alike."""

from __future__ import annotations

from datetime import UTC, datetime

from agent_desk.core.money import format_yuan

RED = "#c62828"
AMBER = "#8a6100"


def money(cents: int) -> str:
    return format_yuan(cents, symbol=True)


def local_time(stored: datetime) -> datetime:
    """The database keeps naive UTC; agents read their own clock."""
    return stored.replace(tzinfo=UTC).astimezone() if stored.tzinfo is None else stored.astimezone()
