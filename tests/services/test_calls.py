from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.core.protocol import CallEvent
from agent_desk.services.calls.active_call import ActiveCall, CallPhase
from agent_desk.services.calls.records import CallDescription, WrapUpError, describe, record_event, wrap_up
from agent_desk.store.database import Database
from agent_desk.store.models import Call, User

T0 = datetime(2026, 11, 22, 9, 0, 0)


def _ev(type_: str, **kw: str) -> CallEvent:
    base = {"call_id": "c-1", "ani": "13800138000", "dnis": "4008001001", "queue": "sales", "agent": "SIP/8001"}
    return CallEvent(type=type_, **(base | kw))


def test_a_call_is_recorded_through_its_life(ref_db: Database, people: dict[str, int]) -> None:
    record_event(ref_db.factory, _ev("call.offered"), T0)
    record_event(ref_db.factory, _ev("call.answered"), T0 + timedelta(seconds=5))
    record_event(ref_db.factory, _ev("call.ended", reason="completed"), T0 + timedelta(seconds=95))
    with ref_db.factory() as s:
        call = s.scalars(select(Call)).one()
        agent = s.scalar(select(User.id).where(User.telephony_id == "SIP/8001"))
    assert call.customer_id == people["vip"] and call.agent_id == agent
    assert call.business_line_id is not None and call.ani_e164 == "+8613800138000"
    assert (call.answered_at - call.offered_at).seconds == 5
    assert call.end_reason == "completed"


def test_repeated_and_late_events_change_nothing(ref_db: Database, people: dict[str, int]) -> None:
    for _ in range(3):
        record_event(ref_db.factory, _ev("call.offered"), T0)
    record_event(ref_db.factory, _ev("call.ended", reason="completed"), T0 + timedelta(seconds=60))
    record_event(ref_db.factory, _ev("call.offered"), T0 + timedelta(seconds=99))
    with ref_db.factory() as s:
        assert s.scalar(select(func.count()).select_from(Call)) == 1
        call = s.scalars(select(Call)).one()
    assert call.offered_at == T0


def test_an_unanswered_call_is_recorded_as_abandoned(ref_db: Database, people: dict[str, int]) -> None:
    record_event(ref_db.factory, _ev("call.queued", agent=""), T0)
    record_event(ref_db.factory, _ev("call.ended", agent="", reason=""), T0 + timedelta(seconds=30))
    with ref_db.factory() as s:
        call = s.scalars(select(Call)).one()
    assert call.end_reason == "abandoned" and call.answered_at is None


def test_wrap_up_saves_disposition_and_notes(ref_db: Database, people: dict[str, int]) -> None:
    record_event(ref_db.factory, _ev("call.offered", ani="13600136000"), T0)
    wrap_up(
        ref_db.factory, "c-1", disposition="sale", notes="两盒鱼油", agent_user_id=1, customer_id=people["family_b"]
    )
    with ref_db.factory() as s:
        call = s.scalars(select(Call)).one()
    assert (call.disposition_code, call.notes, call.customer_id) == ("sale", "两盒鱼油", people["family_b"])
    assert call.wrapped_up_at is not None


def test_wrap_up_refuses_unknown_codes_and_calls(ref_db: Database, people: dict[str, int]) -> None:
    record_event(ref_db.factory, _ev("call.offered"), T0)
    with pytest.raises(WrapUpError, match="not a known disposition"):
        wrap_up(ref_db.factory, "c-1", disposition="teleported", notes="", agent_user_id=1)
    with pytest.raises(WrapUpError, match="no call"):
        wrap_up(ref_db.factory, "c-404", disposition="sale", notes="", agent_user_id=1)
    with ref_db.factory() as s:
        assert s.scalars(select(Call)).one().disposition_code is None


# --- a wrap-up for a call no event reached the database for ---------------------------------------


def _heard(agent: str = "SIP/8001") -> CallDescription:
    """The call as a desk knew it when the database was away from its offer to its hang-up."""
    return CallDescription(
        "c-1", T0, ani="13800138000", dnis="4008001001", queue="sales", agent=agent, end_reason="completed"
    )


def _agent1(database: Database) -> int:
    with database.factory() as s:
        agent = s.scalar(select(User.id).where(User.username == "agent1"))
    assert agent is not None
    return agent


def test_a_wrap_up_records_the_call_no_event_recorded_from_what_the_desk_knew(
    ref_db: Database, people: dict[str, int]
) -> None:
    agent = _agent1(ref_db)
    wrap_up(ref_db.factory, "c-1", disposition="sale", notes="两盒鱼油", agent_user_id=agent, call=_heard())
    with ref_db.factory() as s:
        call = s.scalars(select(Call)).one()
    assert (call.platform_call_id, call.disposition_code, call.notes) == ("c-1", "sale", "两盒鱼油")
    assert call.wrapped_up_at is not None and call.agent_id == agent and call.agent_telephony_id == "SIP/8001"
    # The same facts the call's events would have given: its line, its customer, its caller's number.
    assert call.business_line_id is not None and call.customer_id == people["vip"]
    assert (call.ani_e164, call.dnis, call.queue) == ("+8613800138000", "4008001001", "sales")
    assert (call.offered_at, call.end_reason) == (T0, "completed")
    assert call.answered_at is None and call.ended_at is None  # not known at the desk: not guessed


