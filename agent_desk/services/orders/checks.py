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
_FIELD_WORDS = {
    "recipient_name": "recipient name",
    "province": "province",
    "city": "city",
    "district": "district",
    "address_detail": "street address",
    "postcode": "postcode",
    "notes": "notes",
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
        raise OrderValidationFailed(
            f"The form's id {value!r} is not a UUID; the desk must create one before the first save.",
            field="client_uuid",
        ) from None


def _text(name: str, value: str) -> str:
    if not isinstance(value, str):
        raise OrderValidationFailed(f"The {_FIELD_WORDS[name]} must be text.", field=name)
    cleaned = unicodedata.normalize("NFC", value).strip()
    if name != "notes" and any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in cleaned):
        raise OrderValidationFailed(f"The {_FIELD_WORDS[name]} must be a single line of text.", field=name)
    limit = _TEXT_LIMITS[name]
    if len(cleaned) > limit:
        raise OrderValidationFailed(
            f"The {_FIELD_WORDS[name]} is {len(cleaned)} characters long; at most {limit} fit.", field=name
        )
    return cleaned


def _phone(raw: str, region: str) -> str:
    text = raw.strip() if isinstance(raw, str) else ""
    e164 = try_normalize(text, region) if text else None
    if e164:
        return e164
    # A half-typed number is kept as typed: a draft may be incomplete, submit checks it.
    if len(text) > PHONE_COLUMN_WIDTH:
        raise OrderValidationFailed(
            f"“{text[:24]}…” is too long to be a phone number.",
            field="recipient_phone",
        )
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
                f"Line {i + 1}: product {line.product_id!r} is not in the catalogue.", field="lines", line_index=i
            )
        if already is not None:
            # Name and price as sold: a later catalogue change never rewrites an order being fixed.
            priced.append((product.id, already.product_name, already.unit_price_cents, product.max_discount_pct))
        elif not product.active:
            raise OrderValidationFailed(
                f"Line {i + 1}: {product.name} is no longer sold; please choose another product.",
                field="lines",
                line_index=i,
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
        raise OrderValidationFailed(str(exc), field="lines", line_index=exc.line_index) from None
    for i, ((_pid, name, _price, limit), ln) in enumerate(zip(priced, lines, strict=True)):
        if ln.discount_pct > limit:
            raise OrderValidationFailed(
                f"Line {i + 1} ({name}): a {ln.discount_pct}% discount is more than the {limit}% allowed "
                "on this product.",
                field="lines",
                line_index=i,
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
        raise OrderValidationFailed(f"Customer {data.customer_id!r} does not exist.", field="customer_id")
    if data.payment_method not in PAYMENT_METHODS:
        raise OrderValidationFailed(
            f"Payment must be cash on delivery (cod) or prepaid, not {data.payment_method!r}.",
            field="payment_method",
        )
    if data.business_line_id is not None and session.get(BusinessLine, data.business_line_id) is None:
        raise OrderValidationFailed(
            f"Business line {data.business_line_id!r} does not exist.", field="business_line_id"
        )
    if data.call_id is not None and session.get(Call, data.call_id) is None:
        raise OrderValidationFailed(f"Call {data.call_id!r} does not exist.", field="call_id")
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
        subtotal_cents=totals.gross_cents,
        discount_cents=totals.discount_cents,
        total_cents=totals.total_cents,
        cod_amount_cents=totals.total_cents if data.payment_method == "cod" else 0,
    )
    return CleanInput(client_uuid, columns, lines)


def problems_of(order: Order, *, region: str = "CN") -> tuple[tuple[str, str], ...]:
    """Everything that stops ``order`` from being submitted, as (field, message), in form order."""
    found: list[tuple[str, str]] = []
    if not order.recipient_name.strip():
        found.append(("recipient_name", "The recipient's name is missing."))
    if not order.recipient_phone.strip():
        found.append(("recipient_phone", "The recipient's phone number is missing."))
    else:
        try:
            normalize(order.recipient_phone, region)
        except InvalidPhoneNumber as exc:
            found.append(("recipient_phone", str(exc)))
    gaps = [
        word
        for word, value in (
            ("province", order.province),
            ("city", order.city),
            ("street address", order.address_detail),
        )
        if not value.strip()
    ]
    if gaps:
        found.append(("address", "The address needs: " + ", ".join(gaps) + "."))
    if order.postcode and not _POSTCODE.fullmatch(order.postcode):
        found.append(("postcode", f"The postcode {order.postcode!r} must be six digits, or left empty."))
    if not order.lines:
        found.append(("lines", "The order has no products yet."))
    return tuple(found)


def require_complete(order: Order) -> None:
    found = problems_of(order)
    if found:
        field, first = found[0]
        message = first if len(found) == 1 else "This order cannot be submitted yet: " + " ".join(m for _f, m in found)
        raise OrderValidationFailed(message, field=field, problems=found)


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
