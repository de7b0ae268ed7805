"""The live floor from the hub's events: what a supervisor would read off the wallboard."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from agent_desk.core.floor import FloorState, FloorStatus
from agent_desk.core.floor_view import FloorFlag, FloorLimits, agent_flags, head_counts, queue_rows
from agent_desk.core.kpi import KpiSettings, SlDefinition
from agent_desk.core.protocol import CallEvent, EventType

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 12, 4, 9, 0, tzinfo=SHANGHAI).timestamp()


def ev(type_: EventType, call: str = "", **kw: object) -> CallEvent:
    return CallEvent(type_, call_id=call, **kw)  # type: ignore[arg-type]


def state_ev(agent: str, state: str, reason: str = "") -> CallEvent:
    return CallEvent(EventType.AGENT_STATE, agent=agent, state=state, reason=reason)


def feed(floor: FloorState, *steps: tuple[float, CallEvent]) -> None:
    for at, event in steps:
        floor.apply(event, T0 + at)


def test_a_morning_on_the_board_matches_figures_worked_by_hand() -> None:
    floor = FloorState(zone=SHANGHAI)
    feed(
        floor,
        (0, state_ev("SIP/801", "available")),
        (0, state_ev("SIP/802", "available")),
        # c1 waits 12 s, answered by 801 within 20 s
        (10, ev(EventType.CALL_QUEUED, "c1", queue="sales", dnis="4001")),
        (15, ev(EventType.CALL_OFFERED, "c1", agent="SIP/801")),
        (22, ev(EventType.CALL_ANSWERED, "c1", agent="SIP/801")),
        # c2 waits 30 s (rings 802 unanswered at 12 s), answered by 802: outside 20 s
        (20, ev(EventType.CALL_QUEUED, "c2", queue="sales", dnis="4002")),
        (25, ev(EventType.CALL_OFFERED, "c2", agent="SIP/802")),
        (32, ev(EventType.CALL_QUEUED, "c2", queue="sales", agent="SIP/802")),
        (45, ev(EventType.CALL_OFFERED, "c2", agent="SIP/802")),
        (50, ev(EventType.CALL_ANSWERED, "c2", agent="SIP/802")),
        # c3 hangs up after 3 s: a short abandon; c4 after 40 s: an abandon
        (60, ev(EventType.CALL_QUEUED, "c3", queue="sales", dnis="4001")),
        (63, ev(EventType.CALL_ENDED, "c3", reason="abandoned")),
        (60, ev(EventType.CALL_QUEUED, "c4", queue="sales", dnis="4001")),
        (100, ev(EventType.CALL_ENDED, "c4", reason="abandoned")),
        # c5 still waiting, a VIP, in service
        (90, ev(EventType.CALL_QUEUED, "c5", queue="service", dnis="4009", vip=True)),
    )
    now = T0 + 120
    rows = {r.key: r for r in queue_rows(floor, now)}
    sales = rows["sales"].today
    # offered 4, short abandons 1: SL = 1 answered ≤ 20 s ÷ (4 − 1) ; answer rate = 2 ÷ 3
    assert (sales.offered, sales.answered, sales.abandoned, sales.short_abandoned) == (4, 2, 1, 1)
    assert sales.service_level == pytest.approx(1 / 3)
    assert sales.answer_rate == pytest.approx(2 / 3)
    assert rows["sales"].waiting == 0
    service = rows["service"]
    assert (service.waiting, service.vip_waiting, service.longest_wait_s) == (1, 1, 30)
    assert service.today.offered == 0  # still waiting: not yet in the day's figures
    # As Asterisk computes it: 1 of 2 answered within 20 s.
    asterisk = {r.key: r for r in queue_rows(floor, now, KpiSettings(sl_definition=SlDefinition.ANSWERED))}
    assert asterisk["sales"].today.service_level == pytest.approx(1 / 2)

    a801, a802 = floor.agents["SIP/801"], floor.agents["SIP/802"]
    assert (a801.status, a801.seconds_in_state(now), a801.handled_today, a801.dnis) == (
        FloorStatus.TALKING,
        98,
        1,
        "4001",
    )
    assert (a802.status, a802.handled_today) == (FloorStatus.TALKING, 1)
    by_line = {r.key: r for r in queue_rows(floor, now, group_of=lambda q, d: "TV" if d == "4001" else "other")}
    assert by_line["TV"].today.offered == 3 and by_line["other"].today.offered == 1


def test_states_read_as_the_desk_reports_them() -> None:
    floor = FloorState(zone=SHANGHAI)
    feed(
        floor,
        (0, state_ev("A", "paused", "logged_in")),
        (5, state_ev("A", "available")),
        (6, ev(EventType.CALL_QUEUED, "c1", queue="q")),
        (7, ev(EventType.CALL_OFFERED, "c1", agent="A")),
    )
    assert floor.agents["A"].status is FloorStatus.RINGING
    feed(floor, (9, ev(EventType.CALL_ANSWERED, "c1", agent="A")), (70, ev(EventType.CALL_ENDED, "c1")))
    assert floor.agents["A"].status is FloorStatus.READY  # until the desk says it is in after-call work
    feed(floor, (70, state_ev("A", "paused", "acw")))
    agent = floor.agents["A"]
    assert (agent.status, agent.since) == (FloorStatus.ACW, T0 + 70)
    feed(floor, (90, state_ev("A", "paused", "lunch")))
    assert (floor.agents["A"].status, floor.agents["A"].reason) == (FloorStatus.NOT_READY, "lunch")
    feed(floor, (95, state_ev("A", "offline")))
    assert floor.agents["A"].status is FloorStatus.OFFLINE and floor.agents["A"].logged_in_since is None
    assert head_counts(floor)[FloorStatus.OFFLINE] == 1


def test_a_ring_all_call_stops_ringing_everywhere_once_answered() -> None:
    floor = FloorState()
    feed(
        floor,
        (0, ev(EventType.CALL_QUEUED, "c", queue="q")),
        (1, ev(EventType.CALL_OFFERED, "c", agent="A")),
        (1, ev(EventType.CALL_OFFERED, "c", agent="B")),
        (3, ev(EventType.CALL_ANSWERED, "c", agent="B")),
    )
    assert floor.agents["A"].status is FloorStatus.UNKNOWN and floor.agents["A"].call_id == ""
    assert floor.agents["B"].status is FloorStatus.TALKING


def test_a_transfer_moves_the_caller_to_the_target_and_counts_the_call_once_per_agent() -> None:
    floor = FloorState()
    feed(
        floor,
        (0, ev(EventType.CALL_QUEUED, "c", queue="q")),
        (2, ev(EventType.CALL_ANSWERED, "c", agent="A")),
        (30, ev(EventType.CALL_TRANSFERRED, "c", agent="A", target="B")),
        (31, ev(EventType.CALL_ANSWERED, "c", agent="B")),
    )
    assert floor.agents["A"].call_id == "" and floor.agents["B"].status is FloorStatus.TALKING
    assert floor.tallies[("q", "")].figures().answered == 1  # the queue answered one call


def test_the_day_starts_again_at_local_midnight_but_waiting_calls_and_states_carry_on() -> None:
    floor = FloorState(zone=SHANGHAI)
    late = datetime(2026, 12, 4, 23, 59, 0, tzinfo=SHANGHAI).timestamp()
    floor.apply(state_ev("A", "available"), late)
    floor.apply(ev(EventType.CALL_QUEUED, "c1", queue="q"), late)
    floor.apply(ev(EventType.CALL_ANSWERED, "c1", agent="A"), late + 10)
    floor.apply(ev(EventType.CALL_QUEUED, "c2", queue="q"), late + 20)
    change = floor.apply(ev(EventType.CALL_QUEUED, "c3", queue="q"), late + 70)  # 00:00:10 next day
    assert change.new_day
    assert queue_rows(floor, late + 80)[0].today.offered == 0
    assert queue_rows(floor, late + 80)[0].waiting == 2
    assert floor.agents["A"].handled_today == 0 and floor.agents["A"].status is FloorStatus.TALKING


def test_flags_for_long_acw_long_breaks_and_overwork() -> None:
    floor = FloorState()
    feed(
        floor,
        (0, state_ev("A", "paused", "acw")),
        (0, state_ev("B", "paused", "break")),
        (0, state_ev("C", "paused", "meeting")),
    )
    limits = FloorLimits(acw_default_s=60, not_ready_minutes={"break": 15, "meeting": None}, overwork_hours=8)
    assert agent_flags(floor.agents["A"], T0 + 60, limits) == frozenset()
    assert agent_flags(floor.agents["A"], T0 + 61, limits) == {FloorFlag.LONG_ACW}
    assert agent_flags(floor.agents["B"], T0 + 15 * 60 + 1, limits) == {FloorFlag.LONG_NOT_READY}
    assert agent_flags(floor.agents["C"], T0 + 7 * 3600, limits) == frozenset()
    assert agent_flags(floor.agents["C"], T0 + 8 * 3600 + 1, limits) == {FloorFlag.OVERWORK}
    # A line's own ACW limit wins over the default.
    feed(floor, (0, state_ev("D", "available")))
    floor.agents["D"].dnis = "4001"
    feed(floor, (100, state_ev("D", "paused", "acw")))
    per_line = FloorLimits(acw_default_s=60, acw_by_line={"TV": 180})
    assert agent_flags(floor.agents["D"], T0 + 100 + 120, per_line, lambda q, d: "TV") == frozenset()
    assert agent_flags(floor.agents["D"], T0 + 100 + 181, per_line, lambda q, d: "TV") == {FloorFlag.LONG_ACW}


def test_a_snapshot_rebuilds_the_same_board_and_the_events_after_it_carry_on() -> None:
    floor = FloorState(zone=SHANGHAI)
    feed(
        floor,
        (0, state_ev("A", "available")),
        (1, ev(EventType.CALL_QUEUED, "c1", queue="q", dnis="4001", vip=True)),
        (5, ev(EventType.CALL_ANSWERED, "c1", agent="A")),
        (6, ev(EventType.CALL_QUEUED, "c2", queue="q")),
    )
    copy = FloorState.from_json(floor.to_json(), SHANGHAI)
    for board in (floor, copy):
        board.apply(ev(EventType.CALL_ENDED, "c2", reason="abandoned"), T0 + 30)
    assert copy.to_json() == floor.to_json()
    assert queue_rows(copy, T0 + 40) == queue_rows(floor, T0 + 40)


@pytest.mark.parametrize(
    "broken",
    [
        {},
        {"v": 99},
        {"v": 1, "agents": [{"state": "x"}]},
        {"v": 1, "tallies": [1]},
        {"v": 1, "agents": [{"agent": "A", "state_since": "yesterday"}]},  # times are numbers
        {"v": 1, "agents": [{"agent": "A", "handled_today": True}]},
        {"v": 1, "calls": [{"call_id": "c", "waiting": "yes"}]},
        {"v": 1, "calls": [{"call_id": "c", "rung": "SIP/1"}]},
        {"v": 1, "agents": ["A"]},
    ],
)
def test_a_broken_snapshot_is_refused_with_a_message(broken: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="floor snapshot"):
        FloorState.from_json(broken)


def test_an_end_for_a_call_never_seen_changes_nothing_and_calls_in_progress_are_bounded() -> None:
    floor = FloorState(max_calls=3)
    assert not floor.apply(ev(EventType.CALL_ENDED, "ghost"), T0).agents
    assert floor.calls == {}
    for n in range(5):
        floor.apply(ev(EventType.CALL_QUEUED, f"c{n}", queue="q"), T0 + n)
    assert list(floor.calls) == ["c2", "c3", "c4"]


def test_the_day_rolls_on_the_utc_clock_of_the_zone_given() -> None:
    floor = FloorState(zone=UTC)
    floor.apply(ev(EventType.CALL_QUEUED, "c", queue="q"), datetime(2026, 12, 4, 23, 0, tzinfo=UTC).timestamp())
    assert floor.day is not None and floor.day.isoformat() == "2026-12-04"
