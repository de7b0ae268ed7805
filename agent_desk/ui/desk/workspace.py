"""The agent's desk: the pop in the middle, wrap-up and missed calls beside it."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QSplitter, QVBoxLayout, QWidget

from agent_desk.core.phone import display_number, is_withheld
from agent_desk.services.calls.lifecycle import ActiveCall, CallPhase, WrapUpDraft
from agent_desk.services.calls.records import call_id_for, dispositions
from agent_desk.ui import labels
from agent_desk.ui.context import DeskContext
from agent_desk.ui.desk.my_day import MyDayPanel
from agent_desk.ui.desk.pop_controller import PopController
from agent_desk.ui.desk.pop_view import PopView
from agent_desk.ui.desk.wrap_up import WrapUpPanel

log = logging.getLogger(__name__)
DRAFT_DEBOUNCE_MS = 400  # typing pauses this long: the draft is kept (on disk at once, then the database)


class DeskWorkspace(QWidget):
    """Signals:
    popped(ActiveCall): a new call's pop is on screen (the window announces it: MainWindow.announce_call).
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
        self.missed.itemActivated.connect(lambda item: self._reopen(item.data(Qt.ItemDataRole.UserRole)))
        self.ring_me = QPushButton(self.tr("Ring me (test call, F9)"))
        self.ring_me.setToolTip(self.tr("Ask the call simulator for a call to this desk"))
        self.ring_me.clicked.connect(self._ring_me)
        # Why "Ring me" cannot ring now and what to do, beside the button (the status bar says it too).
        self.ring_me_note = QLabel()
        self.ring_me_note.setObjectName("ring_me_note")
        self.ring_me_note.setWordWrap(True)
        self.ring_me_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ring_me_note.setStyleSheet("color: #c62828;")
        self.ring_me_note.hide()
        self._hub_link = "stopped"  # the hub link's LinkState, as the status bar shows it
        self.last_pop_ms: float | None = None

        side = QWidget()
        side_layout = QVBoxLayout(side)
        self.my_day = MyDayPanel(ctx, controller.wrap_up_saved)  # the agent's own figures today
        side_layout.addWidget(self.my_day)
        side_layout.addWidget(self.wrap_up, 2)
        side_layout.addWidget(QLabel(self.tr("<b>Missed calls and unfinished wrap-ups</b> (Enter to reopen)")))
        side_layout.addWidget(self.missed, 1)
        side_layout.addWidget(self.ring_me)
        side_layout.addWidget(self.ring_me_note)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        controller.pop_ready.connect(self._on_pop_ready)
        controller.pop_updated.connect(self._on_pop_updated)
        controller.call_state_changed.connect(self._on_call_state)
        controller.missed_changed.connect(lambda _calls: self._refresh_side_list())
        controller.wrap_up_saved.connect(self._on_wrap_up_saved)
        controller.wrap_up_failed.connect(self._on_wrap_up_failed)
        controller.draft_restored.connect(self._on_draft_restored)
        controller.error.connect(ctx.messages.info.emit)
        controller.create_failed.connect(self.view.new_customer.show_error)
        self.view.customer_chosen.connect(self._choose)
        self.view.create_requested.connect(self._create)
        self.wrap_up.save_requested.connect(self._save_wrap_up)
        self.wrap_up.propose_requested.connect(self._propose_article)
        self._draft_for: ActiveCall | None = None  # the call the panel was typed for, until the debounce fires
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DEBOUNCE_MS)
        self._draft_timer.timeout.connect(self._keep_draft)
        self.wrap_up.draft_changed.connect(self._draft_changed)
        self.missed.setToolTip(self.tr("Enter: reopen. Delete: dismiss a missed call."))
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete), self.missed, self._dismiss_current,
            context=Qt.ShortcutContext.WidgetShortcut,
        )  # fmt: skip

        # The frequent actions without the mouse; the pop's tabs have Alt mnemonics, workspaces Ctrl+1…6 (main_window).
        for keys, slot in (
            ("Ctrl+N", self.view.order_button.click),
            ("Ctrl+M", self.missed.setFocus),
            ("F9", self.ring_me.click),
        ):
            QShortcut(QKeySequence(keys), self, slot)

        ctx.read(dispositions, self.wrap_up.set_dispositions)
        controller.restore_pending()  # what waited for this agent at the last logout, with its drafts
        controller.follow_orders()  # the pop on screen shows its customer's orders as they are now

    @property
    def shown_call(self) -> ActiveCall | None:
        """The call on screen, whose wrap-up the panel edits."""
        return self.controller.lifecycle.on_screen

    def _on_pop_ready(self, call: ActiveCall) -> None:
        # A restored call's pop comes because the agent reopened it: it is shown whatever else goes on.
        if not call.restored and not call.keeps_agent_busy and self.controller.agent.keeps_screen_from(call):
            # Talking to another caller or wrapping one up: this call waits in the list beside.
            self._refresh_side_list()
            self.ctx.messages.info.emit(self.tr("Another call is ringing: it waits in the list beside the wrap-up."))
            return
        self.view.show_call(call)
        self._bind_wrap_up(call)
        self.view.repaint()
        self.last_pop_ms = (time.perf_counter() - call.frame_received) * 1000
        log.info(
            "pop %s painted %.1f ms after its frame",
            call.call_id,
            self.last_pop_ms,
            extra={"call_id": call.call_id, "ms": round(self.last_pop_ms, 1)},  # never the caller's number
        )
        self.popped.emit(call)

    def _on_pop_updated(self, call: ActiveCall) -> None:
        # A late answer for a call no longer on screen (a retry, a reload) must not replace the shown pop.
        if self.controller.lifecycle.repaints(call):
            self.view.show_call(call)

    def _bind_wrap_up(self, call: ActiveCall) -> None:
        """Point the wrap-up panel at ``call``, keeping what was typed for the call it showed before."""
        self._keep_draft()  # typed for the call shown so far, not yet kept
        if not self.controller.lifecycle.put_on_screen(call, WrapUpDraft(*self.wrap_up.draft())):
            self.wrap_up.set_status(self._status_of(call))  # reopened while shown: keep what is typed
            return
        self.wrap_up.start(
            self._status_of(call),
            notes=call.draft.notes,
            disposition=call.draft.disposition,
            can_save=call.can_wrap_up,
        )
        self._refresh_side_list()

    def _status_of(self, call: ActiveCall) -> str:
        if call.wrapped_up:
            return self.tr("Wrap-up saved")
        if call.phase is CallPhase.ANSWERED_ELSEWHERE and not call.answered:
            return self.tr("Answered by a colleague")
        if call.phase is CallPhase.RANG_OUT:
            return self.tr("Rang unanswered: back in the queue")
        if call.ended:
            return self.tr("Call ended ({0}): wrap up").format(labels.end_reason(call.end_reason) or "—")
        if call.answered:
            return self.tr("Talking")
        return self.tr("Ringing: {0}").format(self.caller_number(call))

    def caller_number(self, call: ActiveCall) -> str:
        """The caller's number as the rest of the desk shows numbers (138 0013 8000), or "withheld"."""
        pop = call.pop
        if (pop is not None and pop.withheld) or not call.ani or is_withheld(call.ani):
            return self.tr("withheld")
        return display_number(
            pop.ani_e164 if pop is not None and pop.ani_e164 else call.ani, self.ctx.settings.phone_region
        )

    def caller_text(self, call: ActiveCall) -> str:
        """Who is calling, in a word: the customer's name when known, else their number as shown elsewhere."""
        if call.pop is not None and call.pop.card is not None:
            return call.pop.card.name
        return call.caller_name or self.caller_number(call)

    def _on_call_state(self, call: ActiveCall) -> None:
        if call.answered and not call.ended and call is not self.shown_call and call.pop is not None:
            self._reopen(call.call_id)  # answered while waiting in the list: its caller is on the line now
        if call is self.shown_call:
            self.wrap_up.set_status(self._status_of(call))
            if not call.can_wrap_up:
                self.wrap_up.save.setEnabled(False)
        self._refresh_side_list()

    def _on_wrap_up_saved(self, call_id: str) -> None:
        if self.shown_call is not None and self.shown_call.call_id == call_id:
            self.wrap_up.saved()
        self._refresh_side_list()

    def _on_wrap_up_failed(self, call_id: str, why: str) -> None:
        if self.shown_call is not None and self.shown_call.call_id == call_id:
            self.wrap_up.show_error(why)

    def _on_draft_restored(self, call: ActiveCall) -> None:
        # What an earlier login kept for the call on screen; not while the agent types (theirs is newer).
        if call is self.shown_call and self._draft_for is not call:
            self.wrap_up.start(
                self._status_of(call), notes=call.draft.notes, disposition=call.draft.disposition,
                can_save=call.can_wrap_up,
            )  # fmt: skip
        self._refresh_side_list()

    def _refresh_side_list(self) -> None:
        """Missed calls, then calls answered but not wrapped up that are not in the panel now."""
        self.missed.clear()
        missed = self.controller.missed
        for call in self.controller.calls.values():
            ringing = call.phase is CallPhase.RINGING and call not in missed  # rang out once: listed as missed
            if ringing and call.pop is not None and call is not self.shown_call:
                self._add_side_item(call, self.tr("ringing: "))
        for call in missed:
            self._add_side_item(call, "")
        for call in self.controller.unfinished():
            if call is not self.shown_call:
                self._add_side_item(call, self.tr("wrap up: "))

    def _add_side_item(self, call: ActiveCall, prefix: str) -> None:
        item = QListWidgetItem(f"{prefix}{call.offered_at:%H:%M:%S}  {self.caller_text(call)}")
        item.setData(Qt.ItemDataRole.UserRole, call.call_id)
        self.missed.addItem(item)

    def _reopen(self, call_id: str) -> None:
        call = self.controller.reopen(call_id)
        if call is not None:
            self._bind_wrap_up(call)
            self.view.show_call(call)

    # The call on screen, not the newest one: another call may ring while the agent picks.
    def _choose(self, customer_id: int) -> None:
        if self.shown_call is not None:
            self.controller.choose_customer(self.shown_call, customer_id)

    def _create(self, data: object) -> None:
        if self.shown_call is not None:
            self.controller.create_customer(self.shown_call, data)  # type: ignore[arg-type]

    def _propose_article(self, notes: str) -> None:
        call = self.shown_call
        platform_id = call.call_id if call is not None else None
        self.ctx.read(
            lambda session: call_id_for(session, platform_id),
            lambda call_id: self.article_proposed.emit(call_id, notes),
        )

    def _draft_changed(self) -> None:
        self._draft_for = self.shown_call
        self._draft_timer.start()

    def _keep_draft(self) -> None:
        self._draft_timer.stop()
        call, self._draft_for = self._draft_for, None
        if call is not None and call is self.shown_call:
            self.controller.draft_typed(call, *self.wrap_up.draft())

    def _dismiss_current(self) -> None:
        item = self.missed.currentItem()
        if item is not None:
            self.controller.dismiss(item.data(Qt.ItemDataRole.UserRole))

    # --- a test call -----------------------------------------------------------------------------

    def set_hub_link(self, state: str) -> None:
        """The hub link's state (LinkState value): "Ring me" asks the hub only while it is connected."""
        self._hub_link = state
        if state == "connected":
            self.ring_me_note.hide()

    def _ring_me(self) -> None:
        why = self._why_no_test_call()
        if not why:
            self.ring_me_note.hide()
            self.ring_me_requested.emit()
            return
        self.ring_me_note.setText(why)
        self.ring_me_note.show()
        self.ctx.messages.info.emit(why)

    def _why_no_test_call(self) -> str:
        """Why the hub cannot ring this desk now, with what to do; empty when it can."""
        settings = self.ctx.settings
        if not settings.hub_url:
            return self.tr(
                "No test call: this desk is set up without a hub (hub_url is empty). Set hub_url in the "
                "configuration or start AgentDesk with --hub ws://HOST:PORT; “agent-desk demo” starts a hub "
                "with simulated calls."
            )
        if not (settings.agent_id or self.ctx.user.telephony_id):
            return self.tr(
                "No test call: your user has no telephony id (e.g. SIP/8001), so the hub cannot ring you. "
                "Ask an administrator to set one, or set agent_id in the configuration."
            )
        if self._hub_link == "refused":
            return self.tr(
                "No test call: the hub at {0} refused this desk (its reason is on the hub link in the status bar). "
                "Ask an administrator to check the hub's tokens and version."
            ).format(settings.hub_url)
        if self._hub_link != "connected":
            return self.tr(
                "No test call: the hub at {0} is not connected. Check that it is running (“agent-desk demo” "
                "starts one with simulated calls); the desk reconnects by itself, then press Ring me again."
            ).format(settings.hub_url)
        return ""

    def shutdown(self) -> None:
        """The window closes: what was typed is kept before the keeper stops."""
        self._keep_draft()
        self.controller.shutdown()

    def _save_wrap_up(self, code: str, notes: str) -> None:
        if self.shown_call is not None:
            self.controller.save_wrap_up(self.shown_call, code, notes)
