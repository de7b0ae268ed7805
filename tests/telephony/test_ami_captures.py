"""Every AMI capture replays to the events a desk should see.

The queue-call and pbx-* files are real recordings (see tests/data/ami/README.md);
the synthetic-* files are hand-written from Asterisk's documentation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent_desk.core.protocol import CallEvent
from agent_desk.telephony.sources.ami_mapping import AmiCallTracker, AmiFramer, device_of

DATA = Path(__file__).resolve().parent.parent / "data" / "ami"


def replay(name: str, chunk: int = 4096) -> tuple[list[CallEvent], int]:
    raw = (DATA / name).read_bytes()
    framer, tracker = AmiFramer(), AmiCallTracker()
    messages = []
    for i in range(0, len(raw), chunk):
        messages += framer.feed(raw[i : i + chunk])
    events = [e for m in messages for e in tracker.handle(m)]
    return events, len(messages)


def calls(events: list[CallEvent]) -> list[tuple[str, ...]]:
    return [
        (e.type, e.agent, e.reason, e.target) if e.type != "agent.state" else (e.type, e.agent, e.state) for e in events
    ]


def test_real_queue_call_pops_once_for_sip_777_with_ani_and_dnis() -> None:
    events, count = replay("queue-call-answered.raw")
    assert count == 205
    call_events = [e for e in events if e.type.startswith("call.")]
    assert [e.type for e in call_events] == [
        "call.ringing",
        "call.queued",
        "call.offered",
        "call.answered",
        "call.ended",
    ]
    offered = [e for e in call_events if e.type == "call.offered"]
    assert len(offered) == 1
    pop = offered[0]
    # The DNIS is only in the first Newchannel; later events show the IVR's exten.
    assert (pop.agent, pop.ani, pop.dnis, pop.queue) == ("SIP/777", "123", "888999", "Q1")
    assert pop.ani_name == "Eugene R"
    assert {e.call_id for e in call_events} == {"1514295827.372"}
    ended = call_events[-1]
    assert (ended.reason, ended.ended_by, ended.agent) == ("completed", "caller", "SIP/777")
    assert [e.state for e in events if e.type == "agent.state"] == [
        "available",
        "ringing",
        "busy",
        "available",
    ]


@pytest.mark.parametrize("chunk", [1, 7, 100, 1 << 20])
def test_framing_does_not_depend_on_how_tcp_splits_the_stream(chunk: int) -> None:
    assert calls(replay("queue-call-answered.raw", chunk)[0]) == calls(replay("queue-call-answered.raw")[0])


@pytest.mark.parametrize(
    "name",
    [
        "pbx-answered-internal.raw",
        "pbx-answered-outbound.raw",
        "pbx-unanswered-cancel.raw",
        "pbx-unanswered-huntgroup.raw",
    ],
)
def test_calls_that_never_enter_a_queue_pop_nothing(name: str) -> None:
    events, count = replay(name)
    assert count > 10  # bare-LF files with no banner are read
    assert events == []


def test_synthetic_abandon_tells_the_ringing_agent_and_ends_abandoned() -> None:
    events, _ = replay("synthetic-queue-abandon.raw")
    assert calls(events) == [
        ("call.ringing", "", "", ""),
        ("call.queued", "", "", ""),
        ("call.offered", "PJSIP/801", "", ""),
        ("call.queued", "PJSIP/801", "no_answer", ""),
        ("call.ended", "", "abandoned", ""),
    ]
    assert events[0].dnis == "4008001001"
    assert events[-1].ended_by == "caller"


def test_synthetic_blind_transfer_pops_on_the_target_desk() -> None:
    events, _ = replay("synthetic-blind-transfer.raw")
    assert calls(events) == [
        ("call.ringing", "", "", ""),
        ("call.queued", "", "", ""),
        ("call.offered", "PJSIP/801", "", ""),
        ("call.answered", "PJSIP/801", "", ""),
        ("call.transferred", "PJSIP/801", "", "802"),
        ("call.offered", "PJSIP/802", "", ""),
        ("call.answered", "PJSIP/802", "", ""),
        ("call.ended", "PJSIP/802", "completed", ""),
    ]
    assert all(e.dnis == "4008001002" and e.ani == "13800138000" for e in events)


def test_synthetic_attended_transfer_hands_the_call_to_the_consulted_agent() -> None:
    events, _ = replay("synthetic-attended-transfer.raw")
    assert calls(events) == [
        ("call.ringing", "", "", ""),
        ("call.queued", "", "", ""),
        ("call.offered", "PJSIP/801", "", ""),
        ("call.answered", "PJSIP/801", "", ""),
        ("call.transferred", "PJSIP/801", "", "PJSIP/803"),
        ("call.offered", "PJSIP/803", "", ""),
        ("call.answered", "PJSIP/803", "", ""),
        ("call.ended", "PJSIP/803", "completed", ""),
    ]
    # The consultation leg (its own Linkedid) is not reported as a call.
    assert {e.call_id for e in events} == {"1700000000.100"}


def test_reconnect_listing_ends_calls_that_vanished_and_adopts_bridged_ones() -> None:
    tracker = AmiCallTracker()
    raw = (DATA / "queue-call-answered.raw").read_bytes()
    messages = AmiFramer().feed(raw)
    cut = next(i for i, m in enumerate(messages) if m.get("Event") == "AgentCalled") + 1
    before = [e for m in messages[:cut] for e in tracker.handle(m)]
    assert before[-1].type == "call.offered"
    # The link drops; on reconnect the PBX lists the caller bridged with SIP/777.
    tracker.begin_resync()
    common = {"Linkedid": "1514295827.372", "BridgeId": "br-1", "Application": "AppQueue"}
    listing = [
        {"Event": "CoreShowChannel", "Channel": "SIP/toOurAster-000000bb",
         "Uniqueid": "1514295827.372", "CallerIDNum": "123", **common},
        {"Event": "CoreShowChannel", "Channel": "SIP/777-000000bc",
         "Uniqueid": "1514295839.373", "CallerIDNum": "777", **common},
        {"Event": "CoreShowChannelsComplete"},
    ]  # fmt: skip
    after = [e for m in listing for e in tracker.handle(m)]
    assert [(e.type, e.agent) for e in after] == [("call.answered", "SIP/777")]
    # Another reconnect, and the call is gone: it ended while we were away.
    tracker.begin_resync()
    gone = tracker.handle({"Event": "CoreShowChannelsComplete"})
    assert [(e.type, e.reason) for e in gone] == [("call.ended", "completed")]
    assert tracker.calls_in_progress == []


def test_a_caller_waiting_in_a_queue_when_we_connect_is_reported() -> None:
    tracker = AmiCallTracker()
    tracker.begin_resync()
    events = tracker.handle(
        {
            "Event": "CoreShowChannel",
            "Channel": "PJSIP/trunk-1",
            "Uniqueid": "9.1",
            "Linkedid": "9.1",
            "CallerIDNum": "13900139000",
            "Application": "Queue",
            "ApplicationData": "sales,t,,,300",
        }
    ) + tracker.handle({"Event": "CoreShowChannelsComplete"})
    assert [(e.type, e.queue, e.ani) for e in events] == [
        ("call.ringing", "sales", "13900139000"),
        ("call.queued", "sales", "13900139000"),
    ]


def test_device_of_strips_the_channel_suffix() -> None:
    assert device_of("SIP/777-000000bc") == "SIP/777"
    assert device_of("PJSIP/trunk-a-0000001") == "PJSIP/trunk-a"
    assert device_of("SIP/777") == "SIP/777"
    assert device_of("") == ""


@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_the_framer_or_tracker(data: bytes) -> None:
    framer, tracker = AmiFramer(), AmiCallTracker()
    for msg in framer.feed(data):
        tracker.handle(msg)


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                [
                    "Event",
                    "Uniqueid",
                    "Linkedid",
                    "Queue",
                    "Interface",
                    "Reason",
                    "DestChannel",
                    "Application",
                    "BridgeId",
                    "Status",
                    "Paused",
                    "Result",
                    "Exten",
                ]
            ),
            st.one_of(
                st.sampled_from(
                    [
                        "QueueCallerJoin",
                        "AgentCalled",
                        "AgentConnect",
                        "AgentComplete",
                        "Hangup",
                        "Newchannel",
                        "BlindTransfer",
                        "AttendedTransfer",
                        "DialBegin",
                        "DialEnd",
                        "CoreShowChannel",
                        "CoreShowChannelsComplete",
                        "QueueMemberStatus",
                        "1",
                        "x",
                    ]
                ),
                st.text(max_size=8),
            ),
        ),
        max_size=30,
    )
)
def test_random_event_sequences_never_crash_the_tracker(messages: list[dict[str, str]]) -> None:
    tracker = AmiCallTracker()
    tracker.begin_resync()
    for msg in messages:
        for event in tracker.handle(msg):
            assert event.type.startswith(("call.", "agent."))
