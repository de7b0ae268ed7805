"""The Supervision workspace on an imported queue_log: the report table, sorting, drill-down,
charts, exports, the league and who gets the workspace at all.

The figures are those worked out by hand from tests/data/queue_log/handmade-rare-events.queue_log
in tests/services/test_kpi_report.py (the calls entered the "sales" queue on 2023-11-14 UTC).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFileDialog

from agent_desk.app import Desktop
from agent_desk.core.kpi import SlDefinition
from agent_desk.core.league import Band
from agent_desk.core.roles import Workspace
from agent_desk.services.access.auth import authenticate
from agent_desk.services.calls.queue_log_import import import_queue_log
from agent_desk.services.supervision.kpi_report import GroupBy
from agent_desk.services.supervision.league import LeagueFigure, LeagueRow, LeagueTable
from agent_desk.store.database import Database
from agent_desk.ui.context import DeskContext
from agent_desk.ui.messages import bridge
from agent_desk.ui.supervision.drilldown_dialog import CallsDialog
from agent_desk.ui.supervision.league_pane import LeaguePane
from agent_desk.ui.supervision.workspace import CHARTS, LEAGUE, SupervisionWorkspace
from tests.ui.conftest import login_window

TIMEOUT = 10_000
HANDMADE = Path(__file__).parents[1] / "data" / "queue_log" / "handmade-rare-events.queue_log"
UTC = ZoneInfo("UTC")
NOW = datetime(2023, 11, 15, 1, 0)  # as in test_kpi_report: 45 minutes into SIP/8002's training pause


@pytest.fixture
def record(ui_db: Database) -> Database:
    import_queue_log(ui_db.factory, HANDMADE)
    return ui_db


def _ctx(desktop: Desktop, username: str) -> DeskContext:
    user = authenticate(desktop.database.factory, username, username + "123")
    return DeskContext(user, desktop.database, desktop.runner, desktop.settings, bridge())


@pytest.fixture
def ws(desktop: Desktop, record: Database, qtbot) -> Iterator[SupervisionWorkspace]:  # type: ignore[no-untyped-def]
    workspace = SupervisionWorkspace(_ctx(desktop, "supervisor1"), zone=UTC, clock=lambda: NOW)
    qtbot.addWidget(workspace)
    workspace.resize(1280, 760)
    workspace.show()
    qtbot.waitUntil(lambda: workspace.report is not None, timeout=TIMEOUT)
    _show_range(workspace, qtbot, date(2023, 11, 14), date(2023, 11, 15))
    yield workspace
    workspace.shutdown()


def _show_range(ws: SupervisionWorkspace, qtbot, first: date, last: date) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.report_shown, timeout=TIMEOUT):
        ws.controls.set_range(first, last)


def _table(ws: SupervisionWorkspace) -> dict[str, dict[str, str]]:
    """Each row's cells as shown, by column title."""
    titles = [c.title for c in ws.model.columns]
    return {cells[0]: dict(zip(titles, cells, strict=True)) for cells in ws.model.cells()}


def _column(ws: SupervisionWorkspace, key: str) -> int:
    return next(i for i, c in enumerate(ws.model.columns) if c.key == key)


