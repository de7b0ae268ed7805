"""The live floor with 1,000 agents on the board: hub event → drawn on the supervisor's screen.

A real hub (its own loop thread) publishes a shift's traffic — agents going ready, on breaks, into
after-call work, calls queuing, answered and ended — at ``--rate`` events per second over ``--agents``
agents. A real desk link (HubBridge → HubClient over websockets on 127.0.0.1) feeds the real floor
pane (offscreen Qt, 1920×1080), which redraws its tables synchronously after each event, so the
figure includes the paint. Everything shares one process and two cores: a real desk would do better.

Printed beside it, from the same run: the floor of the transport alone (the same events to a bare
handler, no board), the time from connecting to the whole board drawn (the snapshot), and the cost
of the once-a-second clock tick over the whole board.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/floor.py            # 1000 agents, 200 ev/s
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/floor.py --agents 200 --duration 5
Budget (issue 12): an event on screen < 100 ms after the hub sends it, with 1,000 agents.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from agent_desk.config import Settings  # noqa: E402
from agent_desk.core.protocol import CallEvent, EventType  # noqa: E402
from agent_desk.services.access.auth import authenticate  # noqa: E402
from agent_desk.store.database import open_database  # noqa: E402
from agent_desk.telephony.hub import Hub, HubLimits  # noqa: E402
from agent_desk.telephony.tokens import Principal, StaticTokens  # noqa: E402
from agent_desk.ui.context import DeskContext  # noqa: E402
from agent_desk.ui.hub_bridge import HubBridge  # noqa: E402
from agent_desk.ui.messages import bridge as message_bridge  # noqa: E402
from agent_desk.ui.supervision.floor_pane import FloorPane  # noqa: E402
from agent_desk.ui.tasks import TaskRunner  # noqa: E402

REASONS = ("break", "lunch", "training", "meeting", "acw")


class Traffic:
    """A plausible stream: each agent moves through ready → ringing → talking → ACW → ready, with breaks."""

    def __init__(self, agents: int, queues: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.agents = [f"PJSIP/{1000 + i}" for i in range(agents)]
        self.queues = [f"q{i:02d}" for i in range(queues)]
        self.ready: list[str] = []
        self.talking: dict[str, str] = {}
        self.waiting: list[str] = []
        self.n = 0

    def opening(self) -> list[CallEvent]:
        self.ready = list(self.agents)
        return [CallEvent(EventType.AGENT_STATE, agent=a, state="available") for a in self.agents]

    def next(self) -> CallEvent:
        r = self.rng.random()
        if r < 0.3 or not (self.ready or self.talking or self.waiting):
            self.n += 1
            call = f"c{self.n}"
            self.waiting.append(call)
            queue = self.rng.choice(self.queues)
            return CallEvent(EventType.CALL_QUEUED, call_id=call, queue=queue, dnis=f"40080010{queue[1:]}")
        if r < 0.55 and self.waiting and self.ready:
            call, agent = self.waiting.pop(0), self.ready.pop(self.rng.randrange(len(self.ready)))
            self.talking[agent] = call
            return CallEvent(EventType.CALL_ANSWERED, call_id=call, agent=agent)
        if r < 0.75 and self.talking:
            agent = self.rng.choice(list(self.talking))
            return CallEvent(EventType.CALL_ENDED, call_id=self.talking.pop(agent), reason="completed")
        if r < 0.8 and self.waiting:
            return CallEvent(EventType.CALL_ENDED, call_id=self.waiting.pop(0), reason="abandoned")
        agent = self.rng.choice(self.agents)
        if agent in self.talking:
            return CallEvent(EventType.AGENT_STATE, agent=agent, state="busy")
        if agent in self.ready:
            self.ready.remove(agent)
            return CallEvent(EventType.AGENT_STATE, agent=agent, state="paused", reason=self.rng.choice(REASONS))
        self.ready.append(agent)
        return CallEvent(EventType.AGENT_STATE, agent=agent, state="available")


class HubThread:
    def __init__(self, agents: int) -> None:
        tokens = StaticTokens({"sup": Principal("user:bench", supervisor=True)})
        self.loop = asyncio.new_event_loop()
        self.hub = Hub(tokens, limits=HubLimits(heartbeat=5.0, queue=100_000, buffer=100_000))
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        host, port = asyncio.run_coroutine_threadsafe(self.hub.start("127.0.0.1", 0), self.loop).result(10)
        self.url = f"ws://{host}:{port}"

    def publish_all(self, events: list[CallEvent]) -> None:
        done = threading.Event()

        def run() -> None:
            for event in events:
                self.hub.publish(event)
            done.set()

        self.loop.call_soon_threadsafe(run)
        done.wait(30)

    def stream(self, traffic: Traffic, rate: float, duration: float) -> threading.Thread:
        async def run() -> None:
            gap, end = 1.0 / rate, time.monotonic() + duration
            due = time.monotonic()
            while time.monotonic() < end:
                self.hub.publish(traffic.next())
                due += gap
                await asyncio.sleep(max(0.0, due - time.monotonic()))

        thread = threading.Thread(target=lambda: asyncio.run_coroutine_threadsafe(run(), self.loop).result())
        thread.start()
        return thread

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.hub.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


class PaintTimer(QObject):
    """Lets the window repaint itself, then notes the time: each event that reached the models
    before a window update (Qt's one pass over every dirty widget) is on screen when it ends."""

    def __init__(self, pane: FloorPane, drawing: list[float], latencies: list[float]) -> None:
        super().__init__()
        self.pane, self.drawing, self.latencies = pane, drawing, latencies
        self.paints: list[float] = []
        pane.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.pane or event.type() != QEvent.Type.UpdateRequest:
            return False
        started = time.perf_counter()
        self.pane.event(event)
        done = time.time()
        self.paints.append(time.perf_counter() - started)
        self.latencies.extend(done - ts for ts in self.drawing)
        self.drawing.clear()
        return True


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def line(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"{name:<34} n={len(ms):>6}  p50 {percentile(ms, 50):7.2f} ms  p99 {percentile(ms, 99):7.2f} ms"
        f"  max {max(ms, default=float('nan')):7.2f} ms"
    )


def make_context(app_dir: Path) -> DeskContext:
    url = f"sqlite:///{app_dir / 'floor.sqlite3'}"
    command = [sys.executable, "-m", "agent_desk.cli", "db", "upgrade", "--url", url]
    subprocess.run(command, check=True, capture_output=True)
    database = open_database(url)
    from agent_desk.services.demo.data import seed_reference

    with database.factory() as session, session.begin():
        seed_reference(session)
    user = authenticate(database.factory, "supervisor1", "supervisor1123")
    return DeskContext(user, database, TaskRunner(), Settings(db_url=url, hub_url=""), message_bridge())


def pump(app: QApplication, until: float) -> None:
    while time.monotonic() < until:
        app.processEvents()
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--queues", type=int, default=20)
    parser.add_argument("--rate", type=float, default=200.0, help="hub events per second")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of each measured phase")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = make_context(Path(tmp))
        hub = HubThread(args.agents)
        traffic = Traffic(args.agents, args.queues)
        hub.publish_all(traffic.opening())

        # 1. The transport alone: the same link, a handler that draws nothing.
        bare = HubBridge()
        floor_lat: list[float] = []
        bare.call_event.connect(lambda f: floor_lat.append(time.time() - f.ts))
        bare.connect_to_hub(hub.url, "sup", "user:bench")
        pump(app, time.monotonic() + 1.0)
        floor_lat.clear()
        feeder = hub.stream(traffic, args.rate, args.duration)
        pump(app, time.monotonic() + args.duration + 0.5)
        feeder.join()
        bare.disconnect_from_hub()

        # 2. The board: snapshot, then every event drawn.
        pane = FloorPane(ctx)
        pane.resize(1920, 1080)
        pane.show()
        link = HubBridge()
        pane.attach(link)
        latencies: list[float] = []
        current: list[float] = []
        drawn = threading.Event()

        def on_event(frame: object) -> None:
            current.append(getattr(frame, "ts", 0.0))

        drawing: list[float] = []

        def on_board() -> None:
            drawing.extend(current)  # in the models now; on screen at the next paint
            current.clear()
            drawn.set()

        painter = PaintTimer(pane, drawing, latencies)

        link.call_event.connect(on_event)
        link.floor.connect(on_event)
        pane.board_changed.connect(on_board)
        started = time.monotonic()
        link.connect_to_hub(hub.url, "sup", "user:bench")
        while not drawn.is_set() and time.monotonic() - started < 30:
            app.processEvents()
        snapshot_s = time.monotonic() - started
        board_agents = len(pane.feed.state.agents) if pane.feed.state else 0
        snapshot_bytes = len(str(pane.feed.state.to_json())) if pane.feed.state else 0
        pump(app, time.monotonic() + 1.0)
        latencies.clear()
        drawing.clear()
        current.clear()
        feeder = hub.stream(traffic, args.rate, args.duration)
        pump(app, time.monotonic() + args.duration + 0.5)
        feeder.join()
        ticks: list[float] = []
        for _ in range(20):
            t = time.perf_counter()
            pane.tick()
            pane.agents.viewport().repaint()
            pane.queues.viewport().repaint()
            ticks.append(time.perf_counter() - t)
        paints = list(painter.paints)
        link.disconnect_from_hub()
        hub.stop()
        ctx.runner.shutdown()
        ctx.database.dispose()

    print(f"floor: {board_agents} agents on the board, {args.queues} queues, {args.rate:.0f} events/s")
    print(line("transport alone (no board)", floor_lat))
    print(line("hub event -> board drawn", latencies))
    print(line("one window update (paint)", paints))
    print(line("clock tick, whole board repainted", ticks))
    size = f"snapshot ≈ {snapshot_bytes / 1024:.0f} KiB"
    print(f"{'connect -> whole board drawn':<34} {snapshot_s * 1000:.0f} ms ({size})")
    slowest = sorted(range(len(latencies)), key=lambda i: -latencies[i])[:5]
    print("slowest events (index in run: ms):", ", ".join(f"{i}: {latencies[i] * 1000:.0f}" for i in slowest))
    budget_ok = percentile([v * 1000 for v in latencies], 99) < 100
    print(f"budget (p99 < 100 ms): {'met' if budget_ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
