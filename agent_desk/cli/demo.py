"""``agent-desk demo`` and ``agent-desk demo-data``: demo data, a hub with simulated calls, and the app."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from typing import Any

from agent_desk.cli.common import CliError, add_url, open_db, progress_bar


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CliError(f"the hub exited at start (status {process.returncode}); see the messages above")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise CliError(f"the hub did not listen on 127.0.0.1:{port} within {timeout:.0f} s")


def cmd_demo(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from agent_desk.app import missing_display

    problem = missing_display()
    if problem:
        raise CliError(problem)

    from agent_desk.services.demo.call_plan import demo_call_plan
    from agent_desk.services.demo.data import DemoSize, generate
    from agent_desk.store.db import describe
    from agent_desk.store.models import Customer

    db = open_db(args, auto_upgrade=True)
    try:
        with db.factory() as session:
            customers = session.scalar(select(func.count()).select_from(Customer))
        if not customers:
            print(f"creating demo data in {describe(db.url)} …")
            generate(db.engine, DemoSize(customers=args.customers), seed=2026)
        agents, anis, dnis = demo_call_plan(db.factory)
    finally:
        db.dispose()
    port = args.port or _free_port()
    hub_cmd = [sys.executable, "-m", "agent_desk.cli", "hub", "--listen", f"127.0.0.1:{port}"]
    hub_cmd += ["--source", "simulator", "--demo", "--tokens-from-db", "--record-calls", "--url", db.url]
    hub_cmd += ["--agents", ",".join(agents), "--anis", ",".join(anis), "--dnis", ",".join(dnis)]
    hub_cmd += ["--log-format", "text"]
    if args.call_every:
        hub_cmd += ["--mean-interval", str(args.call_every)]
    print(f"starting the hub with simulated calls on ws://127.0.0.1:{port} …")
    hub = subprocess.Popen(hub_cmd, env=os.environ.copy())
    try:
        _wait_for_port(port, hub)
        print("log in as agent1 / agent1123 (auditor1, logistics1, supervisor1, admin: name + 123)")
        from agent_desk.app import main as gui_main

        return gui_main(["--url", db.url, "--hub", f"ws://127.0.0.1:{port}", "--user", args.user])
    finally:
        hub.terminate()
        try:
            hub.wait(timeout=10)
        except subprocess.TimeoutExpired:
            hub.kill()


def cmd_demo_data(args: argparse.Namespace) -> int:
    from agent_desk.services.demo.data import DemoSize, generate

    if args.customers < 0 or args.orders_per_customer < 0 or args.calls_per_customer < 0:
        raise CliError("sizes must not be negative")
    db = open_db(args, auto_upgrade=True)
    started = time.perf_counter()
    try:
        report = generate(
            db.engine,
            DemoSize(args.customers, args.orders_per_customer, args.calls_per_customer),
            seed=args.seed,
            progress=None if args.quiet else progress_bar(),
        )
    finally:
        db.dispose()
    elapsed = time.perf_counter() - started
    print(
        f"demo data: {report.customers:,} customers ({report.phones:,} phones), {report.orders:,} orders "
        f"({report.order_events:,} audit events), {report.calls:,} calls ({report.contact_events:,} contact-centre "
        f"events, {report.agent_intervals:,} agent state intervals), {report.followups:,} follow-ups, "
        f"{report.users} new users in {elapsed:.1f} s"
    )
    if report.floor_agents:
        print(f"{report.floor_agents:,} floor agents (floor0001…) joined to take the calls; they have no login")
    if report.by_state:
        print("orders by state: " + ", ".join(f"{k} {v:,}" for k, v in report.by_state.items()))
    if report.users:
        print(
            "demo logins: agent1/agent1123, auditor1/auditor1123, logistics1/logistics1123, "
            "supervisor1/supervisor1123, admin/admin123"
        )
    return 0


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help="demo data, a hub with simulated calls, and the app")
    add_url(demo)
    demo.add_argument("--customers", type=int, default=2_000, help="demo customers on first start")
    demo.add_argument("--port", type=int, help="hub port (default: a free one)")
    demo.add_argument("--user", default="agent1", help="user name prefilled at login")
    demo.add_argument(
        "--call-every", type=float, default=5.0, help="mean seconds between simulated calls (shared by all agents)"
    )
    demo.set_defaults(func=cmd_demo)

    demo = sub.add_parser("demo-data", help="fill the database with demo or scale data")
    add_url(demo)
    demo.add_argument("--customers", type=int, default=2_000)
    demo.add_argument("--orders-per-customer", type=float, default=1.5)
    demo.add_argument("--calls-per-customer", type=float, default=3.0)
    demo.add_argument("--seed", type=int, help="random seed, for repeatable data")
    demo.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    demo.set_defaults(func=cmd_demo_data)
