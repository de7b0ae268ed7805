"""The live floor tab: queues and agents as the hub reports them, pushed, never polled.

The hub sends a supervisor desk the whole board when it connects (``floor`` frame) and every
event after it; :class:`~agent_desk.core.floor_feed.FloorFeed` keeps the board and this pane only
draws it. A once-a-second tick moves the clocks. When the link drops, the board says since when
it is not live; when it comes back, the hub's new snapshot replaces it.

Keys: F11 opens the big screen for the wall; Ctrl+Shift+F shows flagged agents only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.floor import FloorStatus
from agent_desk.core.floor_feed import FloorFeed, FloorReset
from agent_desk.core.floor_view import head_counts
from agent_desk.core.kpi import KpiSettings
from agent_desk.core.protocol import HubFrame
from agent_desk.services.supervision.floor_reference import FloorReference, floor_reference
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_text
from agent_desk.ui.supervision.floor_models import SORT_ROLE, FloorAgentsModel, FloorQueuesModel
from agent_desk.ui.supervision.report_model import compact_header

if TYPE_CHECKING:
    from agent_desk.ui.supervision.wallboard import Wallboard

log = logging.getLogger(__name__)
TICK_MS = 1000
FIT_SAMPLE_ROWS = 100
WALL_MS = 250


class _FlaggedFilter(QSortFilterProxyModel):
    def __init__(self, model: FloorAgentsModel) -> None:
        super().__init__()
        self.floor_model = model
        self.flagged_only = False
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)

    def filterAcceptsRow(self, source_row: int, _parent: object) -> bool:
        if not self.flagged_only:
            return True
        agent = self.floor_model.agent_at(source_row)
        return agent is not None and bool(self.floor_model.flags_of(agent))


class FloorPane(QWidget):
    """Signals:
    board_changed(): the board on screen changed (a snapshot or an event was drawn).
    """

    board_changed = Signal()

    def __init__(
        self,
        ctx: DeskContext,
        settings: Callable[[], KpiSettings] = KpiSettings,
        clock: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.clock = ctx, clock
        self.feed = FloorFeed()
        self.reference = FloorReference()
        self.linked = False
        self.big_screen: Wallboard | None = None
        chinese = QLocale().language() == QLocale.Language.Chinese
        self.agents_model = FloorAgentsModel(self.feed, lambda: self.reference, "zh" if chinese else "en", clock, self)
        self.queues_model = FloorQueuesModel(self.feed, lambda: self.reference, settings, clock, self)
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._dirty_agents: set[str] = set()
        self._dirty_queues = False
        self._flagged = 0  # counted on the tick: flags move with the clock, not with events
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._draw_changes)
        self._wall = QTimer(self)  # the big screen follows events at most this often: it reads every agent
        self._wall.setSingleShot(True)
        self._wall.setInterval(WALL_MS)
        self._wall.timeout.connect(self._update_wall)
        self.load_reference()

    def _build(self) -> None:
        self.heads = QLabel()
        self.heads.setObjectName("floor_heads")
        self.link = QLabel(self.tr("Waiting for the hub…"))
        self.link.setObjectName("floor_link")
        self.link.setWordWrap(True)
        self.group = QComboBox()
        self.group.addItems([self.tr("By queue"), self.tr("By business line")])
        self.group.currentIndexChanged.connect(self._set_grouping)
        self.flagged = QCheckBox(self.tr("Flagged only (Ctrl+Shift+F)"))
        self.flagged.toggled.connect(self._set_flagged_only)
        self.big_button = QPushButton(self.tr("Big screen (F11)"))
        self.big_button.clicked.connect(self.open_big_screen)
        bar = QHBoxLayout()
        bar.addWidget(self.heads, 1)
        bar.addWidget(self.group)
        bar.addWidget(self.flagged)
        bar.addWidget(self.big_button)

        self.queues = QTableView()
        self.queues.setObjectName("floor_queues")
        queues_proxy = QSortFilterProxyModel(self)
        queues_proxy.setSourceModel(self.queues_model)
        queues_proxy.setSortRole(SORT_ROLE)
        self.queues.setModel(queues_proxy)
        self.agents_proxy = _FlaggedFilter(self.agents_model)
        self.agents_proxy.setParent(self)
        self.agents = QTableView()
        self.agents.setObjectName("floor_agents")
        self.agents.setModel(self.agents_proxy)
        for view in (self.queues, self.agents):
            view.setWordWrap(False)
            view.horizontalHeader().setStretchLastSection(True)
            # Fitting columns measures this many rows, not a thousand agents.
            view.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
            view.setSortingEnabled(True)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.verticalHeader().hide()
            compact_header(view)
        self.queues.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.agents.sortByColumn(FloorAgentsModel.AGENT, Qt.SortOrder.AscendingOrder)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.queues)
        split.addWidget(self.agents)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.link)
        layout.addWidget(split, 1)
        for keys, slot in (("F11", self.open_big_screen), ("Ctrl+Shift+F", self.flagged.toggle)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._show_heads()

    # --- feeding ----------------------------------------------------------------------------------

    def attach(self, hub: object) -> None:
        """Follow a HubBridge's signals (floor, call_event, link_state_changed)."""
        hub.floor.connect(self.on_frame)  # type: ignore[attr-defined]
        hub.call_event.connect(self.on_frame)  # type: ignore[attr-defined]
        hub.link_state_changed.connect(self.set_link)  # type: ignore[attr-defined]

    def load_reference(self) -> None:
        user = self.ctx.user
        hours = self.ctx.settings.overwork_hours

        def done(reference: FloorReference) -> None:
            self.reference = reference
            self._redraw_all()

        self.ctx.read(
            lambda s: floor_reference(s, user, overwork_hours=hours or None),
            done,
            lambda exc: self.link.setText(error_text(exc)),
        )

    def on_frame(self, frame: HubFrame) -> None:
        try:
            change = self.feed.on_frame(frame, self.clock())
        except ValueError as exc:
            log.warning("a floor frame was not read: %s", exc)
            return
        if change is None:
            return
        if isinstance(change, FloorReset):
            self._dirty_agents.clear()
            self._dirty_queues = False
            self._redraw_all()
            self.linked = True
            self._show_link()
            self.board_changed.emit()
            return
        # Drawn on the next turn of the event loop: frames already queued behind this one are
        # applied first and drawn together, so a burst costs one redraw, and a quiet floor none.
        self._dirty_agents |= change.agents
        self._dirty_queues = self._dirty_queues or bool(change.queues or change.agents or change.new_day)
        if change.new_day:
            self._dirty_agents |= set(self.feed.state.agents) if self.feed.state else set()
        self._flush.start()

    def _draw_changes(self) -> None:
        agents, self._dirty_agents = self._dirty_agents, set()
        if agents:
            self.agents_model.changed(agents)
        if self._dirty_queues:
            self._dirty_queues = False
            self.queues_model.refresh()
        self._show_heads()
        if self.big_screen is not None and self.big_screen.isVisible() and not self._wall.isActive():
            self._wall.start()
        self.board_changed.emit()

    def _update_wall(self) -> None:
        if self.big_screen is not None and self.big_screen.isVisible():
            self.big_screen.update_board()

    def set_link(self, state: str, detail: str) -> None:
        self.linked = state == "connected" and self.feed.live
        if state != "connected":
            self._stale_since = time.strftime("%H:%M:%S")
        self._show_link(state, detail)

    def _show_link(self, state: str = "connected", detail: str = "") -> None:
        if self.feed.live and state == "connected":
            self.link.setText(self.tr("Live: every change on the floor is shown as the hub reports it."))
            self.link.setStyleSheet("color: #2e7d32")
        elif self.feed.live:
            self.link.setText(
                self.tr("Not live since {time}: the hub is not reachable ({detail}); the board shows what it knew.")
                .replace("{time}", getattr(self, "_stale_since", ""))
                .replace("{detail}", detail or state)
            )  # fmt: skip
            self.link.setStyleSheet("color: #c62828; font-weight: bold")
        else:
            self.link.setText(self.tr("Waiting for the hub…"))
            self.link.setStyleSheet("")

    def tick(self) -> None:
        if not self.feed.live:
            return
        self.agents_model.tick()
        self.queues_model.refresh()
        self._flagged = self.flagged_count()
        if self.agents_proxy.flagged_only:
            self.agents_proxy.invalidate()
        self._show_heads()
        self._update_wall()

    def _redraw_all(self) -> None:
        self.agents_model.reset()
        self.queues_model.refresh()
        self._flagged = self.flagged_count()
        self._show_heads()
        self.fit_columns()

    def _set_grouping(self, index: int) -> None:
        self.queues_model.set_by_line(index == 1)
        self.fit_columns()

    def fit_columns(self) -> None:
        for view in (self.queues, self.agents):
            view.resizeColumnsToContents()

    def _set_flagged_only(self, on: bool) -> None:
        self.agents_proxy.flagged_only = on
        self.agents_proxy.invalidate()

    # --- reading ----------------------------------------------------------------------------------

    def flagged_count(self) -> int:
        state = self.feed.state
        if state is None:
            return 0
        return sum(1 for agent in state.agents.values() if self.agents_model.flags_of(agent))

    def head_text(self) -> str:
        state = self.feed.state
        if state is None:
            return ""
        counts = head_counts(state)
        logged_in = sum(n for s, n in counts.items() if s not in (FloorStatus.OFFLINE, FloorStatus.UNKNOWN))
        waiting = len(state.waiting())
        return self.tr(
            "Logged in {in} · Ready {ready} · Talking {talk} · Ringing {ring} · ACW {acw} · Not ready {nr}"
            " · Waiting {wait} · Flagged {flag}"
        ).format_map({
            "in": logged_in, "ready": counts[FloorStatus.READY], "talk": counts[FloorStatus.TALKING],
            "ring": counts[FloorStatus.RINGING], "acw": counts[FloorStatus.ACW],
            "nr": counts[FloorStatus.NOT_READY], "wait": waiting, "flag": self._flagged,
        })  # fmt: skip

    def _show_heads(self) -> None:
        self.heads.setText(self.head_text())

    def open_big_screen(self) -> None:
        from agent_desk.ui.supervision.wallboard import Wallboard

        if self.big_screen is None:
            self.big_screen = Wallboard(self)
        self.big_screen.update_board()
        self.big_screen.showFullScreen()
        self.big_screen.raise_()
        self.big_screen.activateWindow()


__all__ = ["FloorPane"]
