"""The order life cycle: one transition table, one role table, one set of rules.

::

    draft ──submit──▶ pending_review ──approve──▶ pending_logistics ──print_label──▶ label_printed
      ▲                   │                            │                                 │ handover
      └──── returned ◀────┘ reject_review (reason)     │                                 ▼
               ▲                                       │                              shipped
               └──────── reject_logistics (reason) ◀───┘                      deliver ╱    ╲ refuse
                                                                                delivered  refused
    cancel (reason): from draft, returned, pending_review  →  cancelled

Decisions recorded here so that services and UI need not make them again:

* **Reprint.** ``print_label`` is also legal from ``label_printed`` and leaves
  the state unchanged: labels jam, smudge and get lost before handover.  The
  caller still appends an audit event, so every reprint is on record.
* **Supervisor and admin.** A supervisor may ``cancel`` (a customer phones to
  cancel while the agent who took the order is off shift) and nothing else; a
  supervisor who should audit is given the auditor role, so audit KPIs stay
  attributable.  ``admin`` manages accounts and takes no part in orders, so
  that nobody can grant themselves a role and then act on an order with it.
* **Ownership.** An agent may only submit or cancel orders they took
  (``taken_by``); a returned order goes back to the agent who took it.
  ``taken_by=None`` means the order is being created by this actor now.
* **Separation of duties.** There are three hands on an order: the one who
  took it (``taken_by``), the reviewer (``reviewed_by``) and the logistics
  checker (``logistics_by``).  No person may be two of them: nobody reviews an
  order they took or already handled in logistics, and nobody does logistics
  on an order they took or reviewed.  Several logistics staff may share the
  logistics stage (one prints, another hands over).  The stamps hold only the
  latest hands; callers pass everyone the audit events name (:data:`Hands`),
  so a reviewer of an earlier round who has since moved to logistics cannot
  ship the order either.
* **Check order.** Role first (the button should not exist), then state (the
  order moved on — usually another desk was faster), then ownership and
  separation of duties, then the reason, so nobody types a reason only to
  learn they may not act at all.

The caller records who acted: after ``approve``/``reject_review`` it sets
``reviewed_by``; after any logistics-stage action it sets ``logistics_by``
(see :func:`stage_of`).  Optimistic concurrency (exactly one of two auditors
wins) belongs to the store: it must update ``WHERE state = <state given
here>`` and treat zero rows as "someone else was faster".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import ClassVar, Final

from agent_desk.core.errors import CodedError

__all__ = [
    "ROLE_ACTIONS",
    "TRANSITIONS",
    "Hands",
    "IllegalTransition",
    "NotOrderOwner",
    "OrderAction",
    "OrderState",
    "ReasonRequired",
    "Role",
    "RoleNotAllowed",
    "SeparationOfDuties",
    "Stage",
    "TransitionError",
    "actions_for",
    "allowed_actions",
    "plan_transition",
    "requires_reason",
    "stage_of",
]


class OrderState(StrEnum):
    DRAFT = "draft"
    PENDING_REVIEW = "pending_review"
    RETURNED = "returned"
    PENDING_LOGISTICS = "pending_logistics"
    LABEL_PRINTED = "label_printed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    REFUSED = "refused"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """Plain-words name for messages (UI translates by enum value)."""
        return self.value.replace("_", " ")

    @property
    def is_final(self) -> bool:
        return self in _FINAL_STATES


class OrderAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT_REVIEW = "reject_review"
    REJECT_LOGISTICS = "reject_logistics"
    PRINT_LABEL = "print_label"
    HANDOVER = "handover"
    DELIVER = "deliver"
    REFUSE = "refuse"
    CANCEL = "cancel"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


class Role(StrEnum):
    AGENT = "agent"
    AUDITOR = "auditor"
    LOGISTICS = "logistics"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Stage(StrEnum):
    """The audit stage an action belongs to; tells the caller which stamp to set."""

    REVIEW = "review"  # sets reviewed_by
    LOGISTICS = "logistics"  # sets logistics_by


_S = OrderState
_A = OrderAction

#: The one transition table: (state, action) → next state.
TRANSITIONS: Final[Mapping[tuple[OrderState, OrderAction], OrderState]] = {
    (_S.DRAFT, _A.SUBMIT): _S.PENDING_REVIEW,
    (_S.RETURNED, _A.SUBMIT): _S.PENDING_REVIEW,
    (_S.PENDING_REVIEW, _A.APPROVE): _S.PENDING_LOGISTICS,
    (_S.PENDING_REVIEW, _A.REJECT_REVIEW): _S.RETURNED,
    (_S.PENDING_LOGISTICS, _A.REJECT_LOGISTICS): _S.RETURNED,
    (_S.PENDING_LOGISTICS, _A.PRINT_LABEL): _S.LABEL_PRINTED,
    (_S.LABEL_PRINTED, _A.PRINT_LABEL): _S.LABEL_PRINTED,  # reprint
    (_S.LABEL_PRINTED, _A.HANDOVER): _S.SHIPPED,
    (_S.SHIPPED, _A.DELIVER): _S.DELIVERED,
    (_S.SHIPPED, _A.REFUSE): _S.REFUSED,
    (_S.DRAFT, _A.CANCEL): _S.CANCELLED,
    (_S.RETURNED, _A.CANCEL): _S.CANCELLED,
    (_S.PENDING_REVIEW, _A.CANCEL): _S.CANCELLED,
}

#: The one place that maps a role to what it may do with orders.
ROLE_ACTIONS: Final[Mapping[Role, frozenset[OrderAction]]] = {
    Role.AGENT: frozenset({_A.SUBMIT, _A.CANCEL}),
    Role.AUDITOR: frozenset({_A.APPROVE, _A.REJECT_REVIEW, _A.CANCEL}),
    Role.LOGISTICS: frozenset({_A.REJECT_LOGISTICS, _A.PRINT_LABEL, _A.HANDOVER, _A.DELIVER, _A.REFUSE}),
    Role.SUPERVISOR: frozenset({_A.CANCEL}),
    Role.ADMIN: frozenset(),
}

_REASON_REQUIRED: Final = frozenset({_A.REJECT_REVIEW, _A.REJECT_LOGISTICS, _A.CANCEL})
_OWNER_ONLY_FOR_AGENTS: Final = frozenset({_A.SUBMIT, _A.CANCEL})
_STAGES: Final[Mapping[OrderAction, Stage]] = {
    _A.APPROVE: Stage.REVIEW,
    _A.REJECT_REVIEW: Stage.REVIEW,
    _A.REJECT_LOGISTICS: Stage.LOGISTICS,
    _A.PRINT_LABEL: Stage.LOGISTICS,
    _A.HANDOVER: Stage.LOGISTICS,
    _A.DELIVER: Stage.LOGISTICS,
    _A.REFUSE: Stage.LOGISTICS,
}
_FINAL_STATES: Final = frozenset({_S.DELIVERED, _S.REFUSED, _S.CANCELLED})
_ACTION_LABELS: Final[Mapping[OrderAction, str]] = {
    _A.SUBMIT: "submit",
    _A.APPROVE: "approve",
    _A.REJECT_REVIEW: "return to the agent",
    _A.REJECT_LOGISTICS: "return from logistics",
    _A.PRINT_LABEL: "print the label for",
    _A.HANDOVER: "hand over",
    _A.DELIVER: "mark as delivered",
    _A.REFUSE: "mark as refused",
    _A.CANCEL: "cancel",
}


class TransitionError(CodedError):
    """An order action that may not happen: ``code`` and ``params`` say why, ``str(err)`` in English."""

    messages: ClassVar[Mapping[str, str]] = {
        "order.transition.final": "Cannot {action} this order: it is already {state} and can no longer change.",
        "order.transition.illegal": (
            "Cannot {action} this order: it is {state}. This is only possible for orders that are {states}."
        ),
        "order.transition.role": "The {role} role may not {action} orders; this is done by: {roles}.",
        "order.transition.reason_required": (
            "Please give a reason to {action} this order; the agent and the audit trail need to know why."
        ),
        "order.transition.not_owner": "You cannot {action} this order: it was taken by another agent.",
        "order.duties.took_it": (
            "You cannot {action} this order because you took this order; another colleague must do it."
        ),
        "order.duties.did_logistics": (
            "You cannot {action} this order because you handled this order in logistics; another colleague must do it."
        ),
        "order.duties.reviewed_it": (
            "You cannot {action} this order because you reviewed this order; another colleague must do it."
        ),
    }

    def __init__(self, code: str, /, *, state: OrderState, action: OrderAction, **params: object) -> None:
        super().__init__(code, state=state.value, action=action.value, **params)
        self.state = state
        self.action = action

    @classmethod
    def english(cls, name: str, value: object) -> str:
        if name == "state":
            return OrderState(str(value)).label
        if name == "states" and isinstance(value, list):
            return " or ".join(OrderState(str(state)).label for state in value)
        if name == "action":
            return OrderAction(str(value)).label
        return super().english(name, value)


class IllegalTransition(TransitionError):
    """The action does not apply to an order in this state."""

    def __init__(self, state: OrderState, action: OrderAction) -> None:
        if state.is_final:
            super().__init__("order.transition.final", state=state, action=action)
        else:
            sources = [s.value for s in OrderState if (s, action) in TRANSITIONS]
            super().__init__("order.transition.illegal", state=state, action=action, states=sources)


class RoleNotAllowed(TransitionError):
    """The actor's role may never take this action."""

    def __init__(self, state: OrderState, action: OrderAction, role: Role) -> None:
        who = sorted(r.value for r, acts in ROLE_ACTIONS.items() if action in acts)
        super().__init__("order.transition.role", state=state, action=action, role=role.value, roles=who)
        self.role = role


