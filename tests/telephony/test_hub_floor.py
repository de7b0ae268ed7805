"""The live floor over real websockets: a supervisor desk gets the board on connecting, keeps it
going with the events after it, and rebuilds the same board after a dropped link."""

from __future__ import annotations

import asyncio
import time

from agent_desk.core.floor import FloorStatus
from agent_desk.core.floor_feed import FloorFeed
from agent_desk.core.floor_view import queue_rows
from agent_desk.core.protocol import CallEvent, EventType, HubFrame
from agent_desk.telephony.client import LinkState

from .helpers import Desk, make_hub
from .test_hub_client import run, started


def state(agent: str, value: str, reason: str = "") -> CallEvent:
    return CallEvent(EventType.AGENT_STATE, agent=agent, state=value, reason=reason)


def call(type_: EventType, call_id: str, **kw: str) -> CallEvent:
    return CallEvent(type_, call_id=call_id, **kw)


def board(desk: Desk) -> FloorFeed:
    feed = FloorFeed()
    for frame in list(desk.frames):
        feed.on_frame(frame, time.time())
    return feed


def floor_frames(desk: Desk) -> list[HubFrame]:
    return [f for f in desk.frames if f.type == EventType.FLOOR]


def test_a_supervisor_who_connects_mid_shift_sees_the_board_and_then_every_change() -> None:
    async def scenario() -> None:
        hub = make_hub()
        url = await started(hub)
        hub.publish(state("PJSIP/801", "available"))
        hub.publish(state("PJSIP/802", "paused", "lunch"))
        hub.publish(call(EventType.CALL_QUEUED, "c1", queue="sales", dnis="4001"))
        hub.publish(call(EventType.CALL_ANSWERED, "c1", agent="PJSIP/801"))
        hub.publish(call(EventType.CALL_QUEUED, "c2", queue="sales", dnis="4001"))
        sup, agent = Desk(url, "tok-sup"), Desk(url, "tok-801")
        for desk in (sup, agent):
            desk.client.start()
            await desk.await_(lambda d: d.client.link_state == LinkState.CONNECTED)
        await sup.await_(lambda d: len(floor_frames(d)) == 1)
        feed = board(sup)
        assert feed.state is not None
        assert feed.state.agents["PJSIP/801"].status is FloorStatus.TALKING
        assert feed.state.agents["PJSIP/802"].reason == "lunch"
        (sales,) = queue_rows(feed.state, feed.hub_now(time.time()))
        assert (sales.waiting, sales.today.answered) == (1, 1)
        # After the board, each event moves it on.
        hub.publish(call(EventType.CALL_ENDED, "c2", reason="abandoned"))
        await sup.await_(lambda d: len(d.events("call.ended")) == 1)
        (sales,) = queue_rows(board(sup).state, time.time())  # type: ignore[arg-type]
        assert (sales.waiting, sales.today.offered) == (0, 2)
        # An agent's desk is not sent the floor: it is the supervisors' view.
        await agent.await_(lambda d: any(f.type == EventType.WELCOME for f in d.frames))
        assert floor_frames(agent) == []
        for desk in (sup, agent):
            await asyncio.to_thread(desk.client.stop)
        await hub.stop()

    run(scenario)


def test_a_supervisor_desk_that_loses_its_link_rebuilds_the_same_board_as_the_hub_has() -> None:
    async def scenario() -> None:
        hub = make_hub()
        url = await started(hub)
        sup = Desk(url, "tok-sup")
        sup.client.start()
        await sup.await_(lambda d: len(floor_frames(d)) == 1)
        hub.publish(state("PJSIP/801", "available"))
        hub.publish(call(EventType.CALL_QUEUED, "c1", queue="q"))
        await sup.await_(lambda d: len(d.events()) == 2)
        for peer in list(hub._supervisors):
            peer.ws.transport.abort()  # the network drops: no closing handshake
        # Meanwhile the floor moves on without this desk.
        hub.publish(call(EventType.CALL_ANSWERED, "c1", agent="PJSIP/801"))
        hub.publish(state("PJSIP/802", "paused", "break"))
        await sup.await_(lambda d: len(floor_frames(d)) == 2, timeout=10)
        await sup.await_(lambda d: len(d.events()) >= 4)
        feed = board(sup)
        assert feed.state is not None
        assert feed.state.to_json() == hub.floor.to_json()
        await asyncio.to_thread(sup.client.stop)
        await hub.stop()

    run(scenario)


def test_a_floor_frame_the_desk_cannot_read_leaves_the_old_board() -> None:
    feed = FloorFeed()
    good = HubFrame("floor", "e", 1, time.time(), data={"floor": {"v": 1, "zone": "UTC", "agents": []}})
    assert feed.on_frame(good, time.time()) is not None
    broken = HubFrame("floor", "e", 2, time.time(), data={"floor": {"v": 7}})
    try:
        feed.on_frame(broken, time.time())
    except ValueError as exc:
        assert "floor snapshot" in str(exc)
    else:
        raise AssertionError("a broken floor frame was taken")
    assert feed.state is not None and feed.state.agents == {}


def test_the_board_reads_time_on_the_hubs_clock_when_the_desk_clock_is_off() -> None:
    feed = FloorFeed()
    hub_ts = 1_800_000_000.0
    feed.on_frame(HubFrame("heartbeat", "e", 0, hub_ts), desk_now=hub_ts - 300)  # desk 5 min slow
    assert feed.hub_now(hub_ts - 290) == hub_ts + 10
