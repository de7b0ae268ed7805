from __future__ import annotations

from sqlalchemy import select

from agent_desk.core.protocol import CallEvent
from agent_desk.services.calls.recorder import CallRecorder
from agent_desk.store.database import Database
from agent_desk.store.models import Call
from agent_desk.telephony.hub import Hub
from agent_desk.telephony.tokens import StaticTokens


def test_the_hub_records_calls_nobody_answered(ref_db: Database, people: dict[str, int]) -> None:
    recorder = CallRecorder(ref_db.factory).start()
    hub = Hub(StaticTokens(), observers=[recorder], clock=lambda: 1_790_000_000.0)
    hub.publish(CallEvent(type="call.queued", call_id="q-1", ani="13800138000", dnis="4008001001", queue="sales"))
    hub.publish(CallEvent(type="call.ended", call_id="q-1", reason="abandoned"))
    hub.publish(CallEvent(type="call.offered", call_id="q-2", ani="13900139000", agent="SIP/8001"))
    hub.publish(CallEvent(type="call.answered", call_id="q-2", agent="SIP/8001"))
    recorder.stop()  # drains the queue first
    with ref_db.factory() as s:
        calls = {c.platform_call_id: c for c in s.scalars(select(Call))}
    assert calls["q-1"].end_reason == "abandoned" and calls["q-1"].customer_id == people["vip"]
    assert calls["q-1"].business_line_id is not None and calls["q-1"].queue == "sales"
    assert calls["q-2"].answered_at is not None and calls["q-2"].agent_id is not None
    assert (recorder.recorded, recorder.failed, recorder.dropped) == (4, 0, 0)


def test_a_failing_observer_never_stops_routing() -> None:
    def broken(_event: CallEvent, _ts: float) -> None:
        raise RuntimeError("database on fire")

    seen: list[str] = []
    hub = Hub(StaticTokens(), observers=[broken, lambda e, _t: seen.append(e.call_id)])
    assert hub.publish(CallEvent(type="call.offered", call_id="c-1", agent="SIP/1")) == 1
    assert seen == ["c-1"]
