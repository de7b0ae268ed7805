"""Shared helpers for the telephony tests: a hub on a free port and a recording desk."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from agent_desk.core.protocol import HubFrame
from agent_desk.telephony.client import HubClient, LinkState
from agent_desk.telephony.hub import Hub, HubLimits
from agent_desk.telephony.tokens import Principal, StaticTokens

TOKENS = StaticTokens(
    {
        "tok-801": Principal("PJSIP/801"),
        "tok-802": Principal("PJSIP/802"),
        "tok-sup": Principal("SUP/1", supervisor=True),
    }
)


def make_hub(**limits: float) -> Hub:
    return Hub(TOKENS, limits=HubLimits(**{"heartbeat": 0.3, **limits}))  # type: ignore[arg-type]


class Desk:
    """A real HubClient whose callbacks record what a desk would show."""

    def __init__(self, url: str, token: str, resume: tuple[str, int] | None = None) -> None:
        self.frames: list[HubFrame] = []
        self.states: list[LinkState] = []
        self._cond = threading.Condition()
        self.client = HubClient(
            url, token, "", self._on_event, self._on_state, resume=resume,
            backoff=(0.05, 0.3), open_timeout=2.0,
        )  # fmt: skip

    def _on_event(self, frame: HubFrame) -> None:
        with self._cond:
            self.frames.append(frame)
            self._cond.notify_all()

    def _on_state(self, state: LinkState, detail: str) -> None:
        with self._cond:
            self.states.append(state)
            self._cond.notify_all()

    def events(self, type_: str | None = None) -> list[HubFrame]:
        with self._cond:
            return [f for f in self.frames if f.event is not None and type_ in (None, f.type)]

    def wait_for(self, predicate: Callable[[Desk], bool], timeout: float = 5.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: predicate(self), timeout):
                raise AssertionError(f"timed out; frames={[(f.type, f.seq) for f in self.frames]} states={self.states}")

    async def await_(self, predicate: Callable[[Desk], bool], timeout: float = 5.0) -> None:
        await asyncio.to_thread(self.wait_for, predicate, timeout)
