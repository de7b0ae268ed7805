"""The Customers workspace: search as you type, the record with its histories, edit and create.

Display only: the database is reached through the desk context's operations and services.customers.search, which
also decides what a role may see and do (masked numbers, editing, orders) and writes the access log.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_desk.services.customers.editing import (
    NAME_MAX,
    CustomerError,
    CustomerInput,
    may_edit,
    save_customer,
    takes_orders,
)
from agent_desk.services.customers.records import CustomerMatch, CustomerRecord
from agent_desk.services.customers.search import find_customers, open_customer
from agent_desk.ui.context import DeskContext
from agent_desk.ui.customers.detail import CustomerDetail
from agent_desk.ui.customers.editor import CustomerEditor
from agent_desk.ui.customers.tables import RED, make_table
from agent_desk.ui.errors import error_detail

DEBOUNCE_MS = 250
_ID = Qt.ItemDataRole.UserRole


class CustomersWorkspace(QWidget):
    """Search by name, phone in any spelling or order number; open, edit and create customers.

    Signals:
    customer_opened(int): a customer record is on screen (the opening is in the access log).
    new_order_requested(int): the user wants to take an order for this customer.
    searched(int): a search finished with this many results (tests, busy indicators).
    saved(int): a customer was created or edited and is on screen.
    """

    customer_opened = Signal(int)
    new_order_requested = Signal(int)
    searched = Signal(int)
    saved = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._region = ctx.settings.phone_region
        self._can_edit = may_edit(ctx.user.role)
        # Only the newest search and opening may paint: an older, slower one is dropped.
        self._search_seq = 0
        self._open_seq = 0
        self._editing_id: int | None = None
        self._record: CustomerRecord | None = None

        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setPlaceholderText(self.tr("Name, phone, last 4 digits or order number (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.status = QLabel()
        self.status.setObjectName("search_status")
        self.status.setWordWrap(True)
        self.results = make_table([self.tr("Name"), self.tr("Flags"), self.tr("Phones")])
        self.results.setObjectName("customer_results")
        header = self.results.horizontalHeader()
        header.resizeSection(0, 110)
        header.resizeSection(1, 60)
        self.new_button = QPushButton(self.tr("&New customer (Ctrl+N)"))
        self.new_button.setObjectName("customer_new")
        self.new_button.setEnabled(self._can_edit)

        search_pane = QWidget()
        self._search_pane = search_pane
        left = QVBoxLayout(search_pane)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.search)
        left.addWidget(self.status)
        left.addWidget(self.results, 1)
        left.addWidget(self.new_button)

        self.placeholder = QLabel(self.tr("Search for a customer and pick one from the list."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: gray;")
        self.detail = CustomerDetail(can_edit=self._can_edit, can_order=takes_orders(ctx.user.role))
        self.editor = CustomerEditor()
        self.stack = QStackedWidget()
        for page in (self.placeholder, self.detail, self.editor):
            self.stack.addWidget(page)

        splitter = QSplitter()
        splitter.addWidget(search_pane)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 620])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setFocusProxy(self.search)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search_now)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._on_enter)
        self.results.currentCellChanged.connect(self._on_current_row)
        self.results.cellActivated.connect(lambda row, _col: self._open_row(row))
        self.new_button.clicked.connect(self._new_customer)
        self.detail.edit_requested.connect(self._edit_current)
        self.detail.new_order_requested.connect(self.new_order_requested)
        self.editor.save_requested.connect(self._save)
        self.editor.cancelled.connect(self._leave_editor)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search, context)
        QShortcut(QKeySequence.StandardKey.New, self, self._new_customer, context)

    # --- search -----------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        if self._search_pane.isEnabled():
            self.search.setFocus()
            self.search.selectAll()

    def _on_enter(self) -> None:
        self._debounce.stop()
        self._search_now(open_single=True)

    def _search_now(self, open_single: bool = False) -> None:
        self._search_seq += 1
        seq, text = self._search_seq, self.search.text()
        if not text.strip():
            self._show_results(seq, [], open_single=False, empty_query=True)
            return
        role, region = self.ctx.user.role, self._region
        self.ctx.read(
            lambda session: find_customers(session, text, role=role, region=region),
            lambda matches: self._show_results(seq, matches, open_single=open_single),
            lambda exc: self._search_failed(seq, exc),
        )

    def _show_results(
        self, seq: int, matches: list[CustomerMatch], *, open_single: bool, empty_query: bool = False
    ) -> None:
        if seq != self._search_seq:
            return
        self.results.blockSignals(True)
        try:
            self.results.setRowCount(len(matches))
            for row, match in enumerate(matches):
                name = QTableWidgetItem(match.name)
                name.setData(_ID, match.id)
                marks = (self.tr("★VIP") if match.vip else "") + (" ⚠" if match.blacklisted else "")
                mark_item = QTableWidgetItem(marks.strip())
                if match.blacklisted:
                    mark_item.setForeground(Qt.GlobalColor.red)
                    mark_item.setToolTip(self.tr("Blacklisted"))
                self.results.setItem(row, 0, name)
                self.results.setItem(row, 1, mark_item)
                self.results.setItem(row, 2, QTableWidgetItem(", ".join(p.display for p in match.phones)))
            self.results.setCurrentCell(-1, -1)
        finally:
            self.results.blockSignals(False)
        if empty_query:
            self._set_status("")
        elif matches:
            self._set_status(self.tr("Customers found: %n", "", len(matches)))
        else:
            self._set_status(self.tr("No customer found. Ctrl+N creates one."))
        self.searched.emit(len(matches))
        if open_single and len(matches) == 1:
            self.results.setCurrentCell(0, 0)  # opens it through _on_current_row

    def _search_failed(self, seq: int, exc: BaseException) -> None:
        if seq == self._search_seq:
            self._set_status(self.tr("Search failed: {0}").format(exc), error=True)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {RED};" if error else "color: gray;")
        self.status.setProperty("error", error)

    # --- opening ----------------------------------------------------------------------------------

    def _on_current_row(self, row: int, _column: int, previous_row: int, _previous_column: int) -> None:
        if row >= 0 and row != previous_row:
            self._open_row(row)

    def _open_row(self, row: int) -> None:
        item = self.results.item(row, 0)
        if item is not None:
            self.open_customer(int(item.data(_ID)))

    def open_customer(self, customer_id: int) -> None:
        """Show one customer; the opening is written to the access log."""
        self._open_seq += 1
        seq = self._open_seq
        user, region = self.ctx.user, self._region
        self.ctx.write(  # opening writes the access log
            lambda session: open_customer(session, customer_id, user_id=user.id, role=user.role, region=region),
            lambda record: self._opened(seq, customer_id, record),
            lambda exc: self._set_status(self.tr("Could not open the customer: {0}").format(exc), error=True),
        )

    def _opened(self, seq: int, customer_id: int, record: CustomerRecord | None) -> None:
        if seq != self._open_seq or self.stack.currentWidget() is self.editor:
            return
        if record is None:
            self._set_status(self.tr("This customer no longer exists."), error=True)
            return
        self._record = record
        self.detail.show_record(record)
        self.stack.setCurrentWidget(self.detail)
        self.customer_opened.emit(customer_id)

    # --- editing ----------------------------------------------------------------------------------

    def _edit_current(self) -> None:
        if self._can_edit and self._record is not None and self._record.card is not None:
            self._enter_editor(self._record.card.id)
            self.editor.edit(self._record.card)

    def _new_customer(self) -> None:
        if not self._can_edit or self.stack.currentWidget() is self.editor:
            return
        self._enter_editor(None)
        # What the user searched for and did not find is most likely the new customer's number or name.
        text = self.search.text().strip()
        looks_like_number = sum(ch.isdigit() for ch in text) >= 5
        self.editor.edit(
            None, name="" if looks_like_number else text[:NAME_MAX], phone=text if looks_like_number else ""
        )

    def _enter_editor(self, customer_id: int | None) -> None:
        self._editing_id = customer_id
        self._search_pane.setEnabled(False)  # switching customers now would silently drop the typing
        self.stack.setCurrentWidget(self.editor)

    def _leave_editor(self) -> None:
        self._search_pane.setEnabled(True)
        self.stack.setCurrentWidget(self.detail if self._record is not None else self.placeholder)
        self.search.setFocus()

    def _save(self, data: CustomerInput) -> None:
        user, region, customer_id = self.ctx.user, self._region, self._editing_id
        self.editor.set_busy(True)
        self.ctx.write(
            lambda session: save_customer(session, customer_id, data, user_id=user.id, role=user.role, region=region),
            self._saved,
            self._save_failed,
        )

    def _saved(self, record: CustomerRecord) -> None:
        assert record.card is not None
        self.editor.set_busy(False)
        self._record = record
        self.detail.show_record(record)
        self._leave_editor()
        self.stack.setCurrentWidget(self.detail)
        if self.search.text().strip():
            self._search_now()  # the list shows the new name and numbers
        self.saved.emit(record.card.id)

    def _save_failed(self, exc: BaseException) -> None:
        self.editor.set_busy(False)
        if isinstance(exc, CustomerError):
            self.editor.show_error(self.tr("Not saved: {0}").format(error_detail(exc)))
        else:
            self.editor.show_error(self.tr("Not saved, the database reported: {0}").format(exc))


def create(ctx: DeskContext) -> QWidget:
    return CustomersWorkspace(ctx)
