"""The Customers workspace: search as you type, the record with its histories, edit and create.

Display only: the database is reached through ``ctx.runner`` and services.customers.search, which
also decides what a role may see and do (masked numbers, editing, orders) and writes the access log.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_desk.services.calls.screen_pop import PopResult
from agent_desk.services.customers.editing import (
    ADDRESS_MAX,
    LABEL_MAX,
    NAME_MAX,
    AddressInput,
    CustomerError,
    CustomerInput,
    may_edit,
    save_customer,
    takes_orders,
)
from agent_desk.services.customers.records import CustomerCard, CustomerMatch
from agent_desk.services.customers.search import find_customers, open_customer
from agent_desk.store.db import transaction
from agent_desk.ui.context import DeskContext
from agent_desk.ui.customer_card import CARD_TAB, CustomerTabs

DEBOUNCE_MS = 250
_RED = "#c62828"
_GOLD = "#b8860b"
_ID = Qt.ItemDataRole.UserRole
PHONE_LABELS = ("mobile", "home", "work", "family")
_ADDRESS_FIELDS = ("province", "city", "district", "detail", "postcode")


def _table(headers: list[str], *, editable: bool = False) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


def _commit_open_editor(table: QTableWidget) -> None:
    """A cell still being typed in when Save is pressed by shortcut would otherwise be lost."""
    if table.state() != QAbstractItemView.State.EditingState:
        return
    editor = table.indexWidget(table.currentIndex()) or table.focusWidget()
    if editor is not None and editor is not table:
        table.commitData(editor)
        table.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)


class _LimitedDelegate(QStyledItemDelegate):
    """Cell editors that stop at the column's width in the database; the label column suggests labels."""

    def __init__(self, limits: dict[int, int], suggestions: dict[int, tuple[str, ...]], parent: QWidget) -> None:
        super().__init__(parent)
        self._limits = limits
        self._suggestions = suggestions

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            if index.column() in self._limits:
                editor.setMaxLength(self._limits[index.column()])
            if index.column() in self._suggestions:
                completer = QCompleter(list(self._suggestions[index.column()]), editor)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                editor.setCompleter(completer)
        return editor


def vip_badge(text: str = "VIP") -> str:
    return f' <span style="background:{_GOLD}; color:white;">&nbsp;{escape(text)}&nbsp;</span>'


