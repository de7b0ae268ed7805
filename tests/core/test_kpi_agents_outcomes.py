"""Agent time, FCR, conversion, CSAT, audit and delivery rates, and the league, against hand figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agent_desk.core.kpi_agents import StateSpan, agent_times, clipped_seconds, long_running
from agent_desk.core.kpi_outcomes import (
    AuditOutcome,
    Contact,
    Conversion,
    DeliveryOutcome,
    Satisfaction,
    first_contact_resolution,
)
from agent_desk.core.league import Band, league

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


# Agent A: logged in 08:00–16:00; break 10:00–10:15; lunch 12:00–12:45; an ACW pause 09:00–09:01
# (the desk's "acw" reason, which is after-call work, not a break); ACW state 09:00–09:01.
A = [
    StateSpan("A", "logged_in", at(0), at(480)),
    StateSpan("A", "not_ready", at(120), at(135), "break"),
    StateSpan("A", "not_ready", at(240), at(285), "lunch"),
    StateSpan("A", "not_ready", at(60), at(61), "acw"),
    StateSpan("A", "acw", at(60), at(61)),
]


def test_login_and_not_ready_by_reason_leave_acw_out_of_the_breaks() -> None:
    t = agent_times(A, at(0), at(24 * 60), now=at(24 * 60))["A"]
    assert t.login_s == 8 * 3600
    assert t.not_ready_s == {"break": 15 * 60, "lunch": 45 * 60}
    assert t.acw_state_s == 60


def test_occupancy_and_utilisation() -> None:
    # Handle 3 h (talk + hold + ACW from the calls); login 8 h; paused 1 h → ready idle 4 h.
    f = agent_times(A, at(0), at(1440), now=at(1440))["A"].figures(handle_s=3 * 3600)
    assert f.ready_idle_s == 4 * 3600
    assert f.occupancy == pytest.approx(3 / 7)
    assert f.utilisation == pytest.approx(3 / 8)


def test_intervals_are_clipped_to_the_window_and_open_ones_run_to_now() -> None:
    # The 10:00 half hour: only the 10:00–10:15 break and 30 min of login fall in it.
    half = agent_times(A, at(120), at(150), now=at(1440))["A"]
    assert half.login_s == 30 * 60 and half.not_ready_s == {"break": 15 * 60}
    open_break = StateSpan("B", "not_ready", at(0), None, "training")
    assert clipped_seconds(open_break, at(0), at(60), now=at(20)) == 20 * 60
    assert clipped_seconds(open_break, at(0), at(60), now=at(90)) == 60 * 60


def test_times_of_two_windows_add_up_to_the_day() -> None:
    morning = agent_times(A, at(0), at(240), now=at(1440))["A"]
    afternoon = agent_times(A, at(240), at(1440), now=at(1440))["A"]
    day = agent_times(A, at(0), at(1440), now=at(1440))["A"]
    assert morning + afternoon == day


def test_a_state_past_its_limit_is_flagged_while_it_lasts() -> None:
    lunch = StateSpan("A", "not_ready", at(0), None, "lunch")
    assert long_running(lunch, at(61), limit_s=3600)
    assert not long_running(lunch, at(59), limit_s=3600)
    assert not long_running(StateSpan("A", "not_ready", at(0), at(90)), at(100), limit_s=3600)
    assert not long_running(lunch, at(500), limit_s=None)


def test_first_contact_resolution_follows_the_same_number_on_the_same_line_for_n_days() -> None:
    calls = [
        Contact("+8613800000001", "HL", at(0), resolved=True),  # called again on day 3: not FCR
        Contact("+8613800000002", "HL", at(0), resolved=True),  # called again after 8 days: FCR
        Contact("+8613800000003", "HL", at(0), resolved=True),  # called another line: FCR
        Contact("+8613800000004", "HL", at(0), resolved=False),  # not resolving: eligible, not FCR
        Contact("", "HL", at(0), resolved=True),  # withheld: not eligible
        Contact("+8613800000005", "HL", at(0), resolved=None),  # no wrap-up: not eligible
        Contact("+8613800000006", "HL", at(0), answered=False, resolved=True),  # abandoned: not eligible
    ]
    later = [
        *calls,
        Contact("+8613800000001", "HL", at(3 * 1440), answered=False),
        Contact("+8613800000002", "HL", at(8 * 1440)),
        Contact("+8613800000003", "BEAUTY", at(60)),
    ]
    fcr = first_contact_resolution(calls, later, days=7)
    assert (fcr.resolved_first, fcr.eligible) == (2, 4)
    assert fcr.rate == pytest.approx(0.5)
    assert first_contact_resolution(calls, later, days=10).resolved_first == 1


def test_conversion_satisfaction_audit_and_delivery() -> None:
    conv = Conversion(answered=40, orders=10, revenue_cents=1_234_500)
    assert conv.orders_per_call == 0.25 and conv.revenue_per_call_cents == pytest.approx(30_862.5)
    # Scores 5, 4, 3, 1 and one unanswered survey: CSAT 2/4, mean 13/4.
    s = Satisfaction.of([5, 4, None, 3, 1])
    assert (s.answered_surveys, s.csat, s.mean) == (4, 0.5, 3.25)
    with pytest.raises(ValueError):
        Satisfaction.of([6])
    assert AuditOutcome(reviewed=20, approved_first_time=17).pass_rate == 0.85
    d = DeliveryOutcome(delivered=80, refused=15, returned=5)
    assert (d.refusal_rate, d.return_rate) == (0.15, 0.05)
    assert DeliveryOutcome(0, 0, 0).refusal_rate is None


def test_the_league_marks_the_top_fifth_and_bottom_tenth_and_lists_idle_agents_last() -> None:
    # Ten agents with FCR 0.95 … 0.50 and one with no calls.
    agents = [(f"a{i}", 0.95 - i * 0.05) for i in range(10)] + [("idle", None)]
    table = league(agents, lambda a: a[1])
    bands = {p.item[0]: p.band for p in table}
    assert [p.item[0] for p in table if p.band is Band.TOP] == ["a0", "a1"]
    assert [p.item[0] for p in table if p.band is Band.BOTTOM] == ["a9"]
    assert bands["idle"] is Band.UNRANKED and table[-1].rank is None
    assert [p.rank for p in table[:3]] == [1, 2, 3]


def test_the_league_ranks_lower_is_better_figures_and_keeps_ties_together() -> None:
    # AHT: lower is better; two agents tied at the top cut are both top.
    agents = [("a", 200.0), ("b", 200.0), ("c", 300.0), ("d", 310.0), ("e", 400.0), ("f", 500.0)]
    table = league(agents, lambda a: a[1], higher_is_better=False)
    assert [(p.item[0], p.rank, p.band.value) for p in table[:3]] == [
        ("a", 1, "top"),
        ("b", 1, "top"),
        ("c", 3, "middle"),
    ]
    # ceil(6 × 20 %) = 2 top; floor(6 × 10 %) = 0 bottom: a team of six has nobody marked bottom.
    assert not [p for p in table if p.band is Band.BOTTOM]
