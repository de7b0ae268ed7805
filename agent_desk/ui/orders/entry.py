"""Order entry: catalogue, lines, recipient, payment, notes — autosaved, kept on this computer, submitted once.

Display only. Prices, limits and totals come from services.order_drafts (core.money underneath);
the database is reached through ``ctx.runner`` and services.orders alone. Nothing typed is lost:
every change is copied to a local file at once and saved as a draft every ``autosave_seconds``;
while the database is unreachable a banner says so and the save is retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.money import MAX_QUANTITY, MIN_QUANTITY, OrderValidationError, format_yuan
from agent_desk.core.orders import OrderState
from agent_desk.core.phone import display_number
from agent_desk.services import order_drafts
from agent_desk.services.order_drafts import FormLine, LocalDraft, OpenedForm
from agent_desk.services.orders import (
    OrderError,
    OrderInput,
    OrderValidationFailed,
    OrderView,
    ProductView,
    catalogue,
    likely_duplicates,
    save_draft,
    submit,
)
from agent_desk.ui.context import DeskContext

log = logging.getLogger(__name__)

SEARCH_DEBOUNCE_MS = 150
_RED = "#c62828"
_AMBER = "#8a6100"
_ID = Qt.ItemDataRole.UserRole
_TEXT_FIELDS = ("recipient_name", "recipient_phone", "province", "city", "district", "address_detail", "postcode")
_ERROR_FIELDS = (*_TEXT_FIELDS, "notes", "lines", "payment_method", "general")
_COL_PRODUCT, _COL_PRICE, _COL_QTY, _COL_DISCOUNT, _COL_TOTAL, _COL_REMOVE = range(6)


def _money(cents: int) -> str:
    return format_yuan(cents, symbol=True)


def local_time(stored: datetime) -> datetime:
    """The database keeps naive UTC; agents read their own clock."""
    return stored.replace(tzinfo=UTC).astimezone() if stored.tzinfo is None else stored.astimezone()


class OrderEntry(QWidget):
    """One order form in a window of its own (non-modal: the agent keeps talking and clicking the pop).

    Signals:
        submitted(OrderView): the order went to review; emitted once.
        saved(OrderView): a draft save reached the database.
        link_changed(bool): False while the database cannot be reached, True when it is back.
        closed(str): the form's client uuid; the window was closed (a last autosave may still run).
    """

    submitted = Signal(object)
    saved = Signal(object)
    link_changed = Signal(bool)
    closed = Signal(str)

    def __init__(self, ctx: DeskContext, opened: OpenedForm, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self._opened = opened
        self._lines: list[FormLine] = list(opened.lines)
        self._desk_max = ctx.settings.max_discount_pct
        self._loading = True
        self._dirty = False
        self._saving = False
        self._submitting = False
        self._done = False
        self._closing = False
        self._link_down = False
        self._retry_op: str | None = None
        self._duplicates_confirmed = False
        self._in_flight = 0
        self._search_seq = 0
        self._results: list[ProductView] = []
        self.last_view: OrderView | None = None

        self.setObjectName("order_entry")
        self.resize(1120, 780)
        self._build()
        self._fill(opened)
        self._connect()
        self._loading = False
        self._update_title()
        self._recompute()

        seconds = max(1, ctx.settings.autosave_seconds)
        self._autosave = self._timer(seconds * 1000, self._save)
        self._retry = self._timer(seconds * 1000, self._on_retry)
        self._local = self._timer(0, self._write_local)
        self._search_timer = self._timer(SEARCH_DEBOUNCE_MS, self._search)
        self._search()

    # --- building ---------------------------------------------------------------------------------

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{name}")
        label.setWordWrap(True)
        label.hide()
        self._errors[name] = label
        return label

    def _with_error(self, name: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        layout.addWidget(self._error_label(name))
        return box

    def _build(self) -> None:
        self._errors: dict[str, QLabel] = {}
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
        self.returned_bar.setStyleSheet(f"background: #fdecea; color: {_RED}; padding: 6px;")
        self.returned_bar.hide()
        self.duplicate_bar = self._build_duplicate_bar()

        # Catalogue.
        self.search = QLineEdit()
        self.search.setObjectName("catalogue_search")
        self.search.setPlaceholderText(self.tr("Product name or SKU — Enter adds it"))
        self.search.setClearButtonEnabled(True)
        self.only_line = QCheckBox()
        self.only_line.setObjectName("catalogue_only_line")
        self.results = QListWidget()
        self.results.setObjectName("catalogue_results")
        self.results.setAlternatingRowColors(True)
        catalogue_box = QGroupBox(self.tr("Catalogue (Ctrl+F)"))
        cat_layout = QVBoxLayout(catalogue_box)
        cat_layout.addWidget(self.search)
        cat_layout.addWidget(self.only_line)
        cat_layout.addWidget(self.results, 1)
        cat_layout.addWidget(self._error_label("search"))

        # Lines and totals.
        self.lines = QTableWidget(0, 6)
        self.lines.setObjectName("order_lines")
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Product"), self.tr("Unit price"), self.tr("Quantity"), self.tr("Discount"), self.tr("Total"), ""]
        )
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines.verticalHeader().setVisible(False)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(_COL_PRODUCT, QHeaderView.ResizeMode.Stretch)
        widths = {_COL_PRICE: 100, _COL_QTY: 90, _COL_DISCOUNT: 90, _COL_TOTAL: 110, _COL_REMOVE: 36}
        for col, width in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.lines.setColumnWidth(col, width)
        self.subtotal = QLabel()
        self.subtotal.setObjectName("entry_subtotal")
        self.discount = QLabel()
        self.discount.setObjectName("entry_discount")
        self.total = QLabel()
        self.total.setObjectName("entry_total")
        bold = QFont(self.total.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.25)
        self.total.setFont(bold)
        totals = QHBoxLayout()
        totals.addStretch(1)
        totals.addWidget(self.subtotal)
        totals.addSpacing(16)
        totals.addWidget(self.discount)
        totals.addSpacing(16)
        totals.addWidget(self.total)
        lines_box = QGroupBox(self.tr("Order lines (Delete removes the selected line)"))
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.addWidget(self.lines, 1)
        lines_layout.addWidget(self._error_label("lines"))
        lines_layout.addLayout(totals)

        top = QSplitter()
        top.addWidget(catalogue_box)
        top.addWidget(lines_box)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        top.setChildrenCollapsible(False)

        # Recipient and address.
        self.fields: dict[str, QLineEdit] = {}
        limits = {"recipient_name": 100, "province": 40, "city": 40, "district": 40, "address_detail": 200}
        for name in _TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            if name in limits:
                edit.setMaxLength(limits[name])
            self.fields[name] = edit
        self.fields["postcode"].setMaxLength(10)
        self.fields["postcode"].setPlaceholderText(self.tr("6 digits, optional"))
        self.fields["recipient_phone"].setPlaceholderText(self.tr("e.g. 138 0013 8000"))
        recipient_box = QGroupBox(self.tr("Recipient (defaults to the customer)"))
        form = QFormLayout(recipient_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        captions = {
            "recipient_name": self.tr("&Name:"),
            "recipient_phone": self.tr("&Phone:"),
            "province": self.tr("Pro&vince:"),
            "city": self.tr("C&ity:"),
            "district": self.tr("Dis&trict:"),
            "address_detail": self.tr("Street &address:"),
            "postcode": self.tr("Postcode:"),
        }
        for name in _TEXT_FIELDS:
            caption = QLabel(captions[name])
            caption.setBuddy(self.fields[name])
            form.addRow(caption, self._with_error(name, self.fields[name]))

        # Payment and notes.
        self.cod = QRadioButton(self.tr("Cash on &delivery"))
        self.cod.setObjectName("pay_cod")
        self.prepaid = QRadioButton(self.tr("Pr&epaid"))
        self.prepaid.setObjectName("pay_prepaid")
        self._payment = QButtonGroup(self)
        self._payment.addButton(self.cod)
        self._payment.addButton(self.prepaid)
        self.collect = QLabel()
        self.collect.setObjectName("entry_collect")
        big = QFont(self.collect.font())
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.8)
        self.collect.setFont(big)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("field_notes")
        self.notes.setPlaceholderText(self.tr("Delivery time, gift wrapping, what the customer asked…"))
        pay_box = QGroupBox(self.tr("Payment and notes"))
        pay_layout = QVBoxLayout(pay_box)
        radios = QHBoxLayout()
        radios.addWidget(self.cod)
        radios.addWidget(self.prepaid)
        radios.addStretch(1)
        pay_layout.addLayout(radios)
        pay_layout.addWidget(self._error_label("payment_method"))
        pay_layout.addWidget(self.collect)
        notes_caption = QLabel(self.tr("&Notes:"))
        notes_caption.setBuddy(self.notes)
        pay_layout.addWidget(notes_caption)
        pay_layout.addWidget(self._with_error("notes", self.notes), 1)

        bottom = QHBoxLayout()
        bottom.addWidget(recipient_box, 3)
        bottom.addWidget(pay_box, 2)
        self._form_box = QWidget()
        form_layout = QVBoxLayout(self._form_box)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(top, 1)
        form_layout.addLayout(bottom)

        # Footer.
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
        layout.addWidget(self._error_label("general"))
        layout.addLayout(footer)

        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save_now),
            (QKeySequence("Ctrl+Return"), self.submit_order),
            (QKeySequence("Ctrl+Enter"), self.submit_order),
            (QKeySequence("Escape"), self.close),
            (QKeySequence.StandardKey.Find, self.focus_search),
        ):
            QShortcut(keys, self, activated=slot)

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

    def _fill(self, opened: OpenedForm) -> None:
        data = opened.data
        for name in _TEXT_FIELDS:
            self.fields[name].setText(str(getattr(data, name)))
        # Shown as people read it (138 0013 8000); the service stores any spelling as E.164.
        self.fields["recipient_phone"].setText(display_number(data.recipient_phone, self.ctx.settings.phone_region))
        self.notes.setPlainText(data.notes)
        (self.prepaid if data.payment_method == "prepaid" else self.cod).setChecked(True)
        if opened.business_line_name:
            self.only_line.setText(self.tr("Only {0}").format(opened.business_line_name))
            self.only_line.setChecked(True)
        else:
            self.only_line.setText(self.tr("Only the caller's business line"))
            self.only_line.setEnabled(False)
        if opened.state == OrderState.RETURNED.value:
            self.returned_bar.setText(
                self.tr("Returned to you: {0} — fix the order and submit it again.").format(
                    opened.last_reason or self.tr("no reason given")
                )
            )
            self.returned_bar.show()
        self._rebuild_lines()

    def _connect(self) -> None:
        for edit in self.fields.values():
            edit.textEdited.connect(self._changed)
        for name, edit in self.fields.items():
            edit.textEdited.connect(lambda _t, n=name: self._clear_error(n))
        self.notes.textChanged.connect(self._on_notes_changed)
        self._payment.buttonToggled.connect(self._on_payment_toggled)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.add_selected_product)
        self.search.installEventFilter(self)
        self.only_line.toggled.connect(lambda _c: self._search())
        self.results.itemActivated.connect(lambda _item: self.add_selected_product())
        self.lines.installEventFilter(self)
        self.save_button.clicked.connect(self.save_now)
        self.submit_button.clicked.connect(self.submit_order)
        self.close_button.clicked.connect(self.close)
        self.submit_anyway.clicked.connect(self._on_submit_anyway)
        self.duplicate_cancel.clicked.connect(self._on_duplicate_cancel)

    # --- what the form holds ----------------------------------------------------------------------

    @property
    def client_uuid(self) -> str:
        return self._opened.data.client_uuid

    def current_input(self) -> OrderInput:
        values = {name: self.fields[name].text() for name in _TEXT_FIELDS}
        return replace(
            self._opened.data,
            **values,
            payment_method="prepaid" if self.prepaid.isChecked() else "cod",
            notes=self.notes.toPlainText(),
            lines=order_drafts.draft_lines(self._lines),
        )

    def current_form(self) -> OpenedForm:
        return replace(self._opened, data=self.current_input(), lines=tuple(self._lines))

    def form_lines(self) -> list[FormLine]:
        return list(self._lines)

    def error_text(self, field: str) -> str:
        """The message shown beside ``field`` (empty when none); for the agent's eyes and for tests."""
        label = self._errors[field]
        return "" if label.isHidden() else label.text()

    # --- catalogue --------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search(self) -> None:
        self._search_seq += 1
        seq, query = self._search_seq, self.search.text()
        line_id = self._opened.data.business_line_id
        only_line = self.only_line.isChecked() and line_id is not None
        factory = self.ctx.database.factory

        def find() -> list[ProductView]:
            with factory() as session:
                found = catalogue(session, business_line_id=line_id, query=query)
            return [p for p in found if p.in_caller_line] if only_line else found

        def done(found: list[ProductView]) -> None:
            if seq == self._search_seq:
                self._show_results(found, query)

        self._run(find, done, self._on_search_failed)

    def _show_results(self, found: list[ProductView], query: str) -> None:
        self._results = found
        self.results.clear()
        for product in found:
            text = f"{product.name}    {_money(product.price_cents)}    {product.sku}"
            if not product.in_caller_line and product.business_line_name:
                text += f"    · {product.business_line_name}"
            item = QListWidgetItem(text)
            item.setData(_ID, product.id)
            item.setToolTip(product.description or product.name)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
            self._clear_error("search")
        elif query.strip():
            self._show_error("search", self.tr("No product matches “{0}”.").format(query.strip()), hint=True)
        else:
            self._clear_error("search")

    def _on_search_failed(self, exc: BaseException) -> None:
        if order_drafts.is_link_error(exc):
            self._show_error("search", self.tr("The catalogue cannot be searched while the database is unreachable."))
        else:
            self._show_error("search", str(exc))

    def add_selected_product(self) -> None:
        """Enter in the search field or the list: add the highlighted product (another unit if on the order)."""
        row = self.results.currentRow()
        if not 0 <= row < len(self._results):
            text = self.search.text().strip()
            if text:
                self._show_error("search", self.tr("No product matches “{0}”.").format(text))
            return
        product = self._results[row]
        for i, line in enumerate(self._lines):
            if line.product_id == product.id:
                self._lines[i] = replace(line, quantity=min(MAX_QUANTITY, line.quantity + 1))
                break
        else:
            self._lines.append(order_drafts.product_line(product))
        self._rebuild_lines()
        self._lines_changed()
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if watched is self.lines and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                if self.lines.currentRow() >= 0:
                    self.remove_line(self.lines.currentRow())
                return True
        return super().eventFilter(watched, event)

    # --- lines ------------------------------------------------------------------------------------

    def _rebuild_lines(self) -> None:
        self.lines.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            name = QTableWidgetItem(line.name)
            name.setToolTip(f"{line.name} ({line.sku})" if line.sku else line.name)
            self.lines.setItem(row, _COL_PRODUCT, name)
            price = QTableWidgetItem(_money(line.unit_price_cents))
            price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, _COL_PRICE, price)
            qty = QSpinBox()
            qty.setObjectName(f"line_qty_{row}")
            qty.setRange(MIN_QUANTITY, MAX_QUANTITY)
            qty.setValue(max(MIN_QUANTITY, min(MAX_QUANTITY, line.quantity)))
            qty.valueChanged.connect(lambda v, r=row: self.set_line(r, quantity=v))
            self.lines.setCellWidget(row, _COL_QTY, qty)
            limit = line.discount_limit(self._desk_max)
            discount = QSpinBox()
            discount.setObjectName(f"line_discount_{row}")
            discount.setRange(0, limit)
            discount.setSuffix("%")
            discount.setToolTip(self.tr("At most {0}% on this product").format(limit))
            discount.setValue(min(line.discount_pct, limit))
            discount.valueChanged.connect(lambda v, r=row: self.set_line(r, discount_pct=v))
            self.lines.setCellWidget(row, _COL_DISCOUNT, discount)
            total = QTableWidgetItem()
            total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, _COL_TOTAL, total)
            remove = QToolButton()
            remove.setText("✕")
            remove.setToolTip(self.tr("Remove this line"))
            remove.clicked.connect(lambda _c=False, r=row: self.remove_line(r))
            self.lines.setCellWidget(row, _COL_REMOVE, remove)
            if limit < line.discount_pct:
                # A kept form from before the limit was lowered: say so instead of changing it silently.
                self._lines[row] = replace(line, discount_pct=limit)
                self._show_error(
                    "lines", self.tr("Line {0}: the discount was lowered to the {1}% allowed.").format(row + 1, limit)
                )
        self._recompute()

    def spin(self, row: int, column: str) -> QSpinBox:
        """The quantity or discount box of a line (``column`` is "quantity" or "discount")."""
        widget = self.lines.cellWidget(row, _COL_QTY if column == "quantity" else _COL_DISCOUNT)
        assert isinstance(widget, QSpinBox)
        return widget

    def set_line(self, row: int, **changes: Any) -> None:
        if 0 <= row < len(self._lines):
            self._lines[row] = replace(self._lines[row], **changes)
            self._lines_changed()

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self._lines):
            del self._lines[row]
            self._rebuild_lines()
            self._lines_changed()

    def _lines_changed(self) -> None:
        self._clear_error("lines")
        self._recompute()
        self._changed()

    def _recompute(self) -> None:
        try:
            totals = order_drafts.preview_totals(self._lines, self._desk_max)
        except OrderValidationError as exc:
            self._show_error("lines", str(exc))
            return
        for row, line_total in enumerate(totals.lines):
            item = self.lines.item(row, _COL_TOTAL)
            if item is not None:
                item.setText(_money(line_total.net_cents))
        self.subtotal.setText(self.tr("Subtotal {0}").format(_money(totals.gross_cents)))
        self.discount.setText(self.tr("Discount −{0}").format(_money(totals.discount_cents)))
        self.total.setText(self.tr("Total {0}").format(_money(totals.total_cents)))
        if self.cod.isChecked():
            self.collect.setText(self.tr("Collect on delivery: {0}").format(_money(totals.total_cents)))
            self.collect.setStyleSheet(f"color: {_RED};")
        else:
            self.collect.setText(self.tr("Prepaid — nothing to collect"))
            self.collect.setStyleSheet("color: #2e7d32;")

    # --- changes, the local copy and the autosave -------------------------------------------------

    def _on_notes_changed(self) -> None:
        self._clear_error("notes")
        self._changed()

    def _on_payment_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._clear_error("payment_method")
            self._recompute()
            self._changed()

    def _changed(self) -> None:
        if self._loading or self._done:
            return
        self._dirty = True
        self._duplicates_confirmed = False
        self._local.start()
        if not self._autosave.isActive() and not self._saving and not self._submitting:
            self._autosave.start()

    def _write_local(self) -> None:
        if self._done:
            return
        try:
            order_drafts.write_local_draft(self.current_form(), user_id=self.ctx.user.id)
        except OSError as exc:
            log.error("could not keep the order form on this computer: %s", exc)
            self._show_error("general", self.tr("Could not keep a copy on this computer: {0}").format(exc))

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
            self._done = True
            order_drafts.delete_local_draft(self.client_uuid)
            self._opened = replace(self._opened, order_no=saved.order_no, state=saved.state)
            self._update_title()
            self._form_box.setEnabled(False)
            self.save_button.setEnabled(False)
            self.submit_button.setEnabled(False)
            self._show_error(
                "general",
                self.tr("Order {0} was already submitted ({1}); the copy kept on this computer is removed.").format(
                    saved.order_no, OrderState(saved.state).label
                ),
                hint=True,
            )

        def failed(exc: BaseException) -> None:
            self._dirty = True
            if order_drafts.is_link_error(exc):
                self._lost_link("save")
            else:
                self._save()

        self._run(check, checked, failed)

    def save_now(self) -> None:
        """Ctrl+S: save the draft to the database now (the local copy is already written)."""
        self._autosave.stop()
        self._local.stop()
        self._write_local()
        self._dirty = True
        self._save()

    def _save(self) -> None:
        if self._saving or self._submitting or self._done or not self._dirty:
            return
        data = self.current_input()
        self._dirty = False
        self._saving = True
        self.status.setText(self.tr("Saving…"))
        factory, user, settings = self.ctx.database.factory, self.ctx.user, self.ctx.settings

        def work() -> OrderView:
            return save_draft(
                factory, user, data, max_discount_pct=settings.max_discount_pct, region=settings.phone_region
            )

        self._run(work, self._on_saved, self._on_save_failed)

    def _on_saved(self, view: OrderView) -> None:
        self._saving = False
        self._set_link(True)
        self.last_view = view
        self._opened = replace(self._opened, order_no=view.order_no, state=view.state)
        self._update_title()
        self.status.setText(self.tr("Draft {0} saved").format(view.order_no))
        for name in _ERROR_FIELDS:
            if name not in ("search", "general"):
                self._clear_error(name)
        self._show_problems(view.missing, hint=True)
        self.saved.emit(view)
        if self._dirty:
            self._autosave.start()
        self._maybe_finish()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = False
        if order_drafts.is_link_error(exc):
            self._dirty = True
            self._lost_link("save")
        else:
            self.status.setText(self.tr("Not saved: see the message below the field"))
            self._show_failure(exc)
        self._maybe_finish()

    # --- submit -----------------------------------------------------------------------------------

    def submit_order(self) -> None:
        """Check for a likely duplicate, then submit; a second click while one is under way does nothing."""
        if self._submitting or self._done:
            return
        self._autosave.stop()
        self._local.stop()
        self._write_local()
        self._set_busy(True)
        data = self.current_input()
        if self._duplicates_confirmed:
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
            self._set_busy(False)
            numbers = "、".join(f"{o.order_no} ({local_time(o.created_at):%m-%d %H:%M}, {o.items})" for o in found)
            self.duplicate_text.setText(
                self.tr("This customer already ordered the same products recently: {0}. Submit anyway?").format(numbers)
            )
            self.duplicate_bar.show()
            self.submit_anyway.setFocus()

        self._run(check, checked, self._on_submit_failed)

    def _on_submit_anyway(self) -> None:
        self.duplicate_bar.hide()
        self._duplicates_confirmed = True
        self.submit_order()

    def _on_duplicate_cancel(self) -> None:
        self.duplicate_bar.hide()
        self.status.setText(self.tr("Not submitted"))
        self.submit_button.setFocus()

    def _submit(self, data: OrderInput) -> None:
        self._dirty = False
        factory, user, settings = self.ctx.database.factory, self.ctx.user, self.ctx.settings

        def work() -> OrderView:
            return submit(factory, user, data, max_discount_pct=settings.max_discount_pct, region=settings.phone_region)

        self._run(work, self._on_submitted, self._on_submit_failed)

    def _on_submitted(self, view: OrderView) -> None:
        self._done = True
        self._submitting = False
        self._set_link(True)
        self.last_view = view
        for timer in (self._autosave, self._retry, self._local):
            timer.stop()
        try:
            order_drafts.delete_local_draft(view.client_uuid)
        except OSError as exc:
            log.warning("could not remove the local copy of %s: %s", view.order_no, exc)
        self._opened = replace(self._opened, order_no=view.order_no, state=view.state)
        self._update_title()
        label = OrderState(view.state).label
        self.status.setText(self.tr("Order {0} submitted ({1})").format(view.order_no, label))
        self.ctx.messages.info.emit(
            self.tr("Order {0} for {1} submitted for review: {2}").format(
                view.order_no, self._opened.customer_name, _money(view.total_cents)
            )
        )
        self.submitted.emit(view)
        self.close()

    def _on_submit_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if order_drafts.is_link_error(exc):
            self._dirty = True
            self._lost_link("submit")
        else:
            self.status.setText(self.tr("Not submitted: see the messages beside the fields"))
            self._show_failure(exc)
        self._maybe_finish()

    def _set_busy(self, busy: bool) -> None:
        self._submitting = busy
        self.submit_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
        self._form_box.setEnabled(not busy)
        if busy:
            self.duplicate_bar.hide()
            self.status.setText(self.tr("Submitting…"))

    # --- the database link ------------------------------------------------------------------------

    def _lost_link(self, op: str) -> None:
        # A submit waiting for the link wins over a save: it saves too, and once.
        if self._retry_op != "submit":
            self._retry_op = op
        self._set_link(False)
        self.status.setText(self.tr("Kept on this computer; retrying…"))
        self._retry.start()

    def _on_retry(self) -> None:
        op, self._retry_op = self._retry_op, None
        if op == "submit" and not self._closing:
            self.submit_order()
        elif op is not None:
            self._dirty = True
            self._save()

    def _set_link(self, ok: bool) -> None:
        if ok == (not self._link_down):
            return
        self._link_down = not ok
        self.banner.setVisible(not ok)
        self.link_changed.emit(ok)

    @property
    def link_down(self) -> bool:
        return self._link_down

    # --- messages beside the fields ---------------------------------------------------------------

    def _show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, OrderValidationFailed):
            self._show_problems(exc.problems, hint=False, line_index=exc.line_index)
        elif isinstance(exc, OrderError):
            self._show_error("general", str(exc))
        else:
            log.error("order entry failed", exc_info=exc)
            self._show_error("general", self.tr("Could not save the order: {0}").format(exc))

    def _show_problems(
        self, problems: tuple[tuple[str, str], ...], *, hint: bool, line_index: int | None = None
    ) -> None:
        first: QWidget | None = None
        for field, message in order_drafts.field_problems(problems, self.current_input()):
            name = field if field in self._errors else "general"
            self._show_error(name, message, hint=hint)
            if first is None and name in self.fields:
                first = self.fields[name]
        if line_index is not None and 0 <= line_index < self.lines.rowCount():
            self.lines.selectRow(line_index)
        if first is not None and not hint:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_error(self, name: str, message: str, *, hint: bool = False) -> None:
        label = self._errors[name]
        label.setText(message)
        label.setStyleSheet(f"color: {_AMBER if hint else _RED};")
        label.setProperty("hint", hint)
        label.show()
        if name in self.fields and not hint:
            self.fields[name].setStyleSheet(f"border: 1px solid {_RED};")

    def _clear_error(self, name: str) -> None:
        label = self._errors.get(name)
        if label is not None:
            label.hide()
            label.clear()
        if name in self.fields:
            self.fields[name].setStyleSheet("")

    # --- title, closing, background work ----------------------------------------------------------

    def _update_title(self) -> None:
        opened = self._opened
        who = escape(opened.customer_name)
        parts = [OrderState(opened.state).label] if opened.state else []
        if opened.business_line_name:
            parts.append(opened.business_line_name)
        sub = escape(" · ".join(parts))
        if opened.order_no:
            title = self.tr("Order {0} for {1}").format(opened.order_no, opened.customer_name)
            head = f"<h2>{escape(opened.order_no)} — {who}</h2>{sub}"
        else:
            title = self.tr("New order for {0}").format(opened.customer_name)
            head = f"<h2>{escape(self.tr('New order'))} — {who}</h2>{sub}"
        self.setWindowTitle(title)
        self.header.setText(head)

    def _run(self, fn: Callable[[], Any], ok: Callable[[Any], None], fail: Callable[[BaseException], None]) -> None:
        self._in_flight += 1

        def success(result: Any) -> None:
            self._in_flight -= 1
            ok(result)

        def failure(exc: BaseException) -> None:
            self._in_flight -= 1
            fail(exc)

        try:
            self.ctx.runner.run(fn, success, failure)
        except RuntimeError:
            # The desk is shutting down; the local copy keeps what was typed for the next start.
            self._in_flight -= 1
            log.info("order form %s: not saved, the desk is closing", self.client_uuid)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Esc or the close button: the form is kept (local copy now, database save on its way)."""
        if not self._closing:
            self._closing = True
            self._autosave.stop()
            self._search_timer.stop()
            if self._local.isActive():
                self._local.stop()
                self._write_local()
            if not self._link_down:
                self._save()
            self.closed.emit(self.client_uuid)
        event.accept()
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        # Deleted only when no background task will call back into it; while the database is away
        # the hidden form keeps retrying, so what was typed still reaches it when the link is back.
        if self._closing and self._in_flight == 0 and not self._dirty and not self._retry.isActive():
            self.deleteLater()


# --- restoring kept forms --------------------------------------------------------------------------


def pending_local_drafts(ctx: DeskContext) -> list[LocalDraft]:
    """Forms of this user kept on this computer and never submitted, newest first."""
    return order_drafts.pending_local_drafts(ctx.user.id)


def restore(ctx: DeskContext, draft: LocalDraft, parent: QWidget | None = None) -> OrderEntry:
    """Reopen a kept form exactly as typed; works with the database away (it is saved when it is back)."""
    entry = OrderEntry(ctx, draft.form, parent)
    entry.show()
    entry.resume_kept()
    return entry


class RestoreOffer(QWidget):
    """Forms kept on this computer, offered back: after a crash, or when the agent opens a new order.

    Signals:
        restore_requested(LocalDraft), discard_requested(LocalDraft), new_requested().
    """

    restore_requested = Signal(object)
    discard_requested = Signal(object)
    new_requested = Signal()

    def __init__(self, drafts: list[LocalDraft], *, offer_new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("restore_offer")
        self.setWindowTitle(self.tr("Unfinished orders"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.list = QListWidget()
        self.list.setObjectName("restore_list")
        self._drafts = list(drafts)
        for draft in drafts:
            when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            number = f" {draft.form.order_no}" if draft.form.order_no else ""
            item = QListWidgetItem(
                self.tr("{0}{1} — {2} — kept {3}").format(
                    draft.form.customer_name, number, draft.summary or self.tr("no products yet"), when
                )
            )
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setObjectName("restore_restore")
        self.discard_button = QPushButton(self.tr("&Discard"))
        self.discard_button.setObjectName("restore_discard")
        self.new_button = QPushButton(self.tr("Start a &new order") if offer_new else self.tr("&Later"))
        self.new_button.setObjectName("restore_new")
        self.restore_button.clicked.connect(self._restore)
        self.list.itemActivated.connect(lambda _item: self._restore())
        self.discard_button.clicked.connect(self._discard)
        self.new_button.clicked.connect(self._new)
        self._offer_new = offer_new
        QShortcut(QKeySequence("Escape"), self, activated=self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.restore_button, self.discard_button, self.new_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("These orders were not finished; they are kept on this computer. Restore one?"))
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.resize(620, 300)

    def _current(self) -> LocalDraft | None:
        row = self.list.currentRow()
        return self._drafts[row] if 0 <= row < len(self._drafts) else None

    def _restore(self) -> None:
        draft = self._current()
        if draft is not None:
            self.restore_requested.emit(draft)
            self.close()

    def _discard(self) -> None:
        draft = self._current()
        if draft is None:
            return
        self.discard_requested.emit(draft)
        row = self.list.currentRow()
        del self._drafts[row]
        self.list.takeItem(row)
        if not self._drafts:
            if self._offer_new:
                self.new_requested.emit()
            self.close()

    def _new(self) -> None:
        if self._offer_new:
            self.new_requested.emit()
        self.close()


# --- opening forms -------------------------------------------------------------------------------


class OrderEntries(QObject):
    """Opens order forms (one window per order) for the pop, the customer record and the returned list.

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

    def new_order(
        self, customer_id: int, *, business_line_id: int | None = None, platform_call_id: str | None = None
    ) -> None:
        """A new order for a customer; kept unfinished forms for that customer are offered first."""
        kept = [
            d
            for d in pending_local_drafts(self.ctx)
            if d.form.data.customer_id == customer_id and d.form.data.client_uuid not in self.entries
        ]
        if kept:
            offer = self._offer(kept, offer_new=True)
            call = {"business_line_id": business_line_id, "platform_call_id": platform_call_id}
            offer.new_requested.connect(partial(self._open_new, customer_id, **call))
            return
        self._open_new(customer_id, business_line_id=business_line_id, platform_call_id=platform_call_id)

    def offer_kept(self) -> RestoreOffer | None:
        """At start: offer every kept form of this user (a crash, or a database outage, left them)."""
        kept = [d for d in pending_local_drafts(self.ctx) if d.form.data.client_uuid not in self.entries]
        return self._offer(kept, offer_new=False) if kept else None

    def open_order(self, order_id: int) -> None:
        """Reopen one of the user's orders (a returned one) for fixing and resubmitting."""
        factory, user = self.ctx.database.factory, self.ctx.user

        def load() -> OpenedForm:
            with factory() as session:
                return order_drafts.open_order(session, order_id, user)

        self.ctx.runner.run(load, self._show, self._failed)

    def restore(self, draft: LocalDraft) -> OrderEntry:
        existing = self.entries.get(draft.form.data.client_uuid)
        if existing is not None:
            self._raise(existing)
            return existing
        entry = restore(self.ctx, draft, self._parent_widget)
        self._track(entry)
        return entry

    def _offer(self, kept: list[LocalDraft], *, offer_new: bool) -> RestoreOffer:
        offer = RestoreOffer(kept, offer_new=offer_new, parent=self._parent_widget)
        offer.restore_requested.connect(self.restore)
        offer.discard_requested.connect(lambda d: order_drafts.delete_local_draft(d.form.data.client_uuid))
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
        existing = self.entries.get(opened.data.client_uuid)
        if existing is not None:
            self._raise(existing)
            return
        if not opened.editable:
            self.ctx.messages.info.emit(
                self.tr("Order {0} is {1} and cannot be changed.").format(
                    opened.order_no, OrderState(opened.state).label
                )
            )
            return
        entry = OrderEntry(self.ctx, opened, self._parent_widget)
        self._track(entry)
        entry.show()
        entry.focus_search()

    def _track(self, entry: OrderEntry) -> None:
        uuid = entry.client_uuid
        self.entries[uuid] = entry
        entry.submitted.connect(self.submitted)
        entry.closed.connect(lambda _u: self.entries.pop(uuid, None))
        self.opened.emit(entry)

    @staticmethod
    def _raise(entry: OrderEntry) -> None:
        entry.show()
        entry.raise_()
        entry.activateWindow()

    def _failed(self, exc: BaseException) -> None:
        if order_drafts.is_link_error(exc):
            text = self.tr("The database cannot be reached, so the order form cannot open yet: {0}").format(exc)
        else:
            text = str(exc)
        self.ctx.messages.warning.emit(text)


