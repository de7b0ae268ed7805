"""The desk's link to the hub: its own asyncio loop in a daemon thread.

Callbacks run on the client thread; the UI must marshal them (see
``agent_desk.ui.hub_bridge``). The client persists nothing: it starts from the
resume position it is given and exposes the latest one for the app to keep.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import logging
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, InvalidURI

from agent_desk.core.backoff import backoff_delays
from agent_desk.core.protocol import (
    CALL_EVENT_TYPES,
    FATAL_CLOSE_CODES,
    EventType,
    HubFrame,
    ProtocolError,
    encode_hello,
    parse_hub_frame,
)

log = logging.getLogger("agent_desk.telephony.client")


class LinkState(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    REFUSED = "refused"  # bad token or protocol version: retrying will not help
    STOPPED = "stopped"


EventCallback = Callable[[HubFrame], None]
LinkCallback = Callable[[LinkState, str], None]

# Call events that can be told apart by (type, call, agent): a second copy is a
# duplicate, e.g. re-emitted by an AMI source rebuilding calls after a restart.
_ONCE_TYPES = CALL_EVENT_TYPES - {EventType.CALL_QUEUED}


class HubClient:
    def __init__(
        self,
        url: str,
        token: str,
        agent: str,
        on_event: EventCallback,
        on_link_state: LinkCallback,
        *,
        resume: tuple[str, int] | None = None,
        backoff: tuple[float, float] = (0.2, 15.0),
        open_timeout: float = 5.0,
        silence_factor: float = 2.5,
        ssl: Any = None,
        seed: int | None = None,
    ) -> None:
        self.url, self._token, self.agent = url, token, agent
        self._on_event, self._on_link_state = on_event, on_link_state
        self._position = resume
        self._backoff = backoff
        self._open_timeout = open_timeout
        self._silence_factor = silence_factor
        self._ssl = ssl
        self._rng = random.Random(seed)
        self._seen: OrderedDict[tuple[str, str, str, str], None] = OrderedDict()
        self._state = LinkState.STOPPED
        self._loop: asyncio.AbstractEventLoop | None = None
        self._main: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None
        self._ws: ClientConnection | None = None
        self._ready = threading.Event()

    # ------------------------------------------------------------ public, any thread

    @property
    def position(self) -> tuple[str, int] | None:
        """(epoch, seq) of the last frame handled; give it back as ``resume`` next time."""
        return self._position

    @property
    def link_state(self) -> LinkState:
        return self._state

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("HubClient already started")
        self._thread = threading.Thread(target=self._run, name="hub-client", daemon=True)
        self._thread.start()
        self._ready.wait()

    def stop(self, timeout: float = 5.0) -> None:
        loop, main = self._loop, self._main
        if loop is not None and main is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # loop already finished
                loop.call_soon_threadsafe(main.cancel)
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("hub client thread did not stop in time")

    def send_command(self, command: Mapping[str, Any]) -> concurrent.futures.Future[None]:
        """Send a desk command (``{"op": "dial", ...}``); the future fails when offline."""
        if self._loop is None or self._loop.is_closed():
            future: concurrent.futures.Future[None] = concurrent.futures.Future()
            future.set_exception(ConnectionError("hub client not running"))
            return future
        return asyncio.run_coroutine_threadsafe(self._send(dict(command)), self._loop)

    # ------------------------------------------------------------ loop thread

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            self._main = loop.create_task(self._connect_forever())
            self._ready.set()
            with contextlib.suppress(asyncio.CancelledError):
                loop.run_until_complete(self._main)
        finally:
            self._ready.set()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def _set_state(self, state: LinkState, detail: str = "") -> None:
        if state == self._state and not detail:
            return
        self._state = state
        try:
            self._on_link_state(state, detail)
        except Exception:
            log.exception("link-state callback failed")

    def _deliver(self, frame: HubFrame) -> None:
        try:
            self._on_event(frame)
        except Exception:
            # A broken handler must not take the link down with it.
            log.exception("event callback failed", extra={"type": frame.type})

    async def _send(self, command: dict[str, Any]) -> None:
        ws = self._ws
        if ws is None or self._state != LinkState.CONNECTED:
            raise ConnectionError("not connected to the hub")
        await ws.send(json.dumps(command, ensure_ascii=False))

    def _process_exception(self, exc: Exception) -> Exception | None:
        if isinstance(exc, InvalidURI):
            return exc
        if isinstance(exc, InvalidStatus) and exc.response.status_code in (401, 403, 404):
            return exc
        self._set_state(LinkState.RECONNECTING, str(exc) or type(exc).__name__)
        return None

    def _reconnect_delays(self) -> Any:
        return backoff_delays(*self._backoff, self._rng)

    async def _connect_forever(self) -> None:
        self._set_state(LinkState.CONNECTING)
        quick_closes = self._reconnect_delays()
        try:
            async for ws in connect(
                self.url,
                process_exception=self._process_exception,
                reconnect_delays=self._reconnect_delays,
                open_timeout=self._open_timeout,
                compression=None,
                ping_interval=20,
                ping_timeout=20,
                max_size=1 << 22,  # snapshots of a busy supervisor desk can be large
                ssl=self._ssl,
            ):
                opened = time.monotonic()
                code = await self._session(ws)
                if code in FATAL_CLOSE_CODES:
                    self._set_state(LinkState.REFUSED, f"hub closed the link ({code})")
                    return
                self._set_state(LinkState.RECONNECTING, f"link closed ({code})")
                if time.monotonic() - opened < 2.0:
                    # The hub accepts then drops us: do not spin.
                    await asyncio.sleep(next(quick_closes))
                else:
                    quick_closes = self._reconnect_delays()
        except (InvalidStatus, InvalidURI) as exc:
            self._set_state(LinkState.REFUSED, str(exc))
        except asyncio.CancelledError:
            self._set_state(LinkState.STOPPED)
            raise

    async def _session(self, ws: ClientConnection) -> int | None:
        """Say hello, then handle frames until the link ends; returns the close code."""
        self._ws = ws
        silence = self._open_timeout
        try:
            await ws.send(encode_hello(self._token, self.agent, self._position))
            while True:
                try:
                    raw = await asyncio.wait_for(ws.recv(), silence)
                except TimeoutError:
                    log.warning("hub silent; reconnecting", extra={"silence": silence})
                    # Do not wait for a closing handshake from a dead peer.
                    ws.transport.abort()
                    return None
                heartbeat = self._handle(raw)
                if heartbeat is not None:
                    silence = heartbeat * self._silence_factor
        except ConnectionClosed as exc:
            return exc.rcvd.code if exc.rcvd is not None else None
        finally:
            self._ws = None
            with contextlib.suppress(Exception):
                await asyncio.wait_for(ws.close(), 1.0)

    def _handle(self, raw: str | bytes) -> float | None:
        """Handle one frame; returns the heartbeat interval when a welcome announces it."""
        try:
            frame = parse_hub_frame(raw)
        except ProtocolError as exc:
            log.warning("skipped malformed frame", extra={"error": str(exc)[:200]})
            return None
        position = self._position
        same_epoch = position is not None and position[0] == frame.epoch
        if frame.type == EventType.WELCOME:
            heartbeat = frame.data.get("heartbeat")
            if frame.data.get("resume") == "replay" and not same_epoch:
                # The hub restarted and replays its whole new epoch.
                self._position = (frame.epoch, 0)
            self._set_state(LinkState.CONNECTED)
            self._deliver(frame)
            if isinstance(heartbeat, int | float) and not isinstance(heartbeat, bool) and heartbeat > 0:
                return float(heartbeat)
            return None
        if frame.sequenced:
            if same_epoch and position is not None and frame.seq <= position[1]:
                return None  # already handled (replay overlap)
            self._position = (frame.epoch, frame.seq)
            if not self._first_time(frame):
                return None
            self._deliver(frame)
        elif frame.type == EventType.SNAPSHOT:
            self._position = (frame.epoch, frame.seq)
            self._deliver(frame)
        elif frame.type == EventType.HEARTBEAT:
            # Frames reach a desk in order, so everything up to here was delivered.
            if same_epoch and position is not None and frame.seq > position[1]:
                self._position = (frame.epoch, frame.seq)
        elif frame.known:
            self._deliver(frame)
        else:
            log.debug("skipped unknown frame type", extra={"type": frame.type})
        return None

    def _first_time(self, frame: HubFrame) -> bool:
        event = frame.event
        if event is None or event.type not in _ONCE_TYPES:
            if event is not None and event.type == EventType.CALL_QUEUED and event.agent:
                # Back in the queue after no answer: the same agent may be offered it again.
                self._seen.pop((EventType.CALL_OFFERED, event.call_id, event.agent, ""), None)
            return True
        key = (event.type, event.call_id, event.agent, event.target)
        if key in self._seen:
            log.info("dropped duplicate event", extra={"type": event.type, "call": event.call_id})
            return False
        self._seen[key] = None
        if len(self._seen) > 4096:
            self._seen.popitem(last=False)
        return True
