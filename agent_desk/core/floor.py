"""The live floor: what a wallboard shows now, from the hub's event stream alone.

Pure: hub :class:`CallEvent` values and the hub's time in, a :class:`FloorState` out. The hub keeps
one and sends it to a supervisor desk that (re)connects (``floor`` frame); the desk keeps its own
copy going with the events that follow, so the board is pushed, never polled, and a desk that
reconnects rebuilds it from that snapshot instead of from whatever it missed.

"Today" is the centre's local day (``zone``): the day's tallies start again at local midnight,
while calls waiting and agents' states carry on. The day's figures are :class:`CallTally` values,
the same sums the KPI reports read, so the board's service level and the report's agree.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from agent_desk.core.kpi import CallFact, CallTally
from agent_desk.core.protocol import AgentState, CallEvent, EndReason, EventType

ACW_REASON = "acw"  # agent.state paused with this reason is after-call work (services.calls.lifecycle)
MAX_CALLS = 20_000  # calls in progress kept; a source that never ends its calls cannot grow the board
SNAPSHOT_VERSION = 1

#: How a call that leaves the queue unanswered left it (as core.hub_record reads the same reasons).
_UNANSWERED = {
    EndReason.NO_ANSWER.value: "timeout",
    "timeout": "timeout",
    EndReason.BUSY.value: "empty",
    "empty": "empty",
    "key": "key",
}


class FloorStatus(StrEnum):
    """What the board says an agent is doing."""

    READY = "ready"
    NOT_READY = "not_ready"
    RINGING = "ringing"
    TALKING = "talking"
    ACW = "acw"
    OFFLINE = "offline"
    UNKNOWN = "unknown"  # the hub has heard nothing of this agent since it started


@dataclass
class FloorCall:
    call_id: str
    queue: str = ""
    dnis: str = ""
    entered: float | None = None  # entered its queue (kept through a ring that went unanswered)
    waiting: bool = False
    agent: str = ""  # who talks to the caller
    vip: bool = False
    rung: list[str] = field(default_factory=list)  # whose phones it rang, so the end finds them without a scan


@dataclass
class FloorAgent:
    agent: str
    state: str = ""  # the hub's agent.state: available, paused, offline; "" while unknown
    reason: str = ""
    state_since: float = 0.0
    logged_in_since: float | None = None
    call_id: str = ""
    on_call: str = ""  # "", "ringing" or "talking"
    call_since: float = 0.0
    dnis: str = ""  # the current caller's number dialled, else the last one's (an ACW's line)
    queue: str = ""
    handled_today: int = 0

    @property
    def status(self) -> FloorStatus:
        if self.on_call == "talking":
            return FloorStatus.TALKING
        if self.on_call == "ringing":
            return FloorStatus.RINGING
        match self.state:
            case AgentState.AVAILABLE.value:
                return FloorStatus.READY
            case AgentState.PAUSED.value:
                return FloorStatus.ACW if self.reason == ACW_REASON else FloorStatus.NOT_READY
            case AgentState.OFFLINE.value:
                return FloorStatus.OFFLINE
        return FloorStatus.UNKNOWN

    @property
    def since(self) -> float:
        """When the state the board shows began."""
        return self.call_since if self.on_call else self.state_since

    def seconds_in_state(self, now: float) -> float:
        return max(0.0, now - self.since) if self.since else 0.0


@dataclass(frozen=True)
class FloorChange:
    """What one event changed: the agents and the queues whose rows must be drawn again."""

    agents: frozenset[str] = frozenset()
    queues: frozenset[str] = frozenset()
    new_day: bool = False

    def __bool__(self) -> bool:
        return bool(self.agents or self.queues or self.new_day)


def local_day(ts: float, zone: tzinfo) -> date:
    return datetime.fromtimestamp(ts, UTC).astimezone(zone).date()


@dataclass
class FloorState:
    zone: tzinfo = UTC
    day: date | None = None
    agents: dict[str, FloorAgent] = field(default_factory=dict)
    calls: OrderedDict[str, FloorCall] = field(default_factory=OrderedDict)
    # (queue, dnis) → the day's calls that left that queue, answered or not
    tallies: dict[tuple[str, str], CallTally] = field(default_factory=dict)
    max_calls: int = MAX_CALLS

    # ---------------------------------------------------------------- events in

    def apply(self, event: CallEvent, ts: float) -> FloorChange:
        new_day = self._roll(ts)
        agents: set[str] = set()
        queues: set[str] = set()
        if event.type == EventType.AGENT_STATE:
            self._agent_state(event, ts, agents)
        elif event.call_id:
            self._call_event(event, ts, agents, queues)
        return FloorChange(frozenset(agents), frozenset(queues), new_day)

    def _roll(self, ts: float) -> bool:
        today = local_day(ts, self.zone)
        if self.day is None:
            self.day = today
            return False
        if today <= self.day:
            return False
        self.day = today
        self.tallies.clear()
        for agent in self.agents.values():
            agent.handled_today = 0
        return True

    def agent(self, name: str) -> FloorAgent:
        found = self.agents.get(name)
        if found is None:
            found = self.agents[name] = FloorAgent(name)
        return found

    def _agent_state(self, event: CallEvent, ts: float, changed: set[str]) -> None:
        if not event.agent:
            return
        agent = self.agent(event.agent)
        changed.add(agent.agent)
        state = event.state
        if state in (AgentState.RINGING.value, AgentState.BUSY.value):
            # The PBX's device state: shown only when no call event told us more.
            if not agent.on_call:
                agent.on_call = "ringing" if state == AgentState.RINGING.value else "talking"
                agent.call_since = ts
            return
        if state not in (AgentState.AVAILABLE.value, AgentState.PAUSED.value, AgentState.OFFLINE.value):
            return
        reason = event.reason if state == AgentState.PAUSED.value else ""
        if state != agent.state or reason != agent.reason:
            agent.state, agent.reason, agent.state_since = state, reason, ts
        if state == AgentState.OFFLINE.value:
            agent.logged_in_since = None
            self._leave_call(agent)
        elif agent.logged_in_since is None:
            agent.logged_in_since = ts
        if agent.on_call and not agent.call_id:
            agent.on_call = ""  # a device-state busy/ringing ends with the next state the desk reports

    def _call_event(self, event: CallEvent, ts: float, agents: set[str], queues: set[str]) -> None:
        call = self.calls.get(event.call_id)
        if call is None:
            if event.type == EventType.CALL_ENDED:
                return  # never seen (a hub that just started): nothing of it is on the board
            call = self.calls[event.call_id] = FloorCall(event.call_id)
            while len(self.calls) > self.max_calls:
                self._drop(self.calls.popitem(last=False)[1], agents, queues)
        call.dnis = event.dnis or call.dnis
        call.vip = call.vip or event.vip
        if event.queue and event.queue != call.queue:
            if call.waiting:  # moved to another queue: it waits there from now on
                queues.add(call.queue)
            call.queue, call.entered, call.waiting = event.queue, None, False
        if call.queue:
            queues.add(call.queue)
        match event.type:
            case EventType.CALL_QUEUED:
                if not call.waiting:
                    call.waiting = True
                    call.entered = call.entered if call.entered is not None else ts
                if event.agent:  # rang unanswered: back to the queue, the phone stops
                    self._stop_ringing(event.agent, call, agents)
            case EventType.CALL_OFFERED:
                if event.agent:
                    agent = self.agent(event.agent)
                    if agent.call_id != call.call_id or agent.on_call != "ringing":
                        agent.call_id, agent.on_call, agent.call_since = call.call_id, "ringing", ts
                    if agent.agent not in call.rung:
                        call.rung.append(agent.agent)
                    agent.dnis, agent.queue = call.dnis, call.queue
                    agents.add(agent.agent)
            case EventType.CALL_ANSWERED:
                self._answered(call, event.agent, ts, agents)
            case EventType.CALL_TRANSFERRED:
                self._transferred(call, event, agents)
            case EventType.CALL_ENDED:
                self._ended(call, event, ts, agents)

    def _answered(self, call: FloorCall, who: str, ts: float, agents: set[str]) -> None:
        if call.waiting and call.entered is not None:
            self._tally(call).add(CallFact(None, "answered", wait_s=max(0.0, ts - call.entered)))
        call.waiting = False
        # Ring-all: the other phones that rang for this call stop.
        for name in call.rung:
            if name != who:
                self._stop_call(name, call, agents)
        call.rung = []
        if who:
            agent = self.agent(who)
            if agent.call_id != call.call_id or agent.on_call != "talking":
                agent.handled_today += 1
                agent.call_id, agent.on_call, agent.call_since = call.call_id, "talking", ts
            agent.dnis, agent.queue = call.dnis, call.queue
            call.agent = who
            agents.add(who)

    def _transferred(self, call: FloorCall, event: CallEvent, agents: set[str]) -> None:
        # The target's own answer follows (a blind transfer rings it first), so it is not set here.
        previous = call.agent or event.agent
        if previous and previous != event.target:
            self._stop_call(previous, call, agents)
        call.agent = ""

    def _ended(self, call: FloorCall, event: CallEvent, ts: float, agents: set[str]) -> None:
        if call.waiting and call.entered is not None:
            outcome = _UNANSWERED.get(event.reason, "abandoned")
            self._tally(call).add(CallFact(None, outcome, wait_s=max(0.0, ts - call.entered)))
        self._release(call, agents)
        del self.calls[call.call_id]

    def _drop(self, call: FloorCall, agents: set[str], queues: set[str]) -> None:
        if call.queue:
            queues.add(call.queue)
        self._release(call, agents)

    def _release(self, call: FloorCall, agents: set[str]) -> None:
        for name in {*call.rung, call.agent} - {""}:
            self._stop_call(name, call, agents)

    def _stop_ringing(self, name: str, call: FloorCall, agents: set[str]) -> None:
        agent = self.agents.get(name)
        if agent is not None and agent.call_id == call.call_id and agent.on_call == "ringing":
            self._leave_call(agent)
            agents.add(name)

    def _stop_call(self, name: str, call: FloorCall, agents: set[str]) -> None:
        agent = self.agents.get(name)
        if agent is not None and agent.call_id == call.call_id:
            self._leave_call(agent)
            agents.add(name)

    @staticmethod
    def _leave_call(agent: FloorAgent) -> None:
        agent.call_id, agent.on_call, agent.call_since = "", "", 0.0

    def _tally(self, call: FloorCall) -> CallTally:
        key = (call.queue, call.dnis)
        tally = self.tallies.get(key)
        if tally is None:
            tally = self.tallies[key] = CallTally()
        return tally

    # ---------------------------------------------------------------- reading

    def waiting(self) -> list[FloorCall]:
        return [c for c in self.calls.values() if c.waiting]

    def queue_names(self) -> set[str]:
        return {q for q, _ in self.tallies} | {c.queue for c in self.calls.values() if c.waiting and c.queue}

    # ---------------------------------------------------------------- snapshot

    def to_json(self) -> dict[str, Any]:
        return {
            "v": SNAPSHOT_VERSION,
            "zone": getattr(self.zone, "key", None) or "UTC",
            "day": self.day.isoformat() if self.day else None,
            "agents": [_agent_json(a) for a in self.agents.values()],
            "calls": [_call_json(c) for c in self.calls.values()],
            "tallies": [{"queue": q, "dnis": d, "tally": t.to_json()} for (q, d), t in self.tallies.items()],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], zone: tzinfo | None = None) -> FloorState:
        """The board a snapshot describes, its day in the hub's zone unless ``zone`` is given;
        raises ValueError on one that is not a floor snapshot."""
        if not isinstance(data, Mapping) or data.get("v") != SNAPSHOT_VERSION:
            raise ValueError("not a floor snapshot this desk can read")
        try:
            if zone is None:
                zone = ZoneInfo(str(data.get("zone") or "UTC"))
            state = cls(zone=zone, day=date.fromisoformat(data["day"]) if data.get("day") else None)
            for item in data.get("agents", ()):
                agent = FloorAgent(**_typed(FloorAgent, item))
                state.agents[agent.agent] = agent
            for item in data.get("calls", ()):
                call = FloorCall(**_typed(FloorCall, item))
                state.calls[call.call_id] = call
            for item in data.get("tallies", ()):
                state.tallies[(str(item["queue"]), str(item["dnis"]))] = CallTally.from_json(item["tally"])
        except (KeyError, TypeError, AttributeError, ZoneInfoNotFoundError) as exc:
            raise ValueError(f"a floor snapshot with a broken entry: {exc}") from exc
        return state


_AGENT_FIELDS = tuple(FloorAgent.__dataclass_fields__)
_CALL_FIELDS = tuple(FloorCall.__dataclass_fields__)
# What each field may hold in a snapshot: the board does arithmetic and comparisons on them later,
# far from here, so a wrong type is refused on arrival (the old board stays).
_KINDS: dict[str, tuple[type, ...]] = {"str": (str,), "bool": (bool,), "int": (int,), "float": (int, float)}


def _typed(cls: type, item: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, spec in cls.__dataclass_fields__.items():  # type: ignore[attr-defined]
        if name not in item:
            continue
        value, kind = item[name], str(spec.type)
        if kind.endswith("| None") and value is None:
            values[name] = None
            continue
        allowed = _KINDS.get(kind.removesuffix(" | None"))
        if kind.startswith("list["):
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = (
                allowed is not None
                and isinstance(value, allowed)
                and (bool not in allowed) == (type(value) is not bool)
            )
        if not ok:
            raise TypeError(f"{cls.__name__}.{name} = {value!r}")
        values[name] = value
    return values


def _agent_json(agent: FloorAgent) -> dict[str, Any]:
    return {k: getattr(agent, k) for k in _AGENT_FIELDS}


def _call_json(call: FloorCall) -> dict[str, Any]:
    return {k: getattr(call, k) for k in _CALL_FIELDS}


__all__ = ["ACW_REASON", "FloorAgent", "FloorCall", "FloorChange", "FloorState", "FloorStatus", "local_day"]
