"""The demo's queue, stepped by hand: who is offered which call, who waits, who gives up."""

from __future__ import annotations

import math
import random

from agent_desk.core.protocol import CallEvent, event_fields
from agent_desk.telephony.sources.sim_queue import QueueModel, QueueSettings, Timed


class Dice(random.Random):
    """Every draw is its range's middle or its distribution's mean; ``misses`` says, offer by
    offer, which ones the agent lets ring out (the rest are answered)."""

    def __init__(self, *misses: bool) -> None:
        super().__init__(0)
        self.misses = list(misses)

    def uniform(self, a: float, b: float) -> float:
        return (a + b) / 2

    def expovariate(self, lambd: float) -> float:
        return 1.0 / lambd

    def random(self) -> float:
        return 0.0 if self.misses and self.misses.pop(0) else 0.999


def settings(*agents: str, **changes: object) -> QueueSettings:
    # Straight into the queue, answered 4 s after the offer, 100 s of talk, patience 60 s.
    base: dict[str, object] = {"agents": agents, "greeting": (0.0, 0.0), "answer_after": (4.0, 4.0),
                               "talk": (100.0, 100.0), "patience": 60.0, "ring_timeout": 15.0}  # fmt: skip
    return QueueSettings(**{**base, **changes})  # type: ignore[arg-type]


def caller(name: str) -> CallEvent:
    return CallEvent("call.ringing", call_id=name, ani="13800138000", dnis="4008001001")


def seen(events: Timed, call_id: str | None = None) -> list[tuple[float, str, str, str]]:
    return [(t, e.type, e.agent, e.reason) for t, e in events if call_id in (None, e.call_id)]


def test_a_paused_agent_is_offered_no_call_and_its_reason_is_echoed() -> None:
    q = QueueModel(settings("A", "B"), Dice())
    echo = q.set_state("A", "paused", "break", 0.0)
    assert [event_fields(e) for _, e in echo] == [
        {"type": "agent.state", "agent": "A", "state": "paused", "src": "desk", "reason": "break"}
    ]
    out = q.arrive(caller("c1"), 1.0) + q.advance(1.0)
    assert seen(out) == [(1.0, "call.ringing", "", ""), (1.0, "call.queued", "", ""), (1.0, "call.offered", "B", "")]
    out = q.arrive(caller("c2"), 2.0) + q.advance(3.0)
    assert [e.type for _, e in out] == ["call.ringing", "call.queued"]  # B is ringing, A on a break
    assert q.position("c2") == 1 and q.waiting() == ["c2"]
    out = q.set_state("A", "offline", "", 4.0)
    assert [(e.state, e.reason) for _, e in out] == [("offline", "")] and q.waiting() == ["c2"]


def test_a_call_waits_while_every_agent_is_busy_and_is_offered_the_moment_one_says_available() -> None:
    q = QueueModel(settings("A", patience=0.0), Dice())
    q.set_state("A", "available", "", 0.0)
    q.arrive(caller("c1"), 0.0)
    q.arrive(caller("c2"), 1.0)
    out = q.advance(104.0)
    assert seen(out, "c1")[-1] == (104.0, "call.ended", "A", "completed")
    assert "call.offered" not in [e.type for _, e in out if e.call_id == "c2"]
    # The desk is in after-call work: however long it takes, nobody rings it.
    q.set_state("A", "paused", "acw", 105.0)
    assert q.advance(10_000.0) == [] and q.waiting() == ["c2"]
    out = q.set_state("A", "available", "", 10_500.0)
    assert seen(out) == [(10_500.0, "agent.state", "A", ""), (10_500.0, "call.offered", "A", "")]
    assert out[-1][1].call_id == "c2" and q.call_at("A") == "c2"


def test_a_caller_whose_patience_runs_out_abandons_after_the_wait() -> None:
    q = QueueModel(settings("A", patience=30.0), Dice())
    q.set_state("A", "paused", "lunch", 0.0)
    out = q.arrive(caller("c1"), 10.0) + q.advance(1_000.0)
    queued_at = next(t for t, e in out if e.type == "call.queued")
    ended_at, ended = next((t, e) for t, e in out if e.type == "call.ended")
    assert (ended.reason, ended.ended_by, ended.agent) == ("abandoned", "caller", "")
    assert ended_at - queued_at == 30.0  # the caller's patience
    assert q.waiting() == [] and q.next_due() is None


def test_a_call_that_rings_unanswered_goes_to_another_agent_never_to_one_on_a_call() -> None:
    q = QueueModel(settings("A", "B", "C"), Dice(False, True, False))
    q.arrive(caller("c1"), 0.0)  # A answers
    q.arrive(caller("c2"), 1.0)  # B lets it ring
    out = q.advance(30.0)
    assert seen(out, "c2") == [
        (1.0, "call.queued", "", ""),
        (1.0, "call.offered", "B", ""),
        (16.0, "call.queued", "B", "no_answer"),
        (16.0, "call.offered", "C", ""),  # not A: A is talking
        (20.0, "call.answered", "C", ""),
    ]
    assert (q.call_at("A"), q.call_at("B"), q.call_at("C")) == ("c1", "", "c2")


