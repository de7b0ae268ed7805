"""Protocol v1 parsing: round trips, and malformed or random frames never crash anyone."""

from __future__ import annotations

import asyncio
import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.asyncio.client import connect

from agent_desk.core.protocol import (
    CallEvent,
    ProtocolError,
    encode_event,
    encode_hello,
    parse_command,
    parse_hello,
    parse_hub_frame,
)
from agent_desk.telephony.client import HubClient

from .helpers import make_hub

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
frame_like = st.dictionaries(
    st.sampled_from(
        [
            "v",
            "epoch",
            "seq",
            "type",
            "ts",
            "call_id",
            "agent",
            "vip",
            "calls",
            "op",
            "token",
            "resume",
            "heartbeat",
            "resume",
        ]
    ),
    st.one_of(json_values, st.sampled_from([1, "call.offered", "snapshot", "welcome", "e1"])),
)
frames = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=100),
    json_values.map(json.dumps),
    frame_like.map(json.dumps),
)


def test_event_round_trip_keeps_every_field_and_ignores_unknown_ones() -> None:
    event = CallEvent(
        "call.ended", call_id="c1", ani="13800138000", ani_name="张伟", dnis="4008001001",
        queue="sales", agent="SIP/8001", vip=True, recording_url="https://x/1.wav",
        src="ami:Hangup", reason="completed", ended_by="caller",
    )  # fmt: skip
    obj = json.loads(encode_event(event, epoch="e1", seq=7, ts=1.5))
    assert list(obj)[:5] == ["v", "epoch", "seq", "type", "ts"]
    obj["some_future_field"] = {"x": 1}
    frame = parse_hub_frame(json.dumps(obj))
    assert (frame.epoch, frame.seq, frame.event) == ("e1", 7, event)


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        '{"v": 1}',
        '{"v": 1, "epoch": "e", "seq": -1, "type": "heartbeat"}',
        '{"v": 1, "epoch": "e", "seq": true, "type": "heartbeat"}',
        '{"v": 1, "epoch": "e", "seq": 1, "type": "call.offered"}',
        '{"v": 1, "epoch": "e", "seq": 1, "type": "call.offered", "call_id": "c", "vip": "yes"}',
        '{"v": 2, "epoch": "e", "seq": 1, "type": "heartbeat"}',
    ],
)
def test_invalid_hub_frames_are_rejected_with_a_protocol_error(text: str) -> None:
    with pytest.raises(ProtocolError):
        parse_hub_frame(text)


def test_unknown_frame_types_parse_so_they_can_be_skipped() -> None:
    frame = parse_hub_frame('{"v": 1, "epoch": "e", "seq": 3, "type": "call.parked"}')
    assert not frame.known and not frame.sequenced


def test_hello_round_trip() -> None:
    hello = parse_hello(encode_hello("t", "SIP/1", ("e1", 4)))
    assert (hello.token, hello.agent, hello.resume) == ("t", "SIP/1", ("e1", 4))


@given(frames)
def test_random_frames_never_crash_the_parsers(text: str | bytes) -> None:
    for parse in (parse_hub_frame, parse_hello, parse_command):
        with contextlib.suppress(ProtocolError):
            parse(text)


@given(st.lists(frames, max_size=20))
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_random_frames_never_crash_the_client(texts: list[str | bytes]) -> None:
    got: list[object] = []
    client = HubClient("ws://127.0.0.1:9", "t", "a", got.append, lambda s, d: None)
    for text in texts:
        client._handle(text)
    # The client still works afterwards.
    client._handle(encode_event(CallEvent("call.offered", call_id="zz"), epoch="fresh", seq=1, ts=0))
    assert client.position == ("fresh", 1)


@given(st.lists(frames, min_size=1, max_size=15))
@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_random_frames_never_crash_the_hub(texts: list[str | bytes]) -> None:
    async def scenario() -> None:
        hub = make_hub(rate=1000, burst=1000)
        host, port = await hub.start("127.0.0.1", 0)
        url = f"ws://{host}:{port}"
        async with connect(url) as ws:
            await ws.send(encode_hello("tok-801", ""))
            for text in texts:
                await ws.send(text)
        # Garbage before hello only costs that connection.
        async with connect(url) as ws:
            await ws.send(texts[0])
        async with connect(url) as ws:
            await ws.send(encode_hello("tok-801", ""))
            assert json.loads(await asyncio.wait_for(ws.recv(), 5))["type"] == "welcome"
            hub.publish(CallEvent("call.offered", call_id="c1", agent="PJSIP/801"))
            types = []
            while "call.offered" not in types:
                types.append(json.loads(await asyncio.wait_for(ws.recv(), 5))["type"])
        await hub.stop()

    asyncio.run(asyncio.wait_for(scenario(), 20))


def test_docs_name_every_frame_type_and_close_code() -> None:
    from pathlib import Path

    from agent_desk.core.protocol import CloseCode, EventType

    docs = Path(__file__).resolve().parents[2] / "docs"
    text = (docs / "protocol.md").read_text(encoding="utf-8")
    schema = json.loads((docs / "protocol.schema.json").read_text(encoding="utf-8"))
    for type_ in EventType:
        assert f"`{type_.value}`" in text
        assert type_.value in json.dumps(schema)
    for code in CloseCode:
        assert f"| {code.value} |" in text