def install_order_entry(desk_workspace: QWidget, ctx: DeskContext) -> OrderEntries:
    """Answer the pop's "New order" with a form for the current call's customer, business line and call.

    Also makes a double-click (or Enter) on a row of the pop's Returned tab reopen that order.
    ``desk_workspace`` is the DeskWorkspace (its ``view`` is the PopView, its ``controller`` the PopController).
    """
    entries = OrderEntries(ctx, desk_workspace)
    view = desk_workspace.view  # type: ignore[attr-defined]
    controller = desk_workspace.controller  # type: ignore[attr-defined]

    def new_order(customer_id: int) -> None:
        call = controller.current
        line_id = platform_id = None
        if call is not None and call.customer_id == customer_id:
            platform_id = call.call_id
            if call.pop is not None and call.pop.business_line is not None:
                line_id = call.pop.business_line.id
        entries.new_order(customer_id, business_line_id=line_id, platform_call_id=platform_id)

    def reopen_returned(row: int, _column: int) -> None:
        call = controller.current
        if call is not None and call.pop is not None and 0 <= row < len(call.pop.returned_orders):
            entries.open_order(call.pop.returned_orders[row].id)

    view.new_order_requested.connect(new_order)
    view.returned.cellActivated.connect(reopen_returned)
    return entries