class ReasonRequired(TransitionError):
    """The action needs a written reason and none (or only blanks) was given."""

    def __init__(self, state: OrderState, action: OrderAction) -> None:
        super().__init__("order.transition.reason_required", state=state, action=action)


class SeparationOfDuties(TransitionError):
    """The actor already had a hand in this order that excludes this action; ``conflict`` is the code."""

    def __init__(self, state: OrderState, action: OrderAction, conflict: str) -> None:
        super().__init__(conflict, state=state, action=action)
        self.conflict = conflict


class NotOrderOwner(TransitionError):
    """An agent acting on an order another agent took."""

    def __init__(self, state: OrderState, action: OrderAction) -> None:
        super().__init__("order.transition.not_owner", state=state, action=action)


def plan_transition(
    state: OrderState,
    action: OrderAction,
    *,
    actor_id: int,
    actor_role: Role,
    reason: str | None,
    taken_by: int | None,
    reviewed_by: Hands,
    logistics_by: Hands,
) -> OrderState:
    """Return the state the order moves to, or raise a :class:`TransitionError`.

    Pure: it decides, the caller applies (update, stamp, audit event).
    """
    state, action, actor_role = OrderState(state), OrderAction(action), Role(actor_role)
    if action not in ROLE_ACTIONS[actor_role]:
        raise RoleNotAllowed(state, action, actor_role)
    target = TRANSITIONS.get((state, action))
    if target is None:
        raise IllegalTransition(state, action)
    if actor_role is Role.AGENT and action in _OWNER_ONLY_FOR_AGENTS and taken_by is not None and taken_by != actor_id:
        raise NotOrderOwner(state, action)
    conflict = _duty_conflict(
        stage_of(action),
        actor_id,
        taken_by=taken_by,
        reviewed_by=reviewed_by,
        logistics_by=logistics_by,
    )
    if conflict is not None:
        raise SeparationOfDuties(state, action, conflict)
    if action in _REASON_REQUIRED and not (reason or "").strip():
        raise ReasonRequired(state, action)
    return target


