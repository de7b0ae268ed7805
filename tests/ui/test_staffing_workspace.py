"""The Staffing workspace as a shift lead uses it: forecast the coming week from four weeks of
calls, build a plan that covers it, change a shift, publish; and an agent who sees only their own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtCore import Qt

from agent_desk.app import Desktop
from agent_desk.services.access.auth import authenticate
from agent_desk.services.staffing.rota import add_template
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.ui.context import DeskContext
from agent_desk.ui.messages import bridge
from agent_desk.ui.staffing.workspace import StaffingWorkspace
from tests.services.staffing_history import Pattern, write_history

TIMEOUT = 60_000
UTC = ZoneInfo("UTC")
TODAY = date(2026, 11, 30)  # a Monday
NOW = datetime(2026, 11, 30, 6, 0)


@pytest.fixture
def history(ui_db: Database) -> Database:
    write_history(ui_db, Pattern(first=TODAY - timedelta(days=28), days=28, base=60.0, zone=UTC), seed=5)
    with transaction(ui_db.factory) as s:
        add_template(s, None, "Early", start_minute=8 * 60, length_minutes=480, breaks=[(240, 30)])
        add_template(s, None, "Late", start_minute=14 * 60, length_minutes=480, breaks=[(240, 30)])
    return ui_db


def _open(desktop: Desktop, qtbot, username: str) -> StaffingWorkspace:  # type: ignore[no-untyped-def]
    user = authenticate(desktop.database.factory, username, username + "123")
    ws = StaffingWorkspace(DeskContext(user, desktop.database, desktop.runner, desktop.settings, bridge()),
                           zone=UTC, clock=lambda: NOW)  # fmt: skip
    qtbot.addWidget(ws)
    ws.resize(1280, 800)
    ws.show()
    return ws


@pytest.fixture
def lead(desktop: Desktop, history: Database, qtbot) -> Iterator[StaffingWorkspace]:  # type: ignore[no-untyped-def]
    yield _open(desktop, qtbot, "supervisor1")


def test_forecast_plan_edit_and_publish_then_the_agent_sees_the_shifts(
    lead: StaffingWorkspace,
    desktop: Desktop,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    ws = lead
    qtbot.keyClick(ws, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: ws.needs.model.rowCount() == 7 * 48, timeout=TIMEOUT)
    assert "calls forecast" in ws.status.text(), ws.status.text()
    cells = ws.needs.model.cells()
    monday = cells[:48]  # the plan starts next Monday, as rotas do
    assert cells[0][0].startswith("Mon 2026-12-07")
    assert monday[2][1] == "0.0" and monday[2][3] == "0"  # 01:00: closed, nobody needed
    busiest = max(range(48), key=lambda i: float(monday[i][1]))
    assert 10 * 2 <= busiest < 16 * 2  # the history's calls peak around 13:00
    peak = monday[busiest]
    assert int(peak[4]) > int(peak[3]) >= 1  # positions above agents: 30 % shrinkage
    qtbot.keyClick(ws, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.plan.loaded is not None, timeout=TIMEOUT)
    plan = ws.plan
    assert "draft" in plan.chooser.currentText()
    grid = plan.model.cells()
    assert {row[0] for row in grid} >= {"王小燕", "李建国"}
    worked = [(r, c) for r, row in enumerate(grid) for c, text in enumerate(row[1:-1], start=1) if text]
    assert worked, grid
    # The shift lead gives one agent that day off.
    row, column = worked[0]
    agent, day = plan.loaded.agents[row], plan.days()[column - 1]  # type: ignore[union-attr]
    plan._set(agent, day, None)
    qtbot.waitUntil(lambda: plan.model.cells()[row][column] == "", timeout=TIMEOUT)
    qtbot.keyClick(ws, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not plan.publish_button.isEnabled(), timeout=TIMEOUT)
    assert "published" in plan.chooser.currentText() and plan.summary.text().startswith("published")
    # An agent with shifts sees them, and nothing of the planning.
    shifts_of = {r[0]: [t for t in r[1:-1] if t] for r in plan.model.cells()}
    name = next(n for n, shifts in shifts_of.items() if shifts)
    username = {"王小燕": "agent1", "李建国": "agent2", "Chen Jing": "agent3", "刘志强": "agent777"}[name]
    mine = _open(desktop, qtbot, username)
    mine.my_shifts.today = TODAY
    mine.my_shifts.refresh()
    qtbot.waitUntil(lambda: mine.my_shifts.model.rowCount() == len(shifts_of[name]), timeout=TIMEOUT)
    assert mine.tabs.count() == 0 and not hasattr(mine, "plan")


def test_building_a_plan_before_a_forecast_says_what_to_do_first(lead: StaffingWorkspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    lead.plan.build()
    assert "Forecast first (F5)" in lead.status.text()


def test_templates_and_marked_days_are_kept_from_the_screen_and_bad_input_is_told(
    lead: StaffingWorkspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    setup = lead.setup
    lead.tabs.setCurrentWidget(setup)
    qtbot.waitUntil(lambda: setup.templates.rowCount() == 2, timeout=TIMEOUT)
    setup.name.setText("Night")
    setup.start.setTime(setup.start.time().fromString("22:00", "HH:mm"))
    setup.hours.setValue(8)
    setup.breaks.setText("240:30")
    setup.add_template()
    qtbot.waitUntil(lambda: setup.templates.rowCount() == 3, timeout=TIMEOUT)
    assert ["Night", "22:00", "8", "240:30"] in setup.templates.cells()
    setup.name.setText("Night")  # the same name again: refused, said, nothing added
    setup.add_template()
    qtbot.waitUntil(lambda: "already exists" in lead.status.text(), timeout=TIMEOUT)
    setup.breaks.setText("four hours in")
    setup.add_template()
    assert "minutes:minutes" in lead.status.text() and setup.templates.rowCount() == 3
    setup.kind.setCurrentIndex(1)
    setup.note.setText("TV advert")
    setup.add_day()
    qtbot.waitUntil(lambda: setup.days.rowCount() == 1, timeout=TIMEOUT)
    assert setup.days.cells()[0][1:] == ["Campaign day", "every line", "TV advert"]
    setup.days_view.selectRow(0)
    setup.remove_day()
    qtbot.waitUntil(lambda: setup.days.rowCount() == 0, timeout=TIMEOUT)


def test_opening_the_main_window_does_not_load_the_forecast_and_solver_libraries() -> None:
    # They take half a second to import; the Staffing workspace loads them on the database worker
    # the first time it forecasts or plans, never on the way from login to the main window.
    import subprocess
    import sys

    probe = (
        "import sys, agent_desk.app, agent_desk.ui.staffing.workspace, agent_desk.ui.supervision.workspace;"
        "print(sorted(m for m in ('numpy', 'pandas', 'statsmodels', 'ortools') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
