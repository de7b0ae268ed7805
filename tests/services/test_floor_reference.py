"""What the live floor reads from the database: names, lines by number and queue, state limits;
and that only the floor's supervisors may read it."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from agent_desk.core.floor import FloorState
from agent_desk.core.floor_view import FloorFlag, agent_flags
from agent_desk.core.protocol import CallEvent, EventType
from agent_desk.services.access.auth import authenticate
from agent_desk.services.supervision.floor_reference import FloorError, floor_reference
from agent_desk.store.contact_record import NotReadyReason
from agent_desk.store.database import Database
from agent_desk.store.models import BusinessLine


def _user(db: Database, name: str):  # type: ignore[no-untyped-def]
    return authenticate(db.factory, name, name + "123")


def test_the_board_names_agents_and_finds_the_line_by_number_or_queue(ref_db: Database) -> None:
    with ref_db.factory() as s, s.begin():
        s.execute(update(BusinessLine).where(BusinessLine.code == "kitchen").values(queue_name="kitchen-q"))
        s.execute(update(BusinessLine).where(BusinessLine.code == "health").values(acw_limit_seconds=180))
    with ref_db.factory() as s:
        ref = floor_reference(s, _user(ref_db, "supervisor1"), overwork_hours=9)
    assert ref.agent_names["SIP/8001"] == "王小燕"
    # The number as platforms send it: with +86, spaces, or bare.
    assert ref.line_name(ref.line_of("", "+86 400 800 1001")) == "保健品热线"
    assert ref.line_name(ref.line_of("kitchen-q", "")) == "厨具电视购物"
    assert ref.line_of("unknown-q", "123") == ""
    assert ref.limits.acw_by_line == {"health": 180}
    assert ref.limits.not_ready_minutes["break"] == 15 and ref.limits.not_ready_minutes["training"] is None
    assert ref.limits.overwork_hours == 9


def test_a_reasons_limit_set_in_the_database_is_the_one_the_board_flags(ref_db: Database) -> None:
    with ref_db.factory() as s, s.begin():
        s.execute(update(NotReadyReason).where(NotReadyReason.code == "training").values(max_minutes=30))
    with ref_db.factory() as s:
        ref = floor_reference(s, _user(ref_db, "admin"))
    floor = FloorState()
    floor.apply(CallEvent(EventType.AGENT_STATE, agent="SIP/8001", state="paused", reason="training"), 1000.0)
    agent = floor.agents["SIP/8001"]
    assert agent_flags(agent, 1000.0 + 29 * 60, ref.limits, ref.line_of) == frozenset()
    assert agent_flags(agent, 1000.0 + 31 * 60, ref.limits, ref.line_of) == {FloorFlag.LONG_NOT_READY}


@pytest.mark.parametrize("name", ["agent1", "auditor1", "logistics1"])
def test_only_supervisors_and_admins_open_the_floor(ref_db: Database, name: str) -> None:
    with ref_db.factory() as s:
        before = s.scalars(select(NotReadyReason.code)).all()
        with pytest.raises(FloorError) as info:
            floor_reference(s, _user(ref_db, name))
    assert info.value.code == "floor.not_allowed"
    assert "supervisors and administrators" in str(info.value)
    with ref_db.factory() as s:
        assert s.scalars(select(NotReadyReason.code)).all() == before
