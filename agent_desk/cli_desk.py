"""``agent-desk pop`` (what the screen pop would show) and ``agent-desk demo`` (the one-command demo)."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from typing import Any

from agent_desk.cli import CliError, _add_url, _open, _settings


def pop_json(result: Any) -> dict[str, Any]:
    """The documented shape for integrators: ``matches``, ``business_line``, ``recent_orders``, ``recent_calls``…"""
    data = result.to_json()
    data["matches"] = [
        {"id": m.id, "name": m.name, "phones": [p.e164 for p in m.phones], "vip": m.vip, "blacklisted": m.blacklisted}
        for m in result.matches
    ]
    return data


def cmd_pop(args: argparse.Namespace) -> int:
    from agent_desk.core.money import format_yuan
    from agent_desk.services.calls.screen_pop import screen_pop

    settings = _settings(args)
    db = _open(args)
    try:
        with db.read_connection() as conn:
            result = screen_pop(conn, args.ani, args.dnis, region=settings.phone_region)
    finally:
        db.dispose()
    if result.invalid_reason:
        raise CliError(result.invalid_reason)
    if args.json:
        print(json.dumps(pop_json(result), ensure_ascii=False, indent=2, default=str))
        return 0
    line = result.business_line
    print(f"caller:   {result.ani_e164 or ('withheld' if result.withheld else result.ani)}")
    print(f"dialled:  {args.dnis or '-'}" + (f"  → {line.name} ({line.advert_name})" if line else ""))
    if result.blacklisted:
        print(f"BLACKLISTED {result.number_blacklist_reason}".rstrip())
    if result.withheld:
        print("withheld number: no customer lookup")
    elif not result.matches:
        print("unknown caller: the desk offers a new-customer form")
    elif result.needs_picker:
        print(f"{len(result.matches)} customers share this number:")
    for m in result.matches:
        flags = " VIP" * m.vip + " BLACKLISTED" * m.blacklisted
        print(f"  #{m.id} {m.name}{flags}  {', '.join(p.display for p in m.phones)}")
    if result.card is not None:
        for a in result.card.addresses:
            print(f"  address: {a.one_line} {a.postcode}".rstrip())
        print("recent orders:")
        for o in result.recent_orders:
            print(
                f"  {o.order_no}  {o.state:<17} ¥{format_yuan(o.total_cents):>10}  {o.created_at:%Y-%m-%d}  {o.items}"
            )
        print("recent calls:")
        for c in result.recent_calls:
            when = f"{c.offered_at:%Y-%m-%d %H:%M}" if c.offered_at else "-"
            print(f"  {when}  {c.disposition or c.end_reason:<24} {c.agent:<12} {c.notes}")
        if result.open_followups:
            print(f"open follow-ups: {len(result.open_followups)}")
    return 0


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


def demo_call_plan(factory: Any) -> tuple[list[str], list[str], list[str]]:
    """Agents, caller numbers and dialled numbers for simulated calls, taken from the demo database."""
    from sqlalchemy import select

    from agent_desk.store.models import BusinessLineNumber, Customer, CustomerPhone, User

    with factory() as session:
        agents = [t for t in session.scalars(select(User.telephony_id).where(User.telephony_id.is_not(None))) if t]
        known = list(session.scalars(select(CustomerPhone.e164).order_by(CustomerPhone.id).limit(200)))
        vips = list(
            session.scalars(
                select(CustomerPhone.e164).join(Customer).where(Customer.vip | Customer.blacklisted).limit(10)
            )
        )
        dnis = list(session.scalars(select(BusinessLineNumber.dnis)))
    # Known customers, VIP and blacklisted ones, and a few new callers (the new-customer form).
    anis = [n.removeprefix("+86") for n in known + vips * 3] + ["13912345678", "18600001111", "anonymous"]
    return agents, anis, dnis


def cmd_demo(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from agent_desk.app import missing_display

    problem = missing_display()
    if problem:
        raise CliError(problem)

    from agent_desk.services.demo.data import DemoSize, generate
    from agent_desk.store.db import describe
    from agent_desk.store.models import Customer

    db = _open(args, auto_upgrade=True)
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


def register(sub: Any) -> None:
    pop = sub.add_parser("pop", help="print what the screen pop would show for a caller")
    _add_url(pop)
    pop.add_argument("--ani", required=True, help="the caller's number, in any format")
    pop.add_argument("--dnis", default="", help="the dialled number (selects the business line)")
    pop.add_argument("--json", action="store_true", help="machine-readable output")
    pop.set_defaults(func=cmd_pop)

    demo = sub.add_parser("demo", help="demo data, a hub with simulated calls, and the app")
    _add_url(demo)
    demo.add_argument("--customers", type=int, default=2_000, help="demo customers on first start")
    demo.add_argument("--port", type=int, help="hub port (default: a free one)")
    demo.add_argument("--user", default="agent1", help="user name prefilled at login")
    demo.add_argument(
        "--call-every", type=float, default=5.0, help="mean seconds between simulated calls (shared by all agents)"
    )
    demo.set_defaults(func=cmd_demo)
