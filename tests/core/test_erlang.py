"""Required agents (core/erlang.py): published worked examples to the agent, an independent
birth–death chain for Erlang A, the properties a planner relies on, and every refusal."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_desk.core import erlang_a as q
from agent_desk.core.erlang import StaffingError, required_agents

# --- published worked examples (Erlang C) ---------------------------------------------------------


def test_call_centre_helper_worked_example_needs_14_agents_and_20_with_shrinkage() -> None:
    # Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
    # (callcentrehelper.com/erlang-c-formula-example-121281.htm): 100 calls in 30 minutes, AHT
    # 180 s (10 Erlangs), 80 % answered in 20 s, maximum occupancy 85 %, shrinkage 30 %: 14 agents.
    staffing = required_agents(100, 1800, 180, sl=0.8, sl_seconds=20, max_occupancy=0.85, shrinkage=0.3)
    assert staffing.agents == 14
    assert staffing.positions == 20  # 14 ÷ (1 − 0.3) = 20 exactly: no 21st seat from rounding
    assert staffing.occupancy == pytest.approx(10 / 14)
    # 13 agents fall just short of 80 % (79.6 %), which is why the article needs 14
    assert required_agents(100, 1800, 180, sl=0.79, sl_seconds=20).agents == 13


def test_jonesthenet_average_hour_needs_28_advisors() -> None:
    # Jones the Net, "Erlang uplift" (jonesthenet.com/budgeting/service-levels-erlang/erlang-uplift/):
    # an average hour of 250 calls, AHT 330 s (22.9 Erlangs), 80 % in 30 s: Erlang says 28 advisors.
    staffing = required_agents(250, 3600, 330, sl=0.8, sl_seconds=30)
    assert staffing.agents == 28
    assert pytest.approx(22.9, abs=0.05) == 250 * 330 / 3600


def test_telefonica_calculator_example_26_circuits_at_15_percent_delay() -> None:
    # Erlang C calculator manual, personal.telefonica.terra.es/web/vr/erlang/eng/mcerlc.htm:
    # 600 calls an hour of 120 s = 20 Erlangs; for a delay probability of 15 % the circuits needed
    # are 26, the average delay 3 seconds per call; with 30 circuits the delay is 2.5 %.
    # A delay probability is 1 − the service level at 0 s.
    at_26 = required_agents(600, 3600, 120, sl=0.85, sl_seconds=0)
    assert at_26.agents == 26
    assert at_26.asa_s == pytest.approx(3.0, abs=0.15)
    assert required_agents(600, 3600, 120, asa_s=3).agents == 26
    at_30 = required_agents(600, 3600, 120, sl=0.975 - 0.001, sl_seconds=0)
    assert at_30.agents == 30
    assert 1 - at_30.service_level == pytest.approx(0.025, abs=0.0005)


def test_erlang_a_example_of_mandelbaum_and_zeltyn_is_stable_below_the_load() -> None:
    # Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call centers" (2005),
    # §4.3, as republished by zinnov.com ("Introduction to Erlang"): 2,880 calls an hour, 1 minute
    # of service, 2 minutes of mean patience, 50 agents; "Erlang-C is stable only with 49 or more
    # agents, while Erlang-A is always stable".
    assert required_agents(2880, 3600, 60, sl=0.01, sl_seconds=20).agents == 49
    below = required_agents(2880, 3600, 60, sl=0.01, sl_seconds=20, patience_s=120)
    assert below.agents < 48 and below.abandon_rate is not None and 0 < below.abandon_rate < 1
    # M&Z §4.6, "Theoretical relations among P{Ab}, E(W), E(Q)": E(W) = P{Ab}·E(patience), W the
    # wait of every caller (answered or not), here from the chain below against our P{Ab}.
    n, load = 50, 48.0
    figures = q.erlang_a(n, load, q.log_rest(n, load), 60, 120, 20)
    assert _chain(n, load, 60, 120, 0.0)["mean_wait"] == pytest.approx(figures.abandon_rate * 120, rel=1e-9)
    # Our figures for the example (3.1 % abandon, 3.7 s mean wait): the paper prints them in a
    # screenshot of its software, which the sources at hand could not show as text.
    assert figures.abandon_rate == pytest.approx(0.0309, abs=0.0001)


# --- Erlang A against a birth–death chain solved on its own ---------------------------------------


def _chain(n: int, load: float, aht: float, patience: float, t: float, states: int = 400) -> dict[str, float]:
    """The M/M/n+M chain truncated at ``states`` callers, its stationary law in log space, and the
    tagged caller's race (its place in the queue against its patience) by uniformization."""
    lam, mu, theta = load / aht, 1 / aht, 1 / patience
    logs = [0.0]
    for k in range(1, states):
        logs.append(logs[-1] + math.log(lam / (k * mu if k <= n else n * mu + (k - n) * theta)))
    top = max(logs)
    weights = [math.exp(v - top) for v in logs]
    pi = [w / sum(weights) for w in weights]
    wait = sum(pi[n:])
    queue = sum((k - n) * pi[k] for k in range(n, states))
    abandon = theta * queue / lam
    answered_in_t = 1 - wait
    answered_wait = 0.0
    rate = n * mu + (states + 1) * theta
    for j in range(states - n):
        if pi[n + j] < 1e-16:
            continue
        speeds = [n * mu + m * theta for m in range(j + 1)]
        served = math.prod(s / (s + theta) for s in speeds)
        answered_wait += pi[n + j] * served * sum(1 / (s + theta) for s in speeds)
        if t > 0:
            answered_in_t += pi[n + j] * _served_by(j, speeds, theta, rate, t)
    return {
        "wait": wait,
        "abandon_rate": abandon,
        "asa_s": answered_wait / (1 - abandon),
        "service_level": answered_in_t,
        "mean_wait": queue / lam,
        "occupancy": load * (1 - abandon) / n,
    }


