"""A forecast's intervals turned into agents and positions (services/staffing/requirements.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from agent_desk.core.erlang import required_agents
from agent_desk.services.staffing.requirements import StaffingError, Targets, requirements

NINE = datetime(2026, 3, 2, 1, 0)  # 09:00 in Shanghai, as naive UTC


@dataclass(frozen=True)
class Slot:
    start: datetime
    calls: float
    aht_s: float


def _day(*calls: float, aht_s: float = 180.0) -> list[Slot]:
    return [Slot(NINE + timedelta(minutes=30 * i), c, aht_s) for i, c in enumerate(calls)]


def test_each_interval_gets_the_agents_of_its_own_traffic() -> None:
    needs = requirements(_day(100, 40, 250), Targets())
    # the Call Centre Helper example (100 calls in 30 min, AHT 180 s, 80/20, 85 %, 30 %): 14 → 20
    assert (needs[0].agents, needs[0].positions) == (14, 20)
    for need in needs:
        alone = required_agents(need.calls, 1800, 180, sl=0.8, sl_seconds=20, max_occupancy=0.85, shrinkage=0.3)
        assert (need.agents, need.positions, need.service_level) == (alone.agents, alone.positions, alone.service_level)
    assert [n.start for n in needs] == [s.start for s in _day(100, 40, 250)]
    assert needs[2].agents > needs[0].agents > needs[1].agents
    assert all(n.abandon_rate is None for n in needs)  # Erlang C: no patience given


def test_an_interval_without_calls_needs_nobody_and_is_not_an_error() -> None:
    # the night, or an hour the forecast had no history for (its AHT may then be 0 or NaN)
    needs = requirements([*_day(0, 100), Slot(NINE + timedelta(hours=1), 0.0, float("nan"))], Targets(patience_s=90))
    assert [(n.agents, n.positions) for n in needs][::2] == [(0, 0), (0, 0)]
    assert needs[0].service_level == 1.0 and needs[0].abandon_rate == 0.0
    assert needs[1].agents > 0 and needs[1].abandon_rate is not None and needs[1].abandon_rate > 0


def test_an_asa_target_and_patience_change_the_answer() -> None:
    slots = _day(300, 300)
    by_sl = requirements(slots, Targets())
    by_asa = requirements(slots, Targets(sl=None, asa_s=5))
    with_abandons = requirements(slots, Targets(patience_s=60))
    assert by_asa[0].asa_s <= 5 < by_sl[0].asa_s
    assert with_abandons[0].agents < by_sl[0].agents and with_abandons[0].abandon_rate


def test_the_interval_length_comes_from_the_starts_or_is_given() -> None:
    hourly = [Slot(NINE + timedelta(hours=i), 200, 180) for i in range(3)]
    assert requirements(hourly, Targets())[0].agents == required_agents(200, 3600, 180, sl=0.8).agents
    assert (
        requirements(hourly[:1], Targets(), interval_minutes=60)[0].agents == requirements(hourly, Targets())[0].agents
    )
    with pytest.raises(ValueError, match="interval_minutes"):
        requirements(hourly[:1], Targets())
    assert requirements([], Targets()) == []


def test_bad_targets_fail_once_before_any_interval() -> None:
    with pytest.raises(StaffingError) as raised:
        Targets(sl=1.2)
    assert raised.value.code == "staffing.bad_service_level"
    with pytest.raises(StaffingError) as both:
        Targets(asa_s=15)  # the default 80 % is still there: two targets
    assert both.value.code == "staffing.bad_target"
    with pytest.raises(StaffingError) as negative:
        requirements(_day(100, -3), Targets())
    assert negative.value.code == "staffing.no_traffic" and "-3" in str(negative.value)
