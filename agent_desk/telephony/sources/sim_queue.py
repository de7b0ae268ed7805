"""The demo's call queue: callers wait, ring the longest-idle ready agent, and some give up.

A discrete-event model with no clock and no event loop of its own: every input (a caller
arrives, a desk sets its agent's state, the time moves on) takes the simulated time ``now``
and returns the events that happened up to then, each with the time it happened. The
simulator source feeds it the event loop's time; tests step it by hand, so a whole day of
calls runs in milliseconds and always the same way for one seed.

The rules, which are the PBX's (Asterisk ``Queue()`` with ``ringinuse=no``):

* a call is offered only to a *ready* agent with no call ringing or in progress, the one
  ready the longest first; an agent whose phone rang unanswered is tried again only after
  the others;
* callers wait in arrival order, a call that rang unanswered keeping its place; each caller
  hangs up after a patience drawn around ``patience`` (``call.ended``, ``abandoned``), and
  the queue itself may give up after ``max_wait`` (``call.ended``, ``no_answer``);
* an agent whose desk has told its state (``available``, ``paused`` with a reason,
  ``offline``) is ready only while the desk says ``available``: after a call the desk goes
  to after-call work itself, so the agent waits for the desk's next ``available``. An agent
  no desk speaks for (no desk, an older desk) is ready again ``wrap_gap`` seconds after a call.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from agent_desk.core.protocol import AgentState, CallEvent, EndReason, EventType

Timed = list[tuple[float, CallEvent]]


@dataclass(frozen=True, slots=True)
class QueueSettings:
    agents: Sequence[str] = ()
    queue: str = "sales"
    patience: float = 60.0  # mean seconds a caller waits before hanging up (exponential); 0: for ever
    max_wait: float = 0.0  # the queue's own time limit (Queue()'s timeout); 0: none
    ring_timeout: float = 15.0  # a member's phone rings this long before the queue tries another
    no_answer_ratio: float = 0.05  # share of offers the agent lets ring out
    answer_after: tuple[float, float] = (2.0, 8.0)
    talk: tuple[float, float] = (30.0, 180.0)
    greeting: tuple[float, float] = (0.5, 2.0)  # IVR before the caller joins the queue
    wrap_gap: float = 5.0  # seconds between calls for an agent no desk speaks for
    recording_url: str = "https://pbx.example.invalid/recordings/{call_id}.wav"
    src: str = "simulator:demo"


@dataclass(slots=True)
class _Agent:
    name: str
    order: int  # ties in idle time go to the agent listed first
    managed: bool = False  # a desk has told this agent's state
    ready: bool = True
    reason: str = ""
    call: str = ""  # the call ringing or in progress at this agent
    ready_since: float = 0.0
    free_at: float = 0.0  # unmanaged agents: end of the gap after a call


@dataclass(slots=True)
class _Call:
    event: CallEvent  # what every later event of the call carries over
    entered: float = -1.0  # joined the queue; -1: still in the greeting
    agent: str = ""  # ringing or talking
    answered: bool = False
    offers: int = 0  # stale ring and answer timers carry an older count
    tried: set[str] = field(default_factory=set)  # let it ring unanswered


class QueueModel:
    def __init__(self, settings: QueueSettings, rng: random.Random, *, now: float = 0.0) -> None:
        self.settings = settings
        self.now = now
        self._rng = rng
        self._agents: dict[str, _Agent] = {}
        for name in settings.agents:
            self._agent(name)
        self._calls: dict[str, _Call] = {}
        self._waiting: list[str] = []  # call ids in queue order
        self._timers: list[tuple[float, int, Callable[[], Timed]]] = []
        self._seq = itertools.count()

    # ------------------------------------------------------------ what tests and the source see

    def next_due(self) -> float | None:
        """When something happens next without any input, or None."""
        return self._timers[0][0] if self._timers else None

    def waiting(self) -> list[str]:
        return list(self._waiting)

    def position(self, call_id: str) -> int | None:
        """1 for the caller next in line; None when not waiting (in the greeting, ringing, talking, gone)."""
        return self._waiting.index(call_id) + 1 if call_id in self._waiting else None

    def call_at(self, agent: str) -> str:
        """The call ringing or in progress at ``agent``, or ``""``."""
        known = self._agents.get(agent)
        return known.call if known else ""

    # ------------------------------------------------------------ inputs

    def advance(self, now: float) -> Timed:
        """Let the time run to ``now``: each timer fires at its own time, in order."""
        out: Timed = []
        while self._timers and self._timers[0][0] <= now:
            due, _, fire = heapq.heappop(self._timers)
            self.now = max(self.now, due)
            out += fire()
            out += self._dispatch()
        self.now = max(self.now, now)
        return out

    def arrive(self, call: CallEvent, now: float) -> Timed:
        """A caller dials in (``call`` carries call_id, ani, dnis); the greeting plays, then they queue."""
        out = self.advance(now)
        ringing = call.with_(type=EventType.CALL_RINGING, src=self.settings.src)
        self._calls[call.call_id] = _Call(ringing)
        self._after(self._rng.uniform(*self.settings.greeting), lambda: self._enqueue(call.call_id))
        out.append((self.now, ringing))
        return out

    def set_state(self, agent: str, state: str, reason: str, now: float) -> Timed:
        """What a desk says (``agent.state``): echoed, and it decides whether calls are offered."""
        out = self.advance(now)
        member = self._agent(agent)
        if not member.managed:  # from now on the desk's word decides, and it is ready from when it says so
            member.managed, member.ready = True, False
        member.reason = reason if state == AgentState.PAUSED else ""
        ready = state == AgentState.AVAILABLE
        if ready and not member.ready:
            member.ready_since = self.now
        member.ready = ready
        event = CallEvent(EventType.AGENT_STATE, agent=agent, state=state, reason=member.reason, src="desk")
        out.append((self.now, event))
        return out + self._dispatch()

    def occupy(self, agent: str, call_id: str) -> bool:
        """A call from outside the queue (a desk's "ring me") rings at ``agent``; False if one is on already."""
        member = self._agent(agent)
        if member.call:
            return False
        member.call = call_id
        return True

    def release(self, agent: str, call_id: str, now: float, *, talked: bool) -> Timed:
        """The outside call ``call_id`` at ``agent`` is over."""
        out = self.advance(now)
        member = self._agents.get(agent)
        if member is not None and member.call == call_id and call_id not in self._calls:
            self._free(member, talked=talked)
        return out + self._dispatch()

    # ------------------------------------------------------------ the model

    def _agent(self, name: str) -> _Agent:
        if name not in self._agents:
            self._agents[name] = _Agent(name, len(self._agents), ready_since=self.now)
        return self._agents[name]

    def _after(self, delay: float, fire: Callable[[], Timed]) -> None:
        heapq.heappush(self._timers, (self.now + max(0.0, delay), next(self._seq), fire))

    def _emit(self, call: _Call, type_: EventType, **changes: str) -> Timed:
        return [(self.now, call.event.with_(type=type_, **{"reason": "", "ended_by": "", **changes}))]

    def _enqueue(self, call_id: str) -> Timed:
        call = self._calls.get(call_id)
        if call is None:
            return []
        s = self.settings
        call.entered = self.now
        call.event = call.event.with_(queue=s.queue)
        self._waiting.append(call_id)
        if s.patience > 0:
            self._after(self._rng.expovariate(1.0 / s.patience), lambda: self._give_up(call_id, EndReason.ABANDONED))
        if s.max_wait > 0:
            self._after(s.max_wait, lambda: self._give_up(call_id, EndReason.NO_ANSWER))
        return self._emit(call, EventType.CALL_QUEUED)

    def _offerable(self, member: _Agent) -> bool:
        if member.call:
            return False
        return member.ready if member.managed else self.now >= member.free_at

    def _idle_since(self, member: _Agent) -> float:
        return member.ready_since if member.managed else max(member.ready_since, member.free_at)

    def _dispatch(self) -> Timed:
        out: Timed = []
        while self._waiting:
            call = self._calls[self._waiting[0]]
            free = [a for a in self._agents.values() if self._offerable(a)]
            if not free:
                break
            if all(a.name in call.tried for a in free):
                call.tried.clear()  # everyone free let it ring: start the round again
            member = min(free, key=lambda a: (a.name in call.tried, self._idle_since(a), a.order))
            self._waiting.pop(0)
            out += self._offer(call, member)
        return out

    def _offer(self, call: _Call, member: _Agent) -> Timed:
        s = self.settings
        call.agent = member.name
        call.offers += 1
        member.call = call.event.call_id
        call_id, offer = call.event.call_id, call.offers
        if self._rng.random() < s.no_answer_ratio:
            self._after(s.ring_timeout, lambda: self._ring_out(call_id, offer))
        else:
            delay = min(self._rng.uniform(*s.answer_after), s.ring_timeout * 0.9)
            self._after(delay, lambda: self._answer(call_id, offer))
        return self._emit(call, EventType.CALL_OFFERED, agent=member.name)

    def _ringing(self, call_id: str, offer: int) -> _Call | None:
        call = self._calls.get(call_id)
        return call if call is not None and call.offers == offer and call.agent and not call.answered else None

    def _ring_out(self, call_id: str, offer: int) -> Timed:
        call = self._ringing(call_id, offer)
        if call is None:
            return []
        agent = call.agent
        call.tried.add(agent)
        self._stop_ringing(call)
        self._waiting.append(call_id)
        self._waiting.sort(key=lambda c: self._calls[c].entered)  # the caller keeps their place
        return self._emit(call, EventType.CALL_QUEUED, agent=agent, reason=EndReason.NO_ANSWER)

    def _answer(self, call_id: str, offer: int) -> Timed:
        call = self._ringing(call_id, offer)
        if call is None:
            return []
        call.answered = True
        url = self.settings.recording_url.format(call_id=call_id)
        call.event = call.event.with_(agent=call.agent, recording_url=url)
        self._after(self._rng.uniform(*self.settings.talk), lambda: self._hang_up(call_id))
        return self._emit(call, EventType.CALL_ANSWERED)

    def _hang_up(self, call_id: str) -> Timed:
        call = self._calls.pop(call_id, None)
        if call is None:
            return []
        self._free(self._agents[call.agent], talked=True)
        return self._emit(call, EventType.CALL_ENDED, reason=EndReason.COMPLETED)

    def _give_up(self, call_id: str, reason: EndReason) -> Timed:
        """The caller's patience or the queue's limit ran out before anyone answered."""
        call = self._calls.get(call_id)
        if call is None or call.answered:
            return []
        del self._calls[call_id]
        agent = call.agent
        if agent:
            self._stop_ringing(call)
        else:
            self._waiting.remove(call_id)
        by = "caller" if reason == EndReason.ABANDONED else ""
        return self._emit(call, EventType.CALL_ENDED, agent=agent, reason=reason, ended_by=by)

    def _stop_ringing(self, call: _Call) -> None:
        # A ring that stops leaves the agent as ready as before: no call was talked.
        member = self._agents[call.agent]
        member.call = ""
        call.agent = ""

    def _free(self, member: _Agent, *, talked: bool) -> None:
        member.call = ""
        if not talked:
            return
        if member.managed:
            member.ready = False  # the desk is in after-call work until it says available
        else:
            member.free_at = self.now + self.settings.wrap_gap
            self._after(self.settings.wrap_gap, lambda: [])  # wake up then, to offer the next call
