"""Regenerate the screenshots in docs/ from the real widgets on a throw-away demo database.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [--locale zh_CN]

Needs CJK fonts (Debian: fonts-noto-cjk) for the Chinese text.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from agent_desk.app import Desktop
from agent_desk.config import Settings
from agent_desk.core.protocol import CallEvent, encode_event, parse_hub_frame
from agent_desk.core.roles import Workspace
from agent_desk.services.access.auth import authenticate
from agent_desk.services.demo.data import DemoSize, generate
from agent_desk.store.database import open_database
from agent_desk.store.models import Customer, CustomerPhone

DOCS = Path(__file__).resolve().parent


def wait(app: QApplication, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    import argparse

    from sqlalchemy import select

    from agent_desk.desktop.translation import install_translation

    parser = argparse.ArgumentParser()
    parser.add_argument("--locale", default="", help="e.g. zh_CN: the VIP pop only, as pop-vip-<locale>.png")
    parser.add_argument("--only", choices=("floor", "staffing"), help="only these shots (the others stay as they are)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    install_translation(app, args.locale or "en_US")
    shots = [("pop-vip", True), ("pop-unknown", False)]
    if args.locale:
        shots = [(f"pop-vip-{args.locale}", True)]
    if args.only:
        shots = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["AGENT_DESK_DATA_DIR"] = tmp  # the knowledge index and drafts never touch the user's files
        db = open_database(f"sqlite:///{tmp}/shots.sqlite3")
        generate(db.engine, DemoSize(customers=400, orders_per_customer=3, calls_per_customer=4), seed=2026)
        with db.factory() as s:
            vip_phone = s.scalar(
                select(CustomerPhone.e164)
                .join(Customer)
                .where(Customer.vip, CustomerPhone.is_primary)
                .order_by(Customer.id)
                .limit(1)
            )
        desktop = Desktop(Settings(db_url=db.url, hub_url=""), db)
        window = desktop.open_main_window(authenticate(db.factory, "agent1", "agent1123"), connect_hub=False)
        window.resize(1280, 760)
        desk = window.workspaces[Workspace.DESK]
        for seq, (stem, known) in enumerate(shots, start=1):
            name, ani = f"{stem}.png", vip_phone.removeprefix("+86") if known else "13912345678"
            event = CallEvent(type="call.offered", call_id=f"shot-{seq}", ani=ani, dnis="4008001001", agent="SIP/8001")
            before = desk.last_pop_ms
            desk.controller.on_frame(parse_hub_frame(encode_event(event, epoch="docs", seq=seq, ts=time.time())))
            wait(app, lambda b=before: desk.last_pop_ms is not b)
            wait(app, lambda: False, 0.5)  # let the access log and dispositions settle
            window.grab().save(str(DOCS / name))
            print(f"wrote {DOCS / name}")
        window.close()
        if not args.only:
            supervision_shots(app, desktop, db, args.locale)
        if args.only in (None, "floor"):
            floor_shots(app, desktop, db, args.locale)
        if args.only in (None, "staffing"):
            staffing_shots(app, desktop, db, args.locale)
        desktop.shutdown()
    return 0


def supervision_shots(app: QApplication, desktop: Desktop, db, locale: str) -> None:  # type: ignore[no-untyped-def]
    """The shift lead's reports by agent over the demo's last three months, and (in English) the charts."""
    from datetime import timedelta

    from sqlalchemy import func, select

    from agent_desk.services.supervision.kpi_report import GroupBy
    from agent_desk.store.models import Call
    from agent_desk.ui.supervision.workspace import CHARTS, SupervisionWorkspace

    window = desktop.open_main_window(authenticate(db.factory, "supervisor1", "supervisor1123"), connect_hub=False)
    window.resize(1280, 760)
    ws = window.workspaces[Workspace.SUPERVISION]
    assert isinstance(ws, SupervisionWorkspace)
    wait(app, lambda: ws.report is not None)
    with db.factory() as s:
        busiest = s.scalar(select(func.max(Call.queued_at)))
    last = busiest.date()
    shown: list[object] = []
    ws.report_shown.connect(shown.append)
    ws.controls.set_by(GroupBy.AGENT)
    ws.controls.set_range(last - timedelta(days=90), last)
    wait(app, lambda: bool(shown) and ws.controls.last_day == last and ws.model.rows != [])
    wait(app, lambda: False, 0.5)
    name = f"supervision-reports-{locale}.png" if locale else "supervision-reports.png"
    window.grab().save(str(DOCS / name))
    print(f"wrote {DOCS / name}")
    if not locale:
        drawn: list[object] = []
        ws.charts_shown.connect(lambda: drawn.append(True))
        ws.tabs.setCurrentIndex(CHARTS)
        wait(app, lambda: bool(drawn))
        assert ws.charts is not None
        drawn.clear()
        ws.charts.day.setDate(ws.charts.day.date())  # the busiest day is the range's last
        wait(app, lambda: False, 0.8)
        window.grab().save(str(DOCS / "supervision-charts.png"))
        print(f"wrote {DOCS / 'supervision-charts.png'}")
    window.close()


def _floor_traffic(db, now: float):  # type: ignore[no-untyped-def]
    """A morning on a 24-agent floor, as the hub would have heard it: calls through four lines,
    breaks, lunch, after-call work, and three agents the board should flag."""
    import random

    from faker import Faker
    from sqlalchemy import select

    from agent_desk.core.floor import FloorState
    from agent_desk.core.protocol import EventType
    from agent_desk.store.models import BusinessLineNumber, User

    rng, fake = random.Random(12), Faker("zh_CN")
    fake.seed_instance(12)
    with db.factory() as s, s.begin():
        agents = [tid for tid in s.scalars(select(User.telephony_id).where(User.role == "agent")) if tid]
        for n in range(24 - len(agents)):
            tid = f"PJSIP/{9100 + n}"
            s.add(
                User(username=f"shot{n}", display_name=fake.name(), role="agent", password_hash="-", telephony_id=tid)
            )
            agents.append(tid)
        numbers = list(s.scalars(select(BusinessLineNumber.dnis)))
    floor, start = FloorState(), now - 3 * 3600
    for a in agents:
        floor.apply(CallEvent(EventType.AGENT_STATE, agent=a, state="available"), start + rng.random() * 600)
    t, n = start + 600, 0
    while t < now - 400:
        n += 1
        call, dnis = f"m{n}", rng.choice(numbers)
        floor.apply(CallEvent(EventType.CALL_QUEUED, call_id=call, queue="q" + dnis[-1], dnis=dnis), t)
        wait = rng.expovariate(1 / 14)
        if rng.random() < 0.07:
            floor.apply(CallEvent(EventType.CALL_ENDED, call_id=call, reason="abandoned"), t + wait)
        else:
            agent = rng.choice(agents)
            floor.apply(CallEvent(EventType.CALL_ANSWERED, call_id=call, agent=agent), t + wait)
            floor.apply(CallEvent(EventType.CALL_ENDED, call_id=call, reason="completed"), t + wait + 30)
            floor.apply(CallEvent(EventType.AGENT_STATE, agent=agent, state="available"), t + wait + 31)
        t += rng.expovariate(1 / 25)
    plan = [("talking", 9), ("acw", 3), ("break", 2), ("lunch", 1), ("training", 1), ("ringing", 1)]
    k = 0
    for what, count in plan:
        for _ in range(count):
            agent, since = agents[k], now - rng.uniform(20, 400)
            k += 1
            if what in ("talking", "ringing"):
                call, dnis = f"live{k}", rng.choice(numbers)
                floor.apply(CallEvent(EventType.CALL_QUEUED, call_id=call, queue="q" + dnis[-1], dnis=dnis), since - 9)
                kind = EventType.CALL_ANSWERED if what == "talking" else EventType.CALL_OFFERED
                floor.apply(CallEvent(kind, call_id=call, agent=agent), since)
            else:
                floor.apply(CallEvent(EventType.AGENT_STATE, agent=agent, state="paused", reason=what), since)
    # Three for the supervisor: a lunch past its hour, an ACW of three minutes, a ten-hour login.
    floor.agents[agents[13]].state_since = now - 75 * 60
    floor.agents[agents[9]].state_since = now - 190
    floor.agents[agents[20]].logged_in_since = now - 10.6 * 3600
    for m in range(5):
        dnis = numbers[m % 2]
        floor.apply(CallEvent(EventType.CALL_QUEUED, call_id=f"w{m}", queue="q" + dnis[-1], dnis=dnis, vip=m == 0),
                    now - 5 - m * 11)  # fmt: skip
    return floor


def floor_shots(app: QApplication, desktop: Desktop, db, locale: str) -> None:  # type: ignore[no-untyped-def]
    """The live floor tab and its big screen, from a floor as the hub would send it."""
    from agent_desk.core.protocol import EventType, HubFrame
    from agent_desk.ui.supervision.workspace import FLOOR, SupervisionWorkspace

    now = time.time()
    floor = _floor_traffic(db, now)
    window = desktop.open_main_window(authenticate(db.factory, "supervisor1", "supervisor1123"), connect_hub=False)
    window.resize(1280, 760)
    ws = window.workspaces[Workspace.SUPERVISION]
    assert isinstance(ws, SupervisionWorkspace)
    ws.tabs.setCurrentIndex(FLOOR)
    wait(app, lambda: len(ws.floor.reference.agent_names) >= 24)
    ws.floor.on_frame(HubFrame(EventType.FLOOR, "docs", 1, now, data={"floor": floor.to_json()}))
    ws.floor.set_link("connected", "")
    ws.floor.group.setCurrentIndex(1)
    ws.floor.tick()
    wait(app, lambda: False, 0.5)
    suffix = f"-{locale}" if locale else ""
    for name, widget in ((f"supervision-floor{suffix}.png", window),):
        widget.grab().save(str(DOCS / name))
        print(f"wrote {DOCS / name}")
    if not locale:
        ws.floor.open_big_screen()
        wall = ws.floor.big_screen
        assert wall is not None
        wall.showNormal()
        wall.resize(1600, 900)
        wait(app, lambda: False, 0.5)
        wall.grab().save(str(DOCS / "supervision-wallboard.png"))
        print(f"wrote {DOCS / 'supervision-wallboard.png'}")
        wall.close()
    window.close()


def staffing_shots(app: QApplication, desktop: Desktop, db, locale: str) -> None:  # type: ignore[no-untyped-def]
    """The shift lead's forecast and needs for the coming week, and the plan built on it, over eight
    weeks of calls with a weekday and time-of-day pattern (the demo's calls follow its rota)."""
    from datetime import date, timedelta

    from agent_desk.services.staffing.rota import add_template, templates
    from agent_desk.store.db import transaction
    from agent_desk.ui.staffing.workspace import StaffingWorkspace, desk_zone
    from tests.services.staffing_history import Pattern, write_history

    today = date.today()
    pattern = Pattern(first=today - timedelta(days=56), days=56, base=700.0, growth=0.004, zone=desk_zone())
    write_history(db, pattern, seed=9)

    with transaction(db.factory) as s:
        if not templates(s, None):
            add_template(s, None, "Early", start_minute=8 * 60, length_minutes=540, breaks=[(180, 15), (270, 45)])
            add_template(s, None, "Day", start_minute=10 * 60, length_minutes=540, breaks=[(180, 15), (270, 45)])
            add_template(s, None, "Late", start_minute=13 * 60, length_minutes=540, breaks=[(180, 15), (300, 45)])
    window = desktop.open_main_window(authenticate(db.factory, "supervisor1", "supervisor1123"), connect_hub=False)
    window.resize(1280, 800)
    ws = window.workspaces[Workspace.STAFFING]
    assert isinstance(ws, StaffingWorkspace)
    window.tabs.setCurrentWidget(ws)
    ws.needs.refresh()
    wait(app, lambda: ws.needs.week is not None, 120)
    wait(app, lambda: False, 0.5)
    suffix = f"-{locale}" if locale else ""
    window.grab().save(str(DOCS / f"staffing-needs{suffix}.png"))
    print(f"wrote {DOCS / f'staffing-needs{suffix}.png'}")
    ws.plan.build()
    wait(app, lambda: ws.plan.loaded is not None, 120)
    ws.tabs.setCurrentWidget(ws.plan)
    wait(app, lambda: False, 0.5)
    window.grab().save(str(DOCS / f"staffing-plan{suffix}.png"))
    print(f"wrote {DOCS / f'staffing-plan{suffix}.png'}")
    window.close()


if __name__ == "__main__":
    sys.exit(main())
