"""What the order services take and give back: inputs, views and user-facing errors.

No queries here; :mod:`agent_desk.services.orders` is the public entry point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agent_desk.core.orders import OrderAction, Role, actions_for
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.orders.hands import hands_from


class OrderError(ValueError):
    """An order operation that did not happen; ``str(err)`` is fit to show the user."""


class OrderValidationFailed(OrderError):
    """Input that cannot be saved or submitted; ``field`` names the form field (``lines``, ``province``…).

    ``line_index`` is the 0-based order line for line problems; ``problems`` lists every
    ``(field, message)`` found when several fields are missing at once.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str,
        line_index: int | None = None,
        problems: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(message)
        self.field = field
        self.line_index = line_index
        self.problems = problems or ((field, message),)


class OrderNotFound(OrderError):
    pass


class StaleOrder(OrderError):
    """Someone else changed the order first: ``by_user`` is who, ``state`` what the order is now."""

    def __init__(self, message: str, *, by_user: str, state: str) -> None:
        super().__init__(message)
        self.by_user = by_user
        self.state = state


@dataclass(frozen=True)
class DraftLine:
    product_id: int
    quantity: int
    discount_pct: int = 0


@dataclass(frozen=True)
class OrderInput:
    """The order form as typed. ``client_uuid`` is made by the desk before the first save."""

    client_uuid: str
    customer_id: int
    recipient_name: str
    recipient_phone: str  # any spelling; stored as E.164 once it is a valid number
    province: str
    city: str
    district: str
    address_detail: str
    postcode: str = ""
    payment_method: str = "cod"
    notes: str = ""
    lines: tuple[DraftLine, ...] = ()
    business_line_id: int | None = None
    call_id: int | None = None


@dataclass(frozen=True)
class OrderView:
    """An order after a save or an action: enough to refresh a form or a queue row."""

    id: int
    order_no: str
    client_uuid: str
    state: str
    version: int
    subtotal_cents: int
    discount_cents: int
    total_cents: int
    cod_amount_cents: int
    waybill_no: str | None
    last_reason: str
    submitted_at: datetime | None
    # What still stops a submit, as (field, message); empty when the order is complete.
    missing: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class LineView:
    product_id: int
    product_name: str
    unit_price_cents: int
    quantity: int
    discount_pct: int
    line_total_cents: int


@dataclass(frozen=True)
class HistoryEntry:
    """One audit event in words: ``text`` reads like "赵审核 (auditor): approve — pending review → …"."""

    id: int
    seq: int
    at: datetime
    actor_id: int
    actor_name: str
    actor_role: str
    action: str
    from_state: str | None
    to_state: str
    reason: str
    changes: dict[str, Any]
    text: str


@dataclass(frozen=True)
class OrderDetail:
    id: int
    order_no: str
    client_uuid: str
    state: str
    version: int
    customer_id: int
    customer_name: str
    business_line_id: int | None
    business_line_name: str
    call_id: int | None
    taken_by: int
    taken_by_name: str
    reviewed_by: int | None
    reviewed_by_name: str
    logistics_by: int | None
    logistics_by_name: str
    recipient_name: str
    recipient_phone: str
    recipient_phone_display: str
    province: str
    city: str
    district: str
    address_detail: str
    postcode: str
    payment_method: str
    cod_amount_cents: int
    subtotal_cents: int
    discount_cents: int
    total_cents: int
    notes: str
    last_reason: str
    waybill_no: str | None
    created_at: datetime
    submitted_at: datetime | None
    updated_at: datetime
    lines: tuple[LineView, ...]
    history: tuple[HistoryEntry, ...]
    # Filled for the user given to get_order: the buttons to show (reasons asked separately).
    actions: tuple[str, ...] = field(default=())

    def actions_for(self, user: CurrentUser) -> tuple[str, ...]:
        """What ``user`` may do with this order now, from the one rule set in core.orders."""
        hands = hands_from((e.actor_id, e.action) for e in self.history)
        return tuple(
            a.value
            for a in actions_for(
                self.state,  # type: ignore[arg-type]
                actor_id=user.id,
                actor_role=Role(user.role),
                taken_by=self.taken_by,
                reviewed_by=hands.reviewers,
                logistics_by=hands.logistics,
            )
        )

    def to_input(self) -> OrderInput:
        """The form contents, to reopen a draft or a returned order for editing."""
        return OrderInput(
            client_uuid=self.client_uuid,
            customer_id=self.customer_id,
            recipient_name=self.recipient_name,
            recipient_phone=self.recipient_phone,
            province=self.province,
            city=self.city,
            district=self.district,
            address_detail=self.address_detail,
            postcode=self.postcode,
            payment_method=self.payment_method,
            notes=self.notes,
            lines=tuple(DraftLine(ln.product_id, ln.quantity, ln.discount_pct) for ln in self.lines),
            business_line_id=self.business_line_id,
            call_id=self.call_id,
        )


@dataclass(frozen=True)
class QueueRow:
    id: int
    order_no: str
    state: str
    customer_name: str
    recipient_name: str
    recipient_phone: str  # national display form, or masked (138****8000) when asked
    total_cents: int
    payment_method: str
    cod_amount_cents: int
    submitted_at: datetime | None
    waiting_seconds: int
    taken_by_name: str
    business_line_name: str
    last_reason: str
    waybill_no: str | None
    version: int


@dataclass(frozen=True)
class ProductView:
    id: int
    sku: str
    name: str
    business_line_id: int | None
    business_line_name: str
    price_cents: int
    max_discount_pct: int
    description: str
    in_caller_line: bool


@dataclass(frozen=True)
class BulkResult:
    approved: list[int]
    failed: list[tuple[int, str]]


ACTION_PAST: dict[str, str] = {
    OrderAction.SUBMIT: "submitted",
    OrderAction.APPROVE: "approved",
    OrderAction.REJECT_REVIEW: "returned to the agent",
    OrderAction.REJECT_LOGISTICS: "returned from logistics",
    OrderAction.PRINT_LABEL: "labelled",
    OrderAction.HANDOVER: "handed over",
    OrderAction.DELIVER: "marked delivered",
    OrderAction.REFUSE: "marked refused",
    OrderAction.CANCEL: "cancelled",
    "edit": "edited",
}
