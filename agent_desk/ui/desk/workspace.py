"""The agent's desk: the pop in the middle, wrap-up and missed calls beside it."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QSplitter, QVBoxLayout, QWidget

from agent_desk.core.phone import display_number
from agent_desk.services.calls import call_id_for, dispositions
from agent_desk.ui import labels
from agent_desk.ui.context import DeskContext
from agent_desk.ui.desk.pop_controller import ActiveCall, PopController
from agent_desk.ui.desk.pop_view import PopView
from agent_desk.ui.desk.wrap_up import WrapUpPanel

log = logging.getLogger(__name__)


class DeskWorkspace(QWidget):
    """Signals:
    popped(ActiveCall): a new call's pop is on screen (the window comes to the front).
    ring_me_requested(): the agent asked the simulator for a test call.
    article_proposed(object, str): the call's record id (None before it is recorded) and the agent's notes.
    """

    popped = Signal(object)
    ring_me_requested = Signal()
    article_proposed = Signal(object, str)

    def __init__(self, ctx: DeskContext, controller: PopController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.view = PopView(ctx.settings.phone_region)
        self.wrap_up = WrapUpPanel()
        self.missed = QListWidget()
        self.missed.setObjectName("missed_calls")
        self.missed.itemActivated.connect(lambda item: controller.reopen(item.data(Qt.ItemDataRole.UserRole)))
        self.ring_me = QPushButton(self.tr("Ring me (test call, F9)"))
        self.ring_me.setToolTip(self.tr("Ask the call simulator for a call to this desk"))
        self.ring_me.clicked.connect(self.ring_me_requested)
        self.last_pop_ms: float | None = None

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.wrap_up, 2)
        side_layout.addWidget(QLabel(self.tr("<b>Missed calls</b> (Enter to reopen)")))
        side_layout.addWidget(self.missed, 1)
        side_layout.addWidget(self.ring_me)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        controller.pop_ready.connect(self._on_pop_ready)
        controller.pop_updated.connect(self.view.show_call)
        controller.call_state_changed.connect(self._on_call_state)
        controller.missed_changed.connect(self._on_missed)
        controller.wrap_up_saved.connect(lambda _cid: self.wrap_up.saved())
        controller.create_failed.connect(self.view.new_customer.show_error)
        self.view.customer_chosen.connect(self._choose)
        self.view.create_requested.connect(self._create)
        self.wrap_up.save_requested.connect(self._save_wrap_up)
        self.wrap_up.propose_requested.connect(self._propose_article)

        # The frequent actions without the mouse; the pop's tabs have Alt mnemonics, workspaces Ctrl+1….
        for keys, slot in (
            ("Ctrl+N", self.view.order_button.click),
            ("Ctrl+M", self.missed.setFocus),
            ("F9", self.ring_me.click),
        ):
            QShortcut(QKeySequence(keys), self, activated=slot)

        factory = ctx.database.factory

        def load() -> list:  # type: ignore[type-arg]
            with factory() as session:
                return dispositions(session)

        ctx.runner.run(load, self.wrap_up.set_dispositions)

    def _on_pop_ready(self, call: ActiveCall) -> None:
        self.view.show_call(call)
        shown = (
            display_number(call.pop.ani_e164, self.ctx.settings.phone_region) if call.pop and call.pop.ani_e164 else ""
        )
        self.wrap_up.start(self.tr("Ringing: {0}").format(shown or call.ani or self.tr("withheld")))
        self.view.repaint()
        self.last_pop_ms = (time.perf_counter() - call.frame_received) * 1000
        log.info("pop %s painted %.1f ms after its frame", call.call_id, self.last_pop_ms)
        self.popped.emit(call)

    def _on_call_state(self, call: ActiveCall) -> None:
        if call is not self.controller.current:
            return
        if call.end_reason == "answered_elsewhere":
            self.wrap_up.set_status(self.tr("Answered by a colleague"))
            self.wrap_up.save.setEnabled(False)
        elif call.ended:
            self.wrap_up.set_status(
                self.tr("Call ended ({0}): wrap up").format(labels.end_reason(call.end_reason) or "—")
            )
        elif call.answered:
            self.wrap_up.set_status(self.tr("Talking"))

    def _on_missed(self, calls: list[ActiveCall]) -> None:
        self.missed.clear()
        for call in calls:
            who = call.pop.card.name if call.pop and call.pop.card else call.ani or self.tr("withheld")
            item = QListWidgetItem(f"{call.offered_at:%H:%M:%S}  {who}")
            item.setData(Qt.ItemDataRole.UserRole, call.call_id)
            self.missed.addItem(item)

    def _choose(self, customer_id: int) -> None:
        if self.controller.current is not None:
            self.controller.choose_customer(self.controller.current, customer_id)

    def _create(self, data: object) -> None:
        if self.controller.current is not None:
            self.controller.create_customer(self.controller.current, data)  # type: ignore[arg-type]

    def _propose_article(self, notes: str) -> None:
        call = self.controller.current
        factory = self.ctx.database.factory
        platform_id = call.call_id if call is not None else None

        def lookup() -> int | None:
            with factory() as session:
                return call_id_for(session, platform_id)

        self.ctx.runner.run(lookup, lambda call_id: self.article_proposed.emit(call_id, notes))

    def _save_wrap_up(self, code: str, notes: str) -> None:
        if self.controller.current is not None:
            self.controller.save_wrap_up(self.controller.current, code, notes)
