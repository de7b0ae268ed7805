"""Table models of the live floor: one row per agent, one per queue or business line.

They read the :class:`~agent_desk.core.floor_feed.FloorFeed` the pane keeps; an event redraws only
the rows it changed, and the once-a-second tick redraws only the columns that move with the clock
(time in state, logged in, flags), so a thousand agents cost the GUI a few rows per event.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from agent_desk.core.floor import FloorAgent, FloorStatus
from agent_desk.core.floor_feed import FloorFeed
from agent_desk.core.floor_view import FloorFlag, QueueNow, agent_flags, queue_rows
from agent_desk.core.kpi import KpiSettings
from agent_desk.services.supervision.floor_reference import FloorReference

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()

STATUS_COLOURS = {
    FloorStatus.READY: "#2e7d32",
    FloorStatus.NOT_READY: "#ef6c00",
    FloorStatus.RINGING: "#1565c0",
    FloorStatus.TALKING: "#6a1b9a",
    FloorStatus.ACW: "#8e24aa",
    FloorStatus.OFFLINE: "#757575",
    FloorStatus.UNKNOWN: "#9e9e9e",
}
FLAG_BACKGROUND = QColor("#ffcdd2")


# lupdate finds translate("Floor", "literal") calls, also through this alias (see ui/labels.py).
translate = QCoreApplication.translate


def status_text(status: FloorStatus) -> str:
    return {
        FloorStatus.READY: translate("Floor", "Ready"),
        FloorStatus.NOT_READY: translate("Floor", "Not ready"),
        FloorStatus.RINGING: translate("Floor", "Ringing"),
        FloorStatus.TALKING: translate("Floor", "Talking"),
        FloorStatus.ACW: translate("Floor", "After-call work"),
        FloorStatus.OFFLINE: translate("Floor", "Logged out"),
        FloorStatus.UNKNOWN: translate("Floor", "Not heard from"),
    }[status]


def flag_text(flag: FloorFlag) -> str:
    return {
        FloorFlag.LONG_ACW: translate("Floor", "ACW past its limit"),
        FloorFlag.LONG_NOT_READY: translate("Floor", "Not ready past its limit"),
        FloorFlag.OVERWORK: translate("Floor", "Logged in too long"),
    }[flag]


def clock_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


class FloorAgentsModel(QAbstractTableModel):
    AGENT, STATE, TIME, LINE, HANDLED, LOGGED_IN, FLAGS = range(7)
    CLOCK_COLUMNS = (TIME, LOGGED_IN, FLAGS)

    def __init__(
        self,
        feed: FloorFeed,
        reference: Callable[[], FloorReference],
        language: str = "en",
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.feed, self._reference, self.language, self.clock = feed, reference, language, clock
        self.agents: list[str] = []
        self._rows: dict[str, int] = {}

    def headers(self) -> list[str]:
        return [
            translate("Floor", "Agent"),
            translate("Floor", "State"),
            translate("Floor", "Time in state"),
            translate("Floor", "Line"),
            translate("Floor", "Calls today"),
            translate("Floor", "Logged in"),
            translate("Floor", "Flags"),
        ]

    # --- feeding ----------------------------------------------------------------------------------

    def reset(self) -> None:
        self.beginResetModel()
        state = self.feed.state
        self.agents = sorted(state.agents) if state else []
        self._rows = {name: row for row, name in enumerate(self.agents)}
        self.endResetModel()

    def changed(self, names: Iterable[str]) -> None:
        state = self.feed.state
        if state is None:
            return
        new = [n for n in names if n not in self._rows and n in state.agents]
        if new:
            first = len(self.agents)
            self.beginInsertRows(_NO_INDEX, first, first + len(new) - 1)
            for name in new:
                self._rows[name] = len(self.agents)
                self.agents.append(name)
            self.endInsertRows()
        last = self.columnCount() - 1
        for name in names:
            row = self._rows.get(name)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def tick(self) -> None:
        if self.agents:
            for column in self.CLOCK_COLUMNS:
                self.dataChanged.emit(self.index(0, column), self.index(len(self.agents) - 1, column))

    # --- reading ----------------------------------------------------------------------------------

    def agent_at(self, row: int) -> FloorAgent | None:
        state = self.feed.state
        if state is None or not 0 <= row < len(self.agents):
            return None
        return state.agents.get(self.agents[row])

    def flags_of(self, agent: FloorAgent) -> frozenset[FloorFlag]:
        ref = self._reference()
        return agent_flags(agent, self.feed.hub_now(self.clock()), ref.limits, ref.line_of)

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.agents)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        agent = self.agent_at(index.row())
        if agent is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._value(agent, column, sort=role == SORT_ROLE)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            return QBrush(QColor(STATUS_COLOURS[agent.status]))
        if role == Qt.ItemDataRole.BackgroundRole and self.flags_of(agent):
            return QBrush(FLAG_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.AGENT:
            return agent.agent
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.TIME, self.HANDLED, self.LOGGED_IN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _value(self, agent: FloorAgent, column: int, *, sort: bool) -> Any:
        ref = self._reference()
        now = self.feed.hub_now(self.clock())
        match column:
            case self.AGENT:
                return ref.agent_names.get(agent.agent, agent.agent)
            case self.STATE:
                return self.state_text(agent, ref)
            case self.TIME:
                seconds = agent.seconds_in_state(now)
                return seconds if sort else clock_text(seconds)
            case self.LINE:
                line = ref.line_of(agent.queue, agent.dnis) if agent.on_call or agent.status is FloorStatus.ACW else ""
                return ref.line_name(line) if line else ""
            case self.HANDLED:
                return agent.handled_today
            case self.LOGGED_IN:
                since = agent.logged_in_since
                online = None if since is None else max(0.0, now - since)
                return (online or 0.0) if sort else clock_text(online)
            case self.FLAGS:
                flags = self.flags_of(agent)
                return len(flags) if sort else ", ".join(flag_text(f) for f in sorted(flags))
        return None

    def state_text(self, agent: FloorAgent, ref: FloorReference) -> str:
        status = agent.status
        text = status_text(status)
        if status is FloorStatus.NOT_READY and agent.reason:
            reason = ref.reasons.get(agent.reason)
            return f"{text} ▸ {reason.label_for(self.language) if reason else agent.reason}"
        return text


class FloorQueuesModel(QAbstractTableModel):
    KEY, WAITING, LONGEST, SL, ANSWER_RATE, OFFERED, ANSWERED, ABANDONED, SHORT = range(9)

    def __init__(
        self,
        feed: FloorFeed,
        reference: Callable[[], FloorReference],
        settings: Callable[[], KpiSettings],
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.feed, self._reference, self._settings, self.clock = feed, reference, settings, clock
        self.by_line = False
        self.rows: list[QueueNow] = []

    def headers(self) -> list[str]:
        return [
            translate("Floor", "Business line") if self.by_line else translate("Floor", "Queue"),
            translate("Floor", "Waiting"),
            translate("Floor", "Longest wait"),
            translate("Floor", "Service level"),
            translate("Floor", "Answer rate"),
            translate("Floor", "Offered"),
            translate("Floor", "Answered"),
            translate("Floor", "Abandoned"),
            translate("Floor", "Short abandons"),
        ]

    def refresh(self) -> None:
        """Read the rows again (a handful: one per queue), keeping the view's selection when the keys stay."""
        state = self.feed.state
        ref = self._reference()
        group = ref.line_of if self.by_line else None
        rows = queue_rows(state, self.feed.hub_now(self.clock()), self._settings(), group) if state else []
        if [r.key for r in rows] == [r.key for r in self.rows]:
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def set_by_line(self, by_line: bool) -> None:
        self.by_line = by_line
        self.rows = []
        self.refresh()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def key_text(self, row: QueueNow) -> str:
        if not row.key:
            return translate("Floor", "(no line)") if self.by_line else translate("Floor", "(no queue)")
        return self._reference().line_name(row.key) if self.by_line else row.key

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        today = row.today
        if role == SORT_ROLE:
            values: list[Any] = [self.key_text(row), row.waiting, row.longest_wait_s or 0.0, today.service_level or 0.0,
                                 today.answer_rate or 0.0, today.offered, today.answered, today.abandoned,
                                 today.short_abandoned]  # fmt: skip
            return values[column]
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case self.KEY:
                    vip = f"  ★{row.vip_waiting}" if row.vip_waiting else ""
                    return self.key_text(row) + vip
                case self.WAITING:
                    return row.waiting
                case self.LONGEST:
                    return clock_text(row.longest_wait_s)
                case self.SL:
                    return percent_text(today.service_level)
                case self.ANSWER_RATE:
                    return percent_text(today.answer_rate)
            return [today.offered, today.answered, today.abandoned, today.short_abandoned][column - self.OFFERED]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.KEY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


__all__ = ["SORT_ROLE", "FloorAgentsModel", "FloorQueuesModel", "clock_text", "percent_text", "status_text"]
