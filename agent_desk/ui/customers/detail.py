"""One customer shown: the header with VIP and blacklist marks, the card and the history tabs."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_desk.services.customers.records import CustomerRecord
from agent_desk.ui.customer_card import CARD_TAB, CustomerTabs
from agent_desk.ui.customers.tables import RED, make_table

_GOLD = "#b8860b"


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
        self.banner.setStyleSheet(f"background: {RED}; color: white; font-weight: bold; padding: 6px;")
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
        self.tabs = CustomerTabs(make_table, tooltip_from=25)
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

    def show_record(self, record: CustomerRecord) -> None:
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
