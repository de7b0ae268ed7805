"""Hub fan-out: N desks (some supervisors), R call events/s routed to their agents.

Runs the real ``hub`` command (simulator load mode) in a subprocess, desks in
several other processes so the load generator is not the bottleneck, and then
a bare websockets server sending the same frames to the same desks as the
floor. Prints p50/p99 delivery latency (hub stamp ``ts`` → desk receipt) and
server CPU for both.

    .venv/bin/python benchmarks/hub_fanout.py                  # 1000 desks, 200 ev/s
    .venv/bin/python benchmarks/hub_fanout.py --desks 200 --duration 10
Budget (DESIGN.md §5): p99 under 5 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import connect  # noqa: E402
from websockets.asyncio.server import ServerConnection, serve  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

from agent_desk.core.protocol import CallEvent, encode_event, encode_hello  # noqa: E402
from agent_desk.telephony.tokens import parse_token_lines  # noqa: E402

EVENTS_PER_CALL = 5


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ------------------------------------------------------------------ desks


async def desk_process(url: str, tokens: list[str], warmup: float, duration: float) -> None:
    latencies: list[float] = []
    measuring = asyncio.Event()
    connected = 0

    async def one(token: str) -> None:
        nonlocal connected
        async with connect(url, compression=None, open_timeout=60, ping_interval=None) as ws:
            await ws.send(encode_hello(token, ""))
            connected += 1
            async for raw in ws:
                if measuring.is_set() and '"call.' in raw:
                    now = time.time()
                    ts = json.loads(raw)["ts"]
                    latencies.append((now - ts) * 1000.0)

    tasks = [asyncio.create_task(one(t)) for t in tokens]
    await asyncio.sleep(warmup)
    measuring.set()
    await asyncio.sleep(duration)
    measuring.clear()
    print(json.dumps({"connected": connected, "latencies": latencies}), flush=True)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


# ------------------------------------------------------------------ floor


async def floor_server(tokens_path: Path, rate: float, port_file: Path) -> None:
    """Bare websockets: same recipients per event, plain awaited send, no hub logic."""
    principals = parse_token_lines(tokens_path.read_text())
    agents: dict[str, ServerConnection] = {}
    supervisors: list[ServerConnection] = []

    async def handler(ws: ServerConnection) -> None:
        hello = json.loads(await ws.recv())
        p = principals[hello["token"]]
        (supervisors.append(ws) if p.supervisor else agents.__setitem__(p.agent_id, ws))
        await ws.wait_closed()

    async with serve(handler, "127.0.0.1", 0, compression=None, ping_interval=None) as server:
        port_file.write_text(str(server.sockets[0].getsockname()[1]))
        names = [p.agent_id for p in principals.values() if not p.supervisor]
        rng, seq, loop = random.Random(1), 0, asyncio.get_running_loop()
        next_at = loop.time()
        while True:
            seq += 1
            agent = rng.choice(names)
            event = CallEvent("call.offered", call_id=f"f{seq}", agent=agent, ani="13800138000")
            frame = encode_event(event, epoch="floor", seq=seq, ts=time.time())
            for ws in [agents[agent]] if agent in agents else []:
                with contextlib.suppress(ConnectionClosed):
                    await ws.send(frame)
            for ws in supervisors:
                with contextlib.suppress(ConnectionClosed):
                    await ws.send(frame)
            next_at += 1.0 / rate
            await asyncio.sleep(max(0.0, next_at - loop.time()))


# ------------------------------------------------------------------ orchestration


def run_desks(url: str, tokens: list[str], procs: int, warmup: float, duration: float) -> dict:
    chunks = [tokens[i::procs] for i in range(procs)]
    children = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--role",
                "desks",
                "--url",
                url,
                "--warmup",
                str(warmup),
                "--duration",
                str(duration),
                *chunk,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for chunk in chunks
    ]
    results = [json.loads(c.communicate()[0].strip().splitlines()[-1]) for c in children]
    lat = sorted(x for r in results for x in r["latencies"])
    return {"connected": sum(r["connected"] for r in results), "latencies": lat}


def summary(name: str, lat: list[float], cpu: float, wall: float) -> str:
    if not lat:
        return f"{name}: no frames received"
    p50 = statistics.median(lat)
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    return (
        f"{name:>6}: frames {len(lat):>7}  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  "
        f"max {lat[-1]:6.1f} ms  server CPU {100 * cpu / wall:5.1f} %"
    )


def wait_for_listen(proc: subprocess.Popen[str]) -> int:
    assert proc.stderr is not None
    for line in proc.stderr:
        record = json.loads(line)
        if record.get("msg") == "hub listening":
            # Keep reading its log, or a full pipe would stall the hub.
            threading.Thread(target=proc.stderr.read, daemon=True).start()
            return int(record["port"])
    raise SystemExit(f"hub exited with {proc.wait()}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--role", default="main", choices=("main", "desks", "floor"))
    ap.add_argument("--desks", type=int, default=1000)
    ap.add_argument("--supervisors", type=int, default=20)
    ap.add_argument("--rate", type=float, default=200.0, help="call events per second")
    ap.add_argument("--procs", type=int, default=4, help="desk processes")
    ap.add_argument("--warmup", type=float, default=8.0)
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--url")
    ap.add_argument("--tokens-file", type=Path)
    ap.add_argument("--port-file", type=Path)
    ap.add_argument("tokens", nargs="*")
    args = ap.parse_args()
    if args.role == "desks":
        asyncio.run(desk_process(args.url, args.tokens, args.warmup, args.duration))
        return 0
    if args.role == "floor":
        asyncio.run(floor_server(args.tokens_file, args.rate, args.port_file))
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    agents = [f"SIP/{1000 + i}" for i in range(args.desks - args.supervisors)]
    lines = [f"tok-a{i} {a}" for i, a in enumerate(agents)]
    lines += [f"tok-s{i} SUP/{i} supervisor" for i in range(args.supervisors)]
    tokens_path = tmp / "tokens"
    tokens_path.write_text("\n".join(lines) + "\n")
    tokens = [line.split()[0] for line in lines]
    print(
        f"{args.desks} desks ({args.supervisors} supervisors), {args.rate:.0f} call events/s, "
        f"{args.procs} desk processes, {args.duration:.0f} s measured, {os.cpu_count()} CPUs"
    )

    hub = subprocess.Popen(
        [sys.executable, "-m", "agent_desk.cli", "hub", "--listen", "127.0.0.1:0",
         "--tokens", str(tokens_path), "--source", "simulator",
         "--load", str(args.rate / EVENTS_PER_CALL), "--agents", ",".join(agents)],
        stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        port = wait_for_listen(hub)
        cpu0, t0 = cpu_seconds(hub.pid), time.monotonic()
        result = run_desks(f"ws://127.0.0.1:{port}", tokens, args.procs, args.warmup, args.duration)
        hub_cpu, hub_wall = cpu_seconds(hub.pid) - cpu0, time.monotonic() - t0
    finally:
        hub.terminate()
        hub.wait(10)
    print(f"hub connected desks: {result['connected']}")
    hub_line = summary("hub", result["latencies"], hub_cpu, hub_wall)

    port_file = tmp / "floor-port"
    floor = subprocess.Popen(
        [sys.executable, __file__, "--role", "floor", "--tokens-file", str(tokens_path),
         "--rate", str(args.rate), "--port-file", str(port_file)],
    )  # fmt: skip
    try:
        while not port_file.exists() or not port_file.read_text():
            time.sleep(0.05)
        cpu0, t0 = cpu_seconds(floor.pid), time.monotonic()
        url = f"ws://127.0.0.1:{port_file.read_text()}"
        floor_result = run_desks(url, tokens, args.procs, args.warmup, args.duration)
        floor_cpu, floor_wall = cpu_seconds(floor.pid) - cpu0, time.monotonic() - t0
    finally:
        floor.terminate()
        floor.wait(10)
    print(hub_line)
    print(summary("floor", floor_result["latencies"], floor_cpu, floor_wall))
    lat = result["latencies"]
    if lat:
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        print(f"budget p99 < 5 ms: {'PASS' if p99 < 5.0 else 'FAIL'} ({p99:.2f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
