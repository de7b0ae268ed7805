"""What the order entry form needs besides the order services: opening a form, price previews,
the agent's returned list, and a crash-safe copy of the form on this computer.

The local copy is the reason nothing typed is lost (DESIGN.md §6): it is written on every change,
before the database autosave, so a crash or a database outage keeps the form; it is removed
once the order is submitted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agent_desk import config
from agent_desk.core.money import LineInput, Totals, compute_totals
from agent_desk.core.orders import OrderState
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.calls.records import call_id_for
from agent_desk.services.errors import Problem
from agent_desk.services.orders.entry import new_order_input
from agent_desk.services.orders.queries import get_order, order_for_client_uuid, returned_to
from agent_desk.services.orders.types import DraftLine, OrderError, OrderInput, ProductView
from agent_desk.store.database import DatabaseUnavailable
from agent_desk.store.models import BusinessLine, Call, Customer, Order, OrderEvent, Product

log = logging.getLogger(__name__)

LOCAL_FORMAT = 1
# The address parts a submit needs; orders_rules.problems_of reports them together as "address",
# and the form shows that message beside each empty one (tests/services/test_order_drafts.py
# checks the two agree).
REQUIRED_ADDRESS_PARTS = ("province", "city", "address_detail")
EDITABLE_STATES = (OrderState.DRAFT.value, OrderState.RETURNED.value)


# --- opening a form ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormLine:
    """One order line as the form shows it: the product as priced, and what the agent chose."""

    product_id: int
    name: str
    sku: str
    unit_price_cents: int
    product_max_discount_pct: int
    quantity: int = 1
    discount_pct: int = 0

    def discount_limit(self, desk_max_pct: int) -> int:
        """The most the agent may give on this line: the product's limit, capped by the desk's."""
        return max(0, min(self.product_max_discount_pct, desk_max_pct))


@dataclass(frozen=True)
class OpenedForm:
    """A form ready to show: the input, names for the header, the lines priced, the saved state."""

    data: OrderInput
    customer_name: str
    business_line_name: str
    lines: tuple[FormLine, ...]
    order_no: str = ""  # empty until the first save
    state: str = ""  # empty until the first save
    last_reason: str = ""

    @property
    def editable(self) -> bool:
        return self.state in ("", *EDITABLE_STATES)


def open_new(
    session: Session,
    customer_id: int,
    *,
    business_line_id: int | None = None,
    platform_call_id: str | None = None,
) -> OpenedForm:
    """A fresh form for a customer, linked to the call being taken (when it was recorded)."""
    data = new_order_input(
        session,
        customer_id,
        business_line_id=business_line_id,
        call_id=call_id_for(session, platform_call_id),
    )
    return open_input(session, data)


def open_input(session: Session, data: OrderInput) -> OpenedForm:
    """Reopen a form as typed (a local copy after a crash, a returned order): lines priced as sold."""
    saved = order_for_client_uuid(session, data.client_uuid)
    sold = {ln.product_id: ln for ln in saved.lines} if saved is not None else {}
    ids = {ln.product_id for ln in data.lines}
    products = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))} if ids else {}
    lines = []
    for ln in data.lines:
        product = products.get(ln.product_id)
        was = sold.get(ln.product_id)
        # Unknown products stay on the form so nothing typed disappears; saving names the problem.
        name = was.product_name if was else product.name if product else f"#{ln.product_id}"
        price = was.unit_price_cents if was else product.price_cents if product else 0
        lines.append(
            FormLine(
                product_id=ln.product_id,
                name=name,
                sku=product.sku if product else "",
                unit_price_cents=price,
                product_max_discount_pct=product.max_discount_pct if product else 0,
                quantity=ln.quantity,
                discount_pct=ln.discount_pct,
            )
        )
    customer = session.scalar(select(Customer.name).where(Customer.id == data.customer_id))
    if customer is None:
        raise OrderError("order.customer_not_found", customer_id=data.customer_id)
    line_id = data.business_line_id
    if line_id is None and data.call_id is not None:
        line_id = session.scalar(select(Call.business_line_id).where(Call.id == data.call_id))
        data = replace(data, business_line_id=line_id)
    line_name = session.scalar(select(BusinessLine.name).where(BusinessLine.id == line_id)) if line_id else None
    return OpenedForm(
        data=data,
        customer_name=customer,
        business_line_name=line_name or "",
        lines=tuple(lines),
        order_no=saved.order_no if saved else "",
        state=saved.state if saved else "",
        last_reason=saved.last_reason if saved else "",
    )


def open_order(session: Session, order_id: int, user: CurrentUser) -> OpenedForm:
    """An order of the user's, reopened for fixing (a returned order) or finishing (a draft)."""
    detail = get_order(session, order_id, user)
    if detail.taken_by != user.id:
        raise OrderError("order.taken_by_other", order_no=detail.order_no)
    return open_input(session, detail.to_input())


def product_line(product: ProductView) -> FormLine:
    """A catalogue product as a new form line."""
    return FormLine(
        product_id=product.id,
        name=product.name,
        sku=product.sku,
        unit_price_cents=product.price_cents,
        product_max_discount_pct=product.max_discount_pct,
    )


def preview_totals(lines: Sequence[FormLine], desk_max_pct: int) -> Totals:
    """Totals as the order will store them (same rounding, same rules): the form's live preview."""
    return compute_totals(
        [LineInput(ln.unit_price_cents, ln.quantity, ln.discount_pct, ln.name) for ln in lines], desk_max_pct
    )


def draft_lines(lines: Iterable[FormLine]) -> tuple[DraftLine, ...]:
    return tuple(DraftLine(ln.product_id, ln.quantity, ln.discount_pct) for ln in lines)


