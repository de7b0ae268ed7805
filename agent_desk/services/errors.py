"""The base of the errors services raise for a person to read.

A :class:`ServiceError` has a stable dotted ``code`` ("customer.name_too_long") and ``params``;
``str(err)`` is its English sentence, for the command line and the logs. The desk never shows
that sentence: ``agent_desk.ui.errors.error_text`` turns the code into the user's language. Each
error class declares its codes with their English templates in ``messages``; the mechanism is
:class:`agent_desk.core.errors.CodedError`, shared with the core's own errors (illegal
transitions, invalid phone numbers), which cannot import services.
"""

from __future__ import annotations

from agent_desk.core.errors import CodedError, Problem, english_templates
from agent_desk.core.orders import OrderAction, OrderState


class ServiceError(CodedError):
    """A use case that did not happen; nothing was changed. ``code`` and ``params`` say why."""

    @classmethod
    def english(cls, name: str, value: object) -> str:
        # Order states and actions appear in errors of several services (orders, waybills).
        if name == "state" and value in _STATES:
            return OrderState(str(value)).label
        if name == "action" and value in _ACTIONS:
            return OrderAction(str(value)).label
        return super().english(name, value)


_STATES = frozenset(state.value for state in OrderState)
_ACTIONS = frozenset(action.value for action in OrderAction)


__all__ = ["CodedError", "Problem", "ServiceError", "english_templates"]