def _served_by(j: int, speeds: list[float], theta: float, rate: float, t: float) -> float:
    """P(a caller with j ahead reaches an agent by t, before its patience runs out)."""
    place, served = [0.0] * j + [1.0], 0.0
    poisson = math.exp(-rate * t)
    result, mass, k = 0.0, poisson, 0
    while mass < 1 - 1e-14:
        step = [0.0] * (j + 1)
        for m, p in enumerate(place):
            if p:
                step[m] += p * (1 - (speeds[m] + theta) / rate)
                if m:
                    step[m - 1] += p * speeds[m] / rate
                else:
                    served += p * speeds[0] / rate
        place, k = step, k + 1
        poisson *= rate * t / k
        result += poisson * served
        mass += poisson
    return result


@pytest.mark.parametrize(
    ("n", "load", "aht", "patience", "t"),
    [
        (5, 4.0, 120, 60, 20),  # a small team, patience half the AHT
        (3, 4.0, 120, 200, 30),  # overloaded: fewer agents than Erlangs
        (8, 5.0, 300, 100, 10),
        (4, 6.0, 60, 30, 15),  # overloaded, impatient callers
    ],
)
def test_erlang_a_figures_equal_the_chains(n: int, load: float, aht: float, patience: float, t: float) -> None:
    chain = _chain(n, load, aht, patience, t)
    figures = q.erlang_a(n, load, q.log_rest(n, load), aht, patience, t)
    assert figures.wait_probability == pytest.approx(chain["wait"], rel=1e-9)
    assert figures.abandon_rate == pytest.approx(chain["abandon_rate"], rel=1e-9)
    assert figures.service_level == pytest.approx(chain["service_level"], rel=1e-8)
    assert figures.asa_s == pytest.approx(chain["asa_s"], rel=1e-8)
    assert figures.occupancy == pytest.approx(chain["occupancy"], rel=1e-9)


