"""The form that creates or edits a customer: name, notes, phones and addresses, checked as typed."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_desk.services.customers.editing import (
    ADDRESS_MAX,
    LABEL_MAX,
    NAME_MAX,
    AddressInput,
    CustomerInput,
)
from agent_desk.services.customers.records import CustomerCard
from agent_desk.ui.customers.tables import RED, LimitedDelegate, cell, commit_open_editor, fill, make_table

PHONE_LABELS = ("mobile", "home", "work", "family")
_ADDRESS_FIELDS = ("province", "city", "district", "detail", "postcode")


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
        self.error.setStyleSheet(f"color: {RED}; font-weight: bold;")
        self.error.hide()
        self.name = QLineEdit()
        self.name.setObjectName("editor_name")
        self.name.setMaxLength(NAME_MAX)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("editor_notes")
        self.notes.setMaximumHeight(70)

        self.phones = make_table([self.tr("Number"), self.tr("Label")], editable=True)
        self.phones.setObjectName("editor_phones")
        self.phones.setItemDelegate(LimitedDelegate({0: 40, 1: LABEL_MAX}, {1: PHONE_LABELS}, self.phones))
        self.phones.horizontalHeader().resizeSection(0, 220)
        self.addresses = make_table(
            [self.tr("Province"), self.tr("City"), self.tr("District"), self.tr("Street address"), self.tr("Postcode")],
            editable=True,
        )
        self.addresses.setObjectName("editor_addresses")
        self.addresses.setItemDelegate(
            LimitedDelegate({i: ADDRESS_MAX[f] for i, f in enumerate(_ADDRESS_FIELDS)}, {}, self.addresses)
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
        first = table.item(row, 0)
        if first is not None:
            table.editItem(first)

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
        fill(self.phones, phones)
        addresses = [[getattr(a, f) for f in _ADDRESS_FIELDS] for a in card.addresses] if card else []
        fill(self.addresses, addresses)
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
            commit_open_editor(table)
        phones = [
            (cell(self.phones, r, 0), cell(self.phones, r, 1))
            for r in range(self.phones.rowCount())
            if cell(self.phones, r, 0)
        ]
        addresses = []
        for r in range(self.addresses.rowCount()):
            values = [cell(self.addresses, r, c) for c in range(len(_ADDRESS_FIELDS))]
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
