"""The Supervision workspace (班组长, admin): KPI reports, charts, drill-down, exports and the league.

Every figure is read by :func:`~agent_desk.services.supervision.kpi_report.kpi_report` (or the
league built on it) on the desk's database worker; the GUI only asks and shows. A tab is loaded
when it is looked at: changing the range reloads the tab on screen and marks the others stale.
An answer that arrives after a newer question is dropped, so a slow month never overwrites the
day asked for after it.

The live floor tab is fed by the hub, not by queries (see floor_pane.py); the date range and the
report's buttons are hidden there.

Keys: F5 reloads, Ctrl+E exports the table on screen, Alt+P / Alt+C / Alt+G / Alt+I (or Ctrl+PgUp
and Ctrl+PgDown) switch between the tabs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agent_desk.services.calls.not_ready_reasons import ReasonView, not_ready_reasons
from agent_desk.services.supervision.kpi_report import GroupBy, Report, ReportRequest, kpi_report, local_zone
from agent_desk.services.supervision.league import LeagueTable, league_table
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_text
from agent_desk.ui.supervision.charts import ChartsPane
from agent_desk.ui.supervision.columns import Kind, columns_for, definitions_line, key_title, show
from agent_desk.ui.supervision.controls import ReportControls
from agent_desk.ui.supervision.drilldown_dialog import CallsDialog
from agent_desk.ui.supervision.export import Exporter, ReportTable
from agent_desk.ui.supervision.floor_pane import FloorPane
from agent_desk.ui.supervision.league_pane import LeaguePane
from agent_desk.ui.supervision.report_model import RowsModel, compact_header, fit_columns

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
REPORTS, CHARTS, LEAGUE, FLOOR = 0, 1, 2, 3
RELOAD_DEBOUNCE_MS = 150  # a burst of changes (a quick pick sets both dates) asks for one report


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class SupervisionWorkspace(QWidget):
    """Signals:
    report_shown(object): the Report now in the table.
    charts_shown(): the charts show the range (and day) asked for.
    league_shown(object): the LeagueTable now shown.
    load_failed(str): a report could not be read; the text says why.
    drilldown_opened(object): a CallsDialog listing the calls behind a figure is open.
    export_dialog_opened(object): the file dialog of an export is open (tests drive it through this).
    exported(str): an export was written to this path.
    export_failed(str): an export was not written; the text says why.
    """

    report_shown = Signal(object)
    charts_shown = Signal()
    league_shown = Signal(object)
    load_failed = Signal(str)
    drilldown_opened = Signal(object)
    export_dialog_opened = Signal(object)
    exported = Signal(str)
    export_failed = Signal(str)

    def __init__(
        self,
        ctx: DeskContext,
        *,
        zone: tzinfo | None = None,
        clock: Callable[[], datetime] = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.zone = zone or local_zone()
        self.clock = clock  # naive UTC, as the database keeps time
        self.report: Report | None = None
        self.shown_request: ReportRequest | None = None  # what the table shows (drill-down asks the same)
        self.league: LeagueTable | None = None
        self._generation: dict[str, int] = {}
        self._stale = {REPORTS, CHARTS, LEAGUE}
        self._pending = 0
        self._reasons: dict[str, str] = {}
        self._agent_rows: list[dict[str, Any]] = []
        self.last_directory = Path.home()  # the next export's dialog opens where the last one wrote
        self._build()
        self.exporter = Exporter(self)
        runner = self.exporter.runner
        self.destroyed.connect(lambda *_args: runner.shutdown())
        self.exporter.started.connect(self._on_export_started)
        self.exporter.exported.connect(self._on_exported)
        self.exporter.failed.connect(self._on_export_failed)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(RELOAD_DEBOUNCE_MS)
        self._reload.timeout.connect(self.refresh)
        self.controls.changed.connect(self._reload.start)
        for keys, slot in (("F5", self.refresh), ("Ctrl+E", self.export)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ctx.read(not_ready_reasons, self._set_reasons)
        self.refresh()

    @property
    def today(self) -> date:
        return self.clock().replace(tzinfo=UTC).astimezone(self.zone).date()

    # --- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.controls = ReportControls(self.today, self.zone)
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export (Ctrl+E)"))
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("CSV…"), lambda: self.export("csv"))
        menu.addAction(self.tr("Excel (XLSX)…"), lambda: self.export("xlsx"))
        menu.addAction(self.tr("Printable PDF…"), lambda: self.export("pdf"))
        self.export_button.setMenu(menu)
        self.busy = QProgressBar()
        self.busy.setObjectName("supervision_busy")
        self.busy.setRange(0, 0)  # no end known: a moving bar while the database works
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel()
        self.status.setObjectName("supervision_status")
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.busy)
        actions.addWidget(self.status, 1)
        self.definitions = QLabel()
        self.definitions.setObjectName("report_definitions")
        self.definitions.setWordWrap(True)
        self.definitions.setStyleSheet("color: #555")

        self.model = RowsModel(self)
        self.table = QTableView()
        self.table.setObjectName("report_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by key: queues by name, days in order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        compact_header(self.table)
        self.table.setToolTip(self.tr("Double-click a figure (or press Enter) for the calls behind it"))
        self.table.doubleClicked.connect(self.drill_down)
        QShortcut(
            QKeySequence("Return"), self.table, lambda: self.drill_down(self.table.currentIndex()),
            context=Qt.ShortcutContext.WidgetShortcut,
        )  # fmt: skip
        self.row_count = QLabel()
        reports = QWidget()
        rv = QVBoxLayout(reports)
        rv.addWidget(self.table, 1)
        rv.addWidget(self.row_count)

        self.charts: ChartsPane | None = None  # made when first looked at: QtCharts is not free
        self._charts_page = QWidget()
        QVBoxLayout(self._charts_page).setContentsMargins(0, 0, 0, 0)
        self.league_pane = LeaguePane()
        self.league_pane.figure_changed.connect(self._on_league_figure)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("supervision_tabs")
        self.tabs.addTab(reports, self.tr("Re&ports"))
        self.tabs.addTab(self._charts_page, self.tr("&Charts"))
        self.tabs.addTab(self.league_pane, self.tr("Lea&gue"))
        self.floor = FloorPane(self.ctx, self.controls.settings)
        self.tabs.addTab(self.floor, self.tr("L&ive floor"))
        self.tabs.currentChanged.connect(self._on_tab)
        self.report_head = QWidget()
        head = QVBoxLayout(self.report_head)
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.controls)
        head.addLayout(actions)
        head.addWidget(self.definitions)
        layout = QVBoxLayout(self)
        layout.addWidget(self.report_head)
        layout.addWidget(self.tabs, 1)

    # --- loading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the tab on screen again, and the others when they are next looked at."""
        self._reload.stop()
        self.controls.today = self.today  # a desk left open past midnight picks "today" anew
        self._stale = {REPORTS, CHARTS, LEAGUE}
        self._load(self.tabs.currentIndex())

    def attach_hub(self, hub: object) -> None:
        """The live floor follows this desk's hub link (app.py calls it once the link is made)."""
        self.floor.attach(hub)

    def _on_tab(self, index: int) -> None:
        self.report_head.setVisible(index != FLOOR)
        if index == CHARTS and self.charts is None:
            self.charts = ChartsPane()
            self.charts.set_day(self.controls.last_day)
            self.charts.day_changed.connect(lambda _day: self._load_day())
            layout = self._charts_page.layout()
            assert layout is not None
            layout.addWidget(self.charts)
        if index in self._stale:
            self._load(index)

    def _load(self, tab: int) -> None:
        if tab == FLOOR:
            self.floor.load_reference()  # names, lines and limits; the board itself is the hub's
            return
        self._stale.discard(tab)
        self.definitions.setText(definitions_line(self.controls.settings(), str(self.zone)))
        if tab == REPORTS:
            self._load_report()
        elif tab == CHARTS:
            if self.charts is not None:
                self.charts.set_day(self.controls.last_day)
            self._load_charts()
        else:
            self._load_league()

    def _ask(self, what: str, op: Callable[[Session], Any], show: Callable[[Any], None]) -> None:
        generation = self._generation[what] = self._generation.get(what, 0) + 1
        self._busy(+1)

        def done(result: Any) -> None:
            self._busy(-1)
            if generation == self._generation[what]:
                show(result)

        def failed(exc: BaseException) -> None:
            self._busy(-1)
            if generation == self._generation[what]:
                text = error_text(exc)
                self.status.setText(text)
                self.status.setStyleSheet("color: #c62828;")
                self.load_failed.emit(text)

        self.ctx.read(op, done, failed)

    def _busy(self, step: int) -> None:
        self._pending += step
        self.busy.setVisible(self._pending > 0)
        if self._pending > 0:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Reading the record…"))
        elif self.status.text() == self.tr("Reading the record…"):
            self.status.clear()

    def _load_report(self) -> None:
        try:
            request = self.controls.request()
        except ValueError as exc:
            self.status.setText(error_text(exc))
            return
        user, now = self.ctx.user, self.clock()
        self._ask("report", lambda s: (request, kpi_report(s, request, now=now, viewer=user)), self._show_report)

    def _show_report(self, answer: tuple[ReportRequest, Report]) -> None:
        request, report = answer
        self.report, self.shown_request = report, request
        self.model.set_rows(columns_for(request.by, report.rows, request.settings), report.rows)
        fit_columns(self.table)
        self.row_count.setText(self.tr("%n row(s)", "", len(report.rows)))
        self.report_shown.emit(report)

    def _load_charts(self) -> None:
        if self.charts is None:
            self._stale.add(CHARTS)  # made and loaded when first looked at
            return
        request = self.controls.request(GroupBy.AGENT)
        user, now = self.ctx.user, self.clock()
        self._ask("agents", lambda s: kpi_report(s, request, now=now, viewer=user).rows, self._show_agents)

    def _show_agents(self, rows: list[dict[str, Any]]) -> None:
        self._agent_rows = rows
        if self.charts is not None:
            self.charts.show_agents(rows, self._reasons)
        self._load_day()

    def _load_day(self) -> None:
        if self.charts is None:
            return
        d = self.charts.day.date()
        day = date(d.year(), d.month(), d.day())
        settings = self.controls.settings()
        request = ReportRequest(day, day, GroupBy.INTERVAL, settings, interval_minutes=30, zone=self.zone)
        user, now = self.ctx.user, self.clock()
        self._ask("day", lambda s: kpi_report(s, request, now=now, viewer=user).rows, self._show_day)

    def _show_day(self, rows: list[dict[str, Any]]) -> None:
        if self.charts is not None:
            self.charts.show_day(rows)
        self.charts_shown.emit()

    def _set_reasons(self, reasons: list[ReasonView]) -> None:
        chinese = QLocale().language() == QLocale.Language.Chinese
        self._reasons = {r.code: r.label_for("zh" if chinese else "en") for r in reasons}
        if self.charts is not None and self._agent_rows:
            self.charts.show_agents(self._agent_rows, self._reasons)

    def _load_league(self) -> None:
        request = self.controls.request(GroupBy.AGENT)
        figure, team = self.league_pane.chosen, self.league_pane.chosen_team
        user, now = self.ctx.user, self.clock()
        self._ask(
            "league", lambda s: league_table(s, request, figure, now=now, viewer=user, team=team), self._show_league
        )

    def _show_league(self, table: LeagueTable) -> None:
        self.league = table
        self.league_pane.show_table(table)
        self.league_shown.emit(table)

    def _on_league_figure(self) -> None:
        if self.tabs.currentIndex() == LEAGUE:
            self._load_league()
        else:
            self._stale.add(LEAGUE)

    # --- drill-down -------------------------------------------------------------------------------

    def drill_down(self, index: QModelIndex) -> CallsDialog | None:
        """The calls behind the figure at ``index`` (the key column: every call of the row)."""
        request = self.shown_request
        if request is None or not index.isValid():
            return None
        row = self.model.row(index.row())
        column = self.model.columns[index.column()]
        key = str(row[request.by.value])
        figure = None if column.key == request.by.value else column.key
        what = column.title if figure else self.tr("all calls")
        heading = self.tr("{0} {1} — {2}, {3} to {4}").format(
            key_title(request.by),
            show(Kind.KEY, key),
            what,
            request.first_day.isoformat(),
            request.last_day.isoformat(),
        )
        dialog = CallsDialog(self.ctx, request, key, figure, heading, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.drilldown_opened.emit(dialog)
        return dialog

    # --- export -----------------------------------------------------------------------------------

    def table_on_screen(self) -> ReportTable:
        """What an export writes: the league when it is on screen, else the report, as shown."""
        request = self.shown_request or self.controls.request()
        definitions = definitions_line(request.settings, str(self.zone))
        span = request.first_day.isoformat()
        if request.last_day != request.first_day:
            span = self.tr("{0} to {1}").format(span, request.last_day.isoformat())
        model: RowsModel
        if self.tabs.currentIndex() == LEAGUE:
            model = self.league_pane.model
            title = self.tr("Agent league, {0}").format(span)
        else:
            model = self.model
            title = self.tr("KPI report by {0}, {1}").format(key_title(request.by).lower(), span)
        return ReportTable(title, definitions, list(model.columns), list(model.rows))

    def export(self, kind: str = "") -> None:
        """Ask where to write the table on screen (CSV, XLSX or PDF), then write it."""
        if self.exporter.busy:
            return
        filters = {
            "csv": self.tr("CSV files (*.csv)"),
            "xlsx": self.tr("Excel workbooks (*.xlsx)"),
            "pdf": self.tr("PDF files (*.pdf)"),
        }
        request = self.shown_request or self.controls.request()
        name = f"kpi-{request.by.value}-{request.first_day:%Y%m%d}-{request.last_day:%Y%m%d}.{kind or 'xlsx'}"
        dialog = QFileDialog(
            self, self.tr("Export the report"), str(self.last_directory / name), ";;".join(filters.values())
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectNameFilter(filters.get(kind, filters["xlsx"]))
        dialog.setDefaultSuffix(kind or "xlsx")
        suffixes = {text: suffix for suffix, text in filters.items()}
        # A name typed without an ending gets the one of the type chosen in the dialog.
        dialog.filterSelected.connect(lambda text: dialog.setDefaultSuffix(suffixes.get(text, "xlsx")))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()
        self.export_dialog_opened.emit(dialog)

    def export_to(self, path: Path) -> None:
        if path.suffix.lower() not in (".csv", ".xlsx", ".pdf"):
            path = path.with_name(path.name + ".xlsx")
        self.last_directory = path.parent
        self.exporter.export(path, self.table_on_screen())

    def _on_export_started(self, path: str) -> None:
        self.export_button.setEnabled(False)
        self.busy.show()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Writing {0}…").format(path))

    def _on_exported(self, path: str) -> None:
        self.export_button.setEnabled(True)
        self.busy.setVisible(self._pending > 0)
        self.status.setText(self.tr("Saved {0}").format(path))
        self.ctx.messages.info.emit(self.tr("Saved {0}").format(path))
        self.exported.emit(path)

    def _on_export_failed(self, why: str) -> None:
        self.export_button.setEnabled(True)
        self.busy.setVisible(self._pending > 0)
        text = self.tr("The report was not saved: {0}").format(why)
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;")
        self.ctx.messages.error.emit(text)
        self.export_failed.emit(text)

    def shutdown(self) -> None:
        """Wait for an export still being written (also done when the widget goes)."""
        self.exporter.shutdown()


def create(ctx: DeskContext) -> QWidget:
    return SupervisionWorkspace(ctx)
