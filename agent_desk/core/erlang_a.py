"""The queue figures behind the staffing search, for ``n`` agents: Erlang B and C, and Erlang A.

Pure arithmetic on floats, numerically safe for thousands of agents: no factorial and no power is
ever formed. A short sum is taken term by term from its largest term outwards, scaled so that
term is 1, and the scale comes back as a logarithm (``math.lgamma``); a long one (a big centre)
is the incomplete gamma integral it equals, taken by 32-point Gauss–Legendre quadrature over the
window that holds its mass (the approach of Numerical Recipes, 3rd ed., §6.2, ``gammpapprox``).
tests/core/test_erlang.py checks the two ways against each other.

Notation (times in seconds): load R = λ·AHT in Erlangs; μ = 1/AHT; θ = 1/patience. Erlang B is
B(n, R); Σ_{k<n} R^k/k! = e^R·Γ(n, R)/Γ(n). For Erlang A, x = nμ/θ, y = λ/θ, ρ = R/n and

    A(x, u) = 1 + Σ_{j≥1} u^j / ((x+1)(x+2)…(x+j)) = x·e^u·u^(−x)·γ(x, u),
    A(x, u) − 1 = e^u·u^(−x)·γ(x+1, u),

the function of Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call
centers" (2005), §4, after Garnett, Mandelbaum & Reiman, "Designing a call center with
impatient customers", M&SOM 4(3), 2002. With E = B(n, R):

    P(W > 0)           = A·E / (1 + (A − 1)·E)            (M&Z, delay probability)
    P(Sr | W > 0)      = (1 − 1/A) / ρ                     (M&Z: P(Ab | W>0) = 1/(ρA) + 1 − 1/ρ)
    P(Sr, V > t | W>0) = e^(−nμt + y(1 − e^(−θt))) · (A(x, y·e^(−θt)) − 1) / (ρ·A(x, y))
    E(W; Sr | W > 0)   = P(Sr | W > 0) · E[ln(y/s)] / θ,  s ~ Gamma(x+1) cut at y

The last two lines are ours. An arrival finding j callers waiting reaches an agent after V_j, a
sum of exponentials of rates nμ + mθ (m = j … 0), which has the law of −ln(Beta(x, j+1))/θ; it
is answered if its patience outlasts V_j. Summing over j with the stationary weights, as M&Z §4.7
do for P(Ab), turns both into incomplete gamma integrals. tests/core/test_erlang.py checks every
figure against a birth–death chain truncated and solved on its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EPS = 1e-16
#: A sum longer than this would take seconds: a patience millions of times the handling time.
MAX_TERMS = 3_000_000
#: Sums estimated longer than this are taken by quadrature (32 exp/log against ~0.1 µs a term).
LONG_SUM = 100


class TooManyTerms(ArithmeticError):
    """A series that would not converge in reasonable time (the caller words the error)."""


@dataclass(frozen=True)
class Figures:
    """What ``n`` agents achieve: the service level for the T asked, ASA, occupancy, abandons."""

    service_level: float
    asa_s: float
    occupancy: float
    abandon_rate: float
    wait_probability: float


def log_rest(n: int, load: float) -> float:
    """log(1/B − 1) for Erlang B(n, load): log Σ_{k<n} load^(k−n)·n!/k!."""
    if n <= 0:
        return -math.inf
    if n > 60 and load > 120:  # R + log Γ(n, R) − n ln R + ln n
        return _quadrature(n - 1.0, load, upper=True)[0] + math.log(n / load)
    return log_rest_by_terms(n, load)


def log_rest_by_terms(n: int, load: float) -> float:
    """``log_rest`` summed term by term from the largest, k = ⌊R⌋ (or n − 1)."""
    top = min(n - 1, int(load))
    log_top = (top - n) * math.log(load) + math.lgamma(n + 1) - math.lgamma(top + 1)
    total = term = 1.0
    k = top
    while k > 0:  # downwards: each term is k/load of the one above it
        term *= k / load
        total += term
        if term < EPS * total:
            break
        k -= 1
    term = 1.0
    for k in range(top + 1, n):  # upwards: load/k
        term *= load / k
        total += term
        if term < EPS * total:
            break
    return log_top + math.log(total)


def log_rest_next(log_rest_n: float, n: int, load: float) -> float:
    """log_rest(n + 1) from log_rest(n): Erlang B's own recursion, 1/B(n+1) = 1 + (n+1)/(load·B(n))."""
    return math.log(n + 1) - math.log(load) + _log1p_exp(log_rest_n)