@settings(max_examples=60)
@given(
    x=st.floats(min_value=40, max_value=50_000),
    ratio=st.floats(min_value=0.6, max_value=1.5),
)
def test_the_quadrature_equals_the_sum_term_by_term(x: float, ratio: float) -> None:
    u = x * ratio
    by_terms = q.log_a_minus_1_by_terms(x, u)
    assert q.log_a_minus_1(x, u) == pytest.approx(by_terms, abs=1e-8)
    n = max(61, round(x))
    assert q.log_rest(n, n * ratio + 121) == pytest.approx(q.log_rest_by_terms(n, n * ratio + 121), abs=1e-8)


# --- properties -------------------------------------------------------------------------------------

_LOADS = st.floats(min_value=0.05, max_value=2_500)
_AHT = st.floats(min_value=30, max_value=1_200)
_PATIENCE = st.floats(min_value=5, max_value=3_000)
_T = st.floats(min_value=0, max_value=120)


@settings(max_examples=60)
@given(load=_LOADS, aht=_AHT, patience=_PATIENCE, t=_T, extra=st.floats(min_value=-0.3, max_value=0.3))
def test_one_more_agent_never_lowers_the_service_level(
    load: float, aht: float, patience: float, t: float, extra: float
) -> None:
    n = max(1, round(load * (1 + extra)))
    level = [q.erlang_a_service_level(m, load, q.log_rest(m, load), aht, patience, t) for m in (n, n + 1)]
    assert level[1] >= level[0] - 1e-9
    if n > load:
        c = [q.erlang_c(m, load, q.log_rest(m, load), aht, t).service_level for m in (n, n + 1)]
        assert c[1] >= c[0] - 1e-12


@settings(max_examples=40)
@given(calls=st.floats(min_value=1, max_value=30_000), aht=_AHT, sl=st.floats(min_value=0.05, max_value=0.99))
def test_with_endless_patience_erlang_a_is_erlang_c(calls: float, aht: float, sl: float) -> None:
    c = required_agents(calls, 3600, aht, sl=sl, sl_seconds=20)
    a = required_agents(
        calls, 3600, aht, sl=sl, sl_seconds=20, patience_s=aht * 1e10
    )  # near n = R the queue feels even 1e8
    assert a.agents == c.agents or abs(a.service_level - c.service_level) < 1e-6
    assert a.service_level == pytest.approx(c.service_level, abs=1e-5)
    assert a.abandon_rate is not None and a.abandon_rate < 1e-6


@settings(max_examples=40)
@given(
    calls=st.floats(min_value=0.01, max_value=30_000),
    aht=_AHT,
    sl=st.floats(min_value=0.05, max_value=0.99),
    t=_T,
    patience=st.none() | _PATIENCE,
    cap=st.none() | st.floats(min_value=0.5, max_value=1.0),
    shrinkage=st.floats(min_value=0, max_value=0.6),
)
def test_every_answer_is_the_fewest_agents_with_finite_figures(
    calls: float, aht: float, sl: float, t: float, patience: float | None, cap: float | None, shrinkage: float
) -> None:
    staffing = required_agents(
        calls, 3600, aht, sl=sl, sl_seconds=t, patience_s=patience, max_occupancy=cap, shrinkage=shrinkage
    )
    assert staffing.agents >= 1 and staffing.positions >= staffing.agents
    assert 0.0 <= staffing.service_level <= 1.0 and staffing.service_level >= sl - 1e-9
    assert math.isfinite(staffing.asa_s) and staffing.asa_s >= 0.0
    assert 0.0 < staffing.occupancy <= (cap or 1.0) + 1e-9
    fewer = staffing.agents - 1
    if fewer >= 1 and cap is None:  # one agent fewer misses the target
        load = calls * aht / 3600
        if patience is None:
            assert fewer <= load or q.erlang_c(fewer, load, q.log_rest(fewer, load), aht, t).service_level < sl
        else:
            level = q.erlang_a_service_level(fewer, load, q.log_rest(fewer, load), aht, patience, t)
            assert level < sl


