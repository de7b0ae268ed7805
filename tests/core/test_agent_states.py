"""The agent's state machine: every legal move, every refusal, time in state, pending not-ready."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agent_desk.core.agent_states import (
    LOGGED_IN_REASON,
    MOVES,
    AgentMove,
    AgentState,
    AgentStatus,
    IllegalAgentMove,
    ReasonRequired,
    acw_deadline_seconds,
)

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def logged_in() -> AgentState:
    return AgentState().apply(AgentMove.LOG_IN, T0)


def test_login_puts_the_agent_in_not_ready_until_they_choose_ready() -> None:
    state = logged_in()
    assert (state.status, state.reason, state.since) == (AgentStatus.NOT_READY, LOGGED_IN_REASON, T0)
    assert not state.status.takes_calls
    ready = state.apply(AgentMove.READY, at(5))
    assert ready.status is AgentStatus.READY and ready.status.takes_calls and ready.since == at(5)


def test_a_whole_call_from_ready_to_ready_again() -> None:
    s = logged_in().apply(AgentMove.READY, at(1))
    s = s.apply(AgentMove.OFFERED, at(10))
    assert s.status is AgentStatus.RINGING
    s = s.apply(AgentMove.ANSWERED, at(14))
    s = s.apply(AgentMove.HOLD, at(30)).apply(AgentMove.RESUME, at(40))
    assert s.status is AgentStatus.TALKING and s.since == at(40)
    s = s.apply(AgentMove.CALL_ENDED, at(100))
    assert s.status is AgentStatus.AFTER_CALL_WORK and not s.status.takes_calls
    assert s.seconds_in_state(at(130)) == 30
    s = s.apply(AgentMove.WRAP_UP_DONE, at(145))
    assert (s.status, s.since) == (AgentStatus.READY, at(145))


def test_not_ready_chosen_during_a_call_waits_for_the_end_of_after_call_work() -> None:
    s = logged_in().apply(AgentMove.READY, at(1)).apply(AgentMove.OFFERED, at(2)).apply(AgentMove.ANSWERED, at(3))
    s = s.apply(AgentMove.NOT_READY, at(20), reason="lunch")
    assert s.status is AgentStatus.TALKING and s.since == at(3) and s.pending_reason == "lunch"
    s = s.apply(AgentMove.CALL_ENDED, at(60))
    assert s.status is AgentStatus.AFTER_CALL_WORK and s.pending_reason == "lunch"
    s = s.apply(AgentMove.WRAP_UP_DONE, at(70))
    assert (s.status, s.reason, s.pending_reason) == (AgentStatus.NOT_READY, "lunch", "")


def test_ready_during_a_call_takes_back_a_pending_break() -> None:
    s = logged_in().apply(AgentMove.READY, at(1)).apply(AgentMove.OFFERED, at(2)).apply(AgentMove.ANSWERED, at(3))
    s = s.apply(AgentMove.NOT_READY, at(4), reason="break").apply(AgentMove.READY, at(5))
    s = s.apply(AgentMove.CALL_ENDED, at(9)).apply(AgentMove.WRAP_UP_DONE, at(10))
    assert s.status is AgentStatus.READY


def test_ready_pressed_in_after_call_work_wins_over_a_pending_break() -> None:
    s = logged_in().apply(AgentMove.READY, at(1)).apply(AgentMove.OFFERED, at(2)).apply(AgentMove.ANSWERED, at(3))
    s = s.apply(AgentMove.NOT_READY, at(4), reason="break").apply(AgentMove.CALL_ENDED, at(9))
    s = s.apply(AgentMove.READY, at(10))
    assert (s.status, s.pending_reason) == (AgentStatus.READY, "")


def test_a_ring_that_stops_returns_the_agent_to_ready_or_to_the_pending_break() -> None:
    ringing = logged_in().apply(AgentMove.READY, at(1)).apply(AgentMove.OFFERED, at(2))
    assert ringing.apply(AgentMove.RING_STOPPED, at(20)).status is AgentStatus.READY
    paused = ringing.apply(AgentMove.NOT_READY, at(3), reason="training").apply(AgentMove.RING_STOPPED, at(20))
    assert (paused.status, paused.reason) == (AgentStatus.NOT_READY, "training")


def test_a_new_reason_starts_a_new_interval_and_the_same_reason_changes_nothing() -> None:
    s = logged_in().apply(AgentMove.NOT_READY, at(10), reason="break")
    assert (s.reason, s.since) == ("break", at(10))
    assert s.apply(AgentMove.NOT_READY, at(20), reason="break") is s
    lunch = s.apply(AgentMove.NOT_READY, at(30), reason="lunch")
    assert (lunch.reason, lunch.since) == ("lunch", at(30))


def test_not_ready_during_after_call_work_ends_it_at_once() -> None:
    s = logged_in().apply(AgentMove.READY, at(1)).apply(AgentMove.OFFERED, at(2)).apply(AgentMove.ANSWERED, at(3))
    s = s.apply(AgentMove.CALL_ENDED, at(9)).apply(AgentMove.NOT_READY, at(12), reason="meeting")
    assert (s.status, s.reason, s.since) == (AgentStatus.NOT_READY, "meeting", at(12))


@pytest.mark.parametrize(
    ("start", "move"),
    [
        (AgentStatus.LOGGED_OUT, AgentMove.READY),
        (AgentStatus.LOGGED_OUT, AgentMove.OFFERED),
        (AgentStatus.NOT_READY, AgentMove.OFFERED),  # the PBX must not offer a paused agent a call
        (AgentStatus.AFTER_CALL_WORK, AgentMove.OFFERED),
        (AgentStatus.TALKING, AgentMove.OFFERED),
        (AgentStatus.READY, AgentMove.ANSWERED),
        (AgentStatus.TALKING, AgentMove.LOG_OUT),  # hang up first
        (AgentStatus.READY, AgentMove.WRAP_UP_DONE),
        (AgentStatus.READY, AgentMove.LOG_IN),
    ],
)
def test_impossible_moves_are_refused_and_change_nothing(start: AgentStatus, move: AgentMove) -> None:
    state = AgentState(start, T0, "break" if start is AgentStatus.NOT_READY else "")
    with pytest.raises(IllegalAgentMove) as caught:
        state.apply(move, at(1), reason="break")
    assert caught.value.params == {"state": start.value, "move": move.value}
    assert not state.allows(move)


def test_not_ready_needs_a_reason() -> None:
    with pytest.raises(ReasonRequired):
        logged_in().apply(AgentMove.READY, at(1)).apply(AgentMove.NOT_READY, at(2), reason="  ")


def test_every_state_but_a_call_in_progress_can_log_out() -> None:
    can = {s for (s, m) in MOVES if m is AgentMove.LOG_OUT}
    assert can == {AgentStatus.READY, AgentStatus.NOT_READY, AgentStatus.AFTER_CALL_WORK}


def test_every_move_from_every_state_is_either_in_the_table_or_refused() -> None:
    for status in AgentStatus:
        for move in AgentMove:
            state = AgentState(status, T0, "break" if status is AgentStatus.NOT_READY else "")
            if (status, move) in MOVES:
                assert state.apply(move, at(1), reason="break").status in AgentStatus
            else:
                with pytest.raises(IllegalAgentMove):
                    state.apply(move, at(1), reason="break")


def test_acw_limit_per_line_then_default_and_zero_means_until_saved() -> None:
    assert acw_deadline_seconds(None) == 60
    assert acw_deadline_seconds(None, default=45) == 45
    assert acw_deadline_seconds(20) == 20
    assert acw_deadline_seconds(0) is None
    with pytest.raises(ValueError, match="negative"):
        acw_deadline_seconds(-1)