def erlang_c(n: int, load: float, rest: float, aht_s: float, sl_seconds: float) -> Figures:
    """Erlang C (M/M/n) for n > load, given ``rest`` = log_rest(n, load)."""
    wait = _inv1p_exp(math.log1p(-load / n) + rest)  # C = 1/(1 + (1 − ρ)(1/B − 1))
    spare = (n - load) / aht_s  # nμ − λ
    return Figures(
        service_level=1.0 - wait * math.exp(-spare * sl_seconds),
        asa_s=wait / spare,
        occupancy=load / n,
        abandon_rate=0.0,
        wait_probability=wait,
    )


def log_a_minus_1(x: float, u: float) -> float:
    """log(A(x, u) − 1)."""
    if u <= 0.0:
        return -math.inf
    if _long(x, u):  # e^u·u^(−x)·γ(x+1, u)
        return _quadrature(x, u, upper=False)[0]
    return log_a_minus_1_by_terms(x, u)


def log_a_minus_1_by_terms(x: float, u: float) -> float:
    """log Σ_{j≥1} u^j / Π_{i=1..j}(x+i), term by term from its largest."""
    if u <= x + 1.0:  # the terms only fall: start at j = 1
        top, log_top = 1, math.log(u / (x + 1.0))
    else:  # they rise while u/(x+j) ≥ 1: start at the peak
        top = int(u - x)
        log_top = top * math.log(u) + math.lgamma(x + 1.0) - math.lgamma(x + top + 1.0)
    total = term = 1.0
    for j in range(top + 1, top + MAX_TERMS):
        term *= u / (x + j)
        total += term
        if term < EPS * total:
            break
    else:
        raise TooManyTerms
    term = 1.0
    for j in range(top, 1, -1):  # w_{j−1} = w_j·(x+j)/u
        term *= (x + j) / u
        total += term
        if term < EPS * total:
            break
    return log_top + math.log(total)


@dataclass(frozen=True)
class _Core:
    wait: float  # P(W > 0)
    served_after_wait: float  # P(Sr | W > 0)
    log_a: float
    x: float
    y: float
    rho: float


def _core(n: int, load: float, rest: float, aht_s: float, patience_s: float) -> _Core:
    x = n * patience_s / aht_s
    y = load * patience_s / aht_s
    rho = load / n
    log_a1 = log_a_minus_1(x, y)
    log_a = _log1p_exp(log_a1)
    wait = _inv1p_exp(rest - log_a)  # 1/(1 + (1/E − 1)/A)
    return _Core(wait, min(1.0, math.exp(log_a1 - log_a) / rho), log_a, x, y, rho)


def erlang_a_service_level(n: int, load: float, rest: float, aht_s: float, patience_s: float, t: float) -> float:
    """Erlang A: the share of all offered calls answered within ``t`` seconds (abandons count against)."""
    return _service_level(_core(n, load, rest, aht_s, patience_s), n, aht_s, patience_s, t)


def _service_level(c: _Core, n: int, aht_s: float, patience_s: float, t: float) -> float:
    if t <= 0.0 or c.wait == 0.0:
        return 1.0 - c.wait
    theta_t = t / patience_s
    log_late = -n * t / aht_s - c.y * math.expm1(-theta_t) + log_a_minus_1(c.x, c.y * math.exp(-theta_t)) - c.log_a
    late = math.exp(log_late) / c.rho
    return min(1.0, max(0.0, 1.0 - c.wait + c.wait * max(0.0, c.served_after_wait - late)))


