"""A source that makes up calls: scripted scenarios, a realistic demo and a load mode.

Planning is pure: ``scenario_events`` and ``plan_load_call`` return
``(offset_seconds, CallEvent)`` lists, and the demo's callers go through the
queue model of ``sim_queue`` (offered only to ready agents, waiting, giving up),
which takes the time as input. The source only drives them from the event loop,
so tests can check the plans and step the queue without waiting.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent_desk.core.protocol import (
    AgentState,
    CallEvent,
    Command,
    EndReason,
    EventType,
    state_reason_problem,
    valid_state_reason,
)
from agent_desk.telephony.sources.base import CommandError, Publish
from agent_desk.telephony.sources.sim_queue import QueueModel, QueueSettings, Timed
from agent_desk.telephony.tokens import Principal

Plan = list[tuple[float, CallEvent]]

DEMO_DNIS = ("4008001001", "4008001002", "4008001003", "4008001004")
DEMO_AGENTS = ("SIP/8001", "SIP/8002", "SIP/8003", "SIP/8004")
# Prefixes of the three Chinese mobile operators, so demo numbers look real
# and pass the phone normaliser.
MOBILE_PREFIXES = tuple(
    str(p)
    for p in (
        *range(130, 140),
        *range(150, 160),
        166,
        *range(176, 179),
        *range(180, 190),
        191,
        198,
        199,
    )
    if p not in (134, 154)
)


class ScenarioError(ValueError):
    pass


def random_mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


# ---------------------------------------------------------------- scenarios

_ACTIONS = {
    "ring": EventType.CALL_RINGING,
    "queue": EventType.CALL_QUEUED,
    "offer": EventType.CALL_OFFERED,
    "answer": EventType.CALL_ANSWERED,
    "transfer": EventType.CALL_TRANSFERRED,
    "end": EventType.CALL_ENDED,
    "abandon": EventType.CALL_ENDED,
    "agent": EventType.AGENT_STATE,
}


def _text(step: Mapping[str, Any], key: str, where: str) -> str:
    value = step.get(key, "")
    if not isinstance(value, str):
        raise ScenarioError(f"{where}: {key} must be a string")
    return value


def scenario_events(steps: Sequence[Mapping[str, Any]], prefix: str = "sim") -> Plan:
    """Turn scenario steps into events; call fields carry over from earlier steps."""
    calls: dict[str, CallEvent] = {}
    plan: Plan = []
    for index, step in enumerate(steps, 1):
        where = f"step {index}"
        if not isinstance(step, Mapping):
            raise ScenarioError(f"{where}: must be an object")
        action = step.get("do")
        if action not in _ACTIONS:
            raise ScenarioError(f"{where}: 'do' must be one of {', '.join(_ACTIONS)}")
        at = step.get("at", plan[-1][0] if plan else 0.0)
        if isinstance(at, bool) or not isinstance(at, int | float) or at < 0:
            raise ScenarioError(f"{where}: 'at' must be seconds >= 0")
        src = f"scenario:{index}"
        if action == "agent":
            state = _text(step, "state", where)
            if state not in AgentState.__members__.values():
                raise ScenarioError(f"{where}: unknown agent state {state!r}")
            agent = _text(step, "agent", where)
            if not agent:
                raise ScenarioError(f"{where}: agent step needs an agent")
            plan.append((float(at), CallEvent(EventType.AGENT_STATE, agent=agent, state=state, src=src)))
            continue
        name = _text(step, "call", where)
        if not name:
            raise ScenarioError(f"{where}: needs a call name")
        prev = calls.get(name) or CallEvent(EventType.CALL_RINGING, call_id=f"{prefix}-{name}")
        changes: dict[str, Any] = {"type": _ACTIONS[action], "src": src, "reason": "", "target": ""}
        for key in ("ani", "ani_name", "dnis", "queue", "agent", "recording_url"):
            if key in step:
                changes[key] = _text(step, key, where)
        for key in ("vip", "blacklisted"):
            if key in step:
                if not isinstance(step[key], bool):
                    raise ScenarioError(f"{where}: {key} must be true or false")
                changes[key] = step[key]
        if action == "end":
            reason = _text(step, "reason", where) or EndReason.COMPLETED
            changes["reason"] = reason
        elif action == "abandon":
            changes["reason"] = EndReason.ABANDONED
            changes["agent"] = ""
        elif action == "transfer":
            target = _text(step, "to", where)
            if not target:
                raise ScenarioError(f"{where}: transfer needs 'to'")
            changes["target"] = target
        event = prev.with_(**changes)
        plan.append((float(at), event))
        if action == "transfer":
            # The transfer target's desk pops like for any offered call.
            event = event.with_(type=EventType.CALL_OFFERED, agent=target, target="")
        calls[name] = event
        if action == "transfer":
            plan.append((float(at), event))
    plan.sort(key=lambda item: item[0])  # stable: same-time steps keep file order
    return plan


def load_scenario_file(path: Path) -> tuple[str, list[Mapping[str, Any]], bool]:
    """Read a scenario JSON file: ``{"name", "repeat", "steps": [...]}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScenarioError(f"cannot read scenario {path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise ScenarioError(f"{path}: not JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise ScenarioError(f"{path}: expected an object with a 'steps' list")
    scenario_events(data["steps"])  # validate now, fail at start rather than mid-demo
    return str(data.get("name", path.stem)), data["steps"], bool(data.get("repeat", False))


# ---------------------------------------------------------------- demo and load


@dataclass(frozen=True, slots=True)
class DemoSettings:
    anis: Sequence[str] = ()  # known callers (e.g. from the demo database); empty: random
    new_caller_ratio: float = 0.25  # share of calls from numbers not in ``anis``
    dnis: Sequence[str] = DEMO_DNIS
    agents: Sequence[str] = DEMO_AGENTS
    queue: str = "sales"
    mean_interval: float = 20.0  # seconds between calls (exponential)
    patience: float = 60.0  # mean seconds a caller waits before hanging up; 0: for ever
    max_wait: float = 0.0  # the queue sends callers away after this long; 0: never
    ring_timeout: float = 15.0
    no_answer_ratio: float = 0.05
    talk: tuple[float, float] = (30.0, 180.0)
    wrap_gap: float = 5.0  # between calls, for agents whose desk does not tell its state
    recording_url: str = "https://pbx.example.invalid/recordings/{call_id}.wav"

    def routing(self) -> QueueSettings:
        return QueueSettings(
            agents=self.agents,
            queue=self.queue,
            patience=self.patience,
            max_wait=self.max_wait,
            ring_timeout=self.ring_timeout,
            no_answer_ratio=self.no_answer_ratio,
            talk=self.talk,
            wrap_gap=self.wrap_gap,
            recording_url=self.recording_url,
        )


def demo_caller(call_id: str, settings: DemoSettings, rng: random.Random) -> CallEvent:
    """Who calls which line: mostly known customers, some new numbers."""
    if settings.anis and rng.random() >= settings.new_caller_ratio:
        ani = rng.choice(list(settings.anis))
    else:
        ani = random_mobile(rng)
    return CallEvent(EventType.CALL_RINGING, call_id=call_id, ani=ani, dnis=rng.choice(list(settings.dnis)))


@dataclass(frozen=True, slots=True)
class LoadSettings:
    calls_per_second: float
    agents: Sequence[str]
    dnis: Sequence[str] = DEMO_DNIS
    hold: float = 2.0  # seconds from offer to end; 5 events per call


def plan_load_call(call_id: str, settings: LoadSettings, rng: random.Random) -> Plan:
    base = CallEvent(
        EventType.CALL_RINGING,
        call_id=call_id,
        ani=random_mobile(rng),
        dnis=rng.choice(list(settings.dnis)),
        queue="load",
        src="simulator:load",
    )
    agent = rng.choice(list(settings.agents))
    h = settings.hold
    return [
        (0.0, base),
        (h * 0.05, base.with_(type=EventType.CALL_QUEUED)),
        (h * 0.1, base.with_(type=EventType.CALL_OFFERED, agent=agent)),
        (h * 0.3, base.with_(type=EventType.CALL_ANSWERED, agent=agent)),
        (h, base.with_(type=EventType.CALL_ENDED, agent=agent, reason=EndReason.COMPLETED)),
    ]


# ---------------------------------------------------------------- the source

_DESK_STATES = frozenset({AgentState.AVAILABLE, AgentState.PAUSED, AgentState.OFFLINE})


class SimulatorSource:
    def __init__(
        self,
        *,
        scenarios: Sequence[tuple[str, Sequence[Mapping[str, Any]], bool]] = (),
        demo: DemoSettings | None = None,
        load: LoadSettings | None = None,
        speed: float = 1.0,
        seed: int | None = None,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._scenarios = list(scenarios)
        self._demo = demo
        self._load = load
        self._speed = speed
        self._rng = random.Random(seed)
        self._publish: Publish | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._timers: set[asyncio.TimerHandle] = set()
        self._counter = itertools.count(1)
        self._live: dict[str, CallEvent] = {}  # "ring me now" calls, for answer/hangup
        # The demo's queue runs on simulated seconds: (loop time - start) * speed.
        self._queue = QueueModel(demo.routing(), self._rng) if demo is not None else None
        self._wake: asyncio.TimerHandle | None = None
        self._started_at = 0.0

    def _new_id(self, kind: str) -> str:
        return f"sim-{kind}-{next(self._counter)}-{self._rng.randrange(16**6):06x}"

    def _emit(self, event: CallEvent) -> None:
        if self._publish is not None:
            self._publish(event)

    def _later(self, delay: float, callback: Callable[[], None]) -> None:
        # Handles are kept only until they fire, so stop() can cancel what is
        # pending without the set growing for ever in demo and load modes.
        box: list[asyncio.TimerHandle] = []

        def fire() -> None:
            self._timers.discard(box[0])
            callback()

        box.append(asyncio.get_running_loop().call_later(delay / self._speed, fire))
        self._timers.add(box[0])

    def _schedule(self, plan: Plan) -> None:
        for offset, event in plan:
            self._later(offset, functools.partial(self._emit, event))

    def _spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _sim_now(self) -> float:
        return (asyncio.get_running_loop().time() - self._started_at) * self._speed

    def _feed(self, events: Timed) -> None:
        """Publish what the queue did, and wake up when it next does something by itself."""
        for _, event in events:
            self._emit(event)
        if self._queue is None:
            return
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None
        due = self._queue.next_due()
        if due is not None and self._publish is not None:
            delay = max(0.0, due - self._sim_now()) / self._speed
            self._wake = asyncio.get_running_loop().call_later(delay, self._on_wake)

    def _on_wake(self) -> None:
        self._wake = None
        if self._queue is not None:
            self._feed(self._queue.advance(self._sim_now()))

    async def start(self, publish: Publish) -> None:
        self._publish = publish
        self._started_at = asyncio.get_running_loop().time()
        for name, steps, repeat in self._scenarios:
            self._spawn(self._run_scenario(name, steps, repeat))
        if self._demo is not None and self._queue is not None:
            self._spawn(self._run_demo(self._demo, self._queue))
        if self._load is not None:
            self._spawn(self._run_load(self._load))

    async def stop(self) -> None:
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._publish = None

    async def _run_scenario(self, name: str, steps: Sequence[Mapping[str, Any]], repeat: bool) -> None:
        while True:
            plan = scenario_events(steps, prefix=self._new_id(name))
            self._schedule(plan)
            if not repeat or not plan:
                return
            await asyncio.sleep((plan[-1][0] + 1.0) / self._speed)

    async def _run_demo(self, settings: DemoSettings, queue: QueueModel) -> None:
        while True:
            self._feed(queue.arrive(demo_caller(self._new_id("demo"), settings, self._rng), self._sim_now()))
            await asyncio.sleep(self._rng.expovariate(1.0 / settings.mean_interval) / self._speed)

    async def _run_load(self, settings: LoadSettings) -> None:
        loop = asyncio.get_running_loop()
        interval = 1.0 / settings.calls_per_second
        next_at = loop.time()
        while True:
            self._schedule(plan_load_call(self._new_id("load"), settings, self._rng))
            next_at += interval
            await asyncio.sleep(max(0.0, next_at - loop.time()))

    # ------------------------------------------------------------ desk commands

    async def command(self, principal: Principal, command: Command) -> Mapping[str, Any]:
        args = command.args
        if command.op == "agent.state":
            return self._agent_state(principal.agent_id, args)
        if command.op == "dial":
            number = args.get("number")
            if not isinstance(number, str) or not number.strip():
                raise CommandError("dial needs a number")
            return {"call_id": self._new_id("dial"), "number": number}
        if command.op == "simulate":
            return self._simulate(principal, args)
        raise CommandError(f"the simulator does not support {command.op!r}")

    def _agent_state(self, agent: str, args: Mapping[str, Any]) -> Mapping[str, Any]:
        state = args.get("state")
        if not isinstance(state, str) or state not in _DESK_STATES:
            raise CommandError("a desk can set its agent available, paused or offline only")
        reason = args.get("reason", "")
        if not valid_state_reason(reason):
            raise CommandError(state_reason_problem())
        reason = reason if state == AgentState.PAUSED else ""
        if self._queue is not None:
            self._feed(self._queue.set_state(agent, state, reason, self._sim_now()))
        else:
            self._emit(CallEvent(EventType.AGENT_STATE, agent=agent, state=state, reason=reason, src="desk"))
        return {"state": state, "reason": reason}

    def _simulate(self, principal: Principal, args: Mapping[str, Any]) -> Mapping[str, Any]:
        action = args.get("action")
        if action == "ring":
            return self._ring_me(principal, args)
        if action in ("answer", "hangup"):
            call_id = args.get("call_id")
            call = self._live.get(call_id) if isinstance(call_id, str) else None
            if call is None:
                raise CommandError(f"no simulated call {call_id!r} in progress")
            if action == "answer":
                self._emit(call.with_(type=EventType.CALL_ANSWERED, src="simulator:desk"))
                self._live[call.call_id] = call.with_(type=EventType.CALL_ANSWERED)
            else:
                reason = EndReason.COMPLETED if call.type == EventType.CALL_ANSWERED else EndReason.ABANDONED
                self._end_live(call.with_(type=EventType.CALL_ENDED, reason=reason, src="simulator:desk"))
            return {"call_id": call.call_id}
        raise CommandError("simulate action must be ring, answer or hangup")

    def _ring_me(self, principal: Principal, args: Mapping[str, Any]) -> Mapping[str, Any]:
        """Offer a call to the asking desk right away ("ring me now")."""
        agent = args.get("agent") if principal.supervisor else None
        agent = agent if isinstance(agent, str) and agent else principal.agent_id
        ani = args.get("ani")
        dnis = args.get("dnis")
        demo = self._demo or DemoSettings()
        if not isinstance(ani, str) or not ani:
            ani = self._rng.choice(list(demo.anis)) if demo.anis else random_mobile(self._rng)
        if not isinstance(dnis, str) or not dnis:
            dnis = self._rng.choice(list(demo.dnis))
        call_id = self._new_id("ring")
        if self._queue is not None and not self._queue.occupy(agent, call_id):
            raise CommandError(f"{agent} is on a call; a new one would ring over it")
        call = CallEvent(
            EventType.CALL_RINGING,
            call_id=call_id,
            ani=ani,
            dnis=dnis,
            queue=demo.queue,
            src="simulator:desk",
        )
        for type_ in (EventType.CALL_RINGING, EventType.CALL_QUEUED):
            self._emit(call.with_(type=type_))
        offered = call.with_(type=EventType.CALL_OFFERED, agent=agent)
        self._emit(offered)
        self._live[call.call_id] = offered
        answer_after = args.get("answer_after", 3.0)
        talk = args.get("talk", 60.0)
        if isinstance(answer_after, int | float) and not isinstance(answer_after, bool):
            plan: Plan = [(float(answer_after), offered.with_(type=EventType.CALL_ANSWERED))]
            if isinstance(talk, int | float) and not isinstance(talk, bool):
                plan.append(
                    (
                        float(answer_after) + float(talk),
                        offered.with_(type=EventType.CALL_ENDED, reason=EndReason.COMPLETED),
                    )
                )
            self._schedule_live(plan)
        return {"call_id": call.call_id, "agent": agent, "ani": ani, "dnis": dnis}

    def _schedule_live(self, plan: Plan) -> None:
        """Like _schedule, but a desk's answer/hangup may overtake the plan."""
        for offset, event in plan:
            self._later(offset, functools.partial(self._fire_live, event))

    def _fire_live(self, event: CallEvent) -> None:
        live = self._live.get(event.call_id)
        if live is None or live.type == event.type:
            return
        if event.type == EventType.CALL_ENDED:
            self._end_live(event)
        else:
            self._live[event.call_id] = event
            self._emit(event)

    def _end_live(self, ended: CallEvent) -> None:
        talked = self._live.pop(ended.call_id).type == EventType.CALL_ANSWERED
        self._emit(ended)
        if self._queue is not None:  # the agent is free for the demo's queue again
            self._feed(self._queue.release(ended.agent, ended.call_id, self._sim_now(), talked=talked))
