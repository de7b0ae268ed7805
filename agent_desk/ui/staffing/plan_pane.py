"""The shift plan: built by the solver from the needs on screen, shown agent by day, edited a
shift at a time (double-click or Enter on a cell), published for the agents to see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton, QTableView, QVBoxLayout, QWidget

from agent_desk.services.staffing.rota import AgentLimitsView, TemplateView, agent_limits, templates
from agent_desk.ui.staffing.tables import OVER, SHORT, Cell, RowsModel, day_label

if TYPE_CHECKING:
    from types import ModuleType

    from agent_desk.services.staffing.plans import PlanView, ShiftView
    from agent_desk.ui.staffing.workspace import StaffingWorkspace


# Imported when used, on the database worker: the staffing services load numpy, pandas and
# OR-Tools, which would otherwise add half a second to opening the main window.
def _plans() -> ModuleType:
    from agent_desk.services.staffing import plans

    return plans


PLAN_TIME_LIMIT_S = 30.0  # the desk waits for it: a good plan in half a minute beats the best in five


@dataclass(frozen=True)
class PlanScreen:
    plan: PlanView
    shifts: list[ShiftView]
    agents: list[AgentLimitsView]
    templates: list[TemplateView]


def _load(session: Any, user: Any, plan_id: int) -> PlanScreen:
    chosen = _plans().plan_view(session, user, plan_id)  # refused clearly if it is gone
    return PlanScreen(
        chosen, _plans().plan_shifts(session, user, plan_id), agent_limits(session, user), templates(session, user)
    )


class PlanPane(QWidget):
    def __init__(self, ws: StaffingWorkspace) -> None:
        super().__init__()
        self.ws = ws
        self.loaded: PlanScreen | None = None
        self.chooser = QComboBox()
        self.chooser.setObjectName("staffing_plan_chooser")
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.build_button = QPushButton(self.tr("Build plan from the forecast (Ctrl+B)"))
        self.build_button.clicked.connect(self.build)
        self.publish_button = QPushButton(self.tr("Publish (Ctrl+Shift+P)"))
        self.publish_button.clicked.connect(self.publish)
        self.summary = QLabel()
        self.summary.setObjectName("staffing_plan_summary")
        self.summary.setWordWrap(True)
        self.model = RowsModel(self)
        self.grid = QTableView()
        self.grid.setObjectName("staffing_plan_grid")
        self.grid.setModel(self.model)
        self.grid.setWordWrap(False)
        self.grid.doubleClicked.connect(self.edit_cell)
        QShortcut(QKeySequence("Return"), self.grid, lambda: self.edit_cell(self.grid.currentIndex()),
                  context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Plan")))
        bar.addWidget(self.chooser, 1)
        bar.addWidget(self.build_button)
        bar.addWidget(self.publish_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.grid, 1)
        self.reload_plans()

    # --- plans ------------------------------------------------------------------------------------

    def reload_plans(self, select: int | None = None) -> None:
        user = self.ws.ctx.user
        self.ws.read(lambda s: _plans().plans(s, user), lambda found: self._fill(found, select))

    def _fill(self, found: list[PlanView], select: int | None) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for plan in found:
            label = self.tr("#{id} {first} – {last} ({status})")
            status = self.tr("published") if plan.status == "published" else self.tr("draft")
            self.chooser.addItem(
                label.replace("{id}", str(plan.id)).replace("{first}", plan.first_day.isoformat())
                .replace("{last}", plan.last_day.isoformat()).replace("{status}", status),
                plan.id,
            )  # fmt: skip
        self.chooser.blockSignals(False)
        if found:
            index = max(0, self.chooser.findData(select)) if select is not None else 0
            self.chooser.setCurrentIndex(index)
            self._chosen(index)
        else:
            self.summary.setText(self.tr("No plan yet: forecast (F5), then build one (Ctrl+B)."))
            self.model.set_rows([], [])

    def _chosen(self, index: int) -> None:
        plan_id = self.chooser.itemData(index)
        if plan_id is not None:
            user = self.ws.ctx.user
            self.ws.read(lambda s: _load(s, user, int(plan_id)), self.show_plan)

    def build(self) -> None:
        week = self.ws.needs.week
        if week is None:
            self.ws.say(self.tr("Forecast first (F5): the plan covers the positions the forecast needs."), error=True)
            return
        user, zone = self.ws.ctx.user, self.ws.zone
        self.ws.say(self.tr("Solving the plan (up to %n s)…", "", int(PLAN_TIME_LIMIT_S)))
        self.build_button.setEnabled(False)

        def done(plan: PlanView) -> None:
            self.build_button.setEnabled(True)
            self.ws.say(self.tr("Draft plan #%n built.", "", plan.id))
            self.reload_plans(plan.id)

        def failed(exc: BaseException) -> None:
            self.build_button.setEnabled(True)
            self.ws.failed(exc)

        def op(session: Any) -> PlanView:
            from agent_desk.services.staffing.week import plan_week

            return plan_week(session, user, week, zone=zone, time_limit_s=PLAN_TIME_LIMIT_S)

        self.ws.ctx.write(op, done, failed)

    def publish(self) -> None:
        if self.loaded is None:
            return
        plan_id, user, now = self.loaded.plan.id, self.ws.ctx.user, self.ws.clock()

        def done(plan: PlanView) -> None:
            self.ws.say(self.tr("Plan #%n published: its agents see their shifts.", "", plan.id))
            self.reload_plans(plan.id)

        self.ws.write(lambda s: _plans().publish_plan(s, user, plan_id, now=now), done)

    # --- the grid ---------------------------------------------------------------------------------

    def days(self) -> list[date]:
        if self.loaded is None:
            return []
        plan = self.loaded.plan
        return [plan.first_day + timedelta(days=i) for i in range((plan.last_day - plan.first_day).days + 1)]

    def show_plan(self, screen: PlanScreen) -> None:
        self.loaded = screen
        zone = self.ws.zone
        by_cell = {(s.user_id, s.day): s for s in screen.shifts}
        days = self.days()
        rows, colours = [], []
        for agent in screen.agents:
            row = [Cell(agent.display_name or agent.username)]
            hours = 0.0
            for day in days:
                shift = by_cell.get((agent.user_id, day))
                if shift is None:
                    row.append(Cell("", ""))
                    continue
                hours += (shift.end - shift.start).total_seconds() / 3600
                start = shift.start.replace(tzinfo=UTC).astimezone(zone).strftime("%H:%M")
                end = shift.end.replace(tzinfo=UTC).astimezone(zone).strftime("%H:%M")
                mark = " ✎" if shift.edited else ""
                row.append(Cell(f"{start}–{end} {shift.template_name}{mark}", start))
            row.append(Cell(f"{hours:.1f}", hours))
            rows.append(row)
            colours.append(None if agent.available else OVER)
        headers = [self.tr("Agent"), *(day_label(d, "ddd MM-dd") for d in days), self.tr("Hours in plan")]
        self.model.set_rows(headers, rows, colours)
        self.grid.resizeColumnsToContents()
        summary = screen.plan.summary
        under, over = summary.get("under_hours", 0), summary.get("over_hours", 0)
        status = self.tr("published") if screen.plan.status == "published" else self.tr("draft")
        self.summary.setText(
            self.tr("{status}; solver {solver} in {seconds} s; short {under} agent-hours, over {over} agent-hours.")
            .replace("{status}", status).replace("{solver}", str(summary.get("solver_status", "?")))
            .replace("{seconds}", str(summary.get("seconds", "?"))).replace("{under}", f"{under:.1f}")
            .replace("{over}", f"{over:.1f}")
        )  # fmt: skip
        self.summary.setStyleSheet(f"background: {SHORT.name()};" if under else "")
        self.publish_button.setEnabled(screen.plan.status != "published")

    def edit_cell(self, index: QModelIndex) -> None:
        screen = self.loaded
        days = self.days()
        if screen is None or not index.isValid() or not 1 <= index.column() <= len(days):
            return
        agent, day = screen.agents[index.row()], days[index.column() - 1]
        menu = QMenu(self)
        for template in screen.templates:
            menu.addAction(f"{template.start}  {template.name}", self._setter(agent, day, template.id))
        menu.addSeparator()
        menu.addAction(self.tr("Day off"), lambda: self._set(agent, day, None))
        menu.popup(self.grid.viewport().mapToGlobal(self.grid.visualRect(index).center()))
        self.menu = menu  # kept, so a test can pick from it

    def _setter(self, agent: AgentLimitsView, day: date, template_id: int) -> Callable[[], None]:
        return lambda: self._set(agent, day, template_id)

    def _set(self, agent: AgentLimitsView, day: date, template_id: int | None) -> None:
        if self.loaded is None:
            return
        plan_id, user = self.loaded.plan.id, self.ws.ctx.user
        self.ws.write(
            lambda s: _plans().edit_shift(s, user, plan_id, agent.user_id, day, template_id),
            lambda _shift: self._chosen(self.chooser.currentIndex()),
        )


__all__ = ["PlanPane", "PlanScreen"]
