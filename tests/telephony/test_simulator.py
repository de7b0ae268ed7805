"""The simulator's plans: scenarios, realistic demo calls, load mode, "ring me now", desk states."""

from __future__ import annotations

import asyncio
import math
import random
from pathlib import Path

import pytest

from agent_desk.core.protocol import CallEvent, Command
from agent_desk.telephony.sources.base import CommandError
from agent_desk.telephony.sources.sim_queue import QueueModel, Timed
from agent_desk.telephony.sources.simulator import (
    DemoSettings,
    LoadSettings,
    ScenarioError,
    SimulatorSource,
    demo_caller,
    load_scenario_file,
    plan_load_call,
    scenario_events,
)
from agent_desk.telephony.tokens import Principal

DEMO = Path(__file__).resolve().parents[2] / "resources" / "simulator" / "demo-day.json"


def test_demo_scenario_file_plays_a_transfer_and_an_abandon() -> None:
    _, steps, repeat = load_scenario_file(DEMO)
    plan = scenario_events(steps, prefix="t")
    vip = [(e.type, e.agent, e.target) for _, e in plan if e.call_id == "t-vip"]
    assert vip == [
        ("call.ringing", "", ""),
        ("call.queued", "", ""),
        ("call.offered", "SIP/8001", ""),
        ("call.answered", "SIP/8001", ""),
        ("call.transferred", "SIP/8001", "SIP/8002"),
        ("call.offered", "SIP/8002", ""),
        ("call.answered", "SIP/8002", ""),
        ("call.ended", "SIP/8002", ""),
    ]
    gone = [e for _, e in plan if e.call_id == "t-gone"]
    assert gone[-1].reason == "abandoned" and gone[-1].dnis == "4008001002"
    assert repeat


