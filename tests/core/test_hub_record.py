"""What the hub's events mean for the contact-centre record (core.hub_record): pure, no database."""

from __future__ import annotations

from agent_desk.core.contact_events import ContactEventIn, EventKind
from agent_desk.core.hub_record import HubRecordState, event_key, to_record
from agent_desk.core.protocol import CallEvent

T0 = 1_790_000_000.0


def state(agent: str, state: str, reason: str = "") -> CallEvent:
    return CallEvent("agent.state", agent=agent, state=state, reason=reason)


def call(type_: str, call_id: str = "c1", **fields: str) -> CallEvent:
    return CallEvent(f"call.{type_}", call_id=call_id, **fields)


def play(script: list[tuple[float, CallEvent]], memory: HubRecordState | None = None) -> list[ContactEventIn]:
    memory = memory if memory is not None else HubRecordState()
    return [e for at, event in script for e in to_record(memory, event, T0 + at)]


def kinds(events: list[ContactEventIn]) -> list[tuple[str, str]]:
    return [(e.kind.value, e.agent) for e in events]


RNA_CALL = [
    (10, call("queued", queue="sales", ani="13800138000", dnis="4008001001")),
    (12, call("offered", agent="SIP/8001")),
    (27, call("queued", agent="SIP/8001", reason="no_answer")),
    (28, call("offered", agent="SIP/8002")),
    (31, call("answered", agent="SIP/8002")),
    (151, call("ended", agent="SIP/8002", reason="completed", ended_by="caller")),
]


def test_a_ring_no_answer_then_an_answer_gives_the_queue_log_story_with_its_times() -> None:
    events = play(RNA_CALL)
    assert kinds(events) == [
        ("entered_queue", ""),
        ("dialled_number", ""),
        ("ring_no_answer", "SIP/8001"),
        ("answered", "SIP/8002"),
        ("ended", "SIP/8002"),
    ]
    entered, dialled, rna, answered, ended = events
    assert entered.data == {"position": 1, "ani": "13800138000"} and entered.queue == "sales"
    assert dialled.data == {"dnis": "4008001001"}
    assert rna.data == {"ring": 15.0}
    assert answered.data == {"wait": 21.0, "ring": 3.0, "position": 1}  # wait from the first time it queued
    assert ended.data == {"wait": 21.0, "talk": 120.0, "ended_by": "caller", "reason": "completed"}
    assert all(e.call_id == "c1" and e.source == "hub" for e in events)


def test_the_same_events_give_the_same_keys_and_a_repeat_gives_nothing() -> None:
    first = play(RNA_CALL)
    assert play(RNA_CALL) == first  # a fresh memory (a restarted hub) makes the same keys
    memory = HubRecordState()
    play(RNA_CALL, memory)
    assert play(RNA_CALL, memory) == []  # the call ended: nothing about it counts again
    assert len({e.key for e in first}) == len(first)


def test_a_repeated_event_mid_call_counts_once() -> None:
    memory = HubRecordState()
    once = play(RNA_CALL[:1], memory)
    assert play([(10.5, call("queued", queue="sales"))], memory) == []  # still waiting
    assert play(
        [(12, call("offered", agent="SIP/8001")), (27, call("queued", agent="SIP/8001", reason="no_answer"))], memory
    )
    assert play([(27, call("queued", agent="SIP/8001", reason="no_answer"))], memory) == []
    assert play([(5, call("queued", queue="sales"))], memory) == []  # older than what the call told: a replay
    assert [e.kind.value for e in once] == ["entered_queue", "dialled_number"]


def test_abandons_give_their_position_and_wait_and_end_the_rings_in_progress() -> None:
    events = play(
        [
            (0, call("queued", "a", queue="sales")),
            (5, call("queued", "b", queue="sales")),
            (6, call("queued", "x", queue="other")),
            (8, call("offered", "b", agent="SIP/8001")),
            (10, call("answered", "a", agent="SIP/8002")),
            (50, call("ended", "b", reason="abandoned")),
            (70, call("ended", "x", reason="no_answer")),
        ]
    )
    entered = {e.call_id: e.data["position"] for e in events if e.kind.value == "entered_queue"}
    assert entered == {"a": 1, "b": 2, "x": 1}
    cancelled, abandoned, timeout = events[-3:]
    assert (cancelled.kind.value, cancelled.agent, cancelled.data) == ("ring_canceled", "SIP/8001", {"ring": 42.0})
    assert abandoned.kind.value == "abandoned"
    # b was second when it joined and first when it gave up (a had been answered by then)
    assert abandoned.data == {
        "position": 1,
        "entry_position": 2,
        "wait": 45.0,
        "ended_by": "caller",
        "reason": "abandoned",
    }
    assert (timeout.kind.value, timeout.data["wait"]) == ("exit_timeout", 64.0)


