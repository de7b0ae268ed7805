"""The hub and the desk client together over real websockets on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

import pytest
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from agent_desk.core.protocol import CallEvent, CloseCode, encode_event, encode_hello
from agent_desk.telephony.client import LinkState
from agent_desk.telephony.hub import Hub
from agent_desk.telephony.tokens import Principal

from .helpers import TOKENS, Desk, make_hub


def offered(call_id: str, agent: str = "PJSIP/801") -> CallEvent:
    return CallEvent("call.offered", call_id=call_id, agent=agent, ani="13800138000", dnis="4008001001")


def run(coro_fn: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(coro_fn(), 30))


async def started(hub: Hub, port: int = 0) -> str:
    host, bound = await hub.start("127.0.0.1", port)
    return f"ws://{host}:{bound}"


async def close_code_for(url: str, *frames: str) -> int | None:
    async with connect(url) as ws:
        for frame in frames:
            await ws.send(frame)
        with pytest.raises(ConnectionClosed) as info:
            while True:
                await asyncio.wait_for(ws.recv(), 5)
        return info.value.rcvd.code if info.value.rcvd else None


def test_bad_token_gets_the_documented_close_code_and_the_desk_shows_refused() -> None:
    async def scenario() -> None:
        hub = make_hub()
        url = await started(hub)
        assert await close_code_for(url, encode_hello("nope", "PJSIP/801")) == CloseCode.BAD_TOKEN
        desk = Desk(url, "nope")
        desk.client.start()
        await desk.await_(lambda d: LinkState.REFUSED in d.states)
        await asyncio.to_thread(desk.client.stop)
        assert desk.client.link_state == LinkState.REFUSED
        await hub.stop()

    run(scenario)


def test_protocol_errors_before_hello_get_their_close_codes() -> None:
    async def scenario() -> None:
        hub = make_hub()
        url = await started(hub)
        assert await close_code_for(url, "not json") == CloseCode.PROTOCOL_ERROR
        assert await close_code_for(url, '{"op": "dial"}') == CloseCode.PROTOCOL_ERROR
        v2 = '{"op": "hello", "v": 2, "token": "tok-801"}'
        assert await close_code_for(url, v2) == CloseCode.UNSUPPORTED_VERSION
        big = encode_hello("tok-801", "x" * 100_000)
        assert await close_code_for(url, big) == CloseCode.MESSAGE_TOO_BIG
        await hub.stop()

    run(scenario)


def test_events_reach_only_their_agent_and_the_supervisors() -> None:
    async def scenario() -> None:
        hub = make_hub()
        url = await started(hub)
        d801, d802, sup = Desk(url, "tok-801"), Desk(url, "tok-802"), Desk(url, "tok-sup")
        for desk in (d801, d802, sup):
            desk.client.start()
            await desk.await_(lambda d: d.client.link_state == LinkState.CONNECTED)
        hub.publish(CallEvent("call.ringing", call_id="c1", ani="13800138000"))
        hub.publish(offered("c1", "PJSIP/801"))
        hub.publish(offered("c2", "PJSIP/802"))
        hub.publish(CallEvent("call.ended", call_id="c1", reason="completed"))
        await sup.await_(lambda d: len(d.events()) == 4)
        await d801.await_(lambda d: len(d.events()) == 2)
        await d802.await_(lambda d: len(d.events()) == 1)
        assert [(f.type, f.event.call_id) for f in d801.events() if f.event] == [
            ("call.offered", "c1"),
            ("call.ended", "c1"),
        ]
        # The hub fills what the source left out of later events.
        ended = d801.events("call.ended")[0].event
        assert ended is not None and (ended.agent, ended.ani) == ("PJSIP/801", "13800138000")
        for desk in (d801, d802, sup):
            await asyncio.to_thread(desk.client.stop)
        await hub.stop()

    run(scenario)


def test_a_dropped_connection_loses_no_pop() -> None:
    async def scenario() -> None:
        hub = make_hub()
        url = await started(hub)
        desk = Desk(url, "tok-801")
        desk.client.start()
        await desk.await_(lambda d: d.client.link_state == LinkState.CONNECTED)
        hub.publish(offered("c1"))
        await desk.await_(lambda d: len(d.events()) == 1)
        # The network drops: no closing handshake, and a pop is published meanwhile.
        for peers in list(hub._by_agent.values()):
            for peer in list(peers):
                peer.ws.transport.abort()
        hub.publish(offered("c2"))
        hub.publish(offered("c3", "PJSIP/802"))
        await desk.await_(lambda d: len(d.events()) == 2)
        assert [f.event.call_id for f in desk.events() if f.event] == ["c1", "c2"]
        assert LinkState.RECONNECTING in desk.states
        await asyncio.to_thread(desk.client.stop)
        await hub.stop()

    run(scenario)


def test_a_hub_restart_loses_no_pop() -> None:
    async def scenario() -> None:
        hub = make_hub()
        url = await started(hub)
        port = int(url.rsplit(":", 1)[1])
        desk = Desk(url, "tok-801")
        desk.client.start()
        await desk.await_(lambda d: d.client.link_state == LinkState.CONNECTED)
        hub.publish(offered("c1"))
        await desk.await_(lambda d: len(d.events()) == 1)
        await hub.stop()
        # A new hub process: new epoch, seq starts again at 1, and a call pops
        # before the desk has found its way back.
        hub2 = make_hub()
        await started(hub2, port)
        assert hub2.epoch != hub.epoch
        hub2.publish(offered("c2"))
        await desk.await_(lambda d: len(d.events()) == 2, timeout=10)
        assert [f.event.call_id for f in desk.events() if f.event] == ["c1", "c2"]
        assert desk.client.position == (hub2.epoch, 1)
        await asyncio.to_thread(desk.client.stop)
        await hub2.stop()

    run(scenario)


def test_a_desk_killed_and_restarted_mid_call_gets_the_pop_it_missed() -> None:
    async def scenario() -> None:
        hub = make_hub()
        url = await started(hub)
        first = Desk(url, "tok-801")
        first.client.start()
        await first.await_(lambda d: d.client.link_state == LinkState.CONNECTED)
        hub.publish(offered("c1"))
        await first.await_(lambda d: len(d.events()) == 1)
        await asyncio.to_thread(first.client.stop)
        saved = first.client.position  # what the app keeps on disk
        hub.publish(CallEvent("call.answered", call_id="c1", agent="PJSIP/801"))
        hub.publish(offered("c2"))
        restarted = Desk(url, "tok-801", resume=saved)
        restarted.client.start()
        await restarted.await_(lambda d: len(d.events()) == 2)
        assert [(f.type, f.event.call_id) for f in restarted.events() if f.event] == [
            ("call.answered", "c1"),
            ("call.offered", "c2"),
        ]
        # A desk with nothing saved gets the calls in progress instead.
        fresh = Desk(url, "tok-801")
        fresh.client.start()
        await fresh.await_(lambda d: any(f.type == "snapshot" for f in d.frames))
        snap = next(f for f in fresh.frames if f.type == "snapshot")
        assert sorted((c.call_id, c.type) for c in snap.calls) == [
            ("c1", "call.answered"),
            ("c2", "call.offered"),
        ]
        for desk in (restarted, fresh):
            await asyncio.to_thread(desk.client.stop)
        await hub.stop()

    run(scenario)


def test_a_duplicate_never_surfaces_twice() -> None:
    """A hub (or a rebuilt source) that repeats itself must not pop twice."""

    async def scenario() -> None:
        frames = [
            encode_event(offered("c1"), epoch="e1", seq=5, ts=1.0),
            encode_event(offered("c1"), epoch="e1", seq=5, ts=1.0),  # same seq again
            encode_event(offered("c1"), epoch="e1", seq=4, ts=1.0),  # older seq
            # After a restart the AMI source rebuilds the call: same pop, new epoch.
            encode_event(offered("c1"), epoch="e2", seq=1, ts=2.0),
            encode_event(offered("c2"), epoch="e2", seq=2, ts=2.0),
        ]

        async def handler(ws: ServerConnection) -> None:
            await ws.recv()
            for frame in frames:
                await ws.send(frame)
            await ws.wait_closed()

        async with serve(handler, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            desk = Desk(f"ws://127.0.0.1:{port}", "tok-801")
            desk.client.start()
            await desk.await_(lambda d: d.client.position == ("e2", 2))
            assert [f.event.call_id for f in desk.events() if f.event] == ["c1", "c2"]
            await asyncio.to_thread(desk.client.stop)

    run(scenario)


def test_a_silent_hub_is_detected_and_the_desk_reconnects() -> None:
    async def scenario() -> None:
        hellos: list[dict[str, object]] = []

        async def handler(ws: ServerConnection) -> None:
            hellos.append(json.loads(await ws.recv()))
            welcome = {"v": 1, "epoch": "e1", "seq": 0, "type": "welcome", "ts": 0,
                       "heartbeat": 0.1, "resume": "snapshot"}  # fmt: skip
            await ws.send(json.dumps(welcome))
            await ws.wait_closed()  # then never a heartbeat

        async with serve(handler, "127.0.0.1", 0, ping_interval=None) as server:
            port = server.sockets[0].getsockname()[1]
            desk = Desk(f"ws://127.0.0.1:{port}", "tok-801")
            desk.client.start()
            await desk.await_(lambda d: len(hellos) >= 2)
            assert LinkState.RECONNECTING in desk.states
            await asyncio.to_thread(desk.client.stop)

    run(scenario)


def test_commands_go_to_the_source_and_unknown_ones_get_an_error() -> None:
    async def scenario() -> None:
        from agent_desk.telephony.sources.simulator import SimulatorSource

        hub = Hub(TOKENS, SimulatorSource(seed=1))
        url = await started(hub)
        async with connect(url) as ws:
            await ws.send(encode_hello("tok-801", "PJSIP/801"))
            await ws.send(json.dumps({"op": "simulate", "action": "ring", "id": "r1",
                                      "answer_after": None}))  # fmt: skip
            await ws.send(json.dumps({"op": "teleport", "id": "t1"}))
            seen: dict[str, dict[str, object]] = {}
            while not {"r1", "t1", "call.offered"} <= set(seen):
                frame = json.loads(await asyncio.wait_for(ws.recv(), 5))
                seen[frame.get("id") or frame["type"]] = frame
        assert seen["r1"]["ok"] is True and seen["t1"]["ok"] is False
        assert seen["call.offered"]["agent"] == "PJSIP/801"
        assert str(seen["call.offered"]["ani"]).startswith("1")
        await hub.stop()

    run(scenario)


def test_a_desk_over_its_rate_limit_is_closed() -> None:
    async def scenario() -> None:
        hub = make_hub(rate=5, burst=5)
        url = await started(hub)
        frames = [encode_hello("tok-801", "")] + ['{"op": "noop"}'] * 20
        assert await close_code_for(url, *frames) == CloseCode.RATE_LIMITED
        await hub.stop()

    run(scenario)


def test_a_ring_all_call_still_ringing_is_in_every_offered_desks_snapshot() -> None:
    hub = make_hub()
    hub.publish(CallEvent("call.offered", call_id="ring-all", ani="13800138000", agent="PJSIP/801"))
    hub.publish(CallEvent("call.offered", call_id="ring-all", ani="13800138000", agent="PJSIP/802"))
    for agent in ("PJSIP/801", "PJSIP/802"):
        (call,) = hub.calls_in_progress(Principal(agent))
        assert (call.type, call.agent, call.ani) == ("call.offered", agent, "13800138000")
    (seen,) = hub.calls_in_progress(Principal("SUP/1", supervisor=True))
    assert seen.agent == "PJSIP/802"  # supervisors see the call as it is
    hub.publish(CallEvent("call.answered", call_id="ring-all", agent="PJSIP/802"))
    (call,) = hub.calls_in_progress(Principal("PJSIP/801"))
    assert (call.type, call.agent) == ("call.answered", "PJSIP/802")  # a colleague's call now: no pop at 801


def test_a_call_that_rang_unanswered_or_was_transferred_away_is_not_ringing_in_the_old_desks_snapshot() -> None:
    hub = make_hub()
    hub.publish(CallEvent("call.offered", call_id="rr", ani="13800138000", agent="PJSIP/801"))
    hub.publish(CallEvent("call.queued", call_id="rr", agent="PJSIP/801", reason="no_answer"))
    hub.publish(CallEvent("call.offered", call_id="rr", agent="PJSIP/802"))
    (call,) = hub.calls_in_progress(Principal("PJSIP/801"))
    assert call.agent == "PJSIP/802"  # the desk at 801 does not pop it again
    (call,) = hub.calls_in_progress(Principal("PJSIP/802"))
    assert (call.type, call.agent) == ("call.offered", "PJSIP/802")

    hub.publish(CallEvent("call.offered", call_id="xfer", ani="13900139000", agent="PJSIP/801"))
    hub.publish(CallEvent("call.answered", call_id="xfer", agent="PJSIP/801"))
    hub.publish(CallEvent("call.transferred", call_id="xfer", agent="PJSIP/801", target="PJSIP/802"))
    hub.publish(CallEvent("call.offered", call_id="xfer", agent="PJSIP/802"))
    calls = {c.call_id: c for c in hub.calls_in_progress(Principal("PJSIP/801"))}
    assert calls["xfer"].agent == "PJSIP/802"
