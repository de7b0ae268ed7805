"""Checking order input: soft for drafts (incomplete is fine, garbage is not), complete for submit."""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.core.money import LineInput, OrderValidationError, compute_totals
from agent_desk.core.phone import InvalidPhoneNumber, normalize, try_normalize
from agent_desk.services.errors import Problem
from agent_desk.services.orders.types import DraftLine, OrderInput, OrderValidationFailed, OrderView
from agent_desk.store.models import PAYMENT_METHODS, BusinessLine, Call, Customer, Order, OrderLine, Product

_POSTCODE = re.compile(r"\d{6}")
# Column widths of the orders table: longer text is refused, not cut, so nothing typed is silently lost.
_TEXT_LIMITS = {
    "recipient_name": 100,
    "province": 40,
    "city": 40,
    "district": 40,
    "address_detail": 200,
    "postcode": 10,
    "notes": 4000,
}
PHONE_COLUMN_WIDTH = 20


@dataclass(frozen=True)
class CleanLine:
    product_id: int
    product_name: str
    unit_price_cents: int
    quantity: int
    discount_pct: int
    line_total_cents: int

    def summary(self) -> str:
        off = f" -{self.discount_pct}%" if self.discount_pct else ""
        return f"{self.product_name} ×{self.quantity} @{self.unit_price_cents}{off}"


@dataclass(frozen=True)
class CleanInput:
    """Input that may be stored: every column value, lines priced, totals computed."""

    client_uuid: str
    columns: dict[str, Any]
    lines: tuple[CleanLine, ...]


def canonical_uuid(value: str) -> str:
    try:
        return str(uuid.UUID(str(value).strip()))
    except ValueError:
        raise OrderValidationFailed("order.form_id_invalid", field="client_uuid", value=str(value)) from None


def _text(name: str, value: str) -> str:
    if not isinstance(value, str):
        raise OrderValidationFailed("order.field_not_text", field=name)
    cleaned = unicodedata.normalize("NFC", value).strip()
    if name != "notes" and any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in cleaned):
        raise OrderValidationFailed("order.field_not_one_line", field=name)
    limit = _TEXT_LIMITS[name]
    if len(cleaned) > limit:
        raise OrderValidationFailed("order.field_too_long", field=name, length=len(cleaned), limit=limit)
    return cleaned


def _phone(raw: str, region: str) -> str:
    text = raw.strip() if isinstance(raw, str) else ""
    e164 = try_normalize(text, region) if text else None
    if e164:
        return e164
    # A half-typed number is kept as typed: a draft may be incomplete, submit checks it.
    if len(text) > PHONE_COLUMN_WIDTH:
        raise OrderValidationFailed("order.phone_too_long", field="recipient_phone", text=text[:24])
    return text


def _price_lines(
    session: Session,
    lines: tuple[DraftLine, ...],
    sold: dict[int, OrderLine],
    max_discount_pct: int,
) -> tuple[tuple[CleanLine, ...], Any]:
    ids = {ln.product_id for ln in lines if isinstance(ln.product_id, int)}
    products = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))} if ids else {}
    priced: list[tuple[int, str, int, int]] = []  # product id, name, unit price, product discount limit
    for i, line in enumerate(lines):
        product = products.get(line.product_id)
        already = sold.get(line.product_id)
        if product is None:
            raise OrderValidationFailed(
                "order.product_unknown", field="lines", line_index=i, line=i + 1, product_id=repr(line.product_id)
            )
        if already is not None:
            # Name and price as sold: a later catalogue change never rewrites an order being fixed.
            priced.append((product.id, already.product_name, already.unit_price_cents, product.max_discount_pct))
        elif not product.active:
            raise OrderValidationFailed(
                "order.product_discontinued", field="lines", line_index=i, line=i + 1, product=product.name
            )
        else:
            priced.append((product.id, product.name, product.price_cents, product.max_discount_pct))
    inputs = [
        LineInput(unit_price_cents=price, quantity=ln.quantity, discount_pct=ln.discount_pct, label=name)
        for (_pid, name, price, _lim), ln in zip(priced, lines, strict=True)
    ]
    try:
        totals = compute_totals(inputs, max_discount_pct)
    except OrderValidationError as exc:
        line_params: dict[str, Any] = exc.params  # the core's line problem, under the service's error
        raise OrderValidationFailed(exc.code, field="lines", line_index=exc.line_index, **line_params) from None
    for i, ((_pid, name, _price, limit), ln) in enumerate(zip(priced, lines, strict=True)):
        if ln.discount_pct > limit:
            raise OrderValidationFailed(
                "order.discount_over_product_limit",
                field="lines",
                line_index=i,
                line=i + 1,
                product=name,
                discount=ln.discount_pct,
                limit=limit,
            )
    clean = tuple(
        CleanLine(pid, name, price, ln.quantity, ln.discount_pct, t.net_cents)
        for (pid, name, price, _lim), ln, t in zip(priced, lines, totals.lines, strict=True)
    )
    return clean, totals