def test_a_big_centre_is_finite_and_quick_to_answer() -> None:
    # 30,000 calls an hour of 230 s: 1,917 Erlangs, about 2,000 agents; no factorial, no overflow.
    for patience in (None, 120.0, 600.0):
        staffing = required_agents(30_000, 3600, 230, sl=0.8, sl_seconds=20, patience_s=patience)
        assert 1_600 < staffing.agents < 2_100
        assert all(math.isfinite(v) for v in (staffing.service_level, staffing.asa_s, staffing.occupancy))
    assert required_agents(30_000, 3600, 230, asa_s=15).agents == required_agents(30_000, 3600, 230, asa_s=15).agents
    assert q.log_rest(2_000, 10.0) > 1_000  # B(2000, 10) ≈ e^−(…): far below the smallest float, yet finite


def test_more_patience_or_a_looser_target_never_needs_more_agents() -> None:
    needs = [required_agents(500, 1800, 240, sl=0.8, sl_seconds=20, patience_s=p).agents for p in (30, 60, 120, 600)]
    assert needs == sorted(needs)
    strict = [required_agents(500, 1800, 240, sl=s, sl_seconds=20).agents for s in (0.6, 0.7, 0.8, 0.9, 0.95)]
    assert strict == sorted(strict)


def test_the_occupancy_cap_adds_agents_when_the_target_alone_would_run_them_hot() -> None:
    loose = required_agents(3000, 1800, 300, sl=0.5, sl_seconds=60)
    capped = required_agents(3000, 1800, 300, sl=0.5, sl_seconds=60, max_occupancy=0.85)
    assert loose.occupancy > 0.85 and capped.occupancy <= 0.85
    assert capped.agents == math.ceil(500 / 0.85)
    with_abandons = required_agents(3000, 1800, 300, sl=0.5, sl_seconds=60, patience_s=90, max_occupancy=0.85)
    assert with_abandons.occupancy <= 0.85 + 1e-12


# --- refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "code", "words"),
    [
        ({"calls": 0}, "staffing.no_traffic", "above 0; given 0"),
        ({"calls": -5}, "staffing.no_traffic", "given -5"),
        ({"calls": math.nan}, "staffing.no_traffic", "given nan"),
        ({"aht_s": 0}, "staffing.bad_aht", "handling time"),
        ({"interval_s": 0}, "staffing.bad_interval", "interval"),
        ({"sl": 1.0}, "staffing.bad_service_level", "below 1"),
        ({"sl": 0.0}, "staffing.bad_service_level", "above 0"),
        ({"sl_seconds": -1}, "staffing.bad_sl_seconds", "0 seconds or more"),
        ({"sl": None, "asa_s": 0}, "staffing.asa_zero", "no caller ever waits"),
        ({"sl": None, "asa_s": -3}, "staffing.bad_asa", "given -3"),
        ({"sl": None}, "staffing.bad_target", "Give one target"),
        ({"asa_s": 20}, "staffing.bad_target", "not both"),
        ({"patience_s": 0}, "staffing.bad_patience", "patience"),
        ({"max_occupancy": 0}, "staffing.bad_occupancy", "at most 1"),
        ({"max_occupancy": 1.2}, "staffing.bad_occupancy", "given 1.2"),
        ({"shrinkage": 1.0}, "staffing.bad_shrinkage", "below 1"),
        ({"calls": 1e12}, "staffing.too_large", "at most 1,000,000"),
        ({"sl": None, "asa_s": 1e-300}, "staffing.unreachable", "ease the target"),
    ],
)
def test_bad_input_and_unreachable_targets_are_refused_in_words(
    kwargs: dict[str, float | None], code: str, words: str
) -> None:
    args: dict[str, float | None] = {"calls": 100, "interval_s": 1800, "aht_s": 180, "sl": 0.8} | kwargs
    with pytest.raises(StaffingError) as raised:
        required_agents(**args)  # type: ignore[arg-type]
    assert raised.value.code == code
    assert words in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_a_99_percent_immediate_answer_with_abandons_is_met_by_enough_agents() -> None:
    # Not out of reach: P(no wait) → 1 as agents are added; 19 agents for 10 Erlangs do it.
    staffing = required_agents(100, 1800, 180, sl=0.99, sl_seconds=0, patience_s=60)
    assert staffing.agents == 19 and staffing.service_level >= 0.99
