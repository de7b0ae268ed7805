"""The real ``hub`` command writing the contact-centre record, stopped and started again on one database."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from websockets.asyncio.client import ClientConnection, connect

from agent_desk.core.protocol import encode_command, encode_hello
from agent_desk.store.contact_record import AgentStateInterval
from agent_desk.store.database import Database
from agent_desk.store.models import Call

CLI = [sys.executable, "-m", "agent_desk.cli", "hub", "--listen", "127.0.0.1:0", "--source", "simulator"]

STEPS = [
    {"at": 0, "do": "agent", "agent": "SIP/8002", "state": "available"},
    {"at": 0.2, "do": "queue", "call": "a", "queue": "sales", "ani": "13800138000", "dnis": "4008001001"},
    {"at": 0.4, "do": "queue", "call": "b", "queue": "sales", "ani": "13900139000"},
    {"at": 0.5, "do": "offer", "call": "a", "agent": "SIP/8002"},
    {"at": 1.4, "do": "abandon", "call": "b"},
    {"at": 2.2, "do": "answer", "call": "a"},
    {"at": 3.2, "do": "end", "call": "a"},
    {"at": 3.4, "do": "agent", "agent": "SIP/8002", "state": "paused"},
    {"at": 3.6, "do": "queue", "call": "c", "queue": "sales"},
    {"at": 3.7, "do": "offer", "call": "c", "agent": "SIP/8003"},
    {"at": 3.9, "do": "answer", "call": "c"},  # still talking when the hub stops
]


async def start_hub(tmp_path: Path, db: Database, steps: list[dict[str, Any]]) -> tuple[Any, int, list[dict[str, Any]]]:
    scenario = tmp_path / f"scenario-{len(steps)}.json"
    scenario.write_text(json.dumps({"name": "record", "steps": steps}), encoding="utf-8")
    tokens = tmp_path / "tokens"
    tokens.write_text("tok-1 SIP/8001\ntok-sup boss supervisor\n", encoding="utf-8")
    proc = await asyncio.create_subprocess_exec(
        *CLI, "--tokens", str(tokens), "--scenario", str(scenario), "--record-calls", "--url", db.url,
        "--rollup-every", "0.2",
        env={**os.environ, "PYTHONUNBUFFERED": "1"}, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    logs = await read_logs(proc, lambda r: r["msg"] == "hub listening")
    return proc, int(logs[-1]["port"]), logs


async def read_logs(proc: Any, until: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    records = []
    while True:
        line = await asyncio.wait_for(proc.stderr.readline(), 15)
        if not line:
            raise AssertionError(f"hub exited with {await proc.wait()}; it logged {records}")
        records.append(json.loads(line))
        if until(records[-1]):
            return records


async def frames_until(ws: ClientConnection, done: Callable[[dict[str, Any]], bool]) -> None:
    while not done(json.loads(await asyncio.wait_for(ws.recv(), 10))):
        pass


def test_the_hub_records_queue_and_agent_events_and_a_restart_closes_what_was_left_open(
    sqlite_database: Database, tmp_path: Path
) -> None:
    def answered_c(frame: dict[str, Any]) -> bool:
        events = [frame, *frame.get("calls", [])]
        return any(e["type"] == "call.answered" and e.get("call_id", "").endswith("-c") for e in events)

    async def first_run() -> None:
        proc, port, _ = await start_hub(tmp_path, sqlite_database, STEPS)
        async with connect(f"ws://127.0.0.1:{port}") as desk, connect(f"ws://127.0.0.1:{port}") as floor:
            await desk.send(encode_hello("tok-1", "SIP/8001"))
            await floor.send(encode_hello("tok-sup", ""))
            await desk.send(encode_command("agent.state", id="1", state="paused", reason="lunch"))
            await frames_until(desk, lambda f: f["type"] == "agent.state" and f.get("reason") == "lunch")
            await frames_until(floor, answered_c)  # the scenario has played out
            await desk.send(encode_command("agent.state", id="2", state="available"))
            await frames_until(desk, lambda f: f["type"] == "agent.state" and f["state"] == "available")
        proc.terminate()
        assert await asyncio.wait_for(proc.wait(), 15) == 0

    async def second_run() -> list[dict[str, Any]]:
        proc, _, logs = await start_hub(tmp_path, sqlite_database, [{"at": 0, "do": "ring", "call": "x"}])
        if not any("left open" in r["msg"] for r in logs):
            logs += await read_logs(proc, lambda r: "left open" in r["msg"])
        proc.terminate()
        assert await asyncio.wait_for(proc.wait(), 15) == 0
        return logs

    asyncio.run(asyncio.wait_for(first_run(), 40))
    with sqlite_database.factory() as s:
        calls = {c.platform_call_id.rsplit("-", 1)[1]: c for c in s.scalars(select(Call))}
        a, b, c = calls["a"], calls["b"], calls["c"]
        assert (a.wait_seconds, a.ring_seconds, a.talk_seconds, a.outcome) == (2, 2, 1, "answered")
        assert a.queued_at is not None and a.agent_telephony_id == "SIP/8002" and a.end_reason == "completed"
        assert (b.wait_seconds, b.outcome, b.end_reason) == (1, "abandoned", "abandoned")
        assert (c.outcome, c.ended_at) == ("", None)
        lunch = s.scalars(select(AgentStateInterval).where(AgentStateInterval.reason == "lunch")).one()
        assert lunch.agent == "SIP/8001" and lunch.ended_at is not None and lunch.end_mark == ""
        open_before = {
            (i.agent, i.state)
            for i in s.scalars(select(AgentStateInterval).where(AgentStateInterval.ended_at.is_(None)))
        }
        assert open_before == {("SIP/8001", "logged_in"), ("SIP/8002", "logged_in"), ("SIP/8002", "not_ready")}

    logs = asyncio.run(asyncio.wait_for(second_run(), 30))
    closing = next(r for r in logs if "left open" in r["msg"])
    assert closing["intervals"] == 3
    with sqlite_database.factory() as s:
        intervals = s.scalars(select(AgentStateInterval)).all()
        assert all(i.ended_at is not None for i in intervals)
        assert {(i.agent, i.state) for i in intervals if i.end_mark == "restart"} == open_before


def test_the_recording_hub_keeps_the_kpi_rollups_refreshed_as_the_record_grows(
    sqlite_database: Database, tmp_path: Path
) -> None:
    import time

    from agent_desk.core.kpi import CallTally
    from agent_desk.store.kpi_rollups import KpiCallRollup, KpiDirtyBucket

    def floor_offered() -> int:
        """Calls offered in the floor's quarter-hour rows as they are: read without refreshing them."""
        with sqlite_database.factory() as s:
            rows = s.scalars(select(KpiCallRollup.tally).where(KpiCallRollup.grain == "q", KpiCallRollup.dim == "*"))
            return sum(CallTally.from_json(t).figures().offered for t in rows)

    async def run() -> tuple[int, list[str]]:
        proc, port, _ = await start_hub(tmp_path, sqlite_database, STEPS)
        async with connect(f"ws://127.0.0.1:{port}") as floor:
            await floor.send(encode_hello("tok-sup", ""))
            await frames_until(floor, lambda f: f["type"] == "call.answered" and f.get("call_id", "").endswith("-c"))
        # a (answered) and b (abandoned) are over; nobody asks for a report, and the rollups follow anyway.
        deadline = time.monotonic() + 30
        while floor_offered() < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        offered = floor_offered()
        proc.terminate()
        assert await asyncio.wait_for(proc.wait(), 15) == 0
        said = (await proc.stderr.read()).decode(errors="replace").splitlines()
        return offered, [line for line in said if "rollup" in line.lower()][-5:]

    offered, said = asyncio.run(asyncio.wait_for(run(), 60))
    with sqlite_database.factory() as s:
        marks = s.execute(select(KpiDirtyBucket.bucket_start, KpiDirtyBucket.part)).all()
    assert offered == 2, (offered, marks, said)
