"""A customer's card and histories as tabs: what the screen pop and the Customers workspace both show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QWidget

from agent_desk.core.money import format_yuan
from agent_desk.services.customers.records import CustomerCard, CustomerRecord
from agent_desk.ui import labels

CARD_TAB, ORDERS_TAB, RETURNED_TAB, CALLS_TAB, FOLLOWUPS_TAB = range(5)


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _money(cents: int) -> str:
    return format_yuan(cents, symbol=True)


class CustomerTabs(QTabWidget):
    """The card, then recent orders, returned orders, calls and open follow-ups, one tab each.

    Each screen keeps its own table look (``table`` builds one from its headers); ``tooltip_from``
    is the shortest cell text that gets a tooltip, for screens whose columns cut short text too.
    """

    def __init__(
        self,
        table: Callable[[list[str]], QTableWidget],
        *,
        tooltip_from: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tooltip_from = tooltip_from
        self.card = QTextBrowser()
        self.orders = table([self.tr("Order"), self.tr("State"), self.tr("Total"), self.tr("Date"), self.tr("Items")])
        self.returned = table([self.tr("Order"), self.tr("Returned because"), self.tr("Total"), self.tr("Date")])
        self.calls = table([self.tr("Date"), self.tr("Result"), self.tr("Agent"), self.tr("Notes")])
        self.followups = table([self.tr("Due"), self.tr("Order"), self.tr("Notes")])
        for widget, title in (
            (self.card, self.tr("&Customer")),
            (self.orders, self.tr("&Orders")),
            (self.returned, self.tr("&Returned")),
            (self.calls, self.tr("C&alls")),
            (self.followups, self.tr("&Follow-ups")),
        ):
            self.addTab(widget, title)

    def show_counts(self, record: CustomerRecord | None) -> None:
        counts = (
            (
                len(record.recent_orders),
                len(record.returned_orders),
                len(record.recent_calls),
                len(record.open_followups),
            )
            if record is not None
            else (0, 0, 0, 0)
        )
        self.setTabText(CARD_TAB, self.tr("&Customer"))
        self.setTabText(ORDERS_TAB, self.tr("&Orders ({0})").format(counts[0]))
        self.setTabText(RETURNED_TAB, self.tr("&Returned ({0})").format(counts[1]))
        self.setTabText(CALLS_TAB, self.tr("C&alls ({0})").format(counts[2]))
        self.setTabText(FOLLOWUPS_TAB, self.tr("&Follow-ups ({0})").format(counts[3]))

    def show_history(self, record: CustomerRecord) -> None:
        """The four histories and their counts; returned orders turn their tab red, as they need the agent."""
        self._fill(
            self.orders,
            [
                [o.order_no, labels.order_state(o.state), _money(o.total_cents), when(o.created_at), o.items]
                for o in record.recent_orders
            ],
        )
        self._fill(
            self.returned,
            [[o.order_no, o.last_reason, _money(o.total_cents), when(o.created_at)] for o in record.returned_orders],
        )
        self._fill(
            self.calls,
            [[when(c.offered_at), labels.call_result(c), c.agent, c.notes] for c in record.recent_calls],
        )
        self._fill(self.followups, [[when(f.due_at), str(f.order_id or ""), f.notes] for f in record.open_followups])
        for table in self._histories():
            # At most ten rows, so sizing to contents is cheap; order numbers and dates must never be cut.
            table.resizeColumnsToContents()
        self.show_counts(record)
        bar = self.tabBar()
        bar.setTabTextColor(RETURNED_TAB, Qt.GlobalColor.red if record.returned_orders else bar.tabTextColor(CARD_TAB))

    def clear_history(self) -> None:
        self.card.clear()
        for table in self._histories():
            table.setRowCount(0)

    def card_html(self, card: CustomerCard, *, with_name: bool = False, mark_default: bool = True) -> str:
        parts = [f"<h3>{escape(card.name)}</h3>"] if with_name else []
        if card.phones:
            parts.append("<b>" + escape(self.tr("Phones")) + "</b><ul>")
            parts += [
                f"<li>{escape(p.display)} <i>({escape(labels.phone_label(p.label))})</i></li>" for p in card.phones
            ]
            parts.append("</ul>")
        if card.addresses:
            parts.append("<b>" + escape(self.tr("Addresses")) + "</b><ul>")
            for a in card.addresses:
                default = " <i>(" + escape(self.tr("default")) + ")</i>" if mark_default and a.is_default else ""
                parts.append(f"<li>{escape(a.one_line)} {escape(a.postcode)}{default}</li>")
            parts.append("</ul>")
        if card.notes:
            parts.append("<b>" + escape(self.tr("Notes")) + f"</b><p>{escape(card.notes)}</p>")
        return "".join(parts) or escape(self.tr("No phones, addresses or notes on file."))

    def _histories(self) -> tuple[QTableWidget, ...]:
        return (self.orders, self.returned, self.calls, self.followups)

    def _fill(self, table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if len(text) >= self._tooltip_from:
                    item.setToolTip(text)
                table.setItem(r, c, item)