def erlang_a_abandon_rate(n: int, load: float, rest: float, aht_s: float, patience_s: float) -> float:
    c = _core(n, load, rest, aht_s, patience_s)
    return c.wait * (1.0 - c.served_after_wait)


def erlang_a(
    n: int,
    load: float,
    rest: float,
    aht_s: float,
    patience_s: float,
    sl_seconds: float,
    service_level: float | None = None,
) -> Figures:
    """Every Erlang A figure for n agents (``service_level`` if already known for ``sl_seconds``)."""
    wait, abandon_rate, asa, c = _waits(n, load, rest, aht_s, patience_s)
    if service_level is None:
        service_level = _service_level(c or _core(n, load, rest, aht_s, patience_s), n, aht_s, patience_s, sl_seconds)
    return Figures(
        service_level=service_level,
        asa_s=asa,
        occupancy=load * (1.0 - abandon_rate) / n,
        abandon_rate=abandon_rate,
        wait_probability=wait,
    )


def erlang_a_asa(n: int, load: float, rest: float, aht_s: float, patience_s: float) -> float:
    """Erlang A: the mean wait of the answered calls, in seconds."""
    return _waits(n, load, rest, aht_s, patience_s)[2]


def _waits(
    n: int, load: float, rest: float, aht_s: float, patience_s: float
) -> tuple[float, float, float, _Core | None]:
    """P(W>0), the abandon rate and the ASA; by quadrature for a big centre, else summed over j."""
    x = n * patience_s / aht_s
    y = load * patience_s / aht_s
    c = None
    if _long(x, y):
        c = _core(n, load, rest, aht_s, patience_s)
        wait, served = c.wait, c.served_after_wait
        # E(W; Sr | W>0)·θ = P(Sr | W>0)·E[ln(y/s)]
        answered_wait = served * _quadrature(x, y, upper=False, moment=True)[1]
        abandon_rate = wait * (1.0 - served)
    else:
        wait, abandon_given_wait, answered_wait = _erlang_a_by_terms(x, y, rest)
        abandon_rate = wait * abandon_given_wait
    answered = 1.0 - abandon_rate
    asa = wait * answered_wait * patience_s / answered if answered > 0.0 else math.inf
    return wait, abandon_rate, asa, c


def _erlang_a_by_terms(x: float, y: float, rest: float) -> tuple[float, float, float]:
    """P(W>0), P(Ab | W>0) and θ·E(W; Sr | W>0), summed over j, the callers an arrival finds waiting.

    With weights w_j = y^j/Π(x+i): an arrival finding j waiting abandons with probability
    (j+1)/(x+j+1), else waits Σ_{m=1..j+1} 1/(x+m) on average (×1/θ).
    """
    if y <= x + 1.0:
        top, log_top, harmonic = 0, 0.0, 1.0 / (x + 1.0)
    else:
        top = int(y - x)
        log_top = top * math.log(y) + math.lgamma(x + 1.0) - math.lgamma(x + top + 1.0)
        harmonic = _digamma(x + top + 2.0) - _digamma(x + 1.0)  # Σ_{m=1..top+1} 1/(x+m)
    total = abandon = answered_wait = 0.0
    term, h = 1.0, harmonic
    for j in range(top, top + MAX_TERMS):
        total += term
        abandon += term * (j + 1) / (x + j + 1)
        answered_wait += term * x / (x + j + 1) * h
        term *= y / (x + j + 1)
        h += 1.0 / (x + j + 2)
        if term < EPS * total:
            break
    else:
        raise TooManyTerms
    term, h = 1.0, harmonic
    for j in range(top, 0, -1):  # down to j − 1
        term *= (x + j) / y
        h -= 1.0 / (x + j + 1)
        total += term
        abandon += term * j / (x + j)
        answered_wait += term * x / (x + j) * h
        if term < EPS * total:
            break
    wait = _inv1p_exp(rest - log_top - math.log(total))
    return wait, abandon / total, answered_wait / total


