"""The day as it goes: required, scheduled and actually working agents per interval (the gap
marked), and each agent's adherence to their published shift."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from agent_desk.ui.staffing.charts import COLOURS, chart_view, draw_lines
from agent_desk.ui.staffing.needs_pane import table
from agent_desk.ui.staffing.tables import OVER, SHORT, Cell, RowsModel, number, percent

if TYPE_CHECKING:
    from agent_desk.services.staffing.adherence import DayAdherence
    from agent_desk.ui.staffing.workspace import StaffingWorkspace

LOW_ADHERENCE = 0.85  # an agent below this is marked


class TodayPane(QWidget):
    def __init__(self, ws: StaffingWorkspace, today: date) -> None:
        super().__init__()
        self.ws = ws
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.clicked.connect(self.refresh)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.chart = chart_view()
        self.intervals = RowsModel(self)
        self.agents = RowsModel(self)
        self.intervals_view = table(self.intervals)
        self.intervals_view.setObjectName("staffing_intervals")
        self.agents_view = table(self.agents)
        self.agents_view.setObjectName("staffing_adherence")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Day")))
        bar.addWidget(self.day)
        bar.addWidget(self.reload_button)
        bar.addStretch(1)
        tables = QSplitter(Qt.Orientation.Horizontal)
        tables.addWidget(self.intervals_view)
        tables.addWidget(self.agents_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(tables)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(split, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        d = self.day.date()
        day, user, now = date(d.year(), d.month(), d.day()), self.ws.ctx.user, self.ws.clock()

        def op(session: Any) -> DayAdherence:
            from agent_desk.services.staffing.adherence import day_adherence

            return day_adherence(session, user, day, now=now)

        self.ws.read(op, self.show_day)

    def show_day(self, figures: DayAdherence) -> None:
        zone = self.ws.zone
        rows, colours = [], []
        for i in figures.intervals:
            rows.append([Cell(i.local_start[-5:], i.start), number(i.required), number(i.scheduled, 1),
                         number(i.actual, 1), number(i.gap, 1)])  # fmt: skip
            colours.append(None if i.gap is None else SHORT if i.gap < 0 else OVER if i.gap >= 2 else None)
        self.intervals.set_rows(
            [self.tr("Interval"), self.tr("Required"), self.tr("Scheduled"), self.tr("Working"), self.tr("Gap")],
            rows, colours,
        )  # fmt: skip
        agent_rows, agent_colours = [], []
        for a in figures.agents:
            agent_rows.append([Cell(a.display_name or a.username), number(a.scheduled_s / 3600, 1),
                               number(a.working_s / 3600, 1), percent(a.adherence)])  # fmt: skip
            low = a.adherence is not None and a.adherence < LOW_ADHERENCE
            agent_colours.append(SHORT if low else None)
        self.agents.set_rows(
            [self.tr("Agent"), self.tr("Scheduled (h)"), self.tr("Working (h)"), self.tr("Adherence")],
            agent_rows, agent_colours,
        )  # fmt: skip
        for view in (self.intervals_view, self.agents_view):
            view.resizeColumnsToContents()
        starts = [i.start for i in figures.intervals]
        draw_lines(
            self.chart, self.tr("Required, scheduled and working agents"), starts,
            [(self.tr("Required"), COLOURS["required"], [float(i.required) for i in figures.intervals]),
             (self.tr("Scheduled"), COLOURS["scheduled"], [i.scheduled for i in figures.intervals]),
             (self.tr("Working"), COLOURS["actual"], [i.actual for i in figures.intervals])],
            zone, time_format="HH:mm",
        )  # fmt: skip
        short = sum(1 for i in figures.intervals if i.gap is not None and i.gap < 0)
        self.note.setText(self.tr("Plan #%n.", "", figures.plan_id) + " "
                          + self.tr("%n interval(s) short of agents so far.", "", short))  # fmt: skip


__all__ = ["TodayPane"]
