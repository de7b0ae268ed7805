"""The real ``hub`` command in a subprocess, fed by a fake AMI that replays captures."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from pathlib import Path

from websockets.asyncio.client import connect

from agent_desk.core.protocol import encode_command, encode_hello

from .fake_ami import DATA, FakeAmi

CLI = [sys.executable, "-m", "agent_desk.cli", "hub"]


def token_file(tmp_path: Path) -> Path:
    path = tmp_path / "tokens"
    path.write_text("# desk tokens\ntok-777 SIP/777\ntok-sup boss supervisor\n", encoding="utf-8")
    return path


async def start_hub(*args: str, secret: str = "s3cret") -> tuple[asyncio.subprocess.Process, int]:
    env = {**os.environ, "AGENT_DESK_AMI_SECRET": secret, "PYTHONUNBUFFERED": "1"}
    proc = await asyncio.create_subprocess_exec(
        *CLI, "--listen", "127.0.0.1:0", *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stderr is not None
    while True:
        line = await asyncio.wait_for(proc.stderr.readline(), 15)
        if not line:
            raise AssertionError(f"hub exited with {await proc.wait()} before listening")
        record = json.loads(line)
        if record["msg"] == "hub listening":
            return proc, int(record["port"])


async def stop_hub(proc: asyncio.subprocess.Process) -> int:
    proc.terminate()
    return await asyncio.wait_for(proc.wait(), 10)


def test_hub_with_ami_source_gives_a_plain_websockets_client_the_expected_frames(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        gate = asyncio.Event()
        ami = FakeAmi([([], (DATA / "queue-call-answered.raw").read_bytes())], gate=gate)
        ami_port = await ami.start()
        proc, port = await start_hub(
            "--source", "ami", "--ami", f"127.0.0.1:{ami_port}", "--ami-user", "agentdesk",
            "--tokens", str(token_file(tmp_path)),
        )  # fmt: skip
        async with connect(f"ws://127.0.0.1:{port}") as ws:
            await ws.send(encode_hello("tok-777", "SIP/777"))
            first = [json.loads(await ws.recv()) for _ in range(2)]
            assert [f["type"] for f in first] == ["welcome", "snapshot"]
            gate.set()  # now the PBX takes the call
            frames = []
            while not frames or frames[-1]["type"] != "call.ended":
                frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
                if frame["type"] != "heartbeat":
                    frames.append(frame)
        calls = [f for f in frames if f["type"].startswith("call.")]
        assert [f["type"] for f in calls] == ["call.offered", "call.answered", "call.ended"]
        pop = calls[0]
        assert (pop["agent"], pop["ani"], pop["dnis"]) == ("SIP/777", "123", "888999")
        assert calls[-1]["reason"] == "completed" and calls[-1]["ended_by"] == "caller"
        seqs = [f["seq"] for f in frames]
        assert seqs == sorted(set(seqs))
        assert [a["Action"] for a in ami.actions][:3] == ["Login", "QueueStatus", "CoreShowChannels"]
        assert await stop_hub(proc) == 0
        await ami.stop()

    asyncio.run(asyncio.wait_for(scenario(), 60))


def test_hub_reconnects_to_ami_and_rebuilds_the_call_in_progress(tmp_path: Path) -> None:
    raw = (DATA / "queue-call-answered.raw").read_bytes()
    cut = raw.index(b"Event: AgentConnect")
    # First link: up to the agent ringing, then the PBX drops us. Second link: the
    # listing shows the caller bridged with SIP/777, then the rest of the call.
    listing = [
        {"Channel": "SIP/toOurAster-000000bb", "Uniqueid": "1514295827.372",
         "Linkedid": "1514295827.372", "CallerIDNum": "123", "BridgeId": "b1",
         "Application": "AppQueue"},
        {"Channel": "SIP/777-000000bc", "Uniqueid": "1514295839.373",
         "Linkedid": "1514295827.372", "CallerIDNum": "777", "BridgeId": "b1",
         "Application": "AppDial"},
    ]  # fmt: skip

    async def scenario() -> None:
        ami = FakeAmi([([], raw[:cut]), (listing, raw[cut:])], hold_open=False)
        ami_port = await ami.start()
        proc, port = await start_hub(
            "--source", "ami", "--ami", f"127.0.0.1:{ami_port}",
            "--tokens", str(token_file(tmp_path)),
        )  # fmt: skip
        async with connect(f"ws://127.0.0.1:{port}") as ws:
            await ws.send(encode_hello("tok-sup", ""))
            types: list[str] = []
            while "call.ended" not in types:
                frame = json.loads(await asyncio.wait_for(ws.recv(), 15))
                types += [frame["type"]] + [c["type"] for c in frame.get("calls", [])]
        assert ami.connections >= 2
        assert "call.answered" in types
        assert await stop_hub(proc) == 0
        await ami.stop()

    asyncio.run(asyncio.wait_for(scenario(), 60))


def test_clear_messages_when_the_port_is_taken_or_ami_unreachable(tmp_path: Path) -> None:
    async def scenario() -> None:
        tokens = str(token_file(tmp_path))
        with socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen()
            port = busy.getsockname()[1]
            proc = await asyncio.create_subprocess_exec(
                *CLI, "--listen", f"127.0.0.1:{port}", "--tokens", tokens,
                stderr=asyncio.subprocess.PIPE,
            )  # fmt: skip
            _, err = await asyncio.wait_for(proc.communicate(), 20)
            assert proc.returncode == 2
            assert f"cannot listen on 127.0.0.1:{port}" in err.decode()
        with socket.socket() as closed:
            closed.bind(("127.0.0.1", 0))
            dead = closed.getsockname()[1]  # bound but not listening: refused
            proc = await asyncio.create_subprocess_exec(
                *CLI, "--listen", "127.0.0.1:0", "--tokens", tokens, "--source", "ami",
                "--ami", f"127.0.0.1:{dead}", env={**os.environ, "AGENT_DESK_AMI_SECRET": "x"},
                stderr=asyncio.subprocess.PIPE,
            )  # fmt: skip
            _, err = await asyncio.wait_for(proc.communicate(), 20)
            assert proc.returncode == 3
            assert f"cannot reach Asterisk AMI at 127.0.0.1:{dead}" in err.decode()

    asyncio.run(asyncio.wait_for(scenario(), 60))


def test_wrong_ami_secret_is_reported_at_start(tmp_path: Path) -> None:
    async def scenario() -> None:
        ami = FakeAmi([([], b"")])
        ami_port = await ami.start()
        proc = await asyncio.create_subprocess_exec(
            *CLI, "--listen", "127.0.0.1:0", "--tokens", str(token_file(tmp_path)),
            "--source", "ami", "--ami", f"127.0.0.1:{ami_port}",
            env={**os.environ, "AGENT_DESK_AMI_SECRET": "wrong"}, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, err = await asyncio.wait_for(proc.communicate(), 20)
        assert proc.returncode == 3
        assert "refused user 'agentdesk': Authentication failed" in err.decode()
        await ami.stop()

    asyncio.run(asyncio.wait_for(scenario(), 60))


def test_a_desk_going_not_ready_pauses_its_interface_on_the_pbx_with_the_reason(tmp_path: Path) -> None:
    """The PBX must stop offering calls to an agent on a break: QueuePause for the agent's own interface."""

    async def scenario() -> None:
        ami = FakeAmi([([], b"")])
        ami_port = await ami.start()
        proc, port = await start_hub(
            "--source", "ami", "--ami", f"127.0.0.1:{ami_port}", "--ami-user", "agentdesk",
            "--tokens", str(token_file(tmp_path)),
        )  # fmt: skip

        async def reply_and_state(ws, command: str) -> tuple[dict, dict | None]:  # type: ignore[no-untyped-def]
            """The command's result and the agent.state the PBX sent back, in whichever order they came."""
            await ws.send(command)
            result, state = None, None
            while result is None or (result["ok"] and state is None):
                frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
                if frame["type"] == "command.result":
                    result = frame
                elif frame["type"] == "agent.state":
                    state = frame
            return result, state

        async with connect(f"ws://127.0.0.1:{port}") as ws:
            await ws.send(encode_hello("tok-777", "SIP/777"))
            result, back = await reply_and_state(
                ws, encode_command("agent.state", id="1", state="paused", reason="lunch")
            )
            assert result["ok"] is True and back is not None  # the PBX's QueueMemberPause, as the desk sees it
            assert (back["agent"], back["state"], back["reason"]) == ("SIP/777", "paused", "lunch")
            result, back = await reply_and_state(ws, encode_command("agent.state", id="2", state="available"))
            assert result["ok"] is True and back is not None
            assert (back["state"], back.get("reason", "")) == ("available", "")
            result, back = await reply_and_state(ws, encode_command("agent.state", id="4", state="offline"))
            # Paused on the PBX, offline in the record: the KPIs count a logout, not a pause.
            assert result["ok"] is True and back is not None and back["state"] == "offline"
            bad = encode_command("agent.state", id="3", state="paused", reason="x\r\nAction: Logoff")
            refused, _ = await reply_and_state(ws, bad)
            assert refused["ok"] is False and "reason" in refused["error"]
        pauses = [a for a in ami.actions if a["Action"] == "QueuePause"]
        assert [(a["Interface"], a["Paused"], a.get("Reason")) for a in pauses] == [
            ("SIP/777", "true", "lunch"),
            ("SIP/777", "false", None),
            ("SIP/777", "true", "logged_out"),  # logged out: no calls to a desk nobody watches
        ]  # the header injection never reached the PBX
        assert not [a for a in ami.actions if a["Action"] == "Logoff"]
        assert await stop_hub(proc) == 0
        await ami.stop()

    asyncio.run(asyncio.wait_for(scenario(), 60))


