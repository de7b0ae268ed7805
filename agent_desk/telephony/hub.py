"""The hub: takes call events from a source and routes them to the desks concerned.

Each desk has a bounded outgoing queue drained by its own writer task, so a
slow desk never delays the others; a desk that falls too far behind is closed
with ``TOO_SLOW`` and resumes from its last seq. Every sequenced frame is kept
in a bounded replay buffer, so a desk that reconnects gets what it missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import ssl as ssl_module
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import UTC, tzinfo
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from agent_desk.core.floor import FloorState
from agent_desk.core.protocol import (
    CALL_EVENT_TYPES,
    CallEvent,
    CloseCode,
    Command,
    EventType,
    ProtocolError,
    UnsupportedVersion,
    encode_control,
    encode_event,
    encode_snapshot,
    parse_command,
    parse_hello,
)
from agent_desk.telephony.sources.base import CommandError, Source
from agent_desk.telephony.tokens import Principal, TokenAuthority

log = logging.getLogger("agent_desk.telephony.hub")

SOURCE_OPS = frozenset({"dial", "agent.state", "simulate"})
# Fields a later event inherits from the call when its source left them empty;
# src, reason and target describe one event only.
_MERGED_FIELDS = tuple(
    f.name
    for f in fields(CallEvent)
    if f.type == "str" and f.name not in ("type", "src", "reason", "ended_by", "target", "state")
)


@dataclass(frozen=True, slots=True)
class HubLimits:
    max_frame: int = 64 * 1024  # bytes per desk frame; websockets closes with 1009 above it
    rate: float = 20.0  # desk frames per second, sustained
    burst: int = 40
    queue: int = 5000  # frames waiting for one desk before it is closed as too slow
    buffer: int = 20000  # sequenced frames kept for replay
    hello_timeout: float = 10.0
    heartbeat: float = 10.0


@dataclass(slots=True)
class _Buffered:
    seq: int
    frame: str
    agents: frozenset[str]


@dataclass(slots=True)
class _CallState:
    latest: CallEvent
    agents: set[str] = field(default_factory=set)  # everyone it was offered to: they hear how it goes on
    ringing: set[str] = field(default_factory=set)  # whose phones ring now (several in a ring-all queue)

    def track_ringing(self, event: CallEvent) -> None:
        if event.type == EventType.CALL_OFFERED and event.agent:
            self.ringing.add(event.agent)
        elif event.type == EventType.CALL_QUEUED and event.agent:
            self.ringing.discard(event.agent)  # rang unanswered; the queue tries someone else
        elif event.type in (EventType.CALL_ANSWERED, EventType.CALL_TRANSFERRED):
            self.ringing.clear()


class _TokenBucket:
    __slots__ = ("_burst", "_last", "_rate", "_tokens")

    def __init__(self, rate: float, burst: int) -> None:
        self._rate, self._burst = rate, float(burst)
        self._tokens = float(burst)
        self._last = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        self._last = now
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True


class _Desk:
    __slots__ = ("closing", "principal", "queue", "ws")

    def __init__(self, ws: ServerConnection, principal: Principal, size: int) -> None:
        self.ws = ws
        self.principal = principal
        self.queue: asyncio.Queue[str] = asyncio.Queue(size)
        self.closing = False

    def push(self, frame: str) -> None:
        if self.closing:
            return
        try:
            self.queue.put_nowait(frame)
        except asyncio.QueueFull:
            self.closing = True
            log.warning("desk too slow, closing", extra={"agent": self.principal.agent_id})
            asyncio.get_running_loop().create_task(
                self.ws.close(CloseCode.TOO_SLOW, "too slow; resume from your last seq")
            )

    async def write_loop(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            while True:
                await self.ws.send(await self.queue.get())


def _merge(prev: CallEvent | None, new: CallEvent) -> CallEvent:
    """Fill fields the source left empty from what the call already carried."""
    if prev is None:
        return new
    changes: dict[str, Any] = {
        name: getattr(prev, name) for name in _MERGED_FIELDS if not getattr(new, name) and getattr(prev, name)
    }
    if prev.vip and not new.vip:
        changes["vip"] = True
    if prev.blacklisted and not new.blacklisted:
        changes["blacklisted"] = True
    return new.with_(**changes) if changes else new


class Hub:
    def __init__(
        self,
        authority: TokenAuthority,
        source: Source | None = None,
        *,
        limits: HubLimits | None = None,
        epoch: str | None = None,
        clock: Callable[[], float] = time.time,
        observers: Iterable[Callable[[CallEvent, float], None]] = (),
        floor_zone: tzinfo = UTC,
    ) -> None:
        self.authority = authority
        # Told every call event as routed (e.g. the call recorder). They run on the event loop: hand off, never block.
        self.observers = list(observers)
        self.source = source
        self.limits = limits or HubLimits()
        self.epoch = epoch or secrets.token_hex(6)
        self.seq = 0
        self._clock = clock
        self._buffer: deque[_Buffered] = deque(maxlen=self.limits.buffer)
        self._calls: dict[str, _CallState] = {}
        self._by_agent: dict[str, set[_Desk]] = {}
        self._supervisors: set[_Desk] = set()
        self._server: Server | None = None
        self._heartbeat_task: asyncio.Task[None] | None = None
        self._command_tasks: set[asyncio.Task[None]] = set()
        self._stopped = asyncio.Event()
        # The live floor a supervisor desk starts from when it (re)connects; "today" in floor_zone.
        self.floor = FloorState(zone=floor_zone)

    # ------------------------------------------------------------ events in

    def publish(self, event: CallEvent) -> int:
        """Stamp an event with the next seq, keep it for replay and route it."""
        agents: set[str] = set()
        if event.type in CALL_EVENT_TYPES:
            state = self._calls.get(event.call_id)
            event = _merge(state.latest if state else None, event)
            if state is None:
                state = _CallState(event)
                self._calls[event.call_id] = state
            state.latest = event
            state.track_ringing(event)
            for name in (event.agent, event.target):
                if name:
                    state.agents.add(name)
            # Everyone the call was offered to hears how it goes on, so a
            # ring-all queue clears the pop on the desks that did not answer.
            agents = set(state.agents)
            if event.type == EventType.CALL_ENDED:
                del self._calls[event.call_id]
        elif event.type == EventType.AGENT_STATE:
            agents = {event.agent}
        else:
            raise ValueError(f"not a sequenced event type: {event.type}")
        self.seq += 1
        now = self._clock()
        frame = encode_event(event, epoch=self.epoch, seq=self.seq, ts=now)
        try:
            self.floor.apply(event, now)
        except Exception:  # the wallboard must never cost a desk its call
            log.exception("the floor could not follow %s %s", event.type, event.call_id)
        for observer in self.observers:
            try:
                observer(event, now)
            except Exception:
                log.exception("a hub observer failed on %s %s", event.type, event.call_id)
        frozen = frozenset(agents)
        self._buffer.append(_Buffered(self.seq, frame, frozen))
        for desk in self._recipients(frozen):
            desk.push(frame)
        return self.seq

    def _recipients(self, agents: Iterable[str]) -> set[_Desk]:
        desks = set(self._supervisors)
        for agent in agents:
            desks.update(self._by_agent.get(agent, ()))
        return desks

    def calls_in_progress(self, principal: Principal) -> list[CallEvent]:
        if principal.supervisor:
            return [s.latest for s in self._calls.values()]
        calls = []
        for state in self._calls.values():
            if principal.agent_id not in state.agents:
                continue
            latest = state.latest
            if latest.type == EventType.CALL_OFFERED and principal.agent_id in state.ringing:
                # A ring-all queue offers the call to several agents and the latest offer names only
                # the last one: as long as nobody answered, it is still ringing at this desk too.
                latest = latest.with_(agent=principal.agent_id)
            calls.append(latest)
        return calls

    @property
    def desk_count(self) -> int:
        return sum(len(d) for d in self._by_agent.values()) + len(self._supervisors)

    # ------------------------------------------------------------ desks

    def _can_replay(self, resume: tuple[str, int] | None) -> int | None:
        """The seq to replay after, or None when only a snapshot can resync the desk."""
        if resume is None:
            return None
        epoch, seq = resume
        first = self._buffer[0].seq if self._buffer else self.seq + 1
        if epoch != self.epoch:
            # The hub restarted since: the whole new epoch is what the desk missed.
            return 0 if first == 1 or self.seq == 0 else None
        if seq > self.seq or seq < first - 1:
            return None
        return seq

    def _attach(self, desk: _Desk, resume: tuple[str, int] | None) -> str:
        # No await in here: the replay and the live stream join without a gap.
        principal = desk.principal
        after = self._can_replay(resume)
        mode = "snapshot" if after is None else "replay"
        now = self._clock()
        desk.push(
            encode_control(
                EventType.WELCOME,
                epoch=self.epoch,
                seq=self.seq,
                ts=now,
                agent=principal.agent_id,
                supervisor=principal.supervisor,
                heartbeat=self.limits.heartbeat,
                resume=mode,
            )
        )
        if after is None:
            desk.push(encode_snapshot(self.calls_in_progress(principal), epoch=self.epoch, seq=self.seq, ts=now))
        else:
            for item in self._buffer:
                if item.seq > after and (principal.supervisor or principal.agent_id in item.agents):
                    desk.push(item.frame)
        if principal.supervisor:
            # After the replay, so the desk replaces what it rebuilt with the board as of this seq.
            board = self.floor.to_json()
            desk.push(encode_control(EventType.FLOOR, epoch=self.epoch, seq=self.seq, ts=now, floor=board))
            self._supervisors.add(desk)
        else:
            self._by_agent.setdefault(principal.agent_id, set()).add(desk)
        return mode

    def _detach(self, desk: _Desk) -> None:
        self._supervisors.discard(desk)
        peers = self._by_agent.get(desk.principal.agent_id)
        if peers is not None:
            peers.discard(desk)
            if not peers:
                del self._by_agent[desk.principal.agent_id]

    async def _handler(self, ws: ServerConnection) -> None:
        peer = str(ws.remote_address)
        try:
            raw = await asyncio.wait_for(ws.recv(), self.limits.hello_timeout)
        except TimeoutError:
            await ws.close(CloseCode.HELLO_TIMEOUT, "hello expected")
            return
        except ConnectionClosed:
            return
        try:
            hello = parse_hello(raw)
        except UnsupportedVersion as exc:
            await ws.close(CloseCode.UNSUPPORTED_VERSION, str(exc)[:120])
            return
        except ProtocolError as exc:
            log.info("protocol error before hello", extra={"peer": peer, "error": str(exc)})
            await ws.close(CloseCode.PROTOCOL_ERROR, str(exc)[:120])
            return
        principal = self.authority.authenticate(hello.token)
        if principal is None:
            log.warning("bad token", extra={"peer": peer, "agent": hello.agent})
            await ws.close(CloseCode.BAD_TOKEN, "bad token")
            return
        if hello.agent and hello.agent != principal.agent_id:
            log.warning(
                "hello names another agent than its token; the token wins",
                extra={"agent": principal.agent_id, "claimed": hello.agent},
            )
        desk = _Desk(ws, principal, self.limits.queue)
        mode = self._attach(desk, hello.resume)
        log.info(
            "desk connected",
            extra={
                "agent": principal.agent_id,
                "supervisor": principal.supervisor,
                "peer": peer,
                "resume": mode,
                "seq": self.seq,
            },
        )
        writer = asyncio.create_task(desk.write_loop())
        bucket = _TokenBucket(self.limits.rate, self.limits.burst)
        closing: asyncio.Task[None] | None = None
        try:
            async for message in ws:
                if closing is not None:
                    # Keep reading so the desk's close frame gets through the
                    # frames it already sent.
                    continue
                if not bucket.take():
                    log.warning("desk over its rate limit", extra={"agent": principal.agent_id})
                    closing = asyncio.create_task(ws.close(CloseCode.RATE_LIMITED, "too many frames"))
                    continue
                self._on_desk_frame(desk, message)
        except ConnectionClosed:
            pass
        finally:
            if closing is not None:
                with contextlib.suppress(Exception):
                    await closing
            self._detach(desk)
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer
            log.info(
                "desk disconnected",
                extra={"agent": principal.agent_id, "code": ws.close_code},
            )

    def _on_desk_frame(self, desk: _Desk, message: str | bytes) -> None:
        try:
            command = parse_command(message)
        except ProtocolError as exc:
            log.info(
                "skipped malformed desk frame",
                extra={"agent": desk.principal.agent_id, "error": str(exc)[:200]},
            )
            return
        if command.op == "hello":
            return
        if command.op not in SOURCE_OPS or self.source is None:
            log.info("skipped unknown op", extra={"agent": desk.principal.agent_id, "op": command.op})
            if command.id is not None:
                self._reply(desk, command, ok=False, error=f"unsupported op {command.op!r}")
            return
        task = asyncio.create_task(self._run_command(desk, command))
        self._command_tasks.add(task)
        task.add_done_callback(self._command_tasks.discard)

    async def _run_command(self, desk: _Desk, command: Command) -> None:
        assert self.source is not None
        try:
            result = await self.source.command(desk.principal, command)
        except CommandError as exc:
            log.info(
                "command refused",
                extra={"agent": desk.principal.agent_id, "op": command.op, "error": str(exc)},
            )
            self._reply(desk, command, ok=False, error=str(exc))
        except Exception:
            log.exception("command failed", extra={"op": command.op})
            self._reply(desk, command, ok=False, error="internal error")
        else:
            log.info("command done", extra={"agent": desk.principal.agent_id, "op": command.op})
            self._reply(desk, command, ok=True, result=dict(result))

    def _reply(self, desk: _Desk, command: Command, **extra: Any) -> None:
        desk.push(
            encode_control(
                EventType.COMMAND_RESULT,
                epoch=self.epoch,
                seq=self.seq,
                ts=self._clock(),
                id=command.id,
                op=command.op,
                **extra,
            )
        )

    async def _heartbeats(self) -> None:
        while True:
            await asyncio.sleep(self.limits.heartbeat)
            frame = encode_control(EventType.HEARTBEAT, epoch=self.epoch, seq=self.seq, ts=self._clock())
            for desk in self._recipients(list(self._by_agent)):
                desk.push(frame)

    # ------------------------------------------------------------ lifecycle

    async def start(self, host: str, port: int, ssl: ssl_module.SSLContext | None = None) -> tuple[str, int]:
        """Bind, then start the source; raises OSError or SourceUnavailable."""
        self._server = await serve(
            self._handler,
            host,
            port,
            ssl=ssl,
            compression=None,  # costs ≈70 KiB and CPU per desk for tiny frames
            max_size=self.limits.max_frame,
            ping_interval=20,
            ping_timeout=20,
            logger=logging.getLogger("agent_desk.telephony.hub.ws"),
        )
        try:
            if self.source is not None:
                await self.source.start(self.publish)
        except BaseException:
            self._server.close()
            await self._server.wait_closed()
            raise
        self._heartbeat_task = asyncio.create_task(self._heartbeats())
        bound = self._server.sockets[0].getsockname()
        log.info(
            "hub listening",
            extra={"host": bound[0], "port": bound[1], "epoch": self.epoch, "tls": ssl is not None},
        )
        return bound[0], bound[1]

    async def stop(self) -> None:
        """Close desks with 1001 (going away: reconnect and resume), then the source."""
        if self._heartbeat_task is not None:
            self._heartbeat_task.cancel()
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()
        for task in list(self._command_tasks):
            task.cancel()
        if self.source is not None:
            await self.source.stop()
        self._stopped.set()
        log.info("hub stopped", extra={"epoch": self.epoch, "seq": self.seq})

    async def wait_stopped(self) -> None:
        await self._stopped.wait()