def test_an_agent_who_let_a_call_ring_out_still_takes_it_when_nobody_else_is_free() -> None:
    q = QueueModel(settings("A"), Dice(True, False))
    out = q.arrive(caller("c1"), 0.0) + q.advance(30.0)
    assert seen(out, "c1")[3:] == [
        (15.0, "call.queued", "A", "no_answer"),
        (15.0, "call.offered", "A", ""),
        (19.0, "call.answered", "A", ""),
    ]


def test_a_caller_who_hangs_up_while_it_rings_leaves_the_agent_ready() -> None:
    q = QueueModel(settings("A", patience=10.0), Dice(True))
    q.set_state("A", "available", "", 0.0)
    out = q.arrive(caller("c1"), 0.0) + q.advance(12.0)
    assert seen(out, "c1")[-1] == (10.0, "call.ended", "A", "abandoned")
    out = q.arrive(caller("c2"), 12.0) + q.advance(12.0)
    assert seen(out, "c2")[-1] == (12.0, "call.offered", "A", "")  # no after-call work for a ring


def test_the_agent_ready_the_longest_gets_the_next_call() -> None:
    q = QueueModel(settings("A", "B", "C"), Dice())
    q.set_state("C", "available", "", 0.0)
    q.set_state("A", "available", "", 5.0)
    q.set_state("B", "available", "", 10.0)
    offers = [e.agent for _, e in q.arrive(caller("c1"), 20.0) + q.advance(20.0) if e.type == "call.offered"]
    offers += [e.agent for _, e in q.arrive(caller("c2"), 21.0) + q.advance(21.0) if e.type == "call.offered"]
    assert offers == ["C", "A"]
    # The calls end at 124 and 125; after their after-call work C and A are ready again, but B waited longest.
    q.advance(200.0)
    q.set_state("C", "available", "", 200.0)
    q.set_state("A", "available", "", 201.0)
    out = q.arrive(caller("c3"), 210.0) + q.advance(210.0)
    assert seen(out, "c3")[-1] == (210.0, "call.offered", "B", "")


def test_agents_no_desk_speaks_for_take_the_next_call_after_a_short_gap() -> None:
    q = QueueModel(settings("A", patience=0.0, wrap_gap=5.0), Dice())
    q.arrive(caller("c1"), 0.0)
    q.arrive(caller("c2"), 1.0)
    out = q.advance(200.0)
    assert seen(out, "c1")[-1] == (104.0, "call.ended", "A", "completed")
    assert seen(out, "c2")[1] == (109.0, "call.offered", "A", "")


def test_the_queue_can_send_a_caller_away_after_its_time_limit() -> None:
    q = QueueModel(settings("A", patience=0.0, max_wait=90.0), Dice())
    q.set_state("A", "paused", "meeting", 0.0)
    out = q.arrive(caller("c1"), 0.0) + q.advance(1_000.0)
    assert seen(out, "c1")[-1] == (90.0, "call.ended", "", "no_answer")


def test_a_ring_me_call_keeps_queue_calls_away_until_it_is_over() -> None:
    q = QueueModel(settings("A", patience=0.0), Dice())
    q.set_state("A", "available", "", 0.0)
    assert q.occupy("A", "ring-1") and not q.occupy("A", "ring-2")
    out = q.arrive(caller("c1"), 1.0) + q.advance(50.0)
    assert "call.offered" not in [e.type for _, e in out]
    assert q.release("A", "ring-1", 60.0, talked=True) == []  # talked: after-call work first
    out = q.set_state("A", "available", "", 70.0)
    assert seen(out)[-1] == (70.0, "call.offered", "A", "")


def test_a_busy_day_never_rings_one_agent_twice_or_a_paused_one_and_every_call_ends_once() -> None:
    rng = random.Random(11)
    q = QueueModel(settings("A", "B", "C", no_answer_ratio=0.2, patience=45.0, answer_after=(1.0, 20.0),
                            talk=(20.0, 200.0)), rng)  # fmt: skip
    events: Timed = []
    t = 0.0
    for i in range(400):
        events += q.arrive(caller(f"c{i}"), t)
        if i % 25 == 0:  # C's desk takes a break now and then, and comes back
            events += q.set_state("C", "paused" if i % 50 == 0 else "available", "break" if i % 50 == 0 else "", t)
        t += rng.expovariate(1 / 15.0)
    events += q.advance(math.inf)
    assert [t for t, _ in events] == sorted(t for t, _ in events)
    ringing: dict[str, str] = {}  # agent: call ringing or in progress there
    c_paused = False
    for _, e in events:
        if e.type == "agent.state":
            c_paused = e.state == "paused"
        elif e.type == "call.offered":
            assert e.agent not in ringing, f"{e.call_id} offered to {e.agent} on {ringing.get(e.agent)}"
            assert not (e.agent == "C" and c_paused)
            ringing[e.agent] = e.call_id
        elif e.type in ("call.ended", "call.queued") and ringing.get(e.agent) == e.call_id:
            del ringing[e.agent]
    ends = [e for _, e in events if e.type == "call.ended"]
    assert sorted(e.call_id for e in ends) == sorted(f"c{i}" for i in range(400))
    reasons = {e.reason for e in ends}
    assert reasons == {"completed", "abandoned"}
    assert any(e.reason == "no_answer" for _, e in events if e.type == "call.queued")
