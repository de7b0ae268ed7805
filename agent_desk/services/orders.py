"""Orders, the one entry point for the UI and the CLI: entry, audits, logistics, queues.

Every function takes the acting :class:`~agent_desk.services.auth.CurrentUser` where it changes
something; roles, states, ownership, separation of duties and reasons are decided by
:mod:`agent_desk.core.orders` alone. Mutations take a session factory and own their transaction;
reads take the caller's session.

Split by reason to change: ``orders_types`` (inputs, views, errors), ``orders_rules`` (input
checks), ``orders_entry`` (drafts, submit, duplicates, catalogue), ``orders_actions`` (the life
cycle, optimistic locking), ``orders_queries`` (detail, queues).
"""

from __future__ import annotations

from agent_desk.core.orders import TransitionError
from agent_desk.services.orders_actions import act, bulk_act, bulk_approve
from agent_desk.services.orders_entry import (
    catalogue,
    likely_duplicates,
    new_order_input,
    save_draft,
    submit,
)
from agent_desk.services.orders_queries import get_order, order_for_client_uuid, queue_ids, queue_rows, returned_to
from agent_desk.services.orders_types import (
    BulkResult,
    DraftLine,
    HistoryEntry,
    LineView,
    OrderDetail,
    OrderError,
    OrderInput,
    OrderNotFound,
    OrderValidationFailed,
    OrderView,
    ProductView,
    QueueRow,
    StaleOrder,
)
from agent_desk.services.screen_pop import OrderSummary

__all__ = [
    "BulkResult",
    "DraftLine",
    "HistoryEntry",
    "LineView",
    "OrderDetail",
    "OrderError",
    "OrderInput",
    "OrderNotFound",
    "OrderSummary",
    "OrderValidationFailed",
    "OrderView",
    "ProductView",
    "QueueRow",
    "StaleOrder",
    "TransitionError",
    "act",
    "bulk_act",
    "bulk_approve",
    "catalogue",
    "get_order",
    "likely_duplicates",
    "new_order_input",
    "order_for_client_uuid",
    "queue_ids",
    "queue_rows",
    "returned_to",
    "save_draft",
    "submit",
]
