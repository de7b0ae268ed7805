"""Forecast and needs: calls and AHT per interval for the coming days, the agents and positions
each needs (Erlang C, or Erlang A with a caller patience), and the backtest against the naive
forecast (same interval a week earlier)."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from agent_desk.ui.errors import error_text
from agent_desk.ui.staffing.charts import COLOURS, chart_view, draw_lines
from agent_desk.ui.staffing.tables import SORT_ROLE, Cell, RowsModel, day_label, number, percent

if TYPE_CHECKING:
    from agent_desk.services.staffing.backtest import Backtest
    from agent_desk.services.staffing.week import WeekNeeds
    from agent_desk.ui.staffing.workspace import StaffingWorkspace


def table(model: RowsModel) -> QTableView:
    view = QTableView()
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class NeedsPane(QWidget):
    def __init__(self, ws: StaffingWorkspace) -> None:
        super().__init__()
        self.ws = ws
        self.week: WeekNeeds | None = None
        self.forecast_button = QPushButton(self.tr("Forecast (F5)"))
        self.forecast_button.clicked.connect(self.refresh)
        self.backtest_button = QPushButton(self.tr("Backtest the last complete week"))
        self.backtest_button.clicked.connect(self.run_backtest)
        self.summary = QLabel()
        self.summary.setObjectName("staffing_summary")
        self.summary.setWordWrap(True)
        self.chart = chart_view()
        self.model = RowsModel(self)
        self.table = table(self.model)
        self.table.setObjectName("staffing_needs")
        bar = QHBoxLayout()
        bar.addWidget(self.forecast_button)
        bar.addWidget(self.backtest_button)
        bar.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def refresh(self) -> None:
        ws, controls = self.ws, self.ws.controls
        first, days, minutes = controls.first_day, controls.days.value(), controls.interval_minutes
        try:
            targets = controls.targets()
        except ValueError as exc:
            ws.failed(exc)
            return
        user, zone, now = ws.ctx.user, ws.zone, ws.clock()
        ws.say(self.tr("Forecasting… (the first time loads the statistics library)"))

        def op(session: Any) -> WeekNeeds:
            from agent_desk.services.staffing.week import week_needs  # on the worker: loads statsmodels

            return week_needs(
                session, user, first_day=first, days=days, interval_minutes=minutes, zone=zone,
                targets=targets, now=now,
            )  # fmt: skip

        ws.read(op, self.show_week)

    def show_week(self, week: WeekNeeds) -> None:
        self.week = week
        zone = self.ws.zone
        needs = week.needs
        calls = sum(n.calls for n in needs)
        peak = max((n.positions for n in needs), default=0)
        notes = " ".join(error_text(note) for note in week.forecast.notes)  # type: ignore[arg-type]
        self.ws.say(
            self.tr("{calls} calls forecast ({method}, learnt from {days} days); at the peak {peak} positions.")
            .replace("{calls}", f"{calls:,.0f}")
            .replace("{method}", week.forecast.method)
            .replace("{days}", str(week.forecast.history_days))
            .replace("{peak}", str(peak))
            + (" " + notes if notes else "")
        )  # fmt: skip
        starts = [n.start for n in needs]
        draw_lines(
            self.chart, self.tr("Calls forecast and positions needed per interval"), starts,
            [(self.tr("Calls"), COLOURS["calls"], [n.calls for n in needs]),
             (self.tr("Agents"), COLOURS["scheduled"], [float(n.agents) for n in needs]),
             (self.tr("Positions (with shrinkage)"), COLOURS["required"], [float(n.positions) for n in needs])],
            zone, ticks=week.forecast.days + 1, time_format="ddd MM-dd",
        )  # fmt: skip
        rows = []
        for n in needs:
            local = n.start.replace(tzinfo=UTC).astimezone(zone)
            rows.append([
                Cell(day_label(local), n.start), number(n.calls, 1),
                number(n.aht_s if n.calls else None),
                number(n.agents), number(n.positions), percent(n.service_level if n.calls else None),
                number(n.asa_s if n.calls else None, 1), percent(n.occupancy if n.calls else None),
                percent(n.abandon_rate),
            ])  # fmt: skip
        self.model.set_rows(
            [self.tr("Interval"), self.tr("Calls"), self.tr("AHT (s)"), self.tr("Agents"), self.tr("Positions"),
             self.tr("Service level"), self.tr("ASA (s)"), self.tr("Occupancy"), self.tr("Abandoned")],
            rows,
        )  # fmt: skip
        self.table.resizeColumnsToContents()

    def run_backtest(self) -> None:
        ws = self.ws
        minutes, user, zone, now = ws.controls.interval_minutes, ws.ctx.user, ws.zone, ws.clock()
        ws.say(self.tr("Backtesting the last complete week…"))

        def op(session: Any) -> Backtest:
            from agent_desk.services.staffing.backtest import backtest

            return backtest(session, interval_minutes=minutes, zone=zone, now=now, viewer=user)

        ws.read(op, self.show_backtest)

    def show_backtest(self, result: Backtest) -> None:
        self.summary.setText(
            self.tr(
                "Backtest {first} – {last}: WAPE {forecast} for this forecast, {naive} for the same interval a week"
                " earlier ({calls} calls). Lower is better."
            )
            .replace("{first}", result.first_day.isoformat())
            .replace("{last}", result.last_day.isoformat())
            .replace("{forecast}", f"{result.wape_forecast:.3f}")
            .replace("{naive}", f"{result.wape_naive:.3f}")
            .replace("{calls}", f"{result.actual_calls:,.0f}")
        )  # fmt: skip
        self.ws.say("")


__all__ = ["NeedsPane", "table"]
