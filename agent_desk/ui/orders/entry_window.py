"""The order window: the form, autosaved, kept on this computer, submitted once.

The database is reached through ``ctx.runner`` and services.orders alone. Nothing typed is lost:
every change is handed at once to the desk's local-files worker (local_copies), which keeps it on
this computer without the window waiting for the disk, and saved as a draft every
``autosave_seconds``; while the database is unreachable a banner says so and the save is retried.
Where the form stands (saving, submitting, what to retry, whether a closed window may go) is one
:class:`~agent_desk.services.orders.submission.Submission`; this module only turns it into widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from agent_desk.core.orders import OrderState, TransitionError
from agent_desk.services.orders import drafts as order_drafts
from agent_desk.services.orders.drafts import OpenedForm
from agent_desk.services.orders.entry import likely_duplicates, save_draft, submit
from agent_desk.services.orders.submission import Answer, Close, Op, Submission
from agent_desk.services.orders.types import OrderError, OrderInput, OrderValidationFailed, OrderView
from agent_desk.ui import labels
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_text
from agent_desk.ui.orders.entry_form import ERROR_FIELDS, OrderForm
from agent_desk.ui.orders.formatting import RED, local_time, money
from agent_desk.ui.orders.local_copies import LocalCopies

log = logging.getLogger(__name__)


class OrderEntry(OrderForm):
    """One order form in a window of its own (non-modal: the agent keeps talking and clicking the pop).

    Signals:
        submitted(OrderView): the order went to review; emitted once.
        saved(OrderView): a draft save reached the database.
        link_changed(bool): False while the database cannot be reached, True when it is back.
        closed(str): the form's client uuid; the window was closed (a last autosave may still run).
        finished(str): the form's client uuid; nothing is pending any more and the window goes away.
            Until then a closed form may still be saving or submitting, hidden, and may come back.
    """

    submitted = Signal(object)
    saved = Signal(object)
    link_changed = Signal(bool)
    closed = Signal(str)
    finished = Signal(str)

    def __init__(
        self, ctx: DeskContext, opened: OpenedForm, local_copies: LocalCopies, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, opened, parent, Qt.WindowType.Window)
        self._loading = True
        self._state = Submission()
        self._local_copies = local_copies
        self.last_view: OrderView | None = None

        self.setObjectName("order_entry")
        self.resize(1120, 780)
        self._build_window()
        self._show_returned(opened)
        self._connect_window()
        self._loading = False
        self._update_title()
        self._recompute()

        seconds = max(1, ctx.settings.autosave_seconds)
        self._autosave = self._timer(seconds * 1000, self._save)
        self._retry = self._timer(seconds * 1000, self._on_retry)
        # Zero: the copy is asked for on the next turn of the event loop, once per burst of signals.
        self._local = self._timer(0, self._keep_local)
        self.catalogue.search_now()

    @property
    def submission(self) -> Submission:
        """Where the form stands: saving, submitting, done, closing, what waits for the link."""
        return self._state

    # --- building ---------------------------------------------------------------------------------

    def _build_window(self) -> None:
        self.header = QLabel()
        self.header.setObjectName("entry_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.banner = QLabel(
            self.tr(
                "⚠ Database unreachable — your order is kept on this computer and will be saved "
                "when the link is back. Retrying…"
            )
        )
        self.banner.setObjectName("entry_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #f9a825; color: black; font-weight: bold; padding: 6px;")
        self.banner.hide()
        self.returned_bar = QLabel()
        self.returned_bar.setObjectName("entry_returned")
        self.returned_bar.setWordWrap(True)
        self.returned_bar.setStyleSheet(f"background: #fdecea; color: {RED}; padding: 6px;")
        self.returned_bar.hide()
        self.duplicate_bar = self._build_duplicate_bar()

        self.status = QLabel()
        self.status.setObjectName("entry_status")
        self.status.setStyleSheet("color: gray;")
        self.save_button = QPushButton(self.tr("&Save draft (Ctrl+S)"))
        self.save_button.setObjectName("entry_save")
        self.submit_button = QPushButton(self.tr("Su&bmit for review (Ctrl+Enter)"))
        self.submit_button.setObjectName("entry_submit")
        self.close_button = QPushButton(self.tr("Close (Esc)"))
        self.close_button.setObjectName("entry_close")
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.save_button)
        footer.addWidget(self.submit_button)
        footer.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.returned_bar)
        layout.addWidget(self.duplicate_bar)
        layout.addWidget(self._form_box, 1)
        layout.addWidget(self._general_error)
        layout.addLayout(footer)

        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save_now),
            (QKeySequence("Ctrl+Return"), self.submit_order),
            (QKeySequence("Ctrl+Enter"), self.submit_order),
            (QKeySequence("Escape"), self.close),
            (QKeySequence.StandardKey.Find, self.focus_search),
        ):
            QShortcut(keys, self, slot)

    def _build_duplicate_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("duplicate_warning")
        bar.setStyleSheet("#duplicate_warning { background: #fff3cd; border: 1px solid #f9a825; }")
        self.duplicate_text = QLabel()
        self.duplicate_text.setObjectName("duplicate_text")
        self.duplicate_text.setWordWrap(True)
        self.submit_anyway = QPushButton(self.tr("Submit &anyway"))
        self.submit_anyway.setObjectName("duplicate_submit")
        self.duplicate_cancel = QPushButton(self.tr("&Cancel"))
        self.duplicate_cancel.setObjectName("duplicate_cancel")
        row = QHBoxLayout(bar)
        row.addWidget(self.duplicate_text, 1)
        row.addWidget(self.submit_anyway)
        row.addWidget(self.duplicate_cancel)
        bar.hide()
        return bar

    def _show_returned(self, opened: OpenedForm) -> None:
        if opened.state == OrderState.RETURNED.value:
            self.returned_bar.setText(
                self.tr("Returned to you: {0} — fix the order and submit it again.").format(
                    opened.last_reason or self.tr("no reason given")
                )
            )
            self.returned_bar.show()

    def _connect_window(self) -> None:
        self.save_button.clicked.connect(self.save_now)
        self.submit_button.clicked.connect(self.submit_order)
        self.close_button.clicked.connect(self.close)
        self.submit_anyway.clicked.connect(self._on_submit_anyway)
        self.duplicate_cancel.clicked.connect(self._on_duplicate_cancel)

    # --- changes, the local copy and the autosave -------------------------------------------------

    def _changed(self) -> None:
        if self._loading or not self._state.change():
            return
        self._local.start()
        if self._state.autosave_allowed and not self._autosave.isActive():
            self._autosave.start()

    def _keep_local(self) -> None:
        if not self._state.done:
            self._local_copies.keep(self.current_form(), user_id=self.ctx.user.id, on_failure=self._not_kept)

    def _not_kept(self, exc: BaseException) -> None:
        self._show_error("general", self.tr("Could not keep a copy on this computer: {0}").format(exc))

    def _keep_local_now(self) -> None:
        # Before a save or a submit that may never come back, what is on screen goes to the disk first.
        self._autosave.stop()
        self._local.stop()
        self._keep_local()

    def resume_kept(self) -> None:
        """A form restored from this computer: save it at once, unless it was submitted after all.

        The copy exists because the database may never have seen this version; but a crash between
        a submit and removing the copy leaves one of an order already on its way.
        """
        factory, data = self.ctx.database.factory, self.current_input()

        def check() -> OpenedForm:
            with factory() as session:
                return order_drafts.open_input(session, data)

        def checked(saved: OpenedForm) -> None:
            if saved.editable:
                self.save_now()
                return
            self._state.already_submitted()
            self._local_copies.remove(self.client_uuid)
            self._show_number(saved.order_no, saved.state)
            self._form_box.setEnabled(False)
            self.save_button.setEnabled(False)
            self.submit_button.setEnabled(False)
            self._show_error(
                "general",
                self.tr("Order {0} was already submitted ({1}); the copy kept on this computer is removed.").format(
                    saved.order_no, labels.order_state(saved.state)
                ),
                hint=True,
            )

        def failed(exc: BaseException) -> None:
            self._state.ask_save()
            if order_drafts.is_link_error(exc):
                self._kept_for_retry(self._state.lost_link(Op.SAVE))
            else:
                self._save()

        self._run(check, checked, failed)

    def save_now(self) -> None:
        """Ctrl+S: save the draft to the database now (the copy on this computer is asked for first)."""
        self._keep_local_now()
        self._state.ask_save()
        self._save()

    def _save(self) -> None:
        if not self._state.start_save():
            return
        self.status.setText(self.tr("Saving…"))
        self._run(self._order_call(save_draft, self.current_input()), self._on_saved, self._on_save_failed)

    def _order_call(self, action: Callable[..., OrderView], data: OrderInput) -> Callable[[], OrderView]:
        # Read here, on the GUI thread: the worker never touches the widget, which may be gone by then.
        factory, user, settings = self.ctx.database.factory, self.ctx.user, self.ctx.settings

        def work() -> OrderView:
            return action(factory, user, data, max_discount_pct=settings.max_discount_pct, region=settings.phone_region)

        return work

    def _on_saved(self, view: OrderView) -> None:
        answer = self._state.saved()
        self._show_link(answer)
        self.last_view = view
        self._show_number(view.order_no, view.state)
        self.status.setText(self.tr("Draft {0} saved").format(view.order_no))
        for name in ERROR_FIELDS:
            if name not in ("search", "general"):
                self._clear_error(name)
        self._show_problems(view.missing, hint=True)
        self.saved.emit(view)
        if answer.autosave:
            self._autosave.start()
        self._maybe_finish()

    def _on_save_failed(self, exc: BaseException) -> None:
        answer = self._state.save_failed(link_error=order_drafts.is_link_error(exc))
        self._not_done(answer, exc, self.tr("Not saved: see the message below the field"))

    def _not_done(self, answer: Answer, exc: BaseException, status: str) -> None:
        if answer.retry is not None:
            self._kept_for_retry(answer)
        elif not self._state.done:  # a save that was out when the submit went through has nothing to say
            self.status.setText(status)
            self._show_failure(exc)
        self._maybe_finish()

    def _show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, OrderValidationFailed):
            self._show_problems(exc.problems, hint=False, line_index=exc.line_index)
        elif isinstance(exc, OrderError | TransitionError):
            self._show_error("general", error_text(exc))
        else:
            log.error("order entry failed", exc_info=exc)
            self._show_error("general", self.tr("Could not save the order: {0}").format(exc))

    # --- submit -----------------------------------------------------------------------------------

    def submit_order(self) -> None:
        """Check for a likely duplicate, then submit; a second click while one is under way does nothing."""
        if not self._state.start_submit():
            return
        self._keep_local_now()
        self._set_busy(True)
        data = self.current_input()
        if self._state.duplicates_confirmed:
            self._submit(data)
            return
        factory = self.ctx.database.factory
        products = {ln.product_id for ln in data.lines}

        def check() -> list[Any]:
            with factory() as session:
                return likely_duplicates(session, data.customer_id, products, exclude_client_uuid=data.client_uuid)

        def checked(found: list[Any]) -> None:
            if not found:
                self._submit(data)
                return
            self._state.hold_for_duplicates()
            self._set_busy(False)
            self._bring_back()  # closed while the submit waited for the database: the agent decides
            numbers = "、".join(f"{o.order_no} ({local_time(o.created_at):%m-%d %H:%M}, {o.items})" for o in found)
            self.duplicate_text.setText(
                self.tr("This customer already ordered the same products recently: {0}. Submit anyway?").format(numbers)
            )
            self.duplicate_bar.show()
            self.submit_anyway.setFocus()

        self._run(check, checked, self._on_submit_failed)

    def _on_submit_anyway(self) -> None:
        self.duplicate_bar.hide()
        self._state.confirm_duplicates()
        self.submit_order()

    def _on_duplicate_cancel(self) -> None:
        self.duplicate_bar.hide()
        self.status.setText(self.tr("Not submitted"))
        self.submit_button.setFocus()

    def _submit(self, data: OrderInput) -> None:
        self._state.send_submit()
        self._run(self._order_call(submit, data), self._on_submitted, self._on_submit_failed)

    def _on_submitted(self, view: OrderView) -> None:
        self._show_link(self._state.submitted())
        self.last_view = view
        for timer in (self._autosave, self._retry, self._local):
            timer.stop()
        # After any copy still being written: the worker keeps the order in which they were asked for.
        self._local_copies.remove(view.client_uuid)
        self._show_number(view.order_no, view.state)
        label = labels.order_state(view.state)
        self.status.setText(self.tr("Order {0} submitted ({1})").format(view.order_no, label))
        if view.state == OrderState.PENDING_REVIEW:
            message = self.tr("Order {0} for {1} submitted for review: {2}")
        else:  # a retried submit of an order that went further meanwhile
            message = self.tr("Order {0} for {1} was already submitted; it is now {3}: {2}")
        self.ctx.messages.info.emit(
            message.format(view.order_no, self._opened.customer_name, money(view.total_cents), label)
        )
        self.submitted.emit(view)
        self.close()

    def _on_submit_failed(self, exc: BaseException) -> None:
        link_error = order_drafts.is_link_error(exc)
        answer = self._state.submit_failed(link_error=link_error)
        self._set_busy(False)
        if not link_error:
            self._bring_back()
        self._not_done(answer, exc, self.tr("Not submitted: see the messages beside the fields"))

    def _bring_back(self) -> None:
        """Show the window again if it was closed while its submit was still waiting for the database."""
        if self._state.closing:
            self.bring_back()
            self.ctx.messages.info.emit(
                self.tr("Order for {0} was not submitted yet: please check it.").format(self._opened.customer_name)
            )

    @property
    def closing(self) -> bool:
        """Closed by the agent, still finishing a save or submit in the background."""
        return self._state.closing

    def bring_back(self) -> None:
        """On screen again, open for editing: asked for again, or it needs the agent."""
        self._state.reopen()
        self.show()
        self.raise_()
        self.activateWindow()

    def _set_busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
        self._form_box.setEnabled(not busy)
        if busy:
            self.duplicate_bar.hide()
            self.status.setText(self.tr("Submitting…"))

    # --- the database link ------------------------------------------------------------------------

    def _kept_for_retry(self, answer: Answer) -> None:
        self._show_link(answer)
        self.status.setText(self.tr("Kept on this computer; retrying…"))
        self._retry.start()

    def _on_retry(self) -> None:
        op = self._state.take_retry()
        if op is Op.SUBMIT:
            # Also once the window is closed: the agent pressed Submit, and the order must not stay a draft.
            self.submit_order()
        elif op is Op.SAVE:
            self._save()

    def _show_link(self, answer: Answer) -> None:
        if answer.link_changed:
            up = not self._state.link_down
            self.banner.setVisible(not up)
            self.link_changed.emit(up)

    @property
    def link_down(self) -> bool:
        return self._state.link_down

    # --- title and closing ------------------------------------------------------------------------

    def _show_number(self, order_no: str, state: str) -> None:
        self._opened = replace(self._opened, order_no=order_no, state=state)
        self._update_title()

    def _update_title(self) -> None:
        opened = self._opened
        who = escape(opened.customer_name)
        parts = [labels.order_state(opened.state)] if opened.state else []
        if opened.business_line_name:
            parts.append(opened.business_line_name)
        sub = escape(" · ".join(parts))
        if opened.order_no:
            title = self.tr("Order {0} for {1}").format(opened.order_no, opened.customer_name)
            head = f"<h2>{escape(opened.order_no)} — {who}</h2>{sub}"
        else:
            title = self.tr("New order for {0}").format(opened.customer_name)
            heading = self.tr("New order — {0}").format(opened.customer_name)  # out of the f-string: lupdate sees it
            head = f"<h2>{escape(heading)}</h2>{sub}"
        self.setWindowTitle(title)
        self.header.setText(head)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Esc or the close button: the form is kept (its local copy asked for now, the database save on its way)."""
        step = self._state.close()
        if step is not Close.AGAIN:
            self._autosave.stop()
            self.catalogue.stop()
            if self._local.isActive():
                self._local.stop()
                self._keep_local()
            if step is Close.SAVE:
                self._save()
            self.closed.emit(self.client_uuid)
        event.accept()
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        # Deleted only when no background task will call back into it; while the database is away
        # the hidden form keeps retrying, so what was typed still reaches it when the link is back.
        # The copy on this computer needs no waiting: the local-files worker outlives the window.
        if self._state.finish(self._in_flight):
            self.finished.emit(self.client_uuid)
            self.deleteLater()
