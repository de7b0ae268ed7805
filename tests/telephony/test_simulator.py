"""The simulator's plans: scenarios, realistic demo calls, load mode, "ring me now"."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from agent_desk.core.protocol import CallEvent, Command
from agent_desk.telephony.sources.base import CommandError
from agent_desk.telephony.sources.simulator import (
    DemoSettings,
    LoadSettings,
    ScenarioError,
    SimulatorSource,
    load_scenario_file,
    plan_demo_call,
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


def test_demo_calls_look_real_and_use_the_configured_lines_and_agents() -> None:
    settings = DemoSettings(anis=("13800000001",), dnis=("4008001001", "4008001002"),
                            agents=("SIP/8001", "SIP/8002"))  # fmt: skip
    rng = random.Random(7)
    plans = [plan_demo_call(f"c{i}", settings, rng) for i in range(300)]
    events = [e for plan in plans for _, e in plan]
    assert {e.dnis for e in events} == {"4008001001", "4008001002"}
    assert {e.agent for e in events if e.type == "call.offered"} == {"SIP/8001", "SIP/8002"}
    anis = {e.ani for e in events}
    assert "13800000001" in anis and len(anis) > 10  # known callers and new ones
    assert all(len(a) == 11 and a.startswith("1") for a in anis)
    ends = [plan[-1][1] for plan in plans]
    assert {e.reason for e in ends} == {"completed", "abandoned"}
    assert all(offsets == sorted(offsets) for offsets in ([t for t, _ in p] for p in plans))


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
