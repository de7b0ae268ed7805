"""The order life cycle: legal paths, refusals, roles, separation of duties."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_desk.core.orders import (
    IllegalTransition,
    NotOrderOwner,
    OrderAction,
    OrderState,
    ReasonRequired,
    Role,
    RoleNotAllowed,
    SeparationOfDuties,
    Stage,
    TransitionError,
    actions_for,
    allowed_actions,
    plan_transition,
    requires_reason,
    stage_of,
)

S, A = OrderState, OrderAction
AGENT, AUDITOR, LOGISTICS, LOGISTICS_2, SUPERVISOR, ADMIN = 1, 2, 3, 4, 5, 6

# Written out from DESIGN.md section 1 on purpose, not read from the module:
# (from, action) → (to, the role that does it).
EXPECTED: dict[tuple[OrderState, OrderAction], tuple[OrderState, Role]] = {
    (S.DRAFT, A.SUBMIT): (S.PENDING_REVIEW, Role.AGENT),
    (S.RETURNED, A.SUBMIT): (S.PENDING_REVIEW, Role.AGENT),
    (S.PENDING_REVIEW, A.APPROVE): (S.PENDING_LOGISTICS, Role.AUDITOR),
    (S.PENDING_REVIEW, A.REJECT_REVIEW): (S.RETURNED, Role.AUDITOR),
    (S.PENDING_LOGISTICS, A.REJECT_LOGISTICS): (S.RETURNED, Role.LOGISTICS),
    (S.PENDING_LOGISTICS, A.PRINT_LABEL): (S.LABEL_PRINTED, Role.LOGISTICS),
    (S.LABEL_PRINTED, A.PRINT_LABEL): (S.LABEL_PRINTED, Role.LOGISTICS),
    (S.LABEL_PRINTED, A.HANDOVER): (S.SHIPPED, Role.LOGISTICS),
    (S.SHIPPED, A.DELIVER): (S.DELIVERED, Role.LOGISTICS),
    (S.SHIPPED, A.REFUSE): (S.REFUSED, Role.LOGISTICS),
    (S.DRAFT, A.CANCEL): (S.CANCELLED, Role.AGENT),
    (S.RETURNED, A.CANCEL): (S.CANCELLED, Role.AGENT),
    (S.PENDING_REVIEW, A.CANCEL): (S.CANCELLED, Role.AGENT),
}
ACTOR_OF_ROLE = {
    Role.AGENT: AGENT,
    Role.AUDITOR: AUDITOR,
    Role.LOGISTICS: LOGISTICS,
    Role.SUPERVISOR: SUPERVISOR,
    Role.ADMIN: ADMIN,
}
MAY_DO = {
    Role.AGENT: {A.SUBMIT, A.CANCEL},
    Role.AUDITOR: {A.APPROVE, A.REJECT_REVIEW, A.CANCEL},
    Role.LOGISTICS: {A.REJECT_LOGISTICS, A.PRINT_LABEL, A.HANDOVER, A.DELIVER, A.REFUSE},
    Role.SUPERVISOR: {A.CANCEL},
    Role.ADMIN: set(),
}


def plan(
    state: OrderState,
    action: OrderAction,
    role: Role,
    *,
    actor: int | None = None,
    reason: str | None = "customer changed their mind",
    taken_by: int | None = AGENT,
    reviewed_by: int | None = None,
    logistics_by: int | None = None,
) -> OrderState:
    return plan_transition(
        state,
        action,
        actor_id=ACTOR_OF_ROLE[role] if actor is None else actor,
        actor_role=role,
        reason=reason,
        taken_by=taken_by,
        reviewed_by=reviewed_by,
        logistics_by=logistics_by,
    )


def stamps_for(state: OrderState) -> dict[str, int | None]:
    """Who has handled an order that has reached ``state`` the normal way."""
    reviewed = state in {S.PENDING_LOGISTICS, S.LABEL_PRINTED, S.SHIPPED, S.DELIVERED, S.REFUSED}
    logistics = state in {S.LABEL_PRINTED, S.SHIPPED, S.DELIVERED, S.REFUSED}
    return {
        "reviewed_by": AUDITOR if reviewed else None,
        "logistics_by": LOGISTICS if logistics else None,
    }


@pytest.mark.parametrize(("edge", "outcome"), EXPECTED.items(), ids=lambda v: str(v))
def test_every_legal_transition(edge: tuple[OrderState, OrderAction], outcome: tuple[OrderState, Role]) -> None:
    state, action = edge
    target, role = outcome
    assert plan(state, action, role, **stamps_for(state)) is target


@pytest.mark.parametrize(
    ("state", "action"),
    [e for e in itertools.product(OrderState, OrderAction) if e not in EXPECTED],
    ids=str,
)
def test_every_illegal_transition_is_refused(state: OrderState, action: OrderAction) -> None:
    role = next(r for r in Role if action in MAY_DO[r])
    with pytest.raises(IllegalTransition) as info:
        plan(state, action, role)
    message = str(info.value)
    assert state.label in message
    assert info.value.state is state
    assert info.value.action is action


def test_illegal_transition_messages_are_readable() -> None:
    with pytest.raises(IllegalTransition, match="already delivered and can no longer change"):
        plan(S.DELIVERED, A.CANCEL, Role.AGENT)
    with pytest.raises(
        IllegalTransition,
        match=r"Cannot approve this order: it is pending logistics\. "
        r"This is only possible for orders that are pending review\.",
    ):
        plan(S.PENDING_LOGISTICS, A.APPROVE, Role.AUDITOR)
    with pytest.raises(IllegalTransition, match="draft or returned"):
        plan(S.SHIPPED, A.SUBMIT, Role.AGENT)


@pytest.mark.parametrize(
    ("role", "action"),
    [(r, a) for r, a in itertools.product(Role, OrderAction) if a not in MAY_DO[r]],
    ids=str,
)
def test_role_may_not_act(role: Role, action: OrderAction) -> None:
    # A state where the action would be legal, so only the role is wrong.
    state = next(s for (s, a) in EXPECTED if a is action)
    with pytest.raises(RoleNotAllowed) as info:
        plan(state, action, role)
    assert info.value.role is role
    assert f"The {role.value} role may not" in str(info.value)


def test_role_message_says_who_may() -> None:
    with pytest.raises(RoleNotAllowed, match="this is done by: auditor"):
        plan(S.PENDING_REVIEW, A.APPROVE, Role.AGENT)


def test_role_is_checked_before_state() -> None:
    # An agent never approves; telling them the order moved on would mislead.
    with pytest.raises(RoleNotAllowed):
        plan(S.DELIVERED, A.APPROVE, Role.AGENT)


def test_cancel_by_auditor_and_supervisor() -> None:
    for state in (S.DRAFT, S.RETURNED, S.PENDING_REVIEW):
        assert plan(state, A.CANCEL, Role.AUDITOR) is S.CANCELLED
        assert plan(state, A.CANCEL, Role.SUPERVISOR) is S.CANCELLED


def test_agent_acts_only_on_own_orders() -> None:
    with pytest.raises(NotOrderOwner, match="taken by another agent"):
        plan(S.RETURNED, A.SUBMIT, Role.AGENT, actor=99)
    with pytest.raises(NotOrderOwner):
        plan(S.DRAFT, A.CANCEL, Role.AGENT, actor=99)
    # A new draft has no taker yet: whoever submits takes it.
    assert plan(S.DRAFT, A.SUBMIT, Role.AGENT, taken_by=None) is S.PENDING_REVIEW
    # Auditors and supervisors cancel other people's orders by design.
    assert plan(S.PENDING_REVIEW, A.CANCEL, Role.AUDITOR, taken_by=99) is S.CANCELLED


@pytest.mark.parametrize("action", [A.REJECT_REVIEW, A.REJECT_LOGISTICS, A.CANCEL])
@pytest.mark.parametrize("reason", [None, "", "   ", "\n\t"])
def test_reason_required(action: OrderAction, reason: str | None) -> None:
    (state, _), (_, role) = next((e, o) for e, o in EXPECTED.items() if e[1] is action)
    with pytest.raises(ReasonRequired, match="Please give a reason"):
        plan(state, action, role, reason=reason, **stamps_for(state))
    assert requires_reason(action)


@pytest.mark.parametrize("action", [A.SUBMIT, A.APPROVE, A.PRINT_LABEL, A.HANDOVER, A.DELIVER])
def test_reason_optional_elsewhere(action: OrderAction) -> None:
    (state, _), (target, role) = next((e, o) for e, o in EXPECTED.items() if e[1] is action)
    assert plan(state, action, role, reason=None, **stamps_for(state)) is target
    assert not requires_reason(action)


def test_nobody_reviews_an_order_they_took() -> None:
    for action in (A.APPROVE, A.REJECT_REVIEW):
        with pytest.raises(SeparationOfDuties, match="you took this order") as info:
            plan(S.PENDING_REVIEW, action, Role.AUDITOR, taken_by=AUDITOR)
        assert "another colleague must do it" in str(info.value)


def test_logistics_checker_cannot_review() -> None:
    # Returned by logistics, resubmitted: the logistics checker, now acting as
    # auditor, may not review it.
    with pytest.raises(SeparationOfDuties, match="handled this order in logistics"):
        plan(S.PENDING_REVIEW, A.APPROVE, Role.AUDITOR, actor=LOGISTICS, logistics_by=LOGISTICS)


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (S.PENDING_LOGISTICS, A.PRINT_LABEL),
        (S.PENDING_LOGISTICS, A.REJECT_LOGISTICS),
        (S.LABEL_PRINTED, A.PRINT_LABEL),
        (S.LABEL_PRINTED, A.HANDOVER),
        (S.SHIPPED, A.DELIVER),
        (S.SHIPPED, A.REFUSE),
    ],
)
def test_reviewer_cannot_do_logistics(state: OrderState, action: OrderAction) -> None:
    with pytest.raises(SeparationOfDuties, match="you reviewed this order"):
        plan(state, action, Role.LOGISTICS, actor=AUDITOR, reviewed_by=AUDITOR)
    with pytest.raises(SeparationOfDuties, match="you took this order"):
        plan(state, action, Role.LOGISTICS, actor=AGENT, reviewed_by=AUDITOR)


def test_logistics_staff_may_share_the_stage() -> None:
    assert (
        plan(
            S.LABEL_PRINTED,
            A.HANDOVER,
            Role.LOGISTICS,
            actor=LOGISTICS_2,
            reviewed_by=AUDITOR,
            logistics_by=LOGISTICS,
        )
        is S.SHIPPED
    )


def test_check_order_role_state_duties_reason() -> None:
    # Separation of duties is reported before the missing reason, so nobody
    # types a reason only to be refused.
    with pytest.raises(SeparationOfDuties):
        plan(S.PENDING_REVIEW, A.REJECT_REVIEW, Role.AUDITOR, taken_by=AUDITOR, reason=None)
    with pytest.raises(IllegalTransition):
        plan(S.SHIPPED, A.REJECT_REVIEW, Role.AUDITOR, taken_by=AUDITOR, reason=None)


def test_all_errors_are_transition_errors() -> None:
    for cls in (IllegalTransition, RoleNotAllowed, ReasonRequired, SeparationOfDuties):
        assert issubclass(cls, TransitionError)
    assert issubclass(NotOrderOwner, TransitionError)


def test_happy_path_to_delivery() -> None:
    stamps: dict[str, int | None] = {"taken_by": AGENT, "reviewed_by": None, "logistics_by": None}
    steps = [
        (A.SUBMIT, Role.AGENT, AGENT, S.PENDING_REVIEW),
        (A.APPROVE, Role.AUDITOR, AUDITOR, S.PENDING_LOGISTICS),
        (A.PRINT_LABEL, Role.LOGISTICS, LOGISTICS, S.LABEL_PRINTED),
        (A.PRINT_LABEL, Role.LOGISTICS, LOGISTICS, S.LABEL_PRINTED),  # jammed printer
        (A.HANDOVER, Role.LOGISTICS, LOGISTICS_2, S.SHIPPED),
        (A.DELIVER, Role.LOGISTICS, LOGISTICS, S.DELIVERED),
    ]
    state = S.DRAFT
    for action, role, actor, expected in steps:
        state = plan(state, action, role, actor=actor, reason=None, **stamps)
        assert state is expected
        _stamp(stamps, action, actor)
    assert allowed_actions(state, Role.LOGISTICS) == []
    assert state.is_final


def test_returned_twice_then_cancelled() -> None:
    stamps: dict[str, int | None] = {"taken_by": AGENT, "reviewed_by": None, "logistics_by": None}
    steps = [
        (A.SUBMIT, Role.AGENT, AGENT, S.PENDING_REVIEW),
        (A.REJECT_REVIEW, Role.AUDITOR, AUDITOR, S.RETURNED),
        (A.SUBMIT, Role.AGENT, AGENT, S.PENDING_REVIEW),
        (A.APPROVE, Role.AUDITOR, AUDITOR, S.PENDING_LOGISTICS),
        (A.REJECT_LOGISTICS, Role.LOGISTICS, LOGISTICS, S.RETURNED),
        (A.SUBMIT, Role.AGENT, AGENT, S.PENDING_REVIEW),
        (A.CANCEL, Role.AGENT, AGENT, S.CANCELLED),
    ]
    state = S.DRAFT
    for action, role, actor, expected in steps:
        state = plan(state, action, role, actor=actor, reason="address incomplete", **stamps)
        assert state is expected
        _stamp(stamps, action, actor)


def test_refused_is_final() -> None:
    assert plan(S.SHIPPED, A.REFUSE, Role.LOGISTICS, reviewed_by=AUDITOR) is S.REFUSED
    for role in Role:
        assert allowed_actions(S.REFUSED, role) == []


def test_allowed_actions_for_buttons() -> None:
    assert allowed_actions(S.DRAFT, Role.AGENT) == [A.SUBMIT, A.CANCEL]
    assert allowed_actions(S.RETURNED, Role.AGENT) == [A.SUBMIT, A.CANCEL]
    assert allowed_actions(S.PENDING_REVIEW, Role.AGENT) == [A.CANCEL]
    assert allowed_actions(S.PENDING_REVIEW, Role.AUDITOR) == [A.APPROVE, A.REJECT_REVIEW, A.CANCEL]
    assert allowed_actions(S.PENDING_LOGISTICS, Role.LOGISTICS) == [
        A.REJECT_LOGISTICS,
        A.PRINT_LABEL,
    ]
    assert allowed_actions(S.LABEL_PRINTED, Role.LOGISTICS) == [A.PRINT_LABEL, A.HANDOVER]
    assert allowed_actions(S.SHIPPED, Role.LOGISTICS) == [A.DELIVER, A.REFUSE]
    assert allowed_actions(S.PENDING_REVIEW, Role.SUPERVISOR) == [A.CANCEL]
    assert allowed_actions(S.SHIPPED, Role.AUDITOR) == []
    for state in OrderState:
        assert allowed_actions(state, Role.ADMIN) == []
    # Strings from the database work too.
    assert allowed_actions("draft", "agent") == [A.SUBMIT, A.CANCEL]  # type: ignore[arg-type]


def test_actions_for_hides_what_duties_forbid() -> None:
    common = {"actor_role": Role.AUDITOR, "reviewed_by": None, "logistics_by": None}
    assert actions_for(S.PENDING_REVIEW, actor_id=AUDITOR, taken_by=AGENT, **common) == [
        A.APPROVE,
        A.REJECT_REVIEW,
        A.CANCEL,
    ]
    assert actions_for(S.PENDING_REVIEW, actor_id=AUDITOR, taken_by=AUDITOR, **common) == [A.CANCEL]


def test_stage_of_tells_which_stamp_to_set() -> None:
    assert stage_of(A.APPROVE) is Stage.REVIEW
    assert stage_of(A.REJECT_REVIEW) is Stage.REVIEW
    for action in (A.REJECT_LOGISTICS, A.PRINT_LABEL, A.HANDOVER, A.DELIVER, A.REFUSE):
        assert stage_of(action) is Stage.LOGISTICS
    assert stage_of(A.SUBMIT) is None
    assert stage_of(A.CANCEL) is None


def test_enums_are_the_stored_strings() -> None:
    assert [s.value for s in OrderState] == [
        "draft",
        "pending_review",
        "returned",
        "pending_logistics",
        "label_printed",
        "shipped",
        "delivered",
        "refused",
        "cancelled",
    ]
    assert OrderState("pending_review") is S.PENDING_REVIEW
    assert Role("logistics") is Role.LOGISTICS
    assert str(A.PRINT_LABEL) == "print_label"


def test_unknown_strings_are_refused() -> None:
    with pytest.raises(ValueError):
        plan_transition(
            "lost",  # type: ignore[arg-type]
            A.SUBMIT,
            actor_id=1,
            actor_role=Role.AGENT,
            reason=None,
            taken_by=1,
            reviewed_by=None,
            logistics_by=None,
        )


def _stamp(stamps: dict[str, int | None], action: OrderAction, actor: int) -> None:
    stage = stage_of(action)
    if stage is Stage.REVIEW:
        stamps["reviewed_by"] = actor
    elif stage is Stage.LOGISTICS:
        stamps["logistics_by"] = actor


# --- property: random desks pressing random buttons -----------------------

_PEOPLE = st.sampled_from([(1, Role.AGENT), (2, Role.AGENT), (3, Role.AUDITOR), (4, Role.AUDITOR)])
_PEOPLE |= st.sampled_from([(5, Role.LOGISTICS), (6, Role.LOGISTICS), (7, Role.SUPERVISOR)])
# People who hold several roles over time (an auditor who covers logistics).
_PEOPLE |= st.sampled_from([(3, Role.LOGISTICS), (5, Role.AUDITOR), (1, Role.AUDITOR)])


@settings(max_examples=150)
@given(st.data())
def test_random_walks_keep_every_rule(data: st.DataObject) -> None:
    state = S.DRAFT
    stamps: dict[str, int | None] = {"taken_by": 1, "reviewed_by": None, "logistics_by": None}
    for _ in range(data.draw(st.integers(0, 25), label="presses")):
        actor, role = data.draw(_PEOPLE, label="who")
        # Mostly buttons the role sees (so walks get deep), sometimes anything.
        buttons = allowed_actions(state, role)
        if data.draw(st.integers(0, 4), label="allow cancel") > 0:
            buttons = [b for b in buttons if b is not A.CANCEL]
        action = data.draw(
            st.sampled_from(buttons) if buttons else st.sampled_from(list(OrderAction)),
            label="action",
        )
        if data.draw(st.integers(0, 9)) == 0:
            action = data.draw(st.sampled_from(list(OrderAction)), label="stray action")
        reason = data.draw(st.sampled_from([None, "", "why", "why"]), label="reason")
        try:
            new_state = plan_transition(state, action, actor_id=actor, actor_role=role, reason=reason, **stamps)
        except TransitionError as exc:
            assert str(exc)
            if not isinstance(exc, ReasonRequired):
                assert action not in actions_for(state, actor_id=actor, actor_role=role, **stamps)
            continue
        assert action in allowed_actions(state, role)
        assert (state, action) in EXPECTED
        assert new_state is EXPECTED[(state, action)][0]
        _stamp(stamps, action, actor)
        hands = [v for v in stamps.values() if v is not None]
        assert len(hands) == len(set(hands)), f"one person did two stages: {stamps}"
        state = new_state
