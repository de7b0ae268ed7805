"""Opening order forms, one window per order, from the pop, the customer record and the returned list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from agent_desk.services.orders import drafts as order_drafts
from agent_desk.services.orders.drafts import LocalDraft, OpenedForm
from agent_desk.ui import labels
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_text
from agent_desk.ui.orders.entry_window import OrderEntry
from agent_desk.ui.orders.local_copies import LocalCopies
from agent_desk.ui.orders.restore import RestoreOffer, pending_local_drafts, restore


class OrderEntries(QObject):
    """Opens order forms (one window per order) for the pop, the customer record and the returned list.

    Owns the desk's local-files worker (``local_copies``), which every form it opens keeps its copy
    on this computer with; it is shut down, waiting for the last copies, when the application quits
    or this object goes.

    Signals:
        opened(OrderEntry): a form is on screen.
        submitted(OrderView): one of its forms submitted an order.
        offered(RestoreOffer): kept forms are being offered back.
    """

    opened = Signal(object)
    submitted = Signal(object)
    offered = Signal(object)

    def __init__(self, ctx: DeskContext, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self.ctx = ctx
        self._parent_widget = parent_widget
        self.entries: dict[str, OrderEntry] = {}
        self.local_copies = LocalCopies()
        self.destroyed.connect(self.local_copies.shutdown)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def shutdown(self) -> None:
        """Wait for the copies still being written; any asked for later are written at once."""
        self.local_copies.shutdown()

    def new_order(
        self, customer_id: int, *, business_line_id: int | None = None, platform_call_id: str | None = None
    ) -> None:
        """A new order for a customer; kept unfinished forms for that customer are offered first."""
        kept = [d for d in self._kept() if d.form.data.customer_id == customer_id]
        if kept:
            offer = self._offer(kept, offer_new=True)

            def fresh() -> None:
                self._open_new(customer_id, business_line_id=business_line_id, platform_call_id=platform_call_id)

            offer.new_requested.connect(fresh)
            return
        self._open_new(customer_id, business_line_id=business_line_id, platform_call_id=platform_call_id)

    def offer_kept(self) -> RestoreOffer | None:
        """At start: offer every kept form of this user (a crash, or a database outage, left them)."""
        kept = self._kept()
        return self._offer(kept, offer_new=False) if kept else None

    def open_order(self, order_id: int) -> None:
        """Reopen one of the user's orders (a returned one) for fixing and resubmitting."""
        factory, user = self.ctx.database.factory, self.ctx.user

        def load() -> OpenedForm:
            with factory() as session:
                return order_drafts.open_order(session, order_id, user)

        self.ctx.runner.run(load, self._show, self._failed)

    def restore(self, draft: LocalDraft) -> OrderEntry:
        existing = self._raise_open(draft.form.data.client_uuid)
        if existing is not None:
            return existing
        entry = restore(self.ctx, draft, self.local_copies, self._parent_widget)
        self._track(entry)
        return entry

    def _kept(self) -> list[LocalDraft]:
        # A form on screen is its own newest copy: offering it again would open it twice. A form closed
        # while still saving is offered, and restoring it brings that same window back.
        on_screen = {uuid for uuid, entry in self.entries.items() if not entry.closing}
        kept = pending_local_drafts(self.ctx, self.local_copies)
        return [d for d in kept if d.form.data.client_uuid not in on_screen]

    def _offer(self, kept: list[LocalDraft], *, offer_new: bool) -> RestoreOffer:
        offer = RestoreOffer(kept, offer_new=offer_new, parent=self._parent_widget)
        offer.restore_requested.connect(self.restore)
        offer.discard_requested.connect(lambda d: self.local_copies.remove(d.form.data.client_uuid))
        offer.show()
        self.offered.emit(offer)
        return offer

    def _open_new(self, customer_id: int, *, business_line_id: int | None, platform_call_id: str | None) -> None:
        factory = self.ctx.database.factory

        def load() -> OpenedForm:
            with factory() as session:
                return order_drafts.open_new(
                    session, customer_id, business_line_id=business_line_id, platform_call_id=platform_call_id
                )

        self.ctx.runner.run(load, self._show, self._failed)

    def _show(self, opened: OpenedForm) -> None:
        if self._raise_open(opened.data.client_uuid) is not None:
            return
        if not opened.editable:
            self.ctx.messages.info.emit(
                self.tr("Order {0} is {1} and cannot be changed.").format(
                    opened.order_no, labels.order_state(opened.state)
                )
            )
            return
        entry = OrderEntry(self.ctx, opened, self.local_copies, self._parent_widget)
        self._track(entry)
        entry.show()
        entry.focus_search()

    def _track(self, entry: OrderEntry) -> None:
        uuid = entry.client_uuid
        self.entries[uuid] = entry
        entry.submitted.connect(self.submitted)
        # Tracked until finished, not merely closed: a closed form may still be submitting, hidden.
        entry.finished.connect(lambda _u: self.entries.pop(uuid, None) if self.entries.get(uuid) is entry else None)
        self.opened.emit(entry)

    def _raise_open(self, client_uuid: str) -> OrderEntry | None:
        """The form's window brought to the front if it is already open; one window per order."""
        entry = self.entries.get(client_uuid)
        if entry is not None:
            entry.bring_back()
        return entry

    def _failed(self, exc: BaseException) -> None:
        if order_drafts.is_link_error(exc):
            text = self.tr("The database cannot be reached, so the order form cannot open yet: {0}").format(exc)
        else:
            text = error_text(exc)
        self.ctx.messages.warning.emit(text)


def install_order_entry(desk_workspace: QWidget, ctx: DeskContext) -> OrderEntries:
    """Answer the pop's "New order" with a form for the current call's customer, business line and call.

    Also makes a double-click (or Enter) on a row of the pop's Returned tab reopen that order.
    ``desk_workspace`` is the DeskWorkspace (its ``view`` is the PopView, ``shown_call`` the call on screen).
    """
    entries = OrderEntries(ctx, desk_workspace)
    view = desk_workspace.view  # type: ignore[attr-defined]

    def new_order(customer_id: int) -> None:
        call = desk_workspace.shown_call  # type: ignore[attr-defined]  # the call on screen
        line_id = platform_id = None
        if call is not None and call.customer_id == customer_id:
            platform_id = call.call_id
            if call.pop is not None and call.pop.business_line is not None:
                line_id = call.pop.business_line.id
        entries.new_order(customer_id, business_line_id=line_id, platform_call_id=platform_id)

    def reopen_returned(row: int, _column: int) -> None:
        call = desk_workspace.shown_call  # type: ignore[attr-defined]  # the call on screen
        if call is not None and call.pop is not None and 0 <= row < len(call.pop.returned_orders):
            entries.open_order(call.pop.returned_orders[row].id)

    view.new_order_requested.connect(new_order)
    view.returned.cellActivated.connect(reopen_returned)
    return entries
