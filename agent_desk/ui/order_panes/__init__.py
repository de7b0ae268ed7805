"""The panes both order-audit stages are built from: the auditor's workspace (ui.review) and the
logistics workspace (ui.logistics) each add their own buttons, reasons and messages on top.

- ``order_workspace.OrderWorkspace``: the base of both workspaces: a live queue above, the chosen
  order beside its customer below, acting on it with the version the user saw, the result banner.
- ``queue_pane.QueuePane``: the live, lazy order queue with its state tabs, line filter and search.
- ``order_text.OrderText``: the order and the customer's history as rich text for the detail panes.
- ``reason_panel.ReasonPanel``: the inline "why" panel for returning or refusing an order.

Nothing here knows either stage, and neither stage imports the other (an import-linter contract).
"""
