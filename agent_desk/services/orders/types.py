"""What the order services take and give back: inputs, views and user-facing errors.

No queries here; :mod:`agent_desk.services.orders` is the public entry point.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from agent_desk.core.orders import OrderAction, Role, actions_for
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.errors import Problem, ServiceError
from agent_desk.services.orders.hands import hands_from


class OrderError(ServiceError, ValueError):
    """An order operation that did not happen; ``code`` and ``params`` say why, ``str(err)`` in English."""

    messages: ClassVar[Mapping[str, str]] = {
        "order.not_found": "Order {order_id} does not exist.",
        "order.customer_not_found": "Customer {customer_id} does not exist.",
        "order.taken_by_other": "Order {order_no} was taken by another agent; you cannot change it.",
        "order.not_editable": "Order {order_no} is {state} and can no longer be edited.",
        "order.unknown_action": "Unknown order action '{given}'; known actions: {known}.",
    }


# The order form's fields in the English sentences; the desk words them in its own language.
_FIELD_WORDS = {
    "recipient_name": "recipient name",
    "province": "province",
    "city": "city",
    "district": "district",
    "address_detail": "street address",
    "postcode": "postcode",
    "notes": "notes",
    "reason": "reason",
}


class OrderValidationFailed(OrderError):
    """Input that cannot be saved or submitted; ``field`` names the form field (``lines``, ``province``…).

    ``line_index`` is the 0-based order line for line problems; ``problems`` lists every
    ``(field, problem)`` found when several fields are missing at once, each problem a coded
    :class:`~agent_desk.services.errors.Problem` that reads as its English sentence.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "order.form_id_invalid": (
            "The form's id '{value}' is not a UUID; the desk must create one before the first save."
        ),
        "order.field_not_text": "The {field} must be text.",
        "order.field_not_one_line": "The {field} must be a single line of text.",
        "order.field_too_long": "The {field} is {length} characters long; at most {limit} fit.",
        "order.phone_too_long": "“{text}…” is too long to be a phone number.",
        "order.product_unknown": "Line {line}: product {product_id} is not in the catalogue.",
        "order.product_discontinued": "Line {line}: {product} is no longer sold; please choose another product.",
        "order.discount_over_product_limit": (
            "Line {line} ({product}): a {discount}% discount is more than the {limit}% allowed on this product."
        ),
        "order.payment_unknown": "Payment must be cash on delivery (cod) or prepaid, not '{method}'.",
        "order.business_line_not_found": "Business line {business_line_id} does not exist.",
        "order.call_not_found": "Call {call_id} does not exist.",
        "order.recipient_name_missing": "The recipient's name is missing.",
        "order.recipient_phone_missing": "The recipient's phone number is missing.",
        "order.address_incomplete": "The address needs: {parts}.",
        "order.postcode_invalid": "The postcode '{postcode}' must be six digits, or left empty.",
        "order.no_lines": "The order has no products yet.",
        "order.incomplete": "This order cannot be submitted yet: {details}",
    }

    def __init__(
        self,
        code: str,
        /,
        *,
        field: str,
        line_index: int | None = None,
        problems: tuple[tuple[str, Problem], ...] = (),
        **params: object,
    ) -> None:
        super().__init__(code, field=field, **params)
        self.field = field
        self.line_index = line_index
        self.problems = problems or ((field, self.as_problem()),)

    @classmethod
    def english(cls, name: str, value: object) -> str:
        if name in ("field", "parts") and isinstance(value, str):
            return _FIELD_WORDS.get(value, value)
        if name == "details" and isinstance(value, list):
            return " ".join(str(problem) for problem in value)
        return super().english(name, value)


class OrderNotFound(OrderError):
    """No order with that id ("order.not_found")."""


class StaleOrder(OrderError):
    """Someone else changed the order first: ``by_user`` is who, ``state`` what the order is now."""

    messages: ClassVar[Mapping[str, str]] = {
        "order.stale.gone": "Order {order_id} no longer exists.",
        "order.stale.changed": (
            "Order {order_no} was changed by {by_user} in the meantime; it is now {state}. Reload it and try again."
        ),
        "order.stale.already_done": (
            "Order {order_no} was already {action_done} by {by_user} at {time}; it is now {state}."
        ),
    }

    def __init__(self, code: str, /, *, by_user: str, state: str, **params: object) -> None:
        super().__init__(code, by_user=by_user, state=state, **params)
        self.by_user = by_user
        self.state = state

    @classmethod
    def english(cls, name: str, value: object) -> str:
        if name == "action_done":
            return ACTION_PAST.get(str(value), str(value))
        return super().english(name, value)


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
    # The phone masked on the label (隐私面单) or printed in full; None: as the business line decides.
    privacy_waybill: bool | None = None


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
    # What still stops a submit, as (field, problem); empty when the order is complete.
    missing: tuple[tuple[str, Problem], ...] = ()


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
    privacy_waybill: bool | None = None  # the order's own choice (OrderInput.privacy_waybill)
    masks_phone_on_label: bool = False  # what its label does: the order's choice, else its business line's

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
            privacy_waybill=self.privacy_waybill,
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
    failed: list[tuple[int, Problem]]  # each order that was not done, and why


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
