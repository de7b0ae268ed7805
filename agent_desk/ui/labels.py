"""Display texts for the codes that core, services and telephony hand to the UI.

Core stays free of Qt, so its enums carry codes ("pending_review", "cod", "no_answer") and at
most plain English. Every widget that shows such a code asks here instead, so each code has one
wording in each language (context "Labels" in the .ts file). The English texts are what the
widgets showed before (``OrderState.label`` and friends): tests and habits rely on them.
Unknown codes are shown as they are rather than hidden: a new state must not blank a column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale

from agent_desk.core.orders import OrderAction, OrderState, Role
from agent_desk.core.protocol import AgentState, EndReason
from agent_desk.telephony.client import LinkState

if TYPE_CHECKING:
    from agent_desk.services.customers.records import CallSummary

# lupdate finds ``translate("Labels", "literal")`` calls (also through this alias), but not
# strings passed through a helper. Each table maps a code to a function, so the text is translated
# when shown (the translator may be installed after import) and each literal is seen by lupdate.
translate = QCoreApplication.translate
_STATES: dict[str, Callable[[], str]] = {
    OrderState.DRAFT: lambda: translate("Labels", "draft"),
    OrderState.PENDING_REVIEW: lambda: translate("Labels", "pending review"),
    OrderState.RETURNED: lambda: translate("Labels", "returned"),
    OrderState.PENDING_LOGISTICS: lambda: translate("Labels", "pending logistics"),
    OrderState.LABEL_PRINTED: lambda: translate("Labels", "label printed"),
    OrderState.SHIPPED: lambda: translate("Labels", "shipped"),
    OrderState.DELIVERED: lambda: translate("Labels", "delivered"),
    OrderState.REFUSED: lambda: translate("Labels", "refused"),
    OrderState.CANCELLED: lambda: translate("Labels", "cancelled"),
}

_ACTIONS: dict[str, Callable[[], str]] = {
    OrderAction.SUBMIT: lambda: translate("Labels", "submit"),
    OrderAction.APPROVE: lambda: translate("Labels", "approve"),
    OrderAction.REJECT_REVIEW: lambda: translate("Labels", "return to the agent"),
    OrderAction.REJECT_LOGISTICS: lambda: translate("Labels", "return from logistics"),
    OrderAction.PRINT_LABEL: lambda: translate("Labels", "print the label"),
    OrderAction.HANDOVER: lambda: translate("Labels", "hand over"),
    OrderAction.DELIVER: lambda: translate("Labels", "mark as delivered"),
    OrderAction.REFUSE: lambda: translate("Labels", "mark as refused"),
    OrderAction.CANCEL: lambda: translate("Labels", "cancel"),
}

# What happened, for audit histories ("赵审核 (auditor) approved"); same words as services.ACTION_PAST.
_ACTIONS_DONE: dict[str, Callable[[], str]] = {
    OrderAction.SUBMIT: lambda: translate("Labels", "submitted"),
    OrderAction.APPROVE: lambda: translate("Labels", "approved"),
    OrderAction.REJECT_REVIEW: lambda: translate("Labels", "returned to the agent"),
    OrderAction.REJECT_LOGISTICS: lambda: translate("Labels", "returned from logistics"),
    OrderAction.PRINT_LABEL: lambda: translate("Labels", "labelled"),
    OrderAction.HANDOVER: lambda: translate("Labels", "handed over"),
    OrderAction.DELIVER: lambda: translate("Labels", "marked delivered"),
    OrderAction.REFUSE: lambda: translate("Labels", "marked refused"),
    OrderAction.CANCEL: lambda: translate("Labels", "cancelled", "action done"),
    "edit": lambda: translate("Labels", "edited"),
}

_PAYMENTS: dict[str, Callable[[], str]] = {
    "cod": lambda: translate("Labels", "cash on delivery"),
    "prepaid": lambda: translate("Labels", "prepaid"),
}

_ROLES: dict[str, Callable[[], str]] = {
    Role.AGENT: lambda: translate("Labels", "agent"),
    Role.AUDITOR: lambda: translate("Labels", "auditor"),
    Role.LOGISTICS: lambda: translate("Labels", "logistics"),
    Role.SUPERVISOR: lambda: translate("Labels", "supervisor"),
    Role.ADMIN: lambda: translate("Labels", "admin"),
}

# The desk adds "transferred" to the hub's end reasons (a call handed to another desk).
_END_REASONS: dict[str, Callable[[], str]] = {
    EndReason.COMPLETED: lambda: translate("Labels", "completed"),
    EndReason.ABANDONED: lambda: translate("Labels", "abandoned"),
    EndReason.NO_ANSWER: lambda: translate("Labels", "no_answer"),
    EndReason.BUSY: lambda: translate("Labels", "busy"),
    EndReason.FAILED: lambda: translate("Labels", "failed"),
    EndReason.UNKNOWN: lambda: translate("Labels", "unknown"),
    "transferred": lambda: translate("Labels", "transferred"),
}

_AGENT_STATES: dict[str, Callable[[], str]] = {
    AgentState.AVAILABLE: lambda: translate("Labels", "available"),
    AgentState.RINGING: lambda: translate("Labels", "ringing"),
    AgentState.BUSY: lambda: translate("Labels", "busy", "agent state"),
    AgentState.PAUSED: lambda: translate("Labels", "paused"),
    AgentState.OFFLINE: lambda: translate("Labels", "offline"),
    AgentState.UNKNOWN: lambda: translate("Labels", "unknown", "agent state"),
}

_LINK_STATES: dict[str, Callable[[], str]] = {
    LinkState.CONNECTED: lambda: translate("Labels", "Hub: connected"),
    LinkState.CONNECTING: lambda: translate("Labels", "Hub: connecting…"),
    LinkState.RECONNECTING: lambda: translate("Labels", "Hub: reconnecting…"),
    LinkState.REFUSED: lambda: translate("Labels", "Hub: refused"),
    LinkState.STOPPED: lambda: translate("Labels", "Hub: off"),
}

# Phone labels are free text (the editor suggests these four); only the suggested ones translate.
_PHONE_LABELS: dict[str, Callable[[], str]] = {
    "mobile": lambda: translate("Labels", "mobile"),
    "home": lambda: translate("Labels", "home"),
    "work": lambda: translate("Labels", "work"),
    "family": lambda: translate("Labels", "family"),
}


def _lookup(table: Mapping[str, Callable[[], str]], code: str | None) -> str:
    text = table.get(code or "")
    return text() if text is not None else (code or "")


def order_state(state: str | None) -> str:
    """A state code in words: pending_review → "pending review" / "待审核"."""
    return _lookup(_STATES, state)


def order_action(action: str) -> str:
    """An action as a verb: "approve" / "审核通过"."""
    return _lookup(_ACTIONS, action)


def order_action_done(action: str) -> str:
    """An action as it reads in a history: "approved" / "审核通过了"."""
    return _lookup(_ACTIONS_DONE, action)


def payment_method(method: str) -> str:
    return _lookup(_PAYMENTS, method)


def role(name: str) -> str:
    return _lookup(_ROLES, name)


def call_result(call: CallSummary) -> str:
    """A past call's disposition in the desk's language, or why it ended when it has none."""
    if call.disposition_zh and QLocale().language() == QLocale.Language.Chinese:
        return call.disposition_zh
    return call.disposition or end_reason(call.end_reason)


def end_reason(reason: str | None) -> str:
    return _lookup(_END_REASONS, reason)


def agent_state(state: str) -> str:
    return _lookup(_AGENT_STATES, state)


def link_state(state: str) -> str:
    """The hub link as the status bar says it: "Hub: connected" / "话务平台：已连接"."""
    text = _LINK_STATES.get(state)
    return text() if text is not None else translate("Labels", "Hub: {0}").format(state)


def phone_label(label: str) -> str:
    return _lookup(_PHONE_LABELS, label)


def history_line(
    actor: str,
    actor_role: str,
    action: str,
    from_state: str | None,
    to_state: str,
    reason: str,
    changes: Mapping[str, Any] | None = None,
) -> str:
    """One audit event in words: the sentence of services' English ``HistoryEntry.text``, translated.

    Field names and values in "Changed:" stay as recorded (they are data, not wording).
    """
    text = translate("Labels", "{0} ({1}) {2}").format(actor, role(actor_role), order_action_done(action))
    if from_state != to_state:
        before = order_state(from_state) if from_state else translate("Labels", "new", "order state")
        text += translate("Labels", ": {0} → {1}").format(before, order_state(to_state))
    if reason:
        text += translate("Labels", ". Reason: {0}").format(reason)
    if changes:
        parts = []
        for key, value in changes.items():
            if isinstance(value, list) and len(value) == 2:
                old = value[0] if value[0] not in (None, "") else translate("Labels", "(empty)")
                parts.append(f"{key} {old} → {value[1]}")
            else:
                parts.append(f"{key} {value}")
        text += translate("Labels", ". Changed: {0}").format("; ".join(parts))
    return text
