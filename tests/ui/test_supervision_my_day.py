"""The agent's "my day" on the desk: their own figures only, refreshed when a wrap-up is saved.

On tests/data/queue_log/handmade-rare-events.queue_log (figures worked out in
tests/services/test_kpi_report.py): SIP/8001 is agent1, SIP/8002 agent2.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtCore import QObject, Signal

from agent_desk.app import Desktop
from agent_desk.core.roles import Workspace
from agent_desk.services.access.auth import authenticate
from agent_desk.services.calls.queue_log_import import import_queue_log
from agent_desk.store.database import Database
from agent_desk.ui.context import DeskContext
from agent_desk.ui.desk.my_day import MyDayPanel
from agent_desk.ui.desk.workspace import DeskWorkspace
from agent_desk.ui.messages import bridge
from tests.ui.conftest import login_window

TIMEOUT = 10_000
HANDMADE = Path(__file__).parents[1] / "data" / "queue_log" / "handmade-rare-events.queue_log"
UTC = ZoneInfo("UTC")
EVENING = datetime(2023, 11, 14, 23, 0)  # the day the six calls with an outcome came in


class _Saves(QObject):
    saved = Signal(str)


@pytest.fixture
def record(ui_db: Database) -> Database:
    import_queue_log(ui_db.factory, HANDMADE)
    return ui_db


def _panel(desktop: Desktop, qtbot, username: str, saves: _Saves | None = None) -> MyDayPanel:  # type: ignore[no-untyped-def]
    user = authenticate(desktop.database.factory, username, username + "123")
    ctx = DeskContext(user, desktop.database, desktop.runner, desktop.settings, bridge())
    panel = MyDayPanel(ctx, saves.saved if saves else None, zone=UTC, clock=lambda: EVENING)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.figures["answered"].text() != "—", timeout=TIMEOUT)  # "0" before any call
    return panel


def _shown(panel: MyDayPanel) -> dict[str, str]:
    return {key: label.text() for key, label in panel.figures.items()}


def test_an_agent_sees_their_own_day_not_the_floors(desktop: Desktop, record: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(desktop, qtbot, "agent1")
    # agent1 answered .1 and .5 (talk 180 + 90, no hold or ACW in the file): AHT 135 s; lunch 3,600 s;
    # the floor answered three and agent2's AHT is 97 s, neither of which shows here.
    assert _shown(panel) == {"answered": "2", "aht_s": "2:15", "paused_s": "1:00:00", "fcr": "—"}
    assert panel.row is not None and panel.row["agent"] == "agent1"
    other = _panel(desktop, qtbot, "agent2")
    # agent2's break ran from 1700006000 (23:53:20) past midnight: 400 s of it fall on the 14th.
    assert _shown(other) == {"answered": "1", "aht_s": "1:37", "paused_s": "6:40", "fcr": "—"}


def test_a_supervisor_at_a_desk_sees_their_own_calls_too_not_the_floor(
    desktop: Desktop, record: Database, qtbot
) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(desktop, qtbot, "supervisor1")  # may see the floor in Supervision, but this is "my day"
    assert panel.row is None and _shown(panel)["answered"] == "0" and _shown(panel)["aht_s"] == "—"


def test_a_saved_wrap_up_refreshes_the_figures(desktop: Desktop, record: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    saves = _Saves()
    panel = _panel(desktop, qtbot, "agent1", saves)
    assert _shown(panel)["answered"] == "2" and _shown(panel)["aht_s"] == "2:15"
    # agent1 takes one more call at 23:03:20: answered after 5 s, 60 s of talk.
    more = tmp_path / "more.queue_log"
    more.write_text(
        "1700003000|1700003000.20|sales|NONE|ENTERQUEUE||13800138000|1\n"
        "1700003005|1700003000.20|sales|SIP/8001|CONNECT|5|1700003003.21|2\n"
        "1700003065|1700003000.20|sales|SIP/8001|COMPLETECALLER|5|60|1\n",
        encoding="utf-8",
    )
    import_queue_log(record.factory, more)
    assert _shown(panel)["answered"] == "2"  # nothing is polled between saves
    with qtbot.waitSignal(panel.shown, timeout=TIMEOUT):
        saves.saved.emit("1700003000.20")
    assert _shown(panel)["answered"] == "3" and _shown(panel)["aht_s"] == "1:50"  # (180 + 90 + 60) / 3


def test_the_desk_carries_the_panel_and_a_wrap_up_refreshes_it(desktop: Desktop, ui_db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    desk = window.workspaces[Workspace.DESK]
    assert isinstance(desk, DeskWorkspace) and isinstance(desk.my_day, MyDayPanel)
    qtbot.waitUntil(lambda: desk.my_day.figures["answered"].text() == "0", timeout=TIMEOUT)  # no calls today
    with qtbot.waitSignal(desk.my_day.shown, timeout=TIMEOUT):
        desk.controller.wrap_up_saved.emit("call-1")