def _long(x: float, u: float) -> bool:
    """Would the sum of A(x, u) run past ``LONG_SUM`` terms? (Then quadrature is cheaper.)"""
    if x < 40.0:
        return False
    if u > x + 1.0:  # both sides of the peak
        return 2.0 * math.sqrt(74.0 * u) > LONG_SUM
    r = math.log((x + 1.0) / u)  # terms fall like exp(−k·r − k²/2x): k for e^−37
    return x * (math.sqrt(r * r + 74.0 / x) - r) > LONG_SUM


def _quadrature(p: float, u: float, *, upper: bool, moment: bool = False) -> tuple[float, float]:
    """∫ t^p e^(−t) dt from u upwards (Γ(p+1, u)) or from 0 to u (γ(p+1, u)), divided by u^p·e^(−u).

    The integrand peaks at t = p with width √p: the window runs 8.5 widths either side of the
    peak (e^(−36) beyond), or, when the peak is outside the range, from u as far as the integrand
    takes to fall by e^(−37) at its slope at u. Every value is taken relative to the window's
    highest point m, as p·ln(1 + (t − m)/m) − (t − m), and m relative to u the same way: small,
    exact numbers where p·ln t − t would lose digits (p is 10⁸ for a patience of years).
    Returns the log of the ratio and the mean of ln(u/t) under the integrand (0 unless ``moment``).
    """
    width = 8.5 * math.sqrt(p)
    if upper:
        if u >= p:
            slope = 1.0 - p / u
            lo, hi = u, u + (min(width, 37.0 / slope) if slope > 0.0 else width)
        else:
            lo, hi = max(u, p - width), p + width
    elif u <= p:
        slope = p / u - 1.0
        lo, hi = max(0.0, u - (min(width, 37.0 / slope) if slope > 0.0 else width)), u
    else:
        lo, hi = max(0.0, p - width), min(u, p + width)
    peak = min(max(p, lo), hi)
    span = hi - lo
    exp, log1p = math.exp, math.log1p
    total = mean_log = 0.0
    for node, weight in _NODES:
        step = lo + span * node - peak
        if step > -peak:
            value = weight * exp(p * log1p(step / peak) - step)
            total += value
            if moment:
                mean_log += value * math.log(u / (peak + step))
    shift = peak - u
    log_ratio = p * math.log1p(shift / u) - shift + math.log(total * span)
    return log_ratio, mean_log / total if moment else 0.0


def _gauss_legendre(count: int) -> list[tuple[float, float]]:
    """Nodes and weights on [0, 1]: Newton's method on the Legendre polynomial's roots."""
    nodes = []
    for i in range(1, count + 1):
        z = math.cos(math.pi * (i - 0.25) / (count + 0.5))
        for _ in range(100):
            p1, p2 = 1.0, 0.0
            for j in range(1, count + 1):
                p1, p2 = ((2 * j - 1) * z * p1 - (j - 1) * p2) / j, p1
            slope = count * (z * p1 - p2) / (z * z - 1.0)
            z, previous = z - p1 / slope, z
            if abs(z - previous) < 1e-15:
                break
        nodes.append(((1.0 - z) / 2.0, 1.0 / ((1.0 - z * z) * slope * slope)))
    return nodes


_NODES = _gauss_legendre(32)


def _log1p_exp(v: float) -> float:
    """log(1 + e^v) without overflow."""
    if v > 35.0:
        return v + math.exp(-v)
    return math.log1p(math.exp(v))


def _inv1p_exp(v: float) -> float:
    """1/(1 + e^v) without overflow."""
    if v > 0.0:
        e = math.exp(-v)
        return e / (1.0 + e)
    return 1.0 / (1.0 + math.exp(v))


def _digamma(v: float) -> float:
    """ψ(v) for v > 0: the recurrence up to 6, then the asymptotic series (error < 1e-13)."""
    shift = 0.0
    while v < 6.0:
        shift -= 1.0 / v
        v += 1.0
    f = 1.0 / (v * v)
    tail = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))))
    return shift + math.log(v) - 0.5 / v - tail
