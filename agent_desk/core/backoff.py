"""Reconnect delays: the one backoff of the desk client, the AMI source and the database change watchers."""

from __future__ import annotations

import random
from collections.abc import Iterator


def backoff_delays(initial: float, maximum: float, rng: random.Random | None = None) -> Iterator[float]:
    """Exponential backoff with jitter, so a hundred desks do not retry in step."""
    rng = rng or random.Random()
    delay = initial
    while True:
        yield rng.uniform(delay / 2, delay)
        delay = min(maximum, delay * 2)
