"""Asterisk Manager Interface source: TCP, login, reconnect with backoff, Originate."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from agent_desk.core.backoff import backoff_delays
from agent_desk.core.protocol import AgentState, Command, state_reason_problem, valid_state_reason
from agent_desk.telephony.sources.ami_mapping import (
    LOGGED_OUT_REASON,
    AmiCallTracker,
    AmiFramer,
    AmiMessage,
    encode_action,
)
from agent_desk.telephony.sources.base import CommandError, Publish, SourceUnavailable
from agent_desk.telephony.tokens import Principal

log = logging.getLogger("agent_desk.telephony.ami")

_DIALLABLE = re.compile(r"^\+?[0-9*#]{1,32}$")


@dataclass(frozen=True, slots=True)
class AmiSettings:
    host: str
    port: int
    username: str
    secret: str
    originate_context: str = "from-internal"
    connect_timeout: float = 5.0
    action_timeout: float = 10.0
    backoff_initial: float = 0.5
    backoff_max: float = 30.0


class AmiLoginError(Exception):
    pass


class _Session:
    """One TCP connection to AMI: reads messages, matches responses to actions."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.framer = AmiFramer()
        self.pending: dict[str, asyncio.Future[AmiMessage]] = {}
        self._ids = itertools.count(1)

    def send(self, action: str, fields: Mapping[str, str]) -> asyncio.Future[AmiMessage]:
        action_id = f"agentdesk-{next(self._ids)}"
        future: asyncio.Future[AmiMessage] = asyncio.get_running_loop().create_future()
        self.pending[action_id] = future
        self.writer.write(encode_action(action, {**fields, "ActionID": action_id}))
        return future

    async def messages(self) -> list[AmiMessage]:
        """The next batch of non-response messages; [] never means EOF (raises instead)."""
        while True:
            data = await self.reader.read(65536)
            if not data:
                raise ConnectionError("AMI closed the connection")
            events: list[AmiMessage] = []
            for msg in self.framer.feed(data):
                if "Response" in msg and "Event" not in msg:
                    future = self.pending.pop(msg.get("ActionID", ""), None)
                    if future is not None and not future.done():
                        future.set_result(msg)
                else:
                    events.append(msg)
            if events:
                return events

    def close(self) -> None:
        for future in self.pending.values():
            if not future.done():
                future.set_exception(ConnectionError("AMI connection lost"))
                # Marked as seen: the listings sent at login are not awaited, and asyncio would log
                # each unread one as an error at shutdown. Whoever awaits one still gets the error.
                future.exception()
        self.pending.clear()
        self.writer.close()