class CustomerDetail(QWidget):
    """One customer's card and histories.

    Signals:
    edit_requested(): the user wants to edit this customer.
    new_order_requested(int): the user wants to take an order for this customer.
    """

    edit_requested = Signal()
    new_order_requested = Signal(int)

    def __init__(self, *, can_edit: bool, can_order: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_id: int | None = None
        self.header = QLabel()
        self.header.setObjectName("customer_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = QLabel()
        self.banner.setObjectName("customer_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"background: {_RED}; color: white; font-weight: bold; padding: 6px;")
        self.banner.hide()
        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.setObjectName("customer_edit")
        self.edit_button.setToolTip(self.tr("Edit name, notes, phones and addresses"))
        self.edit_button.setVisible(can_edit)
        self.edit_button.clicked.connect(self.edit_requested)
        self.order_button = QPushButton(self.tr("New &order"))
        self.order_button.setObjectName("customer_new_order")
        self.order_button.setVisible(can_order)
        self.order_button.clicked.connect(self._request_order)

        # Long item lists and notes are cut at the column's edge; short cells need no tooltip.
        self.tabs = CustomerTabs(_table, tooltip_from=25)
        self.tabs.setObjectName("customer_tabs")
        self.card = self.tabs.card
        self.card.setObjectName("customer_card")
        self.orders, self.returned = self.tabs.orders, self.tabs.returned
        self.calls, self.followups = self.tabs.calls, self.tabs.followups
        self.tabs.show_counts(None)

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.order_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    def show_record(self, record: PopResult) -> None:
        card = record.card
        assert card is not None
        self.customer_id = card.id
        vip = (
            vip_badge(self.tr("VIP")) + f' <span style="color:{_GOLD};">{escape(card.vip_note)}</span>'
            if card.vip
            else ""
        )
        phone = card.phones[0].display if card.phones else ""
        self.header.setText(f"<h2>{escape(card.name)}{vip}</h2>{escape(phone)}")
        if card.blacklisted:
            self.banner.setText(
                self.tr("⚠ BLACKLISTED: {0}").format(card.blacklist_reason or self.tr("no reason given"))
            )
            self.banner.show()
        else:
            self.banner.hide()
        self.card.setHtml(self.tabs.card_html(card))
        self.tabs.show_history(record)
        self.tabs.setCurrentIndex(CARD_TAB)

    def _request_order(self) -> None:
        if self.customer_id is not None:
            self.new_order_requested.emit(self.customer_id)


class CustomerEditor(QWidget):
    """Name, notes, phones and addresses of a new or existing customer.

    Signals:
    save_requested(CustomerInput): the user pressed Save; the form keeps its contents until told otherwise.
    cancelled(): the user gave up editing.
    """

    save_requested = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gender = ""  # not edited here, but update_customer replaces it: carried through unchanged
        self.title = QLabel()
        self.title.setObjectName("editor_title")
        self.error = QLabel()
        self.error.setObjectName("editor_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {_RED}; font-weight: bold;")
        self.error.hide()
        self.name = QLineEdit()
        self.name.setObjectName("editor_name")
        self.name.setMaxLength(NAME_MAX)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("editor_notes")
        self.notes.setMaximumHeight(70)

        self.phones = _table([self.tr("Number"), self.tr("Label")], editable=True)
        self.phones.setObjectName("editor_phones")
        self.phones.setItemDelegate(_LimitedDelegate({0: 40, 1: LABEL_MAX}, {1: PHONE_LABELS}, self.phones))
        self.phones.horizontalHeader().resizeSection(0, 220)
        self.addresses = _table(
            [self.tr("Province"), self.tr("City"), self.tr("District"), self.tr("Street address"), self.tr("Postcode")],
            editable=True,
        )
        self.addresses.setObjectName("editor_addresses")
        self.addresses.setItemDelegate(
            _LimitedDelegate({i: ADDRESS_MAX[f] for i, f in enumerate(_ADDRESS_FIELDS)}, {}, self.addresses)
        )
        header = self.addresses.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 90), (1, 90), (2, 90), (4, 80)):
            header.resizeSection(column, width)
        for table in (self.phones, self.addresses):
            table.setMinimumHeight(110)

        self.add_phone = QPushButton(self.tr("Add phone"))
        self.add_phone.setObjectName("editor_add_phone")
        self.add_phone.clicked.connect(lambda: self._add_row(self.phones, ["", "mobile"]))
        self.remove_phone = QPushButton(self.tr("Remove phone"))
        self.remove_phone.clicked.connect(lambda: self._remove_row(self.phones))
        self.add_address = QPushButton(self.tr("Add address"))
        self.add_address.setObjectName("editor_add_address")
        self.add_address.clicked.connect(lambda: self._add_row(self.addresses, [""] * len(_ADDRESS_FIELDS)))
        self.remove_address = QPushButton(self.tr("Remove address"))
        self.remove_address.clicked.connect(lambda: self._remove_row(self.addresses))
        self.save = QPushButton(self.tr("&Save"))
        self.save.setObjectName("editor_save")
        self.save.setDefault(True)
        self.save.clicked.connect(self._submit)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("editor_cancel")
        self.cancel.clicked.connect(self.cancelled)
        QShortcut(QKeySequence.StandardKey.Save, self, self._submit, Qt.ShortcutContext.WidgetWithChildrenShortcut)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("N&otes:"), self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("<b>Phones</b> — any spelling; the first is the main number")))
        layout.addWidget(self.phones, 1)
        layout.addLayout(self._row(self.add_phone, self.remove_phone))
        layout.addWidget(QLabel(self.tr("<b>Addresses</b> — the first is the default for orders")))
        layout.addWidget(self.addresses, 2)
        layout.addLayout(self._row(self.add_address, self.remove_address))
        layout.addLayout(self._row(self.save, self.cancel, right=True))

    @staticmethod
    def _row(*buttons: QPushButton, right: bool = False) -> QHBoxLayout:
        row = QHBoxLayout()
        if right:
            row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        if not right:
            row.addStretch(1)
        return row

    def _add_row(self, table: QTableWidget, values: list[str]) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column, text in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(text))
        table.setCurrentCell(row, 0)
        table.setFocus()
        table.editItem(table.item(row, 0))

    @staticmethod
    def _remove_row(table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)

    def edit(self, card: CustomerCard | None, *, name: str = "", phone: str = "") -> None:
        """Fill the form from ``card``, or empty (with what the user searched for) for a new customer."""
        self.title.setText(
            self.tr("<h2>Edit {0}</h2>").format(escape(card.name)) if card else self.tr("<h2>New customer</h2>")
        )
        self.error.clear()
        self.error.hide()
        self._gender = card.gender if card else ""
        self.name.setText(card.name if card else name)
        self.notes.setPlainText(card.notes if card else "")
        phones = [[p.display, p.label] for p in card.phones] if card else [[phone, "mobile"]]
        _fill(self.phones, phones)
        addresses = [[getattr(a, f) for f in _ADDRESS_FIELDS] for a in card.addresses] if card else []
        _fill(self.addresses, addresses)
        self.set_busy(False)
        self.name.setFocus()

    def set_busy(self, busy: bool) -> None:
        # A second click while the first save runs would create the customer twice.
        self.save.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def data(self) -> CustomerInput:
        for table in (self.phones, self.addresses):
            _commit_open_editor(table)
        phones = [
            (_cell(self.phones, r, 0), _cell(self.phones, r, 1))
            for r in range(self.phones.rowCount())
            if _cell(self.phones, r, 0)
        ]
        addresses = []
        for r in range(self.addresses.rowCount()):
            values = [_cell(self.addresses, r, c) for c in range(len(_ADDRESS_FIELDS))]
            if any(values):
                addresses.append(AddressInput(*values))
        return CustomerInput(
            name=self.name.text(),
            phones=phones,
            addresses=addresses,
            notes=self.notes.toPlainText(),
            gender=self._gender,
        )

    def _submit(self) -> None:
        if self.save.isEnabled():
            self.save_requested.emit(self.data())


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
        self._record: PopResult | None = None

        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setPlaceholderText(self.tr("Name, phone or order number (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.status = QLabel()
        self.status.setObjectName("search_status")
        self.status.setWordWrap(True)
        self.results = _table([self.tr("Name"), self.tr("Flags"), self.tr("Phones")])
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
        factory, role, region = self.ctx.database.factory, self.ctx.user.role, self._region

        def find() -> list[CustomerMatch]:
            with factory() as session:
                return find_customers(session, text, role=role, region=region)

        self.ctx.runner.run(
            find,
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
        self.status.setStyleSheet(f"color: {_RED};" if error else "color: gray;")
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
        factory, user, region = self.ctx.database.factory, self.ctx.user, self._region

        def load() -> PopResult | None:
            with transaction(factory) as session:
                return open_customer(session, customer_id, user_id=user.id, role=user.role, region=region)

        self.ctx.runner.run(
            load,
            lambda record: self._opened(seq, customer_id, record),
            lambda exc: self._set_status(self.tr("Could not open the customer: {0}").format(exc), error=True),
        )

    def _opened(self, seq: int, customer_id: int, record: PopResult | None) -> None:
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
        factory, user, region, customer_id = self.ctx.database.factory, self.ctx.user, self._region, self._editing_id

        def save() -> PopResult:
            with transaction(factory) as session:
                return save_customer(session, customer_id, data, user_id=user.id, role=user.role, region=region)

        self.editor.set_busy(True)
        self.ctx.runner.run(save, self._saved, self._save_failed)

    def _saved(self, record: PopResult) -> None:
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
            self.editor.show_error(self.tr("Not saved: {0}").format(exc))
        else:
            self.editor.show_error(self.tr("Not saved, the database reported: {0}").format(exc))


def create(ctx: DeskContext) -> QWidget:
    return CustomersWorkspace(ctx)
