"""Call KPIs against figures worked out by hand (the working is in each test's comment)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent_desk.core.kpi import CallFact, CallTally, KpiSettings, SlDefinition

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def call(outcome: str, wait: float | None, talk: float = 0, hold: float = 0, acw: float = 0, rna: int = 0) -> CallFact:
    return CallFact(T0, outcome, wait, talk, hold, acw, rna)


# Ten calls into one queue:
#   answered after 5, 12, 20, 21, 40 s (talk 100/200/300/400/500, hold 0/10/0/20/0, ACW 30 each);
#   transferred after 8 s (talk 60, ACW 0);
#   abandoned after 2 s and 4 s (short, under 5 s), and after 25 s and 90 s;
#   plus one exit on timeout at 300 s and one call still in the queue.
TEN = [
    call("answered", 5, 100, 0, 30),
    call("answered", 12, 200, 10, 30, rna=1),
    call("answered", 20, 300, 0, 30),
    call("answered", 21, 400, 20, 30),
    call("answered", 40, 500, 0, 30, rna=2),
    call("transferred", 8, 60, 0, 0),
    call("abandoned", 2),
    call("abandoned", 4),
    call("abandoned", 25),
    call("abandoned", 90),
    call("timeout", 300),
    call("", None),
]


def test_counts_split_short_abandons_timeouts_and_calls_without_an_end() -> None:
    f = CallTally.of(TEN).figures()
    # offered = 6 answered + 4 abandoned + 1 timeout = 11; the queued call has no outcome yet.
    assert (f.offered, f.answered, f.abandoned, f.short_abandoned, f.timeout, f.unfinished) == (11, 6, 2, 2, 1, 1)
    assert f.transferred == 1 and f.transfer_rate == pytest.approx(1 / 6)
    assert f.ring_no_answer == 3


def test_answer_rate_leaves_short_abandons_out_of_the_denominator() -> None:
    # 6 answered / (11 offered − 2 short) = 6/9
    assert CallTally.of(TEN).figures().answer_rate == pytest.approx(6 / 9)


def test_service_level_under_each_definition() -> None:
    # Within 20 s: the answers after 5, 8, 12, 20 s = 4 (21 s is late).
    offered = CallTally.of(TEN).figures(KpiSettings(sl_definition=SlDefinition.OFFERED))
    assert offered.answered_within_sl == 4
    assert offered.service_level == pytest.approx(4 / 9)  # ÷ (11 − 2 short)
    answered = CallTally.of(TEN).figures(KpiSettings(sl_definition=SlDefinition.ANSWERED))
    assert answered.service_level == pytest.approx(4 / 6)  # ÷ 6 answered
    # Left the queue within 20 s: 4 answered + the abandons at 2 s and 4 s = 6, ÷ 11 offered.
    queued = CallTally.of(TEN).figures(KpiSettings(sl_definition=SlDefinition.QUEUED))
    assert queued.service_level == pytest.approx(6 / 11)


def test_thresholds_are_applied_when_reading_so_one_tally_serves_every_setting() -> None:
    tally = CallTally.of(TEN)
    # T = 30 s adds the 21 s answer; short abandon at 3 s leaves only the 2 s one short.
    f = tally.figures(KpiSettings(sl_seconds=30, short_abandon_seconds=3))
    assert f.answered_within_sl == 5 and f.short_abandoned == 1 and f.abandoned == 3
    assert f.service_level == pytest.approx(5 / 10)


def test_a_fraction_of_a_second_past_the_target_is_late() -> None:
    late = CallTally.of([call("answered", 20.4)]).figures()
    on_time = CallTally.of([call("answered", 20.0)]).figures()
    assert (late.service_level, on_time.service_level) == (0.0, 1.0)


def test_asa_longest_wait_and_handle_time_parts() -> None:
    f = CallTally.of(TEN).figures()
    assert f.asa_s == pytest.approx((5 + 12 + 20 + 21 + 40 + 8) / 6)  # 17.67 s
    assert f.max_wait_s == 300  # the timeout waited longest; the queued call is not counted
    assert f.avg_talk_s == pytest.approx(1560 / 6)
    assert f.avg_hold_s == pytest.approx(30 / 6)
    assert f.avg_acw_s == pytest.approx(150 / 6)
    assert f.aht_s == pytest.approx((1560 + 30 + 150) / 6)  # 290 s


def test_rates_of_nothing_are_none_not_zero() -> None:
    f = CallTally().figures()
    assert f.offered == 0
    assert f.answer_rate is None and f.service_level is None and f.asa_s is None and f.aht_s is None
    only_short = CallTally.of([call("abandoned", 1)]).figures()
    assert only_short.service_level is None and only_short.answer_rate is None


def test_tallies_add_up_to_the_tally_of_all_calls_and_survive_json() -> None:
    whole = CallTally.of(TEN)
    parts = CallTally.of(TEN[:4]) + CallTally.of(TEN[4:9]) + CallTally.from_json(CallTally.of(TEN[9:]).to_json())
    for settings in (KpiSettings(), KpiSettings(sl_seconds=10, sl_definition=SlDefinition.QUEUED)):
        assert parts.figures(settings) == whole.figures(settings)


def test_definitions_say_which_service_level_is_shown() -> None:
    d = KpiSettings(sl_seconds=30, sl_definition=SlDefinition.ANSWERED).definitions()
    assert d["sl_definition"] == "answered"
    assert d["service_level"].startswith("answered within 30 s / answered")


def test_negative_thresholds_are_refused() -> None:
    with pytest.raises(ValueError):
        KpiSettings(sl_seconds=-1)