def test_a_supervisor_connecting_to_the_real_hub_gets_the_floor_the_pbx_made(tmp_path: Path) -> None:
    async def scenario() -> None:
        gate = asyncio.Event()
        ami = FakeAmi([([], (DATA / "queue-call-answered.raw").read_bytes())], gate=gate)
        ami_port = await ami.start()
        proc, port = await start_hub(
            "--source", "ami", "--ami", f"127.0.0.1:{ami_port}", "--ami-user", "agentdesk",
            "--tokens", str(token_file(tmp_path)), "--zone", "Asia/Shanghai",
        )  # fmt: skip
        async with connect(f"ws://127.0.0.1:{port}") as ws:
            await ws.send(encode_hello("tok-777", "SIP/777"))
            gate.set()
            while json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] != "call.ended":
                pass
        # A supervisor's desk opened after the call: the board already holds it.
        async with connect(f"ws://127.0.0.1:{port}") as ws:
            await ws.send(encode_hello("tok-sup", "boss"))
            frames = [json.loads(await asyncio.wait_for(ws.recv(), 10)) for _ in range(3)]
        assert [f["type"] for f in frames] == ["welcome", "snapshot", "floor"]
        board = frames[2]["floor"]
        assert board["zone"] == "Asia/Shanghai"
        (agent,) = [a for a in board["agents"] if a["agent"] == "SIP/777"]
        assert agent["handled_today"] == 1 and agent["on_call"] == ""
        (tally,) = board["tallies"]
        assert sum(tally["tally"]["answered_waits"].values()) == 1
        assert await stop_hub(proc) == 0
        await ami.stop()

    asyncio.run(asyncio.wait_for(scenario(), 60))


