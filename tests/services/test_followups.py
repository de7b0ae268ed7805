"""Follow-up calls after delivery: the agent's list, satisfaction 1–5, recorded once."""

from __future__ import annotations

import pytest

from agent_desk.services.followups.tasks import FollowUpError, complete_followup, open_followups
from agent_desk.store.database import Database
from agent_desk.store.models import FollowUp
from tests.services.test_orders_support import cast, drive, submitted


def test_delivery_creates_a_followup_the_agent_records_once(ref_db: Database, people: dict[str, int]) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    order = drive(f, users, submitted(f, users, people["vip"]), "approve", "print_label", "handover", "deliver")
    agent = users["agent1"]
    with f() as s:
        mine = open_followups(s, agent.id)
        assert open_followups(s, agent.id, due_only=True) == []  # due in three days
        assert open_followups(s, users["agent2"].id) == []
    assert [(x.order_id, x.order_no, x.customer_name, x.overdue) for x in mine] == [
        (order.id, order.order_no, "张伟", False)
    ]
    assert mine[0].recipient_phone == "138 0013 8000"
    followup_id = mine[0].id

    for bad, message in ((0, "from 1 to 5, not 0"), (6, "not 6"), (True, "not True"), (3.5, "not 3.5")):
        with pytest.raises(FollowUpError, match=message):
            complete_followup(f, agent, followup_id, satisfaction=bad)  # type: ignore[arg-type]
    with pytest.raises(FollowUpError, match="assigned to another agent"):
        complete_followup(f, users["agent2"], followup_id, satisfaction=4)
    with pytest.raises(FollowUpError, match="at most 2000"):
        complete_followup(f, agent, followup_id, satisfaction=4, notes="长" * 2001)
    with f() as s:
        untouched = s.get(FollowUp, followup_id)
        assert untouched is not None and (untouched.status, untouched.satisfaction) == ("open", None)

    done = complete_followup(f, agent, followup_id, satisfaction=5, notes=" 鱼油效果很好，想再买两盒 ")
    assert done.notes == "鱼油效果很好，想再买两盒"
    with f() as s:
        row = s.get(FollowUp, followup_id)
        assert row is not None and (row.status, row.satisfaction) == ("done", 5) and row.completed_at is not None
        assert open_followups(s, agent.id) == []
    with pytest.raises(FollowUpError, match="already done"):
        complete_followup(f, agent, followup_id, satisfaction=1)
    with pytest.raises(FollowUpError, match="does not exist"):
        complete_followup(f, agent, 987654, satisfaction=3)
