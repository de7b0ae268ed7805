"""The agent's "my day" on the desk: today's own answered calls, AHT, not-ready time and FCR.

Read with the agent as the viewer, so the KPI service itself limits the figures to the agent's
own (services.supervision.kpi_report); refreshed when a wrap-up is saved and every few minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from PySide6.QtCore import QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from agent_desk.services.supervision.kpi_report import GroupBy, ReportRequest, kpi_report, local_zone
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_text
from agent_desk.ui.supervision.columns import Kind, show

REFRESH_MS = 3 * 60_000


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class MyDayPanel(QFrame):
    """Signals:
    shown(object): the figures now shown (the agent's report row, or None before their first call).
    """

    shown = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        refresh_on: SignalInstance | None = None,
        *,
        zone: tzinfo | None = None,
        clock: Callable[[], datetime] = _utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("my_day")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.ctx = ctx
        self.zone = zone or local_zone()
        self.clock = clock
        self.row: Mapping[str, Any] | None = None
        self._reading = False
        self._again = False
        self.figures = {key: QLabel("—") for key in ("answered", "aht_s", "paused_s", "fcr")}
        names = {
            "answered": self.tr("Answered"),
            "aht_s": self.tr("AHT"),
            "paused_s": self.tr("Not ready"),
            "fcr": self.tr("FCR"),
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        self.heading = QLabel(self.tr("<b>My day</b>"))
        grid.addWidget(self.heading, 0, 0, 1, 4)
        for column, (key, label) in enumerate(names.items()):
            caption = QLabel(label)
            caption.setStyleSheet("color: #555")
            value = self.figures[key]
            value.setObjectName(f"my_day_{key}")
            value.setStyleSheet("font-size: 13pt; font-weight: 600")
            grid.addWidget(caption, 1, column)
            grid.addWidget(value, 2, column)
        self.setToolTip(self.tr("Your own figures since midnight; refreshed after each wrap-up"))
        if refresh_on is not None:
            refresh_on.connect(lambda *_args: self.refresh())
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    @property
    def today(self) -> date:
        return self.clock().replace(tzinfo=UTC).astimezone(self.zone).date()

    def refresh(self) -> None:
        if self._reading:
            self._again = True  # one read at a time; a save meanwhile asks for one more after it
            return
        self._reading = True
        day, user, now = self.today, self.ctx.user, self.clock()
        request = ReportRequest(day, day, GroupBy.AGENT, zone=self.zone)
        self.ctx.read(lambda s: kpi_report(s, request, now=now, viewer=user).rows, self._show, self._failed)

    def _done(self) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.refresh()

    def _show(self, rows: list[dict[str, Any]]) -> None:
        mine = next((r for r in rows if r.get(GroupBy.AGENT.value) == self.ctx.user.username), None)
        self.row = mine
        kinds = {"answered": Kind.COUNT, "aht_s": Kind.SECONDS, "paused_s": Kind.SECONDS, "fcr": Kind.RATE}
        for key, label in self.figures.items():
            value = (mine or {}).get(key)
            label.setText(show(kinds[key], 0 if value is None and key in ("answered", "paused_s") else value))
        self.setToolTip(self.tr("Your own figures since midnight; refreshed after each wrap-up"))
        self.shown.emit(mine)
        self._done()

    def _failed(self, exc: BaseException) -> None:
        self.setToolTip(error_text(exc))
        self._done()
