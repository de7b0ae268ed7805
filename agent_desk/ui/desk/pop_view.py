"""The screen pop as the agent sees it. Display only: data arrives as PopResult, choices leave as signals."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.phone import display_number
from agent_desk.services.calls.lifecycle import ActiveCall
from agent_desk.services.calls.screen_pop import PopResult
from agent_desk.services.customers.editing import AddressInput, CustomerInput
from agent_desk.ui.customer_card import CARD_TAB, RETURNED_TAB, CustomerTabs

_RED = "#c62828"
_GOLD = "#b8860b"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class NewCustomerForm(QWidget):
    """Signals:
    create_requested(CustomerInput): the agent saved a new customer for this caller.
    """

    create_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setObjectName("new_name")
        self.phone = QLineEdit()
        self.phone.setObjectName("new_phone")
        self.province, self.city, self.district, self.detail = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {_RED};")
        self.error.setObjectName("new_error")
        self.save = QPushButton(self.tr("Create customer"))
        self.save.setObjectName("new_save")
        self.save.clicked.connect(self._submit)
        box = QWidget()
        box.setMaximumWidth(640)
        outer = QVBoxLayout(self)
        outer.addWidget(box)
        outer.addStretch(1)
        form = QFormLayout(box)
        form.addRow(QLabel(self.tr("<b>New caller</b> — not in the database yet")))
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("Province:"), self.province)
        form.addRow(self.tr("City:"), self.city)
        form.addRow(self.tr("District:"), self.district)
        form.addRow(self.tr("Street address:"), self.detail)
        form.addRow(self.tr("Notes:"), self.notes)
        form.addRow(self.error)
        form.addRow(self.save)

    def prefill(self, phone: str) -> None:
        for field in (self.name, self.province, self.city, self.district, self.detail):
            field.clear()
        self.notes.clear()
        self.error.clear()
        self.phone.setText(phone)
        self.name.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def _submit(self) -> None:
        address = AddressInput(self.province.text(), self.city.text(), self.district.text(), self.detail.text())
        has_address = any(v.strip() for v in (address.province, address.city, address.detail))
        self.create_requested.emit(
            CustomerInput(
                name=self.name.text(),
                phones=[(self.phone.text(), "mobile")],
                addresses=[address] if has_address else [],
                notes=self.notes.toPlainText(),
            )
        )


class PopView(QWidget):
    """Signals:
    customer_chosen(int): the agent picked one of several customers sharing the number.
    create_requested(CustomerInput): the agent filled in the new-caller form.
    new_order_requested(int): the agent wants to take an order for this customer.
    """

    customer_chosen = Signal(int)
    create_requested = Signal(object)
    new_order_requested = Signal(int)

    def __init__(self, region: str = "CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._region = region
        self.header = QLabel(self.tr("Waiting for a call…"))
        self.header.setObjectName("pop_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("pop_banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.line = QLabel()
        self.line.setObjectName("pop_line")
        self.line.setWordWrap(True)

        self.tabs = CustomerTabs(_table)
        self.tabs.setObjectName("pop_tabs")
        self.card = self.tabs.card
        self.card.setObjectName("pop_card")
        self.orders, self.returned = self.tabs.orders, self.tabs.returned
        self.calls, self.followups = self.tabs.calls, self.tabs.followups
        self.script = QTextBrowser()
        self.articles = QListWidget()
        for widget, title in (
            (self.script, self.tr("&Script")),
            (self.articles, self.tr("&Knowledge")),
        ):
            self.tabs.addTab(widget, title)

        self.picker = QListWidget()
        self.picker.setObjectName("pop_picker")
        self.picker.itemActivated.connect(
            lambda item: self.customer_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        )
        picker_box = QWidget()
        picker_layout = QVBoxLayout(picker_box)
        picker_layout.addWidget(QLabel(self.tr("Several customers use this number. Who is calling? (Enter to choose)")))
        picker_layout.addWidget(self.picker)
        self.new_customer = NewCustomerForm()
        self.new_customer.create_requested.connect(self.create_requested)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(picker_box)
        self.stack.addWidget(self.new_customer)

        self.order_button = QPushButton(self.tr("New order (Ctrl+N)"))
        self.order_button.setObjectName("pop_new_order")
        self.order_button.setEnabled(False)
        self.order_button.clicked.connect(self._request_order)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.order_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.line)
        layout.addWidget(self.stack, 1)
        self._customer_id: int | None = None
        self._shown: ActiveCall | None = None

    # --- showing ----------------------------------------------------------------------------------

    def show_call(self, call: ActiveCall) -> None:
        # The same caller painted again (their record read anew): the agent stays on the tab they chose.
        customer = pop_customer(call)
        again = call is self._shown and customer is not None and customer == self._customer_id
        self._shown = call
        pop = call.pop
        if pop is None:
            number = display_number(call.ani, self._region) if call.ani else ""
            self.header.setText(self.tr("<h2>Incoming call {0}…</h2>").format(escape(number)))
            return
        self._show_line(pop)
        self._show_banner(pop)
        if pop.card is not None:
            self._show_customer(pop, keep_tab=again)
            self.stack.setCurrentWidget(self.tabs)
        elif pop.needs_picker:
            self._show_picker(pop)
        elif pop.lookup_error:
            self.header.setText(self.tr("<h2>Incoming call {0}</h2>").format(escape(pop.ani)))
            self._clear_history()
            self.stack.setCurrentWidget(self.tabs)
        elif pop.withheld or pop.invalid_reason:
            title = self.tr("Withheld number") if pop.withheld else self.tr("Unrecognised number {0}").format(pop.ani)
            self.header.setText(f"<h2>{escape(title)}</h2>")
            self._clear_history()
            self.stack.setCurrentWidget(self.tabs)
        else:
            number = display_number(pop.ani_e164, self._region) if pop.ani_e164 else pop.ani
            self.header.setText(self.tr("<h2>New caller {0}</h2>").format(escape(number)))
            self._clear_history()
            self.new_customer.prefill(number)
            self.stack.setCurrentWidget(self.new_customer)
        self.order_button.setEnabled(self._customer_id is not None)

    def _show_line(self, pop: PopResult) -> None:
        bl = pop.business_line
        if bl is None:
            self.line.setText(self.tr("Dialled {0}: no business line").format(pop.dnis) if pop.dnis else "")
            self.script.setPlainText("")
        else:
            self.line.setText(
                self.tr("☎ {0} — {1} (dialled {2})").format(bl.name, bl.advert_name or bl.product_line, pop.dnis)
            )
            self.script.setPlainText(bl.call_script)
        self.articles.clear()
        for article in pop.suggested_articles:
            item = QListWidgetItem(article.title)
            item.setData(Qt.ItemDataRole.UserRole, article.id)
            self.articles.addItem(item)

    def _show_banner(self, pop: PopResult) -> None:
        if pop.blacklisted:
            reasons = [pop.number_blacklist_reason] if pop.number_blacklisted else []
            if pop.card is not None and pop.card.blacklisted:
                reasons.append(pop.card.blacklist_reason)
            text = self.tr("⚠ BLACKLISTED: {0}").format(
                "; ".join(r for r in reasons if r) or self.tr("no reason given")
            )
            self.banner.setText(text)
            self.banner.setStyleSheet(f"background: {_RED}; color: white; font-weight: bold; padding: 6px;")
            self.banner.show()
        elif pop.lookup_error:
            self.banner.setText(
                self.tr("The customer's history cannot be read right now ({0}); retrying…").format(pop.lookup_error)
            )
            self.banner.setStyleSheet("background: #f9a825; color: black; padding: 6px;")
            self.banner.show()
        else:
            self.banner.hide()

    def _show_customer(self, pop: PopResult, *, keep_tab: bool = False) -> None:
        card = pop.card
        assert card is not None
        self._customer_id = card.id
        vip = (
            f' <span style="background:{_GOLD}; color:white; padding:2px 6px;">&nbsp;VIP&nbsp;</span>'
            f' <span style="color:{_GOLD};">{escape(card.vip_note)}</span>'
            if card.vip
            else ""
        )
        phone = card.phones[0].display if card.phones else ""
        self.header.setText(f"<h2>{escape(card.name)}{vip}</h2>{escape(phone)}")
        # The pop names the caller on the card too and leaves the default address unmarked.
        self.card.setHtml(self.tabs.card_html(card, with_name=True, mark_default=False))
        self.tabs.show_history(pop)
        if not keep_tab:  # returned orders are what the caller most likely rings about: open on them
            self.tabs.setCurrentIndex(RETURNED_TAB if pop.returned_orders else CARD_TAB)

    def _show_picker(self, pop: PopResult) -> None:
        self._customer_id = None
        number = display_number(pop.ani_e164, self._region) if pop.ani_e164 else pop.ani
        self.header.setText(self.tr("<h2>{0} customers on {1}</h2>").format(len(pop.matches), escape(number)))
        self.picker.clear()
        for match in pop.matches:
            flags = (" ★VIP" if match.vip else "") + (" ⚠" if match.blacklisted else "")
            item = QListWidgetItem(f"{match.name}{flags} — {', '.join(p.display for p in match.phones)}")
            item.setData(Qt.ItemDataRole.UserRole, match.id)
            self.picker.addItem(item)
        self.picker.setCurrentRow(0)
        self.stack.setCurrentIndex(1)
        self.picker.setFocus()

    def _clear_history(self) -> None:
        self._customer_id = None
        self.tabs.clear_history()

    def _request_order(self) -> None:
        if self._customer_id is not None:
            self.new_order_requested.emit(self._customer_id)


def pop_customer(call: ActiveCall) -> int | None:
    """The customer whose record the call's pop shows, if any."""
    return call.pop.card.id if call.pop is not None and call.pop.card is not None else None
