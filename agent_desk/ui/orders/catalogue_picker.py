"""The catalogue beside the order lines: searched as the agent types, Up/Down to move, Enter to add.

Its texts are translated in the order form's context ("OrderForm"), where they were before the
form was split, so the translation keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from agent_desk.services.orders import drafts as order_drafts
from agent_desk.services.orders.drafts import OpenedForm
from agent_desk.services.orders.entry import catalogue
from agent_desk.services.orders.types import ProductView
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_detail
from agent_desk.ui.orders.field_messages import FieldMessages
from agent_desk.ui.orders.formatting import money

SEARCH_DEBOUNCE_MS = 150
_ID = Qt.ItemDataRole.UserRole
# The form's background work: (work, on success, on failure), counted so a closing window knows.
Run = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]

translate = QCoreApplication.translate


class CataloguePicker(QGroupBox):
    """Signals:
    chosen(ProductView): the agent picked a product (Enter in the search or the list, a double-click).
    """

    chosen = Signal(object)

    def __init__(
        self, ctx: DeskContext, opened: OpenedForm, messages: FieldMessages, run: Run, parent: QWidget | None = None
    ) -> None:
        super().__init__(translate("OrderForm", "Catalogue (Ctrl+F)"), parent)
        self._ctx = ctx
        self._line_id = opened.data.business_line_id
        self._messages = messages
        self._run = run
        self._seq = 0
        self._results: list[ProductView] = []

        self.search = QLineEdit()
        self.search.setObjectName("catalogue_search")
        self.search.setPlaceholderText(translate("OrderForm", "Product name or SKU — Enter adds it"))
        self.search.setClearButtonEnabled(True)
        self.only_line = QCheckBox()
        self.only_line.setObjectName("catalogue_only_line")
        if opened.business_line_name:
            self.only_line.setText(translate("OrderForm", "Only {0}").format(opened.business_line_name))
            self.only_line.setChecked(True)
        else:
            self.only_line.setText(translate("OrderForm", "Only the caller's business line"))
            self.only_line.setEnabled(False)
        self.results = QListWidget()
        self.results.setObjectName("catalogue_results")
        self.results.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.only_line)
        layout.addWidget(self.results, 1)
        layout.addWidget(messages.label("search"))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.pick)
        self.search.installEventFilter(self)
        self.only_line.toggled.connect(lambda _c: self.search_now())
        self.results.itemActivated.connect(lambda _item: self.pick())

    def focus(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def stop(self) -> None:
        """No search is started any more (the window is closing)."""
        self._timer.stop()

    def search_now(self) -> None:
        self._seq += 1
        seq, query = self._seq, self.search.text()
        line_id, factory = self._line_id, self._ctx.database.factory
        only_line = self.only_line.isChecked() and line_id is not None

        def find() -> list[ProductView]:
            with factory() as session:
                found = catalogue(session, business_line_id=line_id, query=query)
            return [p for p in found if p.in_caller_line] if only_line else found

        def done(found: list[ProductView]) -> None:
            if seq == self._seq:  # an older search answering late must not replace a newer one
                self._show(found, query)

        self._run(find, done, self._failed)

    def _show(self, found: list[ProductView], query: str) -> None:
        self._results = found
        self.results.clear()
        for product in found:
            text = f"{product.name}    {money(product.price_cents)}    {product.sku}"
            if not product.in_caller_line and product.business_line_name:
                text += f"    · {product.business_line_name}"
            item = QListWidgetItem(text)
            item.setData(_ID, product.id)
            item.setToolTip(product.description or product.name)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
            self._messages.clear("search")
        elif query.strip():
            self._no_match(query.strip(), hint=True)
        else:
            self._messages.clear("search")

    def _no_match(self, query: str, *, hint: bool) -> None:
        self._messages.show("search", translate("OrderForm", "No product matches “{0}”.").format(query), hint=hint)

    def _failed(self, exc: BaseException) -> None:
        if order_drafts.is_link_error(exc):
            text = translate("OrderForm", "The catalogue cannot be searched while the database is unreachable.")
            self._messages.show("search", text)
        else:
            self._messages.show("search", error_detail(exc))

    def pick(self) -> None:
        """Enter in the search field or the list: the highlighted product is chosen."""
        row = self.results.currentRow()
        if 0 <= row < len(self._results):
            self.chosen.emit(self._results[row])
            self.search.selectAll()
            return
        text = self.search.text().strip()
        if text:
            # Enter was pressed on purpose, so this is an error, not the hint shown while typing.
            self._no_match(text, hint=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
            and self.results.count()
        ):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, self.results.currentRow() + step)))
            return True
        return super().eventFilter(watched, event)
