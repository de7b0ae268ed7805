"""Order entry, split by reason to change; this module keeps the names other code imports.

entry_form (the form's widgets), catalogue_picker (the catalogue search), field_messages (the
messages beside the fields), entry_window (autosave, local copy, submit; its state is
services.orders.submission), local_copies (the copies on this computer, off the GUI thread),
restore (kept forms offered back), opener (one window per order, wired to the pop), formatting
(money and times).
"""

from __future__ import annotations

from agent_desk.ui.orders.catalogue_picker import SEARCH_DEBOUNCE_MS
from agent_desk.ui.orders.entry_form import OrderForm
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