class AmiSource:
    def __init__(self, settings: AmiSettings, *, seed: int | None = None) -> None:
        self.settings = settings
        self._tracker = AmiCallTracker()
        self._publish: Publish | None = None
        self._session: _Session | None = None
        self._task: asyncio.Task[None] | None = None
        self._reader_task: asyncio.Task[None] | None = None
        self._rng = random.Random(seed)
        self.connected = asyncio.Event()

    @property
    def where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    async def _connect(self) -> _Session:
        s = self.settings
        reader, writer = await asyncio.wait_for(asyncio.open_connection(s.host, s.port), s.connect_timeout)
        session = _Session(reader, writer)
        reader_task = asyncio.create_task(self._pump(session))
        try:
            reply = await asyncio.wait_for(
                session.send("Login", {"Username": s.username, "Secret": s.secret, "Events": "on"}),
                s.action_timeout,
            )
            if reply.get("Response") != "Success":
                raise AmiLoginError(reply.get("Message", "login refused"))
        except BaseException:
            reader_task.cancel()
            session.close()
            raise
        self._session = session
        # Calls may have started, been answered or ended while we were away.
        self._tracker.begin_resync()
        session.send("QueueStatus", {})
        session.send("CoreShowChannels", {})
        self._reader_task = reader_task
        log.info("AMI connected", extra={"ami": self.where, "user": s.username})
        self.connected.set()
        return session

    async def _pump(self, session: _Session) -> None:
        try:
            await self._pump_messages(session)
        finally:
            session.close()  # fails the actions still waiting for a response

    async def _pump_messages(self, session: _Session) -> None:
        while True:
            for msg in await session.messages():
                try:
                    events = self._tracker.handle(msg)
                except Exception:
                    # A PBX oddity must not stop the call stream.
                    log.exception("AMI event could not be mapped", extra={"event": msg.get("Event")})
                    continue
                if self._publish is not None:
                    for event in events:
                        self._publish(event)

    async def start(self, publish: Publish) -> None:
        self._publish = publish
        try:
            await self._connect()
        except AmiLoginError as exc:
            raise SourceUnavailable(
                f"Asterisk AMI at {self.where} refused user {self.settings.username!r}: {exc}"
            ) from exc
        except (OSError, TimeoutError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "timed out"
            raise SourceUnavailable(f"cannot reach Asterisk AMI at {self.where}: {reason}") from exc
        self._task = asyncio.create_task(self._supervise())

    async def _supervise(self) -> None:
        """Keep a session alive: wait for it to die, then reconnect with backoff."""
        while True:
            assert self._session is not None and self._reader_task is not None
            try:
                await self._reader_task
            except (ConnectionError, OSError) as exc:
                log.warning("AMI connection lost", extra={"ami": self.where, "error": str(exc)})
            self.connected.clear()
            self._session.close()
            self._session = None
            delays = backoff_delays(self.settings.backoff_initial, self.settings.backoff_max, self._rng)
            while self._session is None:
                delay = next(delays)
                log.info("AMI reconnecting", extra={"ami": self.where, "delay": round(delay, 2)})
                await asyncio.sleep(delay)
                try:
                    await self._connect()
                except (OSError, TimeoutError, AmiLoginError) as exc:
                    log.warning("AMI reconnect failed", extra={"ami": self.where, "error": str(exc)})

    async def stop(self) -> None:
        for task in (self._task, self._reader_task):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        if self._session is not None:
            with contextlib.suppress(Exception):
                self._session.send("Logoff", {})
            self._session.close()
            self._session = None
        self._publish = None

    async def _action(self, action: str, fields: Mapping[str, str]) -> AmiMessage:
        if self._session is None:
            raise CommandError("the PBX link is down; try again in a moment")
        try:
            reply = await asyncio.wait_for(self._session.send(action, fields), self.settings.action_timeout)
        except TimeoutError:
            raise CommandError(f"the PBX did not answer {action}") from None
        except ConnectionError:
            raise CommandError("the PBX link went down") from None
        if reply.get("Response") != "Success":
            raise CommandError(reply.get("Message", f"{action} refused by the PBX"))
        return reply

    async def command(self, principal: Principal, command: Command) -> Mapping[str, Any]:
        args = command.args
        if command.op == "dial":
            number = args.get("number")
            if not isinstance(number, str) or not _DIALLABLE.match(number.replace(" ", "")):
                raise CommandError("dial needs a number made of digits")
            number = number.replace(" ", "")
            # Click-to-dial: ring the agent's own phone, then connect it to the number.
            await self._action(
                "Originate",
                {
                    "Channel": principal.agent_id,
                    "Exten": number,
                    "Context": self.settings.originate_context,
                    "Priority": "1",
                    "CallerID": f"{number} <{number}>",
                    "Timeout": "30000",
                    "Async": "true",
                },
            )
            return {"number": number, "channel": principal.agent_id}
        if command.op == "agent.state":
            state = args.get("state")
            if state not in (AgentState.PAUSED, AgentState.AVAILABLE, AgentState.OFFLINE):
                raise CommandError("the PBX can set an agent paused, available or offline only")
            reason = args.get("reason", "")
            if not valid_state_reason(reason):
                raise CommandError(state_reason_problem())
            if state == AgentState.OFFLINE:
                # A desk logging out stays a queue member (membership is the PBX's configuration),
                # paused so that the queue stops ringing a phone nobody watches.
                reason = reason or LOGGED_OUT_REASON
            fields = {"Interface": principal.agent_id, "Paused": "false" if state == AgentState.AVAILABLE else "true"}
            if reason:
                # The PBX writes it into queue_log's PAUSE/UNPAUSE line and its QueueMemberPause event.
                fields["Reason"] = reason
            await self._action("QueuePause", fields)
            return {"state": state, "reason": reason}
        raise CommandError(f"the AMI source does not support {command.op!r}")
