"""The Staffing workspace (班组长, admin): how many agents each interval needs, the shift plan that
covers them, and the day as it goes. Agents see their own published shifts only.

Every figure comes from services.staffing on the desk's database worker (the forecast imports
statsmodels and fits a model: never on the GUI thread); the screens only ask and show.

Keys: F5 forecasts again, Ctrl+B builds a plan from the forecast on screen, Ctrl+Shift+P publishes
the plan shown, Alt+N / Alt+P / Alt+O / Alt+A / Alt+M switch between the
tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.roles import supervises_floor
from agent_desk.services.staffing.requirements import Targets
from agent_desk.services.supervision.rollup_sums import computer_zone
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_text
from agent_desk.ui.staffing.my_shifts import MyShiftsPane
from agent_desk.ui.staffing.needs_pane import NeedsPane
from agent_desk.ui.staffing.plan_pane import PlanPane
from agent_desk.ui.staffing.setup_pane import SetupPane
from agent_desk.ui.staffing.today_pane import TodayPane


def desk_zone() -> ZoneInfo:
    """The centre's zone as this computer names it; plans keep an IANA name, so UTC without one."""
    zone = computer_zone()
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo("UTC")


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class StaffingControls(QWidget):
    """The period and the targets every tab reads."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QDateEdit(QDate(today.year, today.month, today.day))
        self.first.setCalendarPopup(True)
        self.first.setDisplayFormat("yyyy-MM-dd")
        self.days = QSpinBox()
        self.days.setRange(1, 28)
        self.days.setValue(7)
        self.interval = QComboBox()
        for minutes in (15, 30, 60):
            self.interval.addItem(self.tr("%n min", "", minutes), minutes)
        self.interval.setCurrentIndex(1)
        self.target = QComboBox()
        self.target.addItems([self.tr("Service level"), self.tr("Average speed of answer")])
        self.sl = QSpinBox()
        self.sl.setRange(1, 99)
        self.sl.setValue(80)
        self.sl.setSuffix(" %")
        self.sl_seconds = QSpinBox()
        self.sl_seconds.setRange(0, 600)
        self.sl_seconds.setValue(20)
        self.sl_seconds.setSuffix(" s")
        self.asa = QSpinBox()
        self.asa.setRange(1, 600)
        self.asa.setValue(15)
        self.asa.setSuffix(" s")
        self.patience = QSpinBox()
        self.patience.setRange(0, 1800)
        self.patience.setSuffix(" s")
        self.patience.setSpecialValueText(self.tr("no abandons (Erlang C)"))
        self.shrinkage = QSpinBox()
        self.shrinkage.setRange(0, 90)
        self.shrinkage.setValue(30)
        self.shrinkage.setSuffix(" %")
        self.occupancy = QDoubleSpinBox()
        self.occupancy.setRange(10, 100)
        self.occupancy.setValue(85)
        self.occupancy.setDecimals(0)
        self.occupancy.setSuffix(" %")
        self.target.currentIndexChanged.connect(self._show_target)
        form = QFormLayout()
        period = QHBoxLayout()
        for widget in (self.first, QLabel(self.tr("for")), self.days, QLabel(self.tr("days, by")), self.interval):
            period.addWidget(widget)
        period.addStretch(1)
        goal = QHBoxLayout()
        for widget in (self.target, self.sl, QLabel(self.tr("within")), self.sl_seconds, self.asa):
            goal.addWidget(widget)
        goal.addStretch(1)
        limits = QHBoxLayout()
        limit_widgets: list[QWidget] = [
            QLabel(self.tr("Caller patience")),
            self.patience,
            QLabel(self.tr("Shrinkage")),
            self.shrinkage,
            QLabel(self.tr("Occupancy at most")),
            self.occupancy,
        ]
        for limit_widget in limit_widgets:
            limits.addWidget(limit_widget)
        limits.addStretch(1)
        form.addRow(self.tr("Period"), period)
        form.addRow(self.tr("Target"), goal)
        form.addRow(self.tr("Limits"), limits)
        form.setContentsMargins(0, 0, 0, 0)
        self.setLayout(form)
        self._show_target(0)

    def _show_target(self, index: int) -> None:
        for widget in (self.sl, self.sl_seconds):
            widget.setVisible(index == 0)
        self.asa.setVisible(index == 1)

    @property
    def first_day(self) -> date:
        d = self.first.date()
        return date(d.year(), d.month(), d.day())

    @property
    def interval_minutes(self) -> int:
        return int(self.interval.currentData())

    def targets(self) -> Targets:
        by_sl = self.target.currentIndex() == 0
        return Targets(
            sl=self.sl.value() / 100 if by_sl else None,
            sl_seconds=self.sl_seconds.value(),
            asa_s=None if by_sl else float(self.asa.value()),
            patience_s=float(self.patience.value()) or None,
            max_occupancy=self.occupancy.value() / 100,
            shrinkage=self.shrinkage.value() / 100,
        )


class StaffingWorkspace(QWidget):
    def __init__(
        self,
        ctx: DeskContext,
        *,
        zone: ZoneInfo | None = None,
        clock: Callable[[], datetime] = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.clock = ctx, clock
        self.zone = zone or desk_zone()
        self.plans = supervises_floor(ctx.user.role)
        today = clock().replace(tzinfo=UTC).astimezone(self.zone).date()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("staffing_tabs")
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("staffing_status")
        self.status.setWordWrap(True)
        self.my_shifts = MyShiftsPane(ctx, today, self.zone)
        if not self.plans:
            layout.addWidget(self.my_shifts)
            return
        # Rotas run Monday to Sunday, and weekly hours count by ISO week: next Monday by default.
        self.controls = StaffingControls(today + timedelta(days=7 - today.weekday()))
        self.needs = NeedsPane(self)
        self.plan = PlanPane(self)
        self.today = TodayPane(self, today)
        self.setup = SetupPane(self)
        self.tabs.addTab(self.needs, self.tr("Forecast and &needs"))
        self.tabs.addTab(self.plan, self.tr("Shift &plan"))
        self.tabs.addTab(self.today, self.tr("T&oday"))
        self.tabs.addTab(self.setup, self.tr("Templates and marked d&ays"))
        self.tabs.addTab(self.my_shifts, self.tr("&My shifts"))
        layout.addWidget(self.controls)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        for keys, slot in (
            ("F5", self.needs.refresh),
            ("Ctrl+B", self.plan.build),
            ("Ctrl+Shift+P", self.plan.publish),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;" if error else "")

    def failed(self, exc: BaseException) -> None:
        self.say(error_text(exc), error=True)

    def read(self, op: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        self.ctx.read(op, done, self.failed)

    def write(self, op: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        self.ctx.write(op, done, self.failed)


def create(ctx: DeskContext) -> QWidget:
    return StaffingWorkspace(ctx)


__all__ = ["StaffingControls", "StaffingWorkspace", "create"]