def field_problems(problems: Iterable[tuple[str, Problem]], data: OrderInput) -> list[tuple[str, Problem]]:
    """Problems per form field: the services' one "address" problem goes beside each empty part."""
    found: list[tuple[str, Problem]] = []
    for field, message in problems:
        if field == "address":
            empty = [part for part in REQUIRED_ADDRESS_PARTS if not str(getattr(data, part)).strip()]
            found += [(part, message) for part in empty or REQUIRED_ADDRESS_PARTS[:1]]
        else:
            found.append((field, message))
    return found


def is_link_error(exc: BaseException) -> bool:
    """The database could not be reached (as opposed to refusing what was sent): worth a retry."""
    if isinstance(exc, DatabaseUnavailable | sa_exc.DisconnectionError | sa_exc.TimeoutError | ConnectionError):
        return True
    if isinstance(exc, sa_exc.DBAPIError):
        # OperationalError covers "server closed the connection", "unable to open database file",
        # "database is locked"; an invalidated connection is a dropped link whatever its class.
        return exc.connection_invalidated or isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError)
    return False


# --- the returned list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnedOrder:
    id: int
    order_no: str
    customer_id: int
    customer_name: str
    reason: str
    returned_at: datetime | None
    total_cents: int
    items: str


def returned_orders(session: Session, user_id: int) -> list[ReturnedOrder]:
    """The agent's "returned to me" list, with who the customer is and when each came back."""
    rows = returned_to(session, user_id)
    if not rows:
        return []
    ids = [r.id for r in rows]
    when = dict(
        session.execute(
            select(OrderEvent.order_id, func.max(OrderEvent.at))
            .where(OrderEvent.order_id.in_(ids), OrderEvent.to_state == OrderState.RETURNED.value)
            .group_by(OrderEvent.order_id)
        ).all()
    )
    customers = {
        oid: (cid, name)
        for oid, cid, name in session.execute(
            select(Order.id, Customer.id, Customer.name)
            .join(Customer, Customer.id == Order.customer_id)
            .where(Order.id.in_(ids))
        )
    }
    return [
        ReturnedOrder(
            id=r.id,
            order_no=r.order_no,
            customer_id=customers[r.id][0],
            customer_name=customers[r.id][1],
            reason=r.last_reason,
            returned_at=when.get(r.id),
            total_cents=r.total_cents,
            items=r.items,
        )
        for r in rows
    ]


# --- the copy on this computer -------------------------------------------------------------------


@dataclass(frozen=True)
class LocalDraft:
    """A form kept on this computer: restorable after a crash, even while the database is away."""

    path: Path
    user_id: int
    saved_at: datetime
    form: OpenedForm

    @property
    def summary(self) -> str:
        return "，".join(f"{ln.name} ×{ln.quantity}" for ln in self.form.lines)


def drafts_dir() -> Path:
    return config.data_dir() / "drafts"


def _path_for(client_uuid: str, directory: Path | None) -> Path:
    # The uuid names the file; anything that is not one must not become a path.
    safe = "".join(ch for ch in client_uuid if ch.isalnum() or ch == "-")[:64]
    if not safe:
        raise ValueError(f"not a form id: {client_uuid!r}")
    return (directory or drafts_dir()) / f"{safe}.json"


def local_draft_path(client_uuid: str, directory: Path | None = None) -> Path:
    return _path_for(client_uuid, directory)


def write_local_draft(form: OpenedForm, *, user_id: int, directory: Path | None = None) -> Path:
    """Keep the form on this computer, atomically: a crash mid-write leaves the previous copy whole."""
    path = _path_for(form.data.client_uuid, directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "format": LOCAL_FORMAT,
        "user_id": user_id,
        "saved_at": datetime.now(UTC).isoformat(),
        "form": asdict(form),
    }
    fd, tmp = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(body, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def read_local_draft(path: Path) -> LocalDraft:
    """One kept form; ``ValueError`` when the file is not one (damaged, another format)."""
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        if body.get("format") != LOCAL_FORMAT:
            raise ValueError(f"unknown draft format {body.get('format')!r}")
        raw = dict(body["form"])
        data = dict(raw.pop("data"))
        data["lines"] = tuple(DraftLine(**ln) for ln in data.get("lines", ()))
        form = OpenedForm(
            data=OrderInput(**data),
            **{**raw, "lines": tuple(FormLine(**ln) for ln in raw.get("lines", ()))},
        )
        return LocalDraft(path, int(body["user_id"]), datetime.fromisoformat(body["saved_at"]), form)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path.name}: not a kept order form ({exc})") from exc


def pending_local_drafts(user_id: int, directory: Path | None = None) -> list[LocalDraft]:
    """The user's forms kept on this computer and not yet submitted, newest first."""
    folder = directory or drafts_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.json"):
        try:
            draft = read_local_draft(path)
        except ValueError as exc:
            # Left in place, not deleted: it may still be read by hand.
            log.warning("skipping a damaged local order draft: %s", exc)
            continue
        if draft.user_id == user_id:
            found.append(draft)
    return sorted(found, key=lambda d: d.saved_at, reverse=True)


def delete_local_draft(client_uuid: str, directory: Path | None = None) -> None:
    with contextlib.suppress(FileNotFoundError):
        _path_for(client_uuid, directory).unlink()


__all__ = [
    "REQUIRED_ADDRESS_PARTS",
    "FormLine",
    "LocalDraft",
    "OpenedForm",
    "ReturnedOrder",
    "call_id_for",
    "delete_local_draft",
    "draft_lines",
    "drafts_dir",
    "field_problems",
    "is_link_error",
    "local_draft_path",
    "open_input",
    "open_new",
    "open_order",
    "pending_local_drafts",
    "preview_totals",
    "product_line",
    "read_local_draft",
    "returned_orders",
    "write_local_draft",
]
