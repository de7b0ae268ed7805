"""The report's charts (QtCharts): a day's volume and service level per half hour, AHT parts per
agent, and not-ready time by reason over the range.

Each chart is rebuilt from report rows handed in by the workspace; nothing here reads the
database or computes a figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QDateEdit, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from agent_desk.services.supervision.kpi_report import NO_KEY, GroupBy

_COLOURS = {
    "offered": "#90a4ae",
    "answered": "#2e7d32",
    "abandoned": "#c62828",
    "sl": "#1565c0",
    "talk": "#43a047",
    "hold": "#fbc02d",
    "acw": "#8e24aa",
    "not_ready": "#ef6c00",
}


def _set(name: str, colour: str, values: Sequence[float]) -> QBarSet:
    bars = QBarSet(name)
    bars.setColor(QColor(colour))
    bars.append(list(values))
    return bars


class ChartsPane(QWidget):
    """Signals:
    day_changed(object): the day of the half-hour charts (a date) was changed by the user.
    """

    day_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = QDateEdit()
        self.day.setObjectName("charts_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(lambda d: self.day_changed.emit(date(d.year(), d.month(), d.day())))
        self.views = {name: self._view() for name in ("volume", "aht", "not_ready")}
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Half hours of")))
        top.addWidget(self.day)
        top.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(self.views["volume"], 0, 0, 1, 2)
        grid.addWidget(self.views["aht"], 1, 0)
        grid.addWidget(self.views["not_ready"], 1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        self.show_day([])
        self.show_agents([], {})

    @staticmethod
    def _view() -> QChartView:
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(220)
        return view

    def set_day(self, day: date) -> None:
        self.day.blockSignals(True)
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.day.blockSignals(False)

    def chart(self, name: str) -> QChart:
        return self.views[name].chart()

    def _replace(self, name: str, chart: QChart) -> None:
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        view = self.views[name]
        old = view.chart()
        view.setChart(chart)  # the view takes the new chart and gives the old one back
        if old is not None:
            old.deleteLater()

    # --- a day per half hour ------------------------------------------------------------------------

    def show_day(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Interval rows of one day (keys "YYYY-MM-DD HH:MM"): bars of calls, a line of service level."""
        rows = [r for r in rows if r.get(GroupBy.INTERVAL.value, NO_KEY) != NO_KEY]
        busy = [i for i, r in enumerate(rows) if r.get("offered") or r.get("unfinished")]
        if busy:
            rows = rows[busy[0] : busy[-1] + 1]  # the hours the centre worked, not 48 empty bars
        chart = QChart()
        chart.setTitle(self.tr("Calls and service level per half hour"))
        categories = [str(r[GroupBy.INTERVAL.value])[-5:] for r in rows]
        series = QBarSeries()
        series.append(_set(self.tr("Offered"), _COLOURS["offered"], [r.get("offered") or 0 for r in rows]))
        series.append(_set(self.tr("Answered"), _COLOURS["answered"], [r.get("answered") or 0 for r in rows]))
        series.append(_set(self.tr("Abandoned"), _COLOURS["abandoned"], [r.get("abandoned") or 0 for r in rows]))
        chart.addSeries(series)
        level = QLineSeries()
        level.setName(self.tr("Service level %"))
        level.setColor(QColor(_COLOURS["sl"]))
        level.setPointsVisible(True)
        for i, r in enumerate(rows):
            if r.get("service_level") is not None:
                level.append(float(i), float(r["service_level"]) * 100)
        chart.addSeries(level)
        x = QBarCategoryAxis()
        x.append(categories or ["—"])
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        calls = QValueAxis()
        calls.setLabelFormat("%d")
        calls.setRange(0, max([1, *(float(r.get("offered") or 0) for r in rows)]))
        calls.setTitleText(self.tr("Calls"))
        chart.addAxis(calls, Qt.AlignmentFlag.AlignLeft)
        percent = QValueAxis()
        percent.setRange(0, 100)
        percent.setLabelFormat("%d%%")
        chart.addAxis(percent, Qt.AlignmentFlag.AlignRight)
        series.attachAxis(x)
        series.attachAxis(calls)
        level.attachAxis(x)
        level.attachAxis(percent)
        self._replace("volume", chart)

    # --- per agent over the range -------------------------------------------------------------------

    def show_agents(self, rows: Sequence[Mapping[str, Any]], reason_names: Mapping[str, str]) -> None:
        """Agent rows: AHT's parts stacked per agent; not-ready minutes by reason, summed over agents."""
        agents = [r for r in rows if r.get(GroupBy.AGENT.value) != NO_KEY and r.get("answered")]
        chart = QChart()
        chart.setTitle(self.tr("Handle time per call: talk, hold, after-call work (seconds)"))
        parts = QHorizontalStackedBarSeries()
        for key, name, colour in (
            ("avg_talk_s", self.tr("Talk"), _COLOURS["talk"]),
            ("avg_hold_s", self.tr("Hold"), _COLOURS["hold"]),
            ("avg_acw_s", self.tr("ACW"), _COLOURS["acw"]),
        ):
            parts.append(_set(name, colour, [float(r.get(key) or 0) for r in agents]))
        chart.addSeries(parts)
        longest = max([0.0, *(float(r.get("aht_s") or 0) for r in agents)])
        self._axes(chart, parts, [str(r[GroupBy.AGENT.value]) for r in agents], longest)
        self._replace("aht", chart)

        minutes: dict[str, float] = {}
        for r in rows:
            for reason, seconds in (r.get("not_ready_s") or {}).items():
                minutes[reason] = minutes.get(reason, 0.0) + float(seconds) / 60
        chart = QChart()
        chart.setTitle(self.tr("Not ready by reason (minutes)"))
        bars = QHorizontalBarSeries()
        ordered = sorted(minutes.items(), key=lambda kv: kv[1])
        bars.append(_set(self.tr("Not ready"), _COLOURS["not_ready"], [round(m, 1) for _r, m in ordered]))
        chart.addSeries(bars)
        chart.legend().setVisible(False)
        self._axes(chart, bars, [reason_names.get(r, r) for r, _m in ordered], max([0.0, *minutes.values()]))
        self._replace("not_ready", chart)

    @staticmethod
    def _axes(
        chart: QChart, series: QHorizontalStackedBarSeries | QHorizontalBarSeries, names: list[str], top: float
    ) -> None:
        y = QBarCategoryAxis()
        y.append(names or ["—"])
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        x = QValueAxis()
        x.setLabelFormat("%d")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        # Set, not left to the series: an empty chart would ask QtCharts for a range of NaN.
        x.setRange(0, max(1.0, top))
        x.applyNiceNumbers()