def test_the_events_recorded_after_the_wrap_up_keep_one_row_and_the_wrap_up(
    ref_db: Database, people: dict[str, int]
) -> None:
    agent = _agent1(ref_db)
    wrap_up(
        ref_db.factory, "c-1", disposition="sale", notes="两盒鱼油", agent_user_id=agent,
        customer_id=people["plain"], call=_heard(),
    )  # fmt: skip
    with ref_db.factory() as s:
        saved_at = s.scalars(select(Call)).one().wrapped_up_at
    # The hub (or the desk's own retry) records the call's events afterwards, once or twice.
    for _ in range(2):
        record_event(ref_db.factory, _ev("call.offered"), T0)
        record_event(ref_db.factory, _ev("call.answered"), T0 + timedelta(seconds=5))
        record_event(ref_db.factory, _ev("call.ended", reason="completed"), T0 + timedelta(seconds=95))
    with ref_db.factory() as s:
        assert s.scalar(select(func.count()).select_from(Call)) == 1
        call = s.scalars(select(Call)).one()
    assert (call.disposition_code, call.notes, call.wrapped_up_at) == ("sale", "两盒鱼油", saved_at)
    assert (call.customer_id, call.agent_id) == (people["plain"], agent)  # as picked at the wrap-up
    assert call.answered_at == T0 + timedelta(seconds=5) and call.ended_at == T0 + timedelta(seconds=95)


def test_a_later_event_of_the_same_agent_keeps_the_user_the_wrap_up_named(
    ref_db: Database, people: dict[str, int]
) -> None:
    agent = _agent1(ref_db)
    # This desk's telephony id is set in its settings, and no user carries it.
    wrap_up(ref_db.factory, "c-1", disposition="sale", notes="", agent_user_id=agent, call=_heard(agent="SIP/8999"))
    record_event(ref_db.factory, _ev("call.answered", agent="SIP/8999"), T0 + timedelta(seconds=5))
    with ref_db.factory() as s:
        assert s.scalars(select(Call)).one().agent_id == agent


def test_a_wrap_up_recorded_first_elsewhere_in_the_meantime_lands_on_that_row(
    ref_db: Database, people: dict[str, int]
) -> None:
    agent = _agent1(ref_db)
    factory = sessionmaker(bind=ref_db.engine)
    raced: list[bool] = []

    @event.listens_for(factory, "before_flush")
    def the_hub_records_it_first(session: Session, *_args: object) -> None:
        if not raced:  # between the wrap-up's look-up and its insert: the hub's insert wins
            raced.append(True)
            record_event(ref_db.factory, _ev("call.offered"), T0)

    wrap_up(factory, "c-1", disposition="sale", notes="两盒鱼油", agent_user_id=agent, call=_heard())
    with ref_db.factory() as s:
        assert s.scalar(select(func.count()).select_from(Call)) == 1
        call = s.scalars(select(Call)).one()
    assert raced and (call.disposition_code, call.notes, call.offered_at) == ("sale", "两盒鱼油", T0)


def test_without_a_description_an_unrecorded_call_is_still_refused(ref_db: Database, people: dict[str, int]) -> None:
    with pytest.raises(WrapUpError, match="no call 'c-1' was recorded") as refused:
        wrap_up(ref_db.factory, "c-1", disposition="sale", notes="两盒鱼油", agent_user_id=_agent1(ref_db))
    assert refused.value.code == "wrap_up.call_not_recorded"
    with pytest.raises(WrapUpError, match="not a known disposition"):  # nor is a refused wrap-up's call recorded
        wrap_up(ref_db.factory, "c-1", disposition="teleported", notes="", agent_user_id=1, call=_heard())
    with ref_db.factory() as s:
        assert s.scalar(select(func.count()).select_from(Call)) == 0


def test_the_description_of_a_desk_call_names_an_end_only_when_the_platform_ended_it() -> None:
    def described(phase: CallPhase, end_reason: str) -> CallDescription:
        call = ActiveCall("c-1", "13800138000", "4008001001", "sales", T0, phase=phase, end_reason=end_reason)
        return describe(call, "SIP/8001")

    assert described(CallPhase.ENDED, "completed") == _heard()
    assert described(CallPhase.MISSED, "abandoned").end_reason == "abandoned"
    assert described(CallPhase.TALKING, "").end_reason == ""
    # Rang out here, or went on with a colleague: the call itself may still be going.
    assert described(CallPhase.MISSED, "no_answer").end_reason == ""
    assert described(CallPhase.ANSWERED_ELSEWHERE, "answered_elsewhere").end_reason == ""
    assert described(CallPhase.TRANSFERRED, "transferred").end_reason == ""
