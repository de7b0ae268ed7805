"""How many agents one interval needs: Erlang C for a service-level or ASA target, Erlang A when
the callers' patience is known (so abandons are modelled), then an occupancy cap and shrinkage.

Definitions (docs/staffing.md, "Required agents", has the formulas and sources):

- offered load R = calls × AHT ÷ interval length, in Erlangs;
- service level = calls answered within T seconds ÷ calls offered (an abandon counts against it,
  as in the KPI report's default definition, less its short-abandon allowance);
- ASA = the mean wait of the answered calls; occupancy = carried load ÷ agents;
- abandon rate (Erlang A only) = calls that hang up before an agent answers ÷ calls offered;
- agents = the fewest agents meeting the target (and, when given, with occupancy ≤ the cap);
  positions = ⌈agents ÷ (1 − shrinkage)⌉, the people to schedule so that, after breaks, training
  and absence, that many are on the phones.

Erlang C is the M/M/n queue (Erlang 1917); Erlang A is M/M/n+M, exponential patience (Palm 1946;
Garnett, Mandelbaum & Reiman 2002; Mandelbaum & Zeltyn 2005): agent_desk/core/erlang_a.py holds
the arithmetic and its derivation. Both are computed in log space, from the largest term of each
sum or by quadrature of the integral a long sum equals, so 2,000 agents and 30,000 calls an hour
are as safe as 2 and 20.

The search starts at the offered load, not at one agent: Erlang C steps up one agent at a time
with Erlang B's recursion (constant work per step); Erlang A starts from the Erlang C answer and
closes in by secant steps inside a bracket (its figures rise with every agent added; tests check
it), a handful of evaluations whatever the size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from agent_desk.core import erlang_a as q
from agent_desk.core.errors import CodedError

#: Beyond this the search gives up: no sane target needs more than about 10 √R spare agents
#: (an SL of 1 − 10⁻¹⁵ at 0 s needs β ≈ 7.3 at 1,000 Erlangs, 9.5 at 10, in n = R + β√R).
SPARE_SQRT = 12.0
SPARE_FIXED = 30
#: The largest offered load accepted: a million agents on the phones at once.
MAX_ERLANGS = 1_000_000.0


class StaffingError(CodedError, ValueError):
    """A staffing question that has no answer as asked: bad figures, or a target out of reach."""

    messages: ClassVar[Mapping[str, str]] = {
        "staffing.no_traffic": "The calls offered must be a number above 0; given {calls}.",
        "staffing.bad_interval": "The interval must be longer than 0 seconds; given {interval_s}.",
        "staffing.bad_aht": "The average handling time must be above 0 seconds; given {aht_s}.",
        "staffing.bad_target": (
            "Give one target: a service level (a share of calls answered within some seconds) "
            "or an average speed of answer, not both and not neither."
        ),
        "staffing.bad_service_level": "The service level must be above 0 and below 1 (0.8 for 80 %); given {sl}.",
        "staffing.bad_sl_seconds": "The service level's answer time must be 0 seconds or more; given {seconds}.",
        "staffing.bad_asa": "The average speed of answer must be 0 seconds or more; given {asa_s}.",
        "staffing.asa_zero": (
            "An average speed of answer of 0 s means no caller ever waits, which no number of agents "
            "can promise; give a target above 0 s."
        ),
        "staffing.bad_patience": "The callers' average patience must be above 0 seconds; given {patience_s}.",
        "staffing.bad_occupancy": "The occupancy cap must be above 0 and at most 1 (0.85 for 85 %); given {cap}.",
        "staffing.bad_shrinkage": "The shrinkage must be 0 or more and below 1 (0.3 for 30 %); given {shrinkage}.",
        "staffing.too_large": "{erlangs} Erlangs of traffic is more than this calculation handles (at most {limit}).",
        "staffing.patience_too_long": (
            "A patience of {patience_s} s is too long beside the handling time to model abandons; "
            "leave the patience out (Erlang C)."
        ),
        "staffing.unreachable": "Even {agents} agents do not meet this target for {erlangs} Erlangs; ease the target.",
    }


@dataclass(frozen=True)
class Staffing:
    """The answer for one interval; the figures are those of ``agents`` agents on the phones."""

    agents: int
    positions: int
    service_level: float
    asa_s: float
    occupancy: float
    abandon_rate: float | None  # None under Erlang C (no patience given)


def check_targets(
    *,
    sl: float | None,
    sl_seconds: float,
    asa_s: float | None,
    patience_s: float | None,
    max_occupancy: float | None,
    shrinkage: float,
) -> None:
    """Refuse targets that make no sense whatever the traffic (a plan checks them once, up front)."""
    if (sl is None) == (asa_s is None):
        raise StaffingError("staffing.bad_target")
    if sl is not None and not (0.0 < sl < 1.0):
        raise StaffingError("staffing.bad_service_level", sl=_num(sl))
    if not (0.0 <= sl_seconds < math.inf):
        raise StaffingError("staffing.bad_sl_seconds", seconds=_num(sl_seconds))
    if asa_s is not None:
        if not (0.0 <= asa_s < math.inf):
            raise StaffingError("staffing.bad_asa", asa_s=_num(asa_s))
        if asa_s == 0.0:
            raise StaffingError("staffing.asa_zero")
    if patience_s is not None and not (0.0 < patience_s < math.inf):
        raise StaffingError("staffing.bad_patience", patience_s=_num(patience_s))
    if max_occupancy is not None and not (0.0 < max_occupancy <= 1.0):
        raise StaffingError("staffing.bad_occupancy", cap=_num(max_occupancy))
    if not (0.0 <= shrinkage < 1.0):
        raise StaffingError("staffing.bad_shrinkage", shrinkage=_num(shrinkage))


def required_agents(
    calls: float,
    interval_s: int,
    aht_s: float,
    *,
    sl: float | None = None,
    sl_seconds: float = 20,
    asa_s: float | None = None,
    patience_s: float | None = None,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
) -> Staffing:
    """The fewest agents for ``calls`` offered in ``interval_s`` seconds, and the positions to schedule.

    Give ``sl`` (0.8 = 80 % answered within ``sl_seconds``) or ``asa_s``; with ``patience_s`` (the
    callers' mean patience) the model is Erlang A, else Erlang C. Raises :class:`StaffingError`.
    """
    check_targets(
        sl=sl,
        sl_seconds=sl_seconds,
        asa_s=asa_s,
        patience_s=patience_s,
        max_occupancy=max_occupancy,
        shrinkage=shrinkage,
    )
    if not (0 < calls < math.inf):
        raise StaffingError("staffing.no_traffic", calls=_num(calls))
    if not (0 < interval_s < math.inf):
        raise StaffingError("staffing.bad_interval", interval_s=_num(interval_s))
    if not (0 < aht_s < math.inf):
        raise StaffingError("staffing.bad_aht", aht_s=_num(aht_s))
    load = calls * aht_s / interval_s
    if load > MAX_ERLANGS:
        raise StaffingError("staffing.too_large", erlangs=_num(load), limit=f"{MAX_ERLANGS:,.0f}")
    limit = math.ceil(load + SPARE_SQRT * math.sqrt(load)) + SPARE_FIXED
    model = _Model(load, aht_s, patience_s, sl_seconds)
    try:
        agents = model.search(sl, asa_s, limit)
        if max_occupancy is not None:
            agents = model.capped(agents, max_occupancy)
        figures = model.figures(agents)
    except q.TooManyTerms:
        raise StaffingError("staffing.patience_too_long", patience_s=_num(patience_s or 0.0)) from None
    return Staffing(
        agents=agents,
        positions=positions(agents, shrinkage),
        service_level=figures.service_level,
        asa_s=figures.asa_s,
        occupancy=figures.occupancy,
        abandon_rate=figures.abandon_rate if patience_s is not None else None,
    )


def positions(agents: int, shrinkage: float) -> int:
    """⌈agents ÷ (1 − shrinkage)⌉; the tolerance keeps 14 ÷ 0.7 = 20.000000000000004 at 20."""
    exact = agents / (1.0 - shrinkage)
    return math.ceil(exact - 1e-9 * max(1.0, exact))


class _Model:
    """One interval's queue: Erlang B's ``log_rest`` per agent count, cached, and the target tests."""

    def __init__(self, load: float, aht_s: float, patience_s: float | None, sl_seconds: float) -> None:
        self.load, self.aht_s, self.patience_s, self.t = load, aht_s, patience_s, sl_seconds
        self._rest: dict[int, float] = {}
        self._levels: dict[int, float] = {}  # Erlang A service levels met on the way

    def rest(self, n: int) -> float:
        known = self._rest.get(n)
        if known is not None:
            return known
        # Erlang B's recursion upwards is stable and costs less than a fresh sum for a few steps.
        below = max((m for m in self._rest if n - 24 <= m < n), default=None)
        if below is None:
            value = q.log_rest(n, self.load)
        else:
            value = self._rest[below]
            for m in range(below, n):
                value = q.log_rest_next(value, m, self.load)
        self._rest[n] = value
        return value

    def figures(self, n: int) -> q.Figures:
        if self.patience_s is None:
            return q.erlang_c(n, self.load, self.rest(n), self.aht_s, self.t)
        return q.erlang_a(n, self.load, self.rest(n), self.aht_s, self.patience_s, self.t, self._levels.get(n))

    def level(self, n: int) -> float:
        known = self._levels.get(n)
        if known is None:
            known = self._levels[n] = q.erlang_a_service_level(
                n, self.load, self.rest(n), self.aht_s, self.patience_s or 0.0, self.t
            )
        return known

    def search(self, sl: float | None, asa_s: float | None, limit: int) -> int:
        erlang_c = self._search_c(sl, asa_s, limit)
        if self.patience_s is None:
            if erlang_c is None:
                raise self._unreachable(limit)
            return erlang_c
        # No more calls are answered than n agents carry, n ÷ R of them: below sl·R agents fall short.
        failing = math.ceil(sl * self.load * (1 - 1e-12)) - 1 if sl is not None else None
        guess = erlang_c if erlang_c is not None else limit
        found = _first(self._margin_a(sl, asa_s), guess, 1, limit, failing=failing)
        if found is None:
            raise self._unreachable(limit)
        return found

    def _search_c(self, sl: float | None, asa_s: float | None, limit: int) -> int | None:
        """Erlang C: from the first stable count upwards, one agent (one recursion step) at a time."""
        n = math.floor(self.load) + 1
        rest = self.rest(n)
        while n <= limit:
            figures = q.erlang_c(n, self.load, rest, self.aht_s, self.t)
            if _margin(figures, sl, asa_s) >= 0:
                self._rest[n] = rest
                return n
            rest = q.log_rest_next(rest, n, self.load)
            n += 1
        return None

    def _margin_a(self, sl: float | None, asa_s: float | None) -> Callable[[int], float]:
        def margin(n: int) -> float:
            if sl is not None:
                return _logit(self.level(n)) - _logit(sl - 1e-12)
            asa = q.erlang_a_asa(n, self.load, self.rest(n), self.aht_s, self.patience_s or 0.0)
            return math.log((asa_s or 0.0) * (1 + 1e-12)) - math.log(asa) if asa > 0.0 else math.inf

        return margin

    def capped(self, agents: int, cap: float) -> int:
        """The fewest agents from ``agents`` up whose occupancy is at most ``cap``."""
        if self.patience_s is None:  # occupancy = R ÷ n
            exact = self.load / cap
            return max(agents, math.ceil(exact - 1e-9 * max(1.0, exact)))
        patience = self.patience_s

        def room(n: int) -> float:
            abandons = q.erlang_a_abandon_rate(n, self.load, self.rest(n), self.aht_s, patience)
            return cap + 1e-12 - self.load * (1.0 - abandons) / n

        # Carried load never exceeds R, so R ÷ cap agents always do.
        ceiling = max(agents, math.ceil(self.load / cap))
        return _first(room, agents, agents, ceiling) or ceiling

    def _unreachable(self, limit: int) -> StaffingError:
        return StaffingError("staffing.unreachable", agents=f"{limit:,}", erlangs=_num(self.load))


def _margin(figures: q.Figures, sl: float | None, asa_s: float | None) -> float:
    """How far the figures beat the target (≥ 0: met); the tolerances absorb rounding at a tie."""
    if sl is not None:
        return figures.service_level - sl + 1e-12
    return (asa_s or 0.0) * (1 + 1e-12) - figures.asa_s


def _first(
    margin: Callable[[int], float], guess: int, low: int, high: int, *, failing: int | None = None
) -> int | None:
    """The smallest n in [low, high] with ``margin(n) ≥ 0``, for a margin that rises with n.

    From ``guess`` it gallops (1, 2, 4 … agents) until the answer is bracketed — or starts from
    ``failing``, a count known to fall short — then closes the bracket by regula falsi with the
    Illinois rule (Dowell & Jarratt 1971), which needs a handful of evaluations where bisection
    needs log₂ of the distance: the margins are smooth in n.
    """
    seen: dict[int, float] = {}

    def at(n: int) -> float:
        if n < low:
            return -math.inf
        value = seen.get(n)
        if value is None:
            value = seen[n] = margin(n)
        return value

    guess = min(max(guess, low), high)
    if at(guess) >= 0:
        good = guess
        if failing is not None and failing < good:
            bad = failing
        else:
            step = 1
            while at(good - step) >= 0:
                good, step = good - step, step * 2
            bad = good - step
    else:
        bad, step = guess, 1
        while True:
            probe = min(bad + step, high)
            if at(probe) >= 0:
                good = probe
                break
            if probe == high:
                return None
            bad, step = probe, step * 2
    f_bad, f_good, side = at(bad), at(good), 0
    latest = sorted(seen, key=lambda n: abs(n - good))[:2]  # the two probes nearest the answer
    while good - bad > 1:
        root = _secant(latest, seen)
        if root is None or not bad < root < good:
            # regula falsi over the bracket; Illinois: halve the end that keeps being kept
            finite = math.isfinite(f_bad) and math.isfinite(f_good) and f_good > f_bad
            root = bad + (good - bad) * -f_bad / (f_good - f_bad) if finite else (good + bad) / 2
        probe = min(max(math.ceil(root), bad + 1), good - 1)
        value = at(probe)
        latest = [latest[-1], probe]
        if value >= 0:
            good, f_good = probe, value
            if side > 0:
                f_bad /= 2
            side = 1
        else:
            bad, f_bad = probe, value
            if side < 0:
                f_good /= 2
            side = -1
    return good


def _secant(points: list[int], seen: dict[int, float]) -> float | None:
    """Where the line through two probes' margins crosses 0 (None when it cannot be drawn)."""
    if len(points) < 2:
        return None
    (n1, f1), (n2, f2) = ((n, seen.get(n, math.nan)) for n in points)
    if n1 == n2 or not (math.isfinite(f1) and math.isfinite(f2)) or f1 == f2:
        return None
    return n2 - f2 * (n2 - n1) / (f2 - f1)


def _logit(p: float) -> float:
    """log(p ÷ (1 − p)): a service level on a scale where it is nearly straight in n."""
    if p <= 0.0:
        return -math.inf
    if p >= 1.0:
        return math.inf
    return math.log(p / (1.0 - p))


def _num(value: float) -> str:
    """A number as the person typed it (0.8, 20, -5), for the error's sentence."""
    return f"{value:g}" if isinstance(value, float) else str(value)
