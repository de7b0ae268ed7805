"""A supervisor desk's copy of the live floor: the hub's ``floor`` frame, then the events after it.

Pure: frames and the desk's clock readings in, :class:`FloorChange` values out. The board's times
are the hub's (``since`` fields, the day's roll), so the desk reads "now" through
:meth:`FloorFeed.hub_now`, which corrects for a desk clock that is off from the hub's: an agent's
"03:12 in ACW" must not depend on which computer shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent_desk.core.floor import FloorChange, FloorState
from agent_desk.core.protocol import EventType, HubFrame


@dataclass(frozen=True)
class FloorReset:
    """A new board (a ``floor`` frame arrived): everything is drawn again."""

    agents: int
    seq: int


class FloorFeed:
    def __init__(self) -> None:
        self.state: FloorState | None = None
        self._epoch = ""
        self._seq = 0
        self._offset = 0.0  # hub clock − desk clock, from the latest frame

    @property
    def live(self) -> bool:
        return self.state is not None

    def hub_now(self, desk_now: float) -> float:
        return desk_now + self._offset

    def on_frame(self, frame: HubFrame, desk_now: float) -> FloorChange | FloorReset | None:
        """What ``frame`` changed on the board; None when nothing (not for the board, or already in it).

        Raises ValueError for a ``floor`` frame that cannot be read: the old board stays.
        """
        if frame.ts:
            self._offset = frame.ts - desk_now
        if frame.type == EventType.FLOOR:
            state = FloorState.from_json(frame.data.get("floor") or {})
            self.state, self._epoch, self._seq = state, frame.epoch, frame.seq
            return FloorReset(len(state.agents), frame.seq)
        if self.state is None or frame.event is None or not frame.sequenced:
            return None
        if frame.epoch == self._epoch and frame.seq <= self._seq:
            return None  # already in the snapshot
        self._epoch, self._seq = frame.epoch, frame.seq
        return self.state.apply(frame.event, frame.ts)


__all__ = ["FloorFeed", "FloorReset"]