def test_the_hub_refuses_a_zone_it_does_not_know_and_says_which(tmp_path: Path) -> None:
    async def scenario() -> None:
        proc = await asyncio.create_subprocess_exec(
            *CLI, "--listen", "127.0.0.1:0", "--tokens", str(token_file(tmp_path)), "--zone", "Mars/Olympus",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _out, err = await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode not in (0, None)
        assert "Mars/Olympus" in err.decode() and "IANA" in err.decode()

    asyncio.run(asyncio.wait_for(scenario(), 60))


def test_a_hub_restarted_mid_day_gives_supervisors_the_days_figures_from_the_record(
    tmp_path: Path, sqlite_database
) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from agent_desk.store.models import Call

    now = datetime.now(UTC).replace(tzinfo=None)
    with sqlite_database.factory() as s, s.begin():
        s.add(Call(platform_call_id="earlier", queue="sales", dnis="4008001001", queued_at=now, outcome="answered",
                   wait_seconds=7, agent_telephony_id="SIP/777"))  # fmt: skip

    async def scenario() -> None:
        proc, port = await start_hub(
            "--tokens", str(token_file(tmp_path)), "--url", sqlite_database.url, "--zone", "UTC",
        )  # fmt: skip
        async with connect(f"ws://127.0.0.1:{port}") as ws:
            await ws.send(encode_hello("tok-sup", "boss"))
            frames = [json.loads(await asyncio.wait_for(ws.recv(), 10)) for _ in range(3)]
        board = frames[2]["floor"]
        assert [(t["queue"], t["tally"]["answered_waits"]) for t in board["tallies"]] == [("sales", {"7": 1})]
        assert [(a["agent"], a["handled_today"]) for a in board["agents"]] == [("SIP/777", 1)]
        assert await stop_hub(proc) == 0

    asyncio.run(asyncio.wait_for(scenario(), 60))


def test_a_record_that_hangs_or_fails_costs_the_board_its_morning_not_the_hubs_start(
    monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import argparse
    import threading
    import time

    from agent_desk.cli import hub as hub_cli
    from agent_desk.services.supervision import floor_seed

    released = threading.Event()

    def hangs(*_args: object) -> None:
        released.wait(30)  # a database that never answers (released at the end of the test)

    monkeypatch.setattr(floor_seed, "seed_floor", hangs)
    monkeypatch.setattr(hub_cli, "_database", lambda _args: type("Db", (), {"factory": _Session, "dispose": _nop})())
    args = argparse.Namespace(url="sqlite:///unused")
    started = time.monotonic()
    floor = hub_cli._seeded_floor(args, None, timeout=0.5)
    assert time.monotonic() - started < 5 and floor.agents == {} and floor.tallies == {}
    released.set()

    def fails(*_args: object) -> None:
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(floor_seed, "seed_floor", fails)
    assert hub_cli._seeded_floor(args, None, timeout=5).tallies == {}


class _Session:
    def __enter__(self) -> _Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None


def _nop() -> None:
    return None
