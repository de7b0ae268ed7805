"""The agent league table as centres use it: ranked on one figure, top 20 % and bottom 10 % marked.

Pure. Agents without the figure (no calls in the period) are listed last and never marked: an
empty week is not a bottom performance.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")

TOP_SHARE = 0.20
BOTTOM_SHARE = 0.10


class Band(StrEnum):
    TOP = "top"
    MIDDLE = "middle"
    BOTTOM = "bottom"
    UNRANKED = "unranked"


@dataclass(frozen=True)
class Placed(Generic[T]):
    rank: int | None  # 1 = best; agents with equal figures share a rank
    band: Band
    item: T


def league(
    items: Sequence[T],
    figure: Callable[[T], float | None],
    *,
    higher_is_better: bool = True,
    top_share: float = TOP_SHARE,
    bottom_share: float = BOTTOM_SHARE,
) -> list[Placed[T]]:
    """Rank ``items`` on ``figure``. The top band holds ceil(20 % of the ranked) agents, the bottom band
    floor(10 %) — so a team of five has one top agent and nobody at the bottom — and an agent tied
    with one inside a band is inside it too."""
    ranked = [(v, i) for i in items if (v := figure(i)) is not None]
    ranked.sort(key=lambda p: -p[0] if higher_is_better else p[0])
    n = len(ranked)
    top_n = math.ceil(n * top_share) if n else 0
    bottom_n = math.floor(n * bottom_share)
    placed: list[Placed[T]] = []
    rank = 0
    previous: float | None = None
    for position, (value, item) in enumerate(ranked, start=1):
        if value != previous:
            rank, previous = position, value
        placed.append(Placed(rank, Band.MIDDLE, item))
    if top_n:
        cut = ranked[top_n - 1][0]
        placed = [
            _band(p, Band.TOP) if _as_good(v, cut, higher_is_better) else p
            for p, (v, _) in zip(placed, ranked, strict=True)
        ]
    if bottom_n:
        cut = ranked[n - bottom_n][0]
        placed = [
            _band(p, Band.BOTTOM) if p.band is Band.MIDDLE and _as_good(cut, v, higher_is_better) else p
            for p, (v, _) in zip(placed, ranked, strict=True)
        ]
    unranked = [Placed(None, Band.UNRANKED, i) for i in items if figure(i) is None]
    return placed + unranked


def _as_good(a: float, b: float, higher_is_better: bool) -> bool:
    return a >= b if higher_is_better else a <= b


def _band(p: Placed[T], band: Band) -> Placed[T]:
    return Placed(p.rank, band, p.item)


__all__ = ["BOTTOM_SHARE", "TOP_SHARE", "Band", "Placed", "league"]