@pytest.mark.parametrize(
    "steps, message",
    [
        ([{"do": "fly"}], "step 1: 'do'"),
        ([{"do": "ring"}], "needs a call name"),
        ([{"do": "ring", "call": "a", "at": -1}], "'at'"),
        ([{"do": "transfer", "call": "a"}], "needs 'to'"),
        ([{"do": "agent", "agent": "SIP/1", "state": "asleep"}], "unknown agent state"),
    ],
)
def test_bad_scenarios_say_which_step_is_wrong(steps: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        scenario_events(steps)


def demo_day(settings: DemoSettings, rng: random.Random, calls: int) -> Timed:
    """What the demo does in a day of ``calls`` callers, without waiting for it."""
    queue = QueueModel(settings.routing(), rng)
    events: Timed = []
    t = 0.0
    for i in range(calls):
        events += queue.arrive(demo_caller(f"c{i}", settings, rng), t)
        t += rng.expovariate(1.0 / settings.mean_interval)
    return events + queue.advance(math.inf)


def test_demo_calls_look_real_and_use_the_configured_lines_and_agents() -> None:
    settings = DemoSettings(anis=("13800000001",), dnis=("4008001001", "4008001002"),
                            agents=("SIP/8001", "SIP/8002"))  # fmt: skip
    events = [e for _, e in demo_day(settings, random.Random(7), 300)]
    assert {e.dnis for e in events} == {"4008001001", "4008001002"}
    assert {e.agent for e in events if e.type == "call.offered"} == {"SIP/8001", "SIP/8002"}
    anis = {e.ani for e in events}
    assert "13800000001" in anis and len(anis) > 10  # known callers and new ones
    assert all(len(a) == 11 and a.startswith("1") for a in anis)
    ends = [e for e in events if e.type == "call.ended"]
    assert len(ends) == 300 and {e.reason for e in ends} == {"completed", "abandoned"}
    assert all(e.recording_url.endswith(f"{e.call_id}.wav") for e in ends if e.reason == "completed")


def test_load_call_has_five_events_to_one_agent() -> None:
    plan = plan_load_call("x", LoadSettings(40, ["SIP/1", "SIP/2"]), random.Random(1))
    assert [e.type for _, e in plan] == [
        "call.ringing", "call.queued", "call.offered", "call.answered", "call.ended"
    ]  # fmt: skip


def test_ring_me_now_offers_a_call_to_the_asking_desk_at_once() -> None:
    async def scenario() -> None:
        got: list[CallEvent] = []
        source = SimulatorSource(speed=100.0, seed=3)
        await source.start(got.append)
        me = Principal("SIP/8003")
        result = await source.command(me, Command("simulate", {"action": "ring", "answer_after": 1.0, "talk": 1.0}))
        assert [(e.type, e.agent) for e in got] == [
            ("call.ringing", ""), ("call.queued", ""), ("call.offered", "SIP/8003")
        ]  # fmt: skip
        while len(got) < 5:  # answered after 1 s and ended 1 s later, at speed 100
            await asyncio.sleep(0.01)
        assert [e.type for e in got[3:]] == ["call.answered", "call.ended"]
        assert got[-1].call_id == result["call_id"]
        with pytest.raises(CommandError):
            await source.command(me, Command("simulate", {"action": "hangup", "call_id": "x"}))
        await source.stop()

    asyncio.run(asyncio.wait_for(scenario(), 10))


def test_a_desk_that_pauses_gets_no_demo_call_until_it_says_available() -> None:
    async def scenario() -> None:
        got: list[CallEvent] = []
        demo = DemoSettings(agents=("SIP/1", "SIP/2"), mean_interval=10_000.0, patience=0.0)
        source = SimulatorSource(demo=demo, speed=1000.0, seed=5)
        await source.start(got.append)
        for agent, reason in (("SIP/1", "lunch"), ("SIP/2", "logged_in")):
            result = await source.command(
                Principal(agent), Command("agent.state", {"state": "paused", "reason": reason})
            )
            assert result == {"state": "paused", "reason": reason}
        while not any(e.type == "call.queued" for e in got):  # the first caller, past the greeting
            await asyncio.sleep(0.005)
        states = [(e.agent, e.state, e.reason, e.src) for e in got if e.type == "agent.state"]
        assert states == [("SIP/1", "paused", "lunch", "desk"), ("SIP/2", "paused", "logged_in", "desk")]
        assert not any(e.type == "call.offered" for e in got)
        await source.command(Principal("SIP/2"), Command("agent.state", {"state": "available"}))
        assert [(e.type, e.agent, e.state) for e in got[-2:]] == [
            ("agent.state", "SIP/2", "available"), ("call.offered", "SIP/2", "")
        ]  # fmt: skip
        with pytest.raises(CommandError):  # nothing rings over a call in progress
            await source.command(Principal("SIP/2"), Command("simulate", {"action": "ring"}))
        bad_states = ({"state": "busy"}, {"state": ["paused"]}, {"state": "paused", "reason": "x" * 81},
                      {"state": "paused", "reason": 3})  # fmt: skip
        for bad in bad_states:
            with pytest.raises(CommandError):
                await source.command(Principal("SIP/1"), Command("agent.state", bad))
        await source.stop()

    asyncio.run(asyncio.wait_for(scenario(), 10))


def test_the_hub_flags_set_how_long_demo_callers_may_wait() -> None:
    from agent_desk.cli import build_parser
    from agent_desk.cli.hub import HubCliError, build_source

    def source(*flags: str) -> SimulatorSource:
        built = build_source(build_parser().parse_args(["hub", "--demo", "--agents", "SIP/1", *flags]))
        assert isinstance(built, SimulatorSource)
        return built

    async def scenario() -> None:
        got: list[CallEvent] = []
        sim = source("--patience", "0", "--max-wait", "30", "--speed", "1000", "--mean-interval", "100000")
        await sim.start(got.append)
        await sim.command(Principal("SIP/1"), Command("agent.state", {"state": "paused", "reason": "break"}))
        while not any(e.type == "call.ended" for e in got):
            await asyncio.sleep(0.005)
        (ended,) = [e for e in got if e.type == "call.ended"]
        assert (ended.reason, ended.ended_by) == ("no_answer", "")  # sent away by the queue, not hung up
        await sim.stop()

    asyncio.run(asyncio.wait_for(scenario(), 10))
    for bad in (["--ring-timeout", "0"], ["--patience", "-1"]):
        with pytest.raises(HubCliError):
            source(*bad)