def test_a_transfer_keeps_the_first_talk_and_the_end_the_whole_talk() -> None:
    events = play(
        [
            (0, call("queued", queue="sales")),
            (2, call("offered", agent="SIP/8001")),
            (4, call("answered", agent="SIP/8001")),
            (64, call("transferred", agent="SIP/8001", target="SIP/8002")),
            (64, call("offered", agent="SIP/8002")),
            (66, call("answered", agent="SIP/8002")),
            (126, call("ended", agent="SIP/8002", reason="completed")),
        ]
    )
    assert kinds(events)[1:] == [("answered", "SIP/8001"), ("transferred", "SIP/8001"), ("ended", "SIP/8002")]
    assert events[2].data["target"] == "SIP/8002" and events[2].data["talk"] == 60.0
    assert events[3].data["talk"] == 122.0  # the caller talked from the first answer to the end


def test_a_call_first_heard_of_mid_call_leaves_its_times_to_the_record() -> None:
    """A restarted hub hears an answered call again: it cannot know when it was answered."""
    events = play([(100, call("answered", agent="SIP/8001")), (160, call("ended", agent="SIP/8001"))])
    assert kinds(events) == [("answered", "SIP/8001"), ("ended", "SIP/8001")]
    assert "wait" not in events[0].data and "talk" not in events[1].data


def test_agent_states_become_logins_pauses_with_reasons_and_after_call_work() -> None:
    events = play(
        [
            (0, state("SIP/8001", "paused", "logged_in")),
            (5, state("SIP/8001", "available")),
            (5, state("SIP/8001", "available")),  # told twice
            (6, state("SIP/8001", "busy")),  # the calls tell this one
            (10, call("queued", queue="sales")),
            (11, call("offered", agent="SIP/8001")),
            (12, call("answered", agent="SIP/8001")),
            (100, call("ended", agent="SIP/8001")),
            (100, state("SIP/8001", "paused", "acw")),
            (130, state("SIP/8001", "paused", "lunch")),
            (1930, state("SIP/8001", "paused", "break")),
            (2230, state("SIP/8001", "offline")),
        ]
    )
    agent_events = [e for e in events if e.agent == "SIP/8001" and e.kind.value not in ("answered", "ended")]
    assert [(e.kind.value, e.data.get("reason", "")) for e in agent_events] == [
        ("agent_login", ""),
        ("paused", "logged_in"),
        ("unpaused", "logged_in"),
        ("acw_started", ""),
        ("acw_ended", ""),
        ("paused", "lunch"),
        ("unpaused", "lunch"),
        ("paused", "break"),
        ("unpaused", "break"),
        ("agent_logout", ""),
    ]
    acw_started, acw_ended = agent_events[3:5]
    assert acw_started.call_id == acw_ended.call_id == "c1"  # the wrap-up is the call's
    assert acw_ended.data["acw"] == 30.0
    assert agent_events[6].data["paused"] == 1800.0


def test_a_hub_that_just_started_logs_in_whoever_it_hears_from_but_ends_nothing_it_did_not_see() -> None:
    events = play([(0, state("SIP/8001", "available")), (1, state("SIP/8002", "offline"))])
    assert kinds(events) == [("agent_login", "SIP/8001")]


def test_keys_fit_the_record_even_for_long_names() -> None:
    event = CallEvent("call.queued", call_id="c" * 64, agent="SIP/" + "x" * 76)
    key = event_key(event, T0, EventKind.RING_NO_ANSWER, "SIP/" + "y" * 76)
    assert len(key) <= 200 and key == event_key(event, T0, EventKind.RING_NO_ANSWER, "SIP/" + "y" * 76)
    assert key != event_key(event, T0 + 0.000001, EventKind.RING_NO_ANSWER, "SIP/" + "y" * 76)
