"""The order and the customer's history as rich text, for the detail panes of both audit stages."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import QObject

from agent_desk.core.money import format_yuan
from agent_desk.core.phone import mask_stored
from agent_desk.services.customers.records import CallSummary, CustomerRecord
from agent_desk.services.orders.review import OrderBeside
from agent_desk.services.orders.types import HistoryEntry
from agent_desk.ui import labels

_RED = "#c62828"
_GOLD = "#b8860b"
_MUTED = "#666"
_TABLE = 'cellspacing="0" cellpadding="3" width="100%" style="border-collapse: collapse"'


def local(value: datetime | None) -> str:
    # Stored naive in UTC (store.clock.utcnow); shown in the desk's own time zone.
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def _yuan(cents: int) -> str:
    return "¥" + format_yuan(cents)


class OrderText(QObject):
    def state(self, state: str) -> str:
        return labels.order_state(state)

    def payment(self, method: str) -> str:
        return labels.payment_method(method)

    def header(self, beside: OrderBeside) -> str:
        o = beside.order
        parts = [
            f"<b style='font-size:14pt'>{escape(o.order_no)}</b>",
            escape(self.state(o.state)),
            self.tr("taken by {0}").format(escape(o.taken_by_name)),
        ]
        if o.business_line_name:
            parts.append(escape(o.business_line_name))
        if o.submitted_at:
            parts.append(self.tr("submitted {0}").format(local(o.submitted_at)))
        return " · ".join(parts)

    def order_html(self, beside: OrderBeside, *, with_recipient: bool = True) -> str:
        o = beside.order
        rows = "".join(
            f"<tr><td>{escape(ln.product_name)}</td><td align='right'>{_yuan(ln.unit_price_cents)}</td>"
            f"<td align='right'>×{ln.quantity}</td>"
            f"<td align='right'>{f'-{ln.discount_pct}%' if ln.discount_pct else ''}</td>"
            f"<td align='right'>{_yuan(ln.line_total_cents)}</td></tr>"
            for ln in o.lines
        )
        # lupdate does not look inside f-strings: every tr() call stands outside them.
        heads = [self.tr("Item"), self.tr("Price"), self.tr("Qty"), self.tr("Discount"), self.tr("Line total")]
        cells = "".join(f"<th align='{'left' if i == 0 else 'right'}'>{h}</th>" for i, h in enumerate(heads))
        html = [
            f"<table {_TABLE}><tr style='background:#eee'>{cells}</tr>{rows}</table>",
            "<p>"
            + self.tr("Subtotal {0} · discount {1} · <b>total {2}</b>").format(
                _yuan(o.subtotal_cents), _yuan(o.discount_cents), _yuan(o.total_cents)
            )
            + "<br>"
            + self.tr("Payment: {0}").format(escape(self.payment(o.payment_method))),
        ]
        if o.payment_method == "cod":
            html.append(" · " + self.tr("<b>collect {0}</b> on delivery").format(_yuan(o.cod_amount_cents)))
        html.append("</p>")
        if with_recipient:
            address = f"{o.province}{o.city}{o.district}{o.address_detail}" + (f" ({o.postcode})" if o.postcode else "")
            ship_to = self.tr("Ship to")
            html.append(
                f"<p><b>{ship_to}</b><br>{escape(o.recipient_name)} · "
                f"{escape(beside.recipient_phone_shown)}<br>{escape(address)}</p>"
            )
        if o.masks_phone_on_label:
            privacy = self.tr("Privacy waybill: the label prints the phone as {0}; the courier's data keeps it whole.")
            html.append(f"<p>{privacy.format(escape(mask_stored(o.recipient_phone)))}</p>")
        if o.waybill_no:
            html.append("<p>" + self.tr("Waybill: {0}").format(f"<b>{escape(o.waybill_no)}</b>") + "</p>")
        if o.notes:
            notes = self.tr("Notes (printed on the label)")
            html.append(f"<p><b>{notes}</b><br>{escape(o.notes)}</p>")
        if o.last_reason:
            last = self.tr("Last reason: {0}").format(escape(o.last_reason))
            html.append(f"<p style='color:{_RED}'>{last}</p>")
        if o.history:
            events = "".join(
                f"<li><span style='color:{_MUTED}'>{local(e.at)}</span> {escape(self._event(e))}</li>"
                for e in o.history
            )
            history = self.tr("History")
            html.append(f"<p><b>{history}</b></p><ul style='margin-left:-20px'>{events}</ul>")
        return "".join(html)

    @staticmethod
    def _event(e: HistoryEntry) -> str:
        return labels.history_line(e.actor_name, e.actor_role, e.action, e.from_state, e.to_state, e.reason, e.changes)

    @staticmethod
    def _call_result(c: CallSummary) -> str:
        return labels.call_result(c)

    def customer_html(self, customer: CustomerRecord | None) -> str:
        card = customer.card if customer is not None else None
        if customer is None or card is None:
            gone = self.tr("The customer record no longer exists.")
            return f"<p style='color:{_RED}'>{gone}</p>"
        badges = ""
        if card.vip:
            badges += f" <span style='color:{_GOLD}'>★ VIP</span>"
        if card.blacklisted:
            flag = self.tr("BLACKLISTED")
            badges += f" <span style='color:{_RED}'><b>{flag}</b>: {escape(card.blacklist_reason)}</span>"
        phones = " / ".join(escape(p.display) for p in card.phones) or "—"
        html = [f"<p><b style='font-size:13pt'>{escape(card.name)}</b>{badges}<br>{phones}</p>"]
        if card.notes:
            html.append(f"<p style='color:{_MUTED}'>{escape(card.notes)}</p>")
        html.append(self._orders(self.tr("Recent orders"), customer))
        if customer.returned_orders:
            returned = self.tr("Returned orders")
            numbers = ", ".join(escape(o.order_no) for o in customer.returned_orders)
            html.append(f"<p><b>{returned}</b>: {numbers}</p>")
        if customer.recent_calls:
            calls = "".join(
                f"<li>{local(c.offered_at)} {escape(self._call_result(c))} {escape(c.notes)}</li>"
                for c in customer.recent_calls[:5]
            )
            recent = self.tr("Recent calls")
            html.append(f"<p><b>{recent}</b></p><ul style='margin-left:-20px'>{calls}</ul>")
        return "".join(html)

    def _orders(self, title: str, customer: CustomerRecord) -> str:
        if not customer.recent_orders:
            none = self.tr("none")
            return f"<p><b>{title}</b>: {none}</p>"
        rows = "".join(
            f"<tr><td nowrap>{local(o.created_at)[:10]}</td><td nowrap>{escape(o.order_no)}</td>"
            f"<td nowrap style='color:{_RED if o.state in ('refused', 'returned', 'cancelled') else 'black'}'>"
            f"{escape(self.state(o.state))}</td><td align='right'>{_yuan(o.total_cents)}</td>"
            f"<td>{escape(o.items)}</td></tr>"
            for o in customer.recent_orders
        )
        return f"<p><b>{title}</b></p><table {_TABLE}>{rows}</table>"
