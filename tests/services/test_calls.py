from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from agent_desk.core.protocol import CallEvent
from agent_desk.services.calls.records import WrapUpError, record_event, wrap_up
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
