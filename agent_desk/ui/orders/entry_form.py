"""The order form's widgets: catalogue search, lines with quantities and discounts, totals, recipient, payment.

Display only: prices, limits and totals come from services.orders.drafts. The catalogue search is
its own widget (catalogue_picker), the messages beside the fields are field_messages. The form knows
nothing of saving; ``OrderEntry`` (entry_window) wraps it in a window that autosaves, keeps and submits it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.money import MAX_QUANTITY, MIN_QUANTITY, OrderValidationError
from agent_desk.core.phone import display_number
from agent_desk.services.errors import Problem
from agent_desk.services.orders import drafts as order_drafts
from agent_desk.services.orders.drafts import FormLine, OpenedForm
from agent_desk.services.orders.types import OrderInput, ProductView
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_text
from agent_desk.ui.orders.catalogue_picker import CataloguePicker
from agent_desk.ui.orders.field_messages import FieldMessages
from agent_desk.ui.orders.formatting import RED, money

log = logging.getLogger(__name__)

TEXT_FIELDS = ("recipient_name", "recipient_phone", "province", "city", "district", "address_detail", "postcode")
ERROR_FIELDS = (*TEXT_FIELDS, "notes", "lines", "payment_method", "general")
_COL_PRODUCT, _COL_PRICE, _COL_QTY, _COL_DISCOUNT, _COL_TOTAL, _COL_REMOVE = range(6)


def _enlarge(label: QLabel, factor: float) -> None:
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * factor)
    label.setFont(font)


def _amount_item(text: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class OrderForm(QWidget):
    """What the agent types into an order; subclasses decide what a change means (``_changed``)."""

    def __init__(
        self,
        ctx: DeskContext,
        opened: OpenedForm,
        parent: QWidget | None = None,
        flags: Qt.WindowType = Qt.WindowType.Widget,
    ) -> None:
        super().__init__(parent, flags)
        self.ctx = ctx
        self._opened = opened
        self._lines: list[FormLine] = list(opened.lines)
        self._desk_max = ctx.settings.max_discount_pct
        self._in_flight = 0
        self._messages = FieldMessages()
        self._form_box = self._build_form()
        # Problems that belong to no single field; the window decides where it sits.
        self._general_error = self._messages.label("general")
        self._fill_form(opened)
        self._connect_form()

    def _changed(self) -> None:
        """The agent changed something; the form alone has nobody to tell."""

    # --- building ---------------------------------------------------------------------------------

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def _build_form(self) -> QWidget:
        top = QSplitter()
        self.catalogue = CataloguePicker(self.ctx, self._opened, self._messages, self._run)
        # Reachable from the form as before the catalogue had a widget of its own.
        self.search, self.results = self.catalogue.search, self.catalogue.results
        self.only_line = self.catalogue.only_line
        top.addWidget(self.catalogue)
        top.addWidget(self._build_lines())
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        top.setChildrenCollapsible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self._build_recipient(), 3)
        bottom.addWidget(self._build_payment(), 2)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(top, 1)
        layout.addLayout(bottom)
        return box

    def _build_lines(self) -> QGroupBox:
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
        _enlarge(self.total, 1.25)
        totals = QHBoxLayout()
        totals.addStretch(1)
        totals.addWidget(self.subtotal)
        totals.addSpacing(16)
        totals.addWidget(self.discount)
        totals.addSpacing(16)
        totals.addWidget(self.total)
        box = QGroupBox(self.tr("Order lines (Delete removes the selected line)"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self._messages.label("lines"))
        layout.addLayout(totals)
        return box

    def _build_recipient(self) -> QGroupBox:
        self.fields: dict[str, QLineEdit] = {}
        limits = {"recipient_name": 100, "province": 40, "city": 40, "district": 40, "address_detail": 200}
        for name in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            if name in limits:
                edit.setMaxLength(limits[name])
            self.fields[name] = edit
        self.fields["postcode"].setMaxLength(10)
        self.fields["postcode"].setPlaceholderText(self.tr("6 digits, optional"))
        self.fields["recipient_phone"].setPlaceholderText(self.tr("e.g. 138 0013 8000"))
        box = QGroupBox(self.tr("Recipient (defaults to the customer)"))
        form = QFormLayout(box)
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
        for name in TEXT_FIELDS:
            caption = QLabel(captions[name])
            caption.setBuddy(self.fields[name])
            form.addRow(caption, self._messages.beside(name, self.fields[name], outline=True))
        return box

    def _build_payment(self) -> QGroupBox:
        self.cod = QRadioButton(self.tr("Cash on &delivery"))
        self.cod.setObjectName("pay_cod")
        self.prepaid = QRadioButton(self.tr("Pr&epaid"))
        self.prepaid.setObjectName("pay_prepaid")
        self._payment = QButtonGroup(self)
        self._payment.addButton(self.cod)
        self._payment.addButton(self.prepaid)
        self.collect = QLabel()
        self.collect.setObjectName("entry_collect")
        _enlarge(self.collect, 1.8)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("field_notes")
        self.notes.setPlaceholderText(self.tr("Delivery time, gift wrapping, what the customer asked…"))
        box = QGroupBox(self.tr("Payment and notes"))
        layout = QVBoxLayout(box)
        radios = QHBoxLayout()
        radios.addWidget(self.cod)
        radios.addWidget(self.prepaid)
        radios.addStretch(1)
        layout.addLayout(radios)
        layout.addWidget(self._messages.label("payment_method"))
        layout.addWidget(self.collect)
        notes_caption = QLabel(self.tr("&Notes:"))
        notes_caption.setBuddy(self.notes)
        self.notes.setToolTip(self.tr("Printed on the courier label: call first, a time window, where to leave it."))
        layout.addWidget(notes_caption)
        layout.addWidget(self._messages.beside("notes", self.notes), 1)
        # None: the business line's default (its labels mask the phone or not); the customer may ask either way.
        self.privacy = QComboBox()
        self.privacy.setObjectName("field_privacy_waybill")
        self.privacy.addItem(self.tr("As the business line decides"), None)
        self.privacy.addItem(self.tr("Masked (privacy waybill, 138****8000)"), True)
        self.privacy.addItem(self.tr("In full"), False)
        privacy_caption = QLabel(self.tr("P&hone on the label:"))
        privacy_caption.setBuddy(self.privacy)
        row = QHBoxLayout()
        row.addWidget(privacy_caption)
        row.addWidget(self.privacy, 1)
        layout.addLayout(row)
        return box

    def _fill_form(self, opened: OpenedForm) -> None:
        data = opened.data
        for name in TEXT_FIELDS:
            self.fields[name].setText(str(getattr(data, name)))
        # Shown as people read it (138 0013 8000); the service stores any spelling as E.164.
        self.fields["recipient_phone"].setText(display_number(data.recipient_phone, self.ctx.settings.phone_region))
        self.notes.setPlainText(data.notes)
        self.privacy.setCurrentIndex(max(0, self.privacy.findData(data.privacy_waybill)))
        (self.prepaid if data.payment_method == "prepaid" else self.cod).setChecked(True)
        self._rebuild_lines()

    def _connect_form(self) -> None:
        for edit in self.fields.values():
            edit.textEdited.connect(self._changed)
        for name, edit in self.fields.items():
            edit.textEdited.connect(lambda _t, n=name: self._clear_error(n))
        self.notes.textChanged.connect(self._on_notes_changed)
        self.privacy.currentIndexChanged.connect(lambda _i: self._changed())
        self._payment.buttonToggled.connect(self._on_payment_toggled)
        self.catalogue.chosen.connect(self.add_product)
        self.lines.installEventFilter(self)

    # --- what the form holds ----------------------------------------------------------------------

    @property
    def client_uuid(self) -> str:
        return self._opened.data.client_uuid

    def current_input(self) -> OrderInput:
        values: dict[str, Any] = {name: self.fields[name].text() for name in TEXT_FIELDS}
        return replace(
            self._opened.data,
            **values,
            payment_method="prepaid" if self.prepaid.isChecked() else "cod",
            notes=self.notes.toPlainText(),
            privacy_waybill=self.privacy.currentData(),
            lines=order_drafts.draft_lines(self._lines),
        )

    def current_form(self) -> OpenedForm:
        return replace(self._opened, data=self.current_input(), lines=tuple(self._lines))

    def form_lines(self) -> list[FormLine]:
        return list(self._lines)

    def error_text(self, field: str) -> str:
        """The message shown beside ``field`` (empty when none); for the agent's eyes and for tests."""
        return self._messages.text(field)

    def _on_notes_changed(self) -> None:
        self._clear_error("notes")
        self._changed()

    def _on_payment_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._clear_error("payment_method")
            self._recompute()
            self._changed()

    # --- catalogue --------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.catalogue.focus()

    def add_product(self, product: ProductView) -> None:
        """A product chosen in the catalogue: a new line, or another unit if it is on the order already."""
        for i, line in enumerate(self._lines):
            if line.product_id == product.id:
                self._lines[i] = replace(line, quantity=min(MAX_QUANTITY, line.quantity + 1))
                break
        else:
            self._lines.append(order_drafts.product_line(product))
        self._rebuild_lines()
        self._lines_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.lines
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
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
            self.lines.setItem(row, _COL_PRICE, _amount_item(money(line.unit_price_cents)))
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
            self.lines.setItem(row, _COL_TOTAL, _amount_item())
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
            self._show_error("lines", error_text(exc))
            return
        for row, line_total in enumerate(totals.lines):
            item = self.lines.item(row, _COL_TOTAL)
            if item is not None:
                item.setText(money(line_total.net_cents))
        self.subtotal.setText(self.tr("Subtotal {0}").format(money(totals.gross_cents)))
        self.discount.setText(self.tr("Discount −{0}").format(money(totals.discount_cents)))
        self.total.setText(self.tr("Total {0}").format(money(totals.total_cents)))
        if self.cod.isChecked():
            self.collect.setText(self.tr("Collect on delivery: {0}").format(money(totals.total_cents)))
            self.collect.setStyleSheet(f"color: {RED};")
        else:
            self.collect.setText(self.tr("Prepaid — nothing to collect"))
            self.collect.setStyleSheet("color: #2e7d32;")

    # --- messages beside the fields ---------------------------------------------------------------

    def _show_problems(
        self, problems: tuple[tuple[str, Problem], ...], *, hint: bool, line_index: int | None = None
    ) -> None:
        first: QWidget | None = None
        for field, message in order_drafts.field_problems(problems, self.current_input()):
            name = field if field in self._messages else "general"
            self._show_error(name, error_text(message), hint=hint)
            if first is None and name in self.fields:
                first = self.fields[name]
        if line_index is not None and 0 <= line_index < self.lines.rowCount():
            self.lines.selectRow(line_index)
        if first is not None and not hint:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_error(self, name: str, message: str, *, hint: bool = False) -> None:
        self._messages.show(name, message, hint=hint)

    def _clear_error(self, name: str) -> None:
        self._messages.clear(name)

    # --- background work --------------------------------------------------------------------------

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