def test_the_report_shows_the_hand_checked_figures_and_says_which_service_level(ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    sales = _table(ws)["sales"]
    assert (sales["Offered"], sales["Answered"], sales["Abandoned"], sales["Short abandons"]) == ("6", "3", "1", "0")
    assert (sales["Timed out"], sales["No outcome yet"], sales["Rang unanswered"]) == ("1", "2", "1")
    assert sales["Answer rate"] == "50.0 %" and sales["SL 20 s"] == "50.0 %"  # 3 / 6, answered ≤ 20 s 3 / 6
    assert sales["ASA"] == "0:11" and sales["Longest wait"] == "5:00"  # (20 + 10 + 3) / 3; .3 waited 300 s
    assert sales["Talk"] == "2:02" and sales["Transfers"] == "66.7 %"  # (180 + 90 + 97) / 3 = 122.3 s
    assert sales["FCR"] == "—"  # no wrap-ups in a queue_log: nothing to divide by, not 0 %
    assert "answered within 20 s ÷ (offered − short abandons)" in ws.definitions.text()

    ws.controls.sl_definition.setCurrentIndex(ws.controls.sl_definition.findData(SlDefinition.ANSWERED.value))
    qtbot.waitUntil(lambda: _table(ws)["sales"]["SL 20 s"] == "100.0 %", timeout=TIMEOUT)  # 3 of 3 answered
    assert "answered within 20 s ÷ answered" in ws.definitions.text()
    ws.controls.sl_seconds.setValue(15)
    qtbot.waitUntil(lambda: "SL 15 s" in _table(ws)["sales"], timeout=TIMEOUT)
    assert _table(ws)["sales"]["SL 15 s"] == "66.7 %"  # over answered: .5 and .7 of 3


def test_quick_picks_and_defaults(ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert ws.controls.by is GroupBy.QUEUE
    with qtbot.waitSignal(ws.report_shown, timeout=TIMEOUT):
        ws.controls.period.setCurrentIndex(ws.controls.period.findData("this_month"))
        ws.controls.period.activated.emit(ws.controls.period.currentIndex())
    assert (ws.controls.first_day, ws.controls.last_day) == (date(2023, 11, 1), date(2023, 11, 15))
    with qtbot.waitSignal(ws.report_shown, timeout=TIMEOUT):
        ws.controls.period.activated.emit(ws.controls.period.findData("last_week"))
    assert (ws.controls.first_day, ws.controls.last_day) == (date(2023, 11, 6), date(2023, 11, 12))
    assert ws.model.rows == []  # nothing that week
    # A range is never backwards: moving the start past the end moves the end.
    ws.controls.first.setDate(ws.controls.first.date().addDays(30))
    assert ws.controls.last_day == ws.controls.first_day


def test_sorting_on_the_figures_keeps_the_rows_without_one_last(ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.report_shown, timeout=TIMEOUT):
        ws.controls.set_by(GroupBy.AGENT)
    assert set(_table(ws)) == {"agent1", "agent2", "(none)"}  # (none): calls no agent answered
    answered, asa = _column(ws, "answered"), _column(ws, "asa_s")
    ws.table.horizontalHeader().setSortIndicator(answered, Qt.SortOrder.DescendingOrder)
    assert [cells[0] for cells in ws.model.cells()] == ["agent1", "agent2", "(none)"]  # 2, 1, 0
    ws.table.horizontalHeader().setSortIndicator(asa, Qt.SortOrder.AscendingOrder)
    order = [cells[0] for cells in ws.model.cells()]
    assert order[-1] == "(none)"  # no ASA without an answered call: last, whichever way
    ws.table.horizontalHeader().setSortIndicator(asa, Qt.SortOrder.DescendingOrder)
    assert [cells[0] for cells in ws.model.cells()][-1] == "(none)"
    # agent1: (20 + 10) / 2 = 15 s; agent2: 3 s.
    assert [cells[0] for cells in ws.model.cells()][:2] == ["agent1", "agent2"]


def _double_click(qtbot, ws: SupervisionWorkspace, row: int, column: int) -> CallsDialog:  # type: ignore[no-untyped-def]
    index = ws.model.index(row, column)
    ws.table.scrollTo(index)
    where = ws.table.visualRect(index).center()
    # A click first, as a hand does: the view takes a double-click only on the item it was pressed on.
    qtbot.mouseClick(ws.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(ws.drilldown_opened, timeout=TIMEOUT) as opened:
        qtbot.mouseDClick(ws.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    dialog = opened.args[0]  # a child of the workspace, deleted when closed
    qtbot.waitUntil(lambda: bool(dialog.model.rows) or dialog.count.text() != "Loading…", timeout=TIMEOUT)
    return dialog


def test_double_clicking_a_figure_lists_the_calls_behind_it_and_opens_their_record(ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    abandoned = _double_click(qtbot, ws, 0, _column(ws, "abandoned"))
    assert [c[0] for c in abandoned.model.cells()] == ["2023-11-14 22:20:00"]  # .2, after 45 s
    assert abandoned.model.cells()[0][4:7] == ["139 1111 2222", "0:45", "abandoned"]
    abandoned.close()

    everything = _double_click(qtbot, ws, 0, 0)  # the key: every call of the row
    assert everything.count.text() == "8 call(s)"
    outcomes = [row["outcome"] for row in everything.model.rows]
    assert outcomes.count("answered") == 1 and outcomes.count("transferred") == 2
    assert outcomes.count("no outcome yet") == 2
    with qtbot.waitSignal(everything.record_shown, timeout=TIMEOUT) as shown:
        everything.open_row(0)  # .1: rang SIP/8002 first, then answered by SIP/8001
    assert [(e.kind, e.agent) for e in shown.args[0].events][2:4] == [
        ("ring_no_answer", "agent2"),
        ("answered", "agent1"),
    ]
    text = everything.record.toPlainText()
    assert "entered the queue" in text and "rang, not answered" in text and "ended" in text
    assert text.index("entered the queue") < text.index("rang, not answered") < text.index("ended")
    assert "No recording for this call." in text and "No orders were taken on this call." in text


def test_the_charts_show_a_days_half_hours_aht_parts_and_not_ready_by_reason(ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.charts_shown, timeout=TIMEOUT):
        ws.tabs.setCurrentIndex(CHARTS)
    assert ws.charts is not None
    with qtbot.waitSignal(ws.charts_shown, timeout=TIMEOUT):
        ws.charts.day.setDate(ws.charts.day.date().addDays(-1))  # the 14th, when the six calls came
    volume = ws.charts.chart("volume")
    bars = volume.series()[0]
    offered, answered, abandoned = (sum(s.at(i) for i in range(s.count())) for s in bars.barSets())
    assert (offered, answered, abandoned) == (6, 3, 1)
    level = volume.series()[1]
    # 22:00–22:30: .1 within 20 s of .1–.4 = 25 %; 22:30–23:00: .5 and .7 = 100 %.
    assert [round(level.at(i).y()) for i in range(level.count())] == [25, 100]
    aht = ws.charts.chart("aht").axes(Qt.Orientation.Vertical)[0]
    assert sorted(aht.categories()) == ["agent1", "agent2"]
    reasons = ws.charts.chart("not_ready").series()[0].barSets()[0]
    minutes = sorted(round(reasons.at(i)) for i in range(reasons.count()))
    assert minutes == [15, 45, 60]  # break 900 s, training 45 min to NOW, lunch 3,600 s


def test_csv_and_xlsx_write_the_table_as_shown(ws, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    with qtbot.waitSignal(ws.report_shown, timeout=TIMEOUT):
        ws.controls.set_by(GroupBy.AGENT)
    ws.table.horizontalHeader().setSortIndicator(_column(ws, "answered"), Qt.SortOrder.DescendingOrder)
    titles = [c.title for c in ws.model.columns]
    with qtbot.waitSignal(ws.exported, timeout=TIMEOUT):
        ws.export_to(tmp_path / "agents.csv")
    with (tmp_path / "agents.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == titles and rows[1:] == ws.model.cells()
    assert [r[0] for r in rows[1:]] == ["agent1", "agent2", "(none)"]  # in the order shown

    with qtbot.waitSignal(ws.exported, timeout=TIMEOUT):
        ws.export_to(tmp_path / "agents.xlsx")
    book = load_workbook(tmp_path / "agents.xlsx")
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == titles
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert first["Agent"] == "agent1" and first["Answered"] == 2
    assert first["ASA"] == timedelta(seconds=15) and first["Not ready"] == timedelta(seconds=3600)
    assert sheet.cell(2, header.index("Answer rate") + 1).number_format == "0.0%"
    assert "answered within 20 s" in book.worksheets[1]["A2"].value  # the definitions go with the figures
    assert not list(tmp_path.glob(".*.part"))


def test_the_pdf_has_the_definitions_line_and_the_table(ws, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with qtbot.waitSignal(ws.exported, timeout=TIMEOUT):
        ws.export_to(tmp_path / "day.pdf")
    assert (tmp_path / "day.pdf").stat().st_size > 1000
    text = subprocess.run(["pdftotext", str(tmp_path / "day.pdf"), "-"], capture_output=True, check=True, text=True)
    words = " ".join(unicodedata.normalize("NFKC", text.stdout).split())  # pdftotext gives "ﬀ" for "ff"
    assert ws.definitions.text() in words
    assert "KPI report by queue, 2023-11-14 to 2023-11-15" in words and "sales" in words and "50.0 %" in words


def test_a_file_that_cannot_be_written_says_why_and_leaves_nothing(ws, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.export_failed, timeout=TIMEOUT) as failed:
        ws.export_to(tmp_path / "no such folder" / "r.csv")
    assert "No such file or directory" in failed.args[0] and "r.csv" in failed.args[0]
    (tmp_path / "taken.xlsx").mkdir()  # the name is a folder: the finished file cannot replace it
    with qtbot.waitSignal(ws.export_failed, timeout=TIMEOUT) as failed:
        ws.export_to(tmp_path / "taken.xlsx")
    assert "taken.xlsx" in failed.args[0]
    assert not list(tmp_path.glob(".*.part")) and ws.export_button.isEnabled()
    assert ws.status.text().startswith("The report was not saved")


def test_f5_reloads_and_ctrl_e_asks_where_to_export(ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws.table.setFocus()
    with qtbot.waitSignal(ws.report_shown, timeout=TIMEOUT):
        qtbot.keyClick(ws.table, Qt.Key.Key_F5)
    with qtbot.waitSignal(ws.export_dialog_opened, timeout=TIMEOUT) as opened:
        qtbot.keyClick(ws.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = opened.args[0]
    assert isinstance(dialog, QFileDialog)
    dialog.reject()
    ws.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws, timeout=TIMEOUT)
    with qtbot.waitSignal(ws.league_shown, timeout=TIMEOUT):
        qtbot.keyClick(ws.table, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # Lea&gue
    assert ws.tabs.currentIndex() == LEAGUE
    qtbot.keyClick(ws.tabs.currentWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # Re&ports
    assert ws.tabs.currentIndex() == 0


def test_the_league_marks_the_top_in_words_and_colour(ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.league_shown, timeout=TIMEOUT):
        ws.tabs.setCurrentIndex(LEAGUE)
    assert {cells[2] for cells in ws.league_pane.model.cells()} == {"not ranked"}  # FCR: no wrap-ups, no rank
    with qtbot.waitSignal(ws.league_shown, timeout=TIMEOUT):
        ws.league_pane.figure.setCurrentIndex(ws.league_pane.figure.findData(LeagueFigure.AHT.value))
    cells = ws.league_pane.model.cells()
    # AHT, lower is better: agent2 97 s, agent1 (180 + 90) / 2 = 135 s. Two agents: one at the top, none at the bottom.
    assert [c[:4] for c in cells] == [["1", "agent2", "Top 20 %", "1:37"], ["2", "agent1", "", "2:15"]]
    titles = [c.title for c in ws.league_pane.model.columns]
    assert "FCR" in titles and "CSAT" in titles and "Return rate" in titles and titles.count("AHT") == 1
    top = ws.league_pane.model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert top is not None and top.color() == QColor("#c8e6c9")
    assert ws.league_pane.model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_bottom_band_is_said_in_words_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = LeaguePane()
    qtbot.addWidget(pane)
    rows = [LeagueRow(i + 1, Band.MIDDLE, f"agent{i}", 0.5, 10, 100.0, 0.5, 0.9, None, 0) for i in range(10)]
    rows[0] = LeagueRow(1, Band.TOP, "best", 0.9, 10, 300.0, 0.9, 0.9, 0.1, 10)
    rows[-1] = LeagueRow(10, Band.BOTTOM, "worst", 0.1, 10, 60.0, 0.1, 0.5, 0.4, 10)
    pane.show_table(LeagueTable(LeagueFigure.FCR, True, {}, rows))
    cells = pane.model.cells()
    assert cells[0][:3] == ["1", "best", "Top 20 %"] and cells[-1][:3] == ["10", "worst", "Bottom 10 %"]
    assert pane.model.index(9, 0).data(Qt.ItemDataRole.BackgroundRole).color() == QColor("#ffcdd2")
    titles = [c.title for c in pane.model.columns]
    assert titles.count("FCR") == 1 and "AHT" in titles  # AHT beside FCR: a fast agent with repeat calls shows
    assert cells[-1][titles.index("AHT")] == "1:00" and cells[-1][titles.index("Return rate")] == "40.0 %"


@pytest.mark.parametrize(
    ("username", "has"),
    [("supervisor1", True), ("admin", True), ("auditor1", False), ("logistics1", False), ("agent1", False)],
)
def test_only_supervisors_and_admins_have_the_workspace(desktop: Desktop, qtbot, username: str, has: bool) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, username)
    workspace = window.workspaces.get(Workspace.SUPERVISION)
    assert isinstance(workspace, SupervisionWorkspace) is has
    if has:
        qtbot.waitUntil(lambda: workspace.report is not None, timeout=TIMEOUT)
        assert workspace.controls.first_day == workspace.controls.last_day == workspace.today  # today, by queue
        assert workspace.controls.by is GroupBy.QUEUE


def test_quick_picks_follow_the_calendar() -> None:
    from agent_desk.ui.supervision.periods import Period, matching_period, period_range

    sunday = date(2026, 3, 1)  # the first of a month, on a Sunday
    assert period_range(Period.THIS_WEEK, sunday) == (date(2026, 2, 23), sunday)  # weeks start on Monday
    assert period_range(Period.LAST_WEEK, sunday) == (date(2026, 2, 16), date(2026, 2, 22))
    assert period_range(Period.THIS_MONTH, sunday) == (sunday, sunday)
    assert period_range(Period.YESTERDAY, sunday) == (date(2026, 2, 28), date(2026, 2, 28))
    assert matching_period(date(2026, 2, 16), date(2026, 2, 22), sunday) is Period.LAST_WEEK
    assert matching_period(date(2026, 2, 16), date(2026, 2, 23), sunday) is None