def allowed_actions(state: OrderState, role: Role) -> list[OrderAction]:
    """Actions the role may take from this state, in a stable order, for buttons.

    Ignores who the actor is; :func:`actions_for` also applies ownership and
    separation of duties.
    """
    state, role = OrderState(state), Role(role)
    return [a for a in OrderAction if (state, a) in TRANSITIONS and a in ROLE_ACTIONS[role]]


def actions_for(
    state: OrderState,
    *,
    actor_id: int,
    actor_role: Role,
    taken_by: int | None,
    reviewed_by: Hands,
    logistics_by: Hands,
) -> list[OrderAction]:
    """Actions this person may take on this order now (reasons aside)."""
    result = []
    for action in allowed_actions(state, actor_role):
        try:
            plan_transition(
                state,
                action,
                actor_id=actor_id,
                actor_role=actor_role,
                reason="(reason to be asked)",
                taken_by=taken_by,
                reviewed_by=reviewed_by,
                logistics_by=logistics_by,
            )
        except TransitionError:
            continue
        result.append(action)
    return result


def stage_of(action: OrderAction) -> Stage | None:
    """The audit stage ``action`` belongs to, or ``None`` (submit, cancel)."""
    return _STAGES.get(OrderAction(action))


def requires_reason(action: OrderAction) -> bool:
    """True when the UI must ask for a reason before the action."""
    return OrderAction(action) in _REASON_REQUIRED


#: Who had a hand in a stage: the order's stamp (one user), or everyone its audit events name.
Hands = int | Collection[int] | None


def _had_hand(hands: Hands, actor_id: int) -> bool:
    if hands is None:
        return False
    if isinstance(hands, int):
        return hands == actor_id
    return actor_id in hands


def _duty_conflict(
    stage: Stage | None,
    actor_id: int,
    *,
    taken_by: int | None,
    reviewed_by: Hands,
    logistics_by: Hands,
) -> str | None:
    if stage is None:
        return None
    if taken_by == actor_id:
        return "order.duties.took_it"
    # Every earlier hand counts, not only the latest stamp: an order returned and resubmitted has had
    # several reviewers, and none of them may ship it.
    if stage is Stage.REVIEW and _had_hand(logistics_by, actor_id):
        return "order.duties.did_logistics"
    if stage is Stage.LOGISTICS and _had_hand(reviewed_by, actor_id):
        return "order.duties.reviewed_it"
    return None
