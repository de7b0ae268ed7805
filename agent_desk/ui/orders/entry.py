"""Order entry, split by reason to change; this module keeps the names other code imports.

entry_form (the form's widgets), entry_window (autosave, local copy, submit), restore (kept forms
offered back), opener (one window per order, wired to the pop), formatting (money and times).
"""

from __future__ import annotations

from agent_desk.ui.orders.entry_form import SEARCH_DEBOUNCE_MS, OrderForm
from agent_desk.ui.orders.entry_window import OrderEntry
from agent_desk.ui.orders.formatting import local_time
from agent_desk.ui.orders.opener import OrderEntries, install_order_entry
from agent_desk.ui.orders.restore import RestoreOffer, pending_local_drafts, restore

__all__ = [
    "SEARCH_DEBOUNCE_MS",
    "OrderEntries",
    "OrderEntry",
    "OrderForm",
    "RestoreOffer",
    "install_order_entry",
    "local_time",
    "pending_local_drafts",
    "restore",
]
