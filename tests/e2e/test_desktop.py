"""The real desktop, end to end: ``agent-desk-gui`` offscreen against ``agent-desk hub`` and its simulator.

One agent's shift in miniature: log in, a known customer calls, their record pops, the call ends and
the wrap-up is saved. The agent's key presses come from the desktop's autopilot
(``AGENT_DESK_AUTOPILOT_PASSWORD``, see agent_desk/desktop/autopilot.py); everything else is the
product as shipped: the login check, the token, the websocket link, the pop, the call record.
"""

from __future__ import annotations

import json
import re
import sys

import pytest
from sqlalchemy import func, select

from agent_desk.desktop.autopilot import NOTE, PASSWORD_ENV
from agent_desk.store.database import open_database
from agent_desk.store.models import BusinessLineNumber, Call, Customer, CustomerPhone

from .conftest import Process, Workstation, program

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(120),
    pytest.mark.skipif(sys.platform == "win32", reason="stops the programs with SIGTERM"),
]

AGENT, AGENT_ID = "agent1", "SIP/8001"  # the demo data's first agent (resources/demo/catalogue.toml)


def known_caller(url: str) -> tuple[int, str, str]:
    """A demo customer alone on their number, that number as a caller dials it, and a business line's DNIS."""
    db = open_database(url)
    try:
        with db.factory() as session:
            alone = (
                select(CustomerPhone.e164)
                .group_by(CustomerPhone.e164)
                .having(func.count(func.distinct(CustomerPhone.customer_id)) == 1)
            )
            customer_id, e164 = session.execute(
                select(Customer.id, CustomerPhone.e164)
                .join(CustomerPhone)
                .where(CustomerPhone.e164.in_(alone), CustomerPhone.e164.like("+861%"), ~Customer.blacklisted)
                .order_by(Customer.id)
                .limit(1)
            ).one()
            dnis = session.scalars(select(BusinessLineNumber.dnis).order_by(BusinessLineNumber.dnis)).first()
    finally:
        db.dispose()
    assert dnis, "the demo data has no business line numbers"
    return customer_id, e164.removeprefix("+86"), dnis


def scenario(ani: str, dnis: str) -> dict[str, object]:
    """The caller rings every few seconds, so the desk gets a whole call whenever it comes online."""
    call = {"call": "caller"}
    return {
        "name": "e2e",
        "repeat": True,
        "steps": [
            {"at": 0.0, "do": "ring", **call, "ani": ani, "dnis": dnis},
            {"at": 0.3, "do": "queue", **call, "queue": "sales"},
            {"at": 0.6, "do": "offer", **call, "agent": AGENT_ID},
            {"at": 1.2, "do": "answer", **call},
            {"at": 2.5, "do": "end", **call, "reason": "completed"},
        ],
    }


def test_an_agent_logs_in_gets_the_pop_of_a_known_caller_and_saves_the_wrap_up(
    workstation: Workstation, processes: list[Process]
) -> None:
    url = workstation.db_url
    workstation.cli("db", "upgrade", "--url", url)
    workstation.cli("demo-data", "--url", url, "--customers", "30", "--orders-per-customer", "0.5",
                    "--calls-per-customer", "0.5", "--seed", "7", "--quiet")  # fmt: skip
    customer_id, ani, dnis = known_caller(url)
    scenario_file = workstation.root / "e2e-scenario.json"
    scenario_file.write_text(json.dumps(scenario(ani, dnis)), encoding="utf-8")

    hub = Process(
        "hub",
        [*program("agent-desk", "agent_desk.cli"), "hub", "--listen", "127.0.0.1:0", "--source", "simulator",
         "--scenario", str(scenario_file), "--tokens-from-db", "--record-calls", "--url", url],
        workstation.env,
    )  # fmt: skip
    processes.append(hub)
    port = hub.wait_for("'hub listening'", lambda r: r["msg"] == "hub listening", timeout=20)["port"]

    gui = Process(
        "gui",
        [*program("agent-desk-gui", "agent_desk.app"), "--url", url, "--hub", f"ws://127.0.0.1:{port}",
         "--user", AGENT, "--log-json"],
        {**workstation.env, PASSWORD_ENV: f"{AGENT}123"},
    )  # fmt: skip
    processes.append(gui)

    gui.wait_for("login", lambda r: r["msg"].startswith("logged in") and r.get("user") == AGENT, timeout=30)
    hub.wait_for("the desk's link", lambda r: r["msg"] == "desk connected" and r.get("agent") == AGENT_ID, timeout=15)
    scenario_call = re.compile(r"^sim-e2e-\d+-[0-9a-f]{6}-caller$")
    pop = gui.wait_for(
        "the pop of the simulated caller",
        lambda r: (
            r["msg"].startswith("pop ") and "painted" in r["msg"] and bool(scenario_call.match(r.get("call_id", "")))
        ),
        timeout=20,
    )
    call_id = pop["call_id"]
    assert ani not in json.dumps(pop, ensure_ascii=False)  # the log names the call, never the caller's number
    saved = gui.wait_for(
        "the wrap-up saved",
        lambda r: r["msg"].startswith("wrap-up of") and r.get("call_id") == call_id,
        timeout=20,
    )

    assert gui.stop() == 0, gui.output()
    assert hub.stop() == 0, hub.output()
    assert any(r["msg"] == "AgentDesk stopped" for r in gui.records), gui.output()
    for proc in (gui, hub):
        assert not proc.problems(), f"{proc.name} reported faults:\n" + "\n".join(proc.problems())

    # What the agent did is in the shared database: the call, linked to the customer the pop found.
    db = open_database(url)
    try:
        with db.factory() as session:
            call = session.scalars(select(Call).where(Call.platform_call_id == call_id)).one()
            assert (call.ani, call.dnis, call.customer_id) == (ani, dnis, customer_id)
            assert (call.notes, call.disposition_code) == (NOTE, saved["disposition"])
            assert call.wrapped_up_at is not None and call.ended_at is not None
            assert call.agent_telephony_id == AGENT_ID
    finally:
        db.dispose()