def clean_input(
    session: Session,
    data: OrderInput,
    *,
    sold: dict[int, OrderLine],
    max_discount_pct: int,
    region: str,
) -> CleanInput:
    """Soft check: refuses garbage (unknown product, impossible quantity, too-long text), accepts gaps."""
    client_uuid = canonical_uuid(data.client_uuid)
    if session.get(Customer, data.customer_id) is None:
        raise OrderValidationFailed("order.customer_not_found", field="customer_id", customer_id=repr(data.customer_id))
    if data.payment_method not in PAYMENT_METHODS:
        raise OrderValidationFailed("order.payment_unknown", field="payment_method", method=str(data.payment_method))
    if data.business_line_id is not None and session.get(BusinessLine, data.business_line_id) is None:
        raise OrderValidationFailed(
            "order.business_line_not_found",
            field="business_line_id",
            business_line_id=repr(data.business_line_id),
        )
    if data.call_id is not None and session.get(Call, data.call_id) is None:
        raise OrderValidationFailed("order.call_not_found", field="call_id", call_id=repr(data.call_id))
    columns: dict[str, Any] = {name: _text(name, getattr(data, name)) for name in _TEXT_LIMITS}
    columns["recipient_phone"] = _phone(data.recipient_phone, region)
    lines, totals = _price_lines(session, tuple(data.lines), sold, max_discount_pct)
    business_line_id = data.business_line_id
    if business_line_id is None and data.call_id is not None:
        business_line_id = session.scalar(select(Call.business_line_id).where(Call.id == data.call_id))
    if business_line_id is None and lines:
        business_line_id = session.scalar(select(Product.business_line_id).where(Product.id == lines[0].product_id))
    columns.update(
        customer_id=data.customer_id,
        business_line_id=business_line_id,
        call_id=data.call_id,
        payment_method=data.payment_method,
        privacy_waybill=None if data.privacy_waybill is None else bool(data.privacy_waybill),
        subtotal_cents=totals.gross_cents,
        discount_cents=totals.discount_cents,
        total_cents=totals.total_cents,
        cod_amount_cents=totals.total_cents if data.payment_method == "cod" else 0,
    )
    return CleanInput(client_uuid, columns, lines)


def problems_of(order: Order, *, region: str = "CN") -> tuple[tuple[str, Problem], ...]:
    """Everything that stops ``order`` from being submitted, as (field, problem), in form order."""
    problem = OrderValidationFailed.problem
    found: list[tuple[str, Problem]] = []
    if not order.recipient_name.strip():
        found.append(("recipient_name", problem("order.recipient_name_missing")))
    if not order.recipient_phone.strip():
        found.append(("recipient_phone", problem("order.recipient_phone_missing")))
    else:
        try:
            normalize(order.recipient_phone, region)
        except InvalidPhoneNumber as exc:
            found.append(("recipient_phone", exc.as_problem()))
    gaps = [
        part
        for part, value in (
            ("province", order.province),
            ("city", order.city),
            ("address_detail", order.address_detail),
        )
        if not value.strip()
    ]
    if gaps:
        found.append(("address", problem("order.address_incomplete", parts=gaps)))
    if order.postcode and not _POSTCODE.fullmatch(order.postcode):
        found.append(("postcode", problem("order.postcode_invalid", postcode=order.postcode)))
    if not order.lines:
        found.append(("lines", problem("order.no_lines")))
    return tuple(found)


def require_complete(order: Order) -> None:
    found = problems_of(order)
    if len(found) == 1:
        field, first = found[0]
        params: dict[str, Any] = first.params
        raise OrderValidationFailed(first.code, field=field, problems=found, **params)
    if found:
        details = [p for _f, p in found]
        raise OrderValidationFailed("order.incomplete", field=found[0][0], problems=found, details=details)


def view_of(order: Order) -> OrderView:
    return OrderView(
        id=order.id,
        order_no=order.order_no,
        client_uuid=order.client_uuid,
        state=order.state,
        version=order.version,
        subtotal_cents=order.subtotal_cents,
        discount_cents=order.discount_cents,
        total_cents=order.total_cents,
        cod_amount_cents=order.cod_amount_cents,
        waybill_no=order.waybill_no,
        last_reason=order.last_reason,
        submitted_at=order.submitted_at,
        missing=problems_of(order) if order.state in ("draft", "returned") else (),
    )
