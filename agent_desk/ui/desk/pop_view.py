"""The screen pop as the agent sees it. Display only: data arrives as PopResult, choices leave as signals."""

from __future__ import annotations

from datetime import datetime
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
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.money import format_yuan
from agent_desk.core.phone import display_number
from agent_desk.services.customers import AddressInput, CustomerInput
from agent_desk.services.screen_pop import PopResult
from agent_desk.ui import labels
from agent_desk.ui.desk.pop_controller import ActiveCall

_RED = "#c62828"
_GOLD = "#b8860b"


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    # At most ten rows: sizing to contents is cheap here (unlike the big queues).
    table.resizeColumnsToContents()


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

        self.card = QTextBrowser()
        self.card.setObjectName("pop_card")
        self.orders = _table([self.tr("Order"), self.tr("State"), self.tr("Total"), self.tr("Date"), self.tr("Items")])
        self.returned = _table([self.tr("Order"), self.tr("Returned because"), self.tr("Total"), self.tr("Date")])
        self.calls = _table([self.tr("Date"), self.tr("Result"), self.tr("Agent"), self.tr("Notes")])
        self.followups = _table([self.tr("Due"), self.tr("Order"), self.tr("Notes")])
        self.script = QTextBrowser()
        self.articles = QListWidget()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("pop_tabs")
        for widget, title in (
            (self.card, self.tr("&Customer")),
            (self.orders, self.tr("&Orders")),
            (self.returned, self.tr("&Returned")),
            (self.calls, self.tr("C&alls")),
            (self.followups, self.tr("&Follow-ups")),
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

    # --- showing ----------------------------------------------------------------------------------

    def show_call(self, call: ActiveCall) -> None:
        pop = call.pop
        if pop is None:
            self.header.setText(self.tr("<h2>Incoming call {0}…</h2>").format(escape(call.ani)))
            return
        self._show_line(pop)
        self._show_banner(pop)
        if pop.card is not None:
            self._show_customer(pop)
            self.stack.setCurrentWidget(self.tabs)
        elif pop.needs_picker:
            self._show_picker(pop)
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
        else:
            self.banner.hide()

    def _show_customer(self, pop: PopResult) -> None:
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
        parts = [f"<h3>{escape(card.name)}</h3>"]
        if card.phones:
            parts.append("<b>" + self.tr("Phones") + "</b><ul>")
            parts += [
                f"<li>{escape(p.display)} <i>({escape(labels.phone_label(p.label))})</i></li>" for p in card.phones
            ]
            parts.append("</ul>")
        if card.addresses:
            parts.append("<b>" + self.tr("Addresses") + "</b><ul>")
            parts += [f"<li>{escape(a.one_line)} {escape(a.postcode)}</li>" for a in card.addresses]
            parts.append("</ul>")
        if card.notes:
            parts.append("<b>" + self.tr("Notes") + f"</b><p>{escape(card.notes)}</p>")
        self.card.setHtml("".join(parts))
        money = lambda cents: format_yuan(cents, symbol=True)  # noqa: E731
        _fill(
            self.orders,
            [
                [o.order_no, labels.order_state(o.state), money(o.total_cents), _when(o.created_at), o.items]
                for o in pop.recent_orders
            ],
        )
        _fill(
            self.returned,
            [[o.order_no, o.last_reason, money(o.total_cents), _when(o.created_at)] for o in pop.returned_orders],
        )
        _fill(
            self.calls,
            [
                [_when(c.offered_at), c.disposition or labels.end_reason(c.end_reason), c.agent, c.notes]
                for c in pop.recent_calls
            ],
        )
        _fill(self.followups, [[_when(f.due_at), str(f.order_id or ""), f.notes] for f in pop.open_followups])
        self.tabs.setTabText(1, self.tr("&Orders ({0})").format(len(pop.recent_orders)))
        self.tabs.setTabText(2, self.tr("&Returned ({0})").format(len(pop.returned_orders)))
        self.tabs.setTabText(3, self.tr("C&alls ({0})").format(len(pop.recent_calls)))
        self.tabs.setTabText(4, self.tr("&Follow-ups ({0})").format(len(pop.open_followups)))
        if pop.returned_orders:
            self.tabs.tabBar().setTabTextColor(2, Qt.GlobalColor.red)
            self.tabs.setCurrentIndex(2)
        else:
            self.tabs.tabBar().setTabTextColor(2, self.tabs.tabBar().tabTextColor(0))
            self.tabs.setCurrentIndex(0)

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
        self.card.clear()
        for table in (self.orders, self.returned, self.calls, self.followups):
            table.setRowCount(0)

    def _request_order(self) -> None:
        if self._customer_id is not None:
            self.new_order_requested.emit(self._customer_id)
