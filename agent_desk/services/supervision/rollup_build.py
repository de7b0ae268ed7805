"""Every KPI rollup built again from the whole record: one pass over its calls, newest first, and
one over its closed state intervals, latest end first.

The sums are those of ``rollup_record`` and ``rollup_sums`` (the tests compare this path with the
refresh's row for row), kept leaner. A rebuild writes about three rows per call, and with the general
sums (a ``CallSums`` with four ``Counter`` objects per row, merged and written to JSON one by one)
Python spent more on the objects than on the sums. Here:

* Calls come newest first, so the same number's next call on the line has been seen already and a
  dict gives it: no window function sorting the whole record by number first.
* A row's sums are a list: the wait histograms and repeat gaps in one dict of bins, the counts after
  it. A row with one part (a quarter hour's only call is also its queue's and its floor's) is that
  part, its JSON made once, until a second part arrives (``rollup_grains.Groups``).
* A period's floor row is summed from its queue rows, not from every finest row again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from agent_desk.core.kpi import ANSWERED_OUTCOMES, UNANSWERED_OUTCOMES
from agent_desk.core.kpi_agents import ACW, LOGGED_IN, NOT_READY
from agent_desk.services.supervision.rollup_grains import Acc, Grains, Key, Writer, cached, raw_rows
from agent_desk.services.supervision.rollup_sums import FCR_MAX_DAYS, Periods, repeat_days
from agent_desk.store.kpi_rollups import BUCKET, NO_ID, RING_AGENT_ID, KpiAgentRollup, KpiCallRollup

_US = timedelta(microseconds=1)
_QUARTER_US = BUCKET // _US
_EPOCH = datetime(2000, 1, 1)  # a quarter hour boundary, as in bucket_of


def _in(values: Iterable[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in sorted(values)) + ")"


# --- the sums of a row -----------------------------------------------------------------------------
#
# Calls: [bins, max wait, timeout, unfinished, transferred, ring_no_answer, talk, hold, acw, answered
# wait, orders, revenue, csat answered, satisfied, score, fcr eligible, resolving, text]. ``bins`` maps
# 4 × whole-second wait + 0 (answered), 1 (abandoned) or 2 (other exits) to calls, and -1 - days to
# the resolving calls repeated within that many days.
_MAXW, _FIRST, _END, _TEXT = 1, 2, 17, 17


def _call_text(acc: Acc) -> tuple[Any, ...]:
    """The columns after the key: ``CallSums.columns`` with the tally as ``json.dumps`` of
    ``CallTally.to_json`` would write it (keys in another order), made once however many rows share it."""
    text = acc[_TEXT]
    if text is not None:
        return text  # type: ignore[no-any-return]
    hist: tuple[list[str], ...] = ([], [], [], [])  # answered, abandoned, other exits; repeats
    for code, n in acc[0].items():
        if code < 0:
            hist[3].append(f'"{-1 - code}":{n}')
        else:
            hist[code & 3].append(f'"{code >> 2}":{n}')
    a, b, o, repeats = map(",".join, hist)
    talk, hold, acw, waited = acc[6], acc[7], acc[8], acc[9]
    if type(talk) is int and type(hold) is int and type(acw) is int and type(waited) is int:
        seconds = f'"talk_s":{talk}.0,"hold_s":{hold}.0,"acw_s":{acw}.0,"answered_wait_s":{waited}.0'
    else:  # not whole seconds: as json.dumps writes a float
        talk, hold, acw, waited = map(_number, (talk, hold, acw, waited))
        seconds = f'"talk_s":{talk},"hold_s":{hold},"acw_s":{acw},"answered_wait_s":{waited}'
    tally = (
        f'{{"answered_waits":{{{a}}},"abandoned_waits":{{{b}}},"other_exit_waits":{{{o}}},"timeout":{acc[2]},'
        f'"unfinished":{acc[3]},"transferred":{acc[4]},"ring_no_answer":{acc[5]},{seconds},"max_wait_s":{_number(acc[1])}}}'
    )
    text = acc[_TEXT] = (tally, *acc[10:17], f"{{{repeats}}}")
    return text


def _number(value: float | None) -> str:
    """As ``json.dumps`` writes the float a tally keeps."""
    if value is None:
        return "null"
    return f"{value}.0" if type(value) is int else repr(float(value))


def _merge_calls(into: Acc, part: Acc) -> None:
    bins = into[0]
    for code, n in part[0].items():
        bins[code] = bins.get(code, 0) + n
    longest = part[_MAXW]
    if longest is not None and (into[_MAXW] is None or longest > into[_MAXW]):
        into[_MAXW] = longest
    for i in range(_FIRST, _END):
        into[i] += part[i]


# Agents: [not-ready microseconds by reason, spans, login µs, acw µs, text].
def _agent_text(acc: Acc) -> tuple[Any, ...]:
    text = acc[4]
    if text is None:
        reasons = ",".join(f"{_quoted(reason)}:{us}" for reason, us in acc[0].items())
        text = acc[4] = (acc[1], acc[2], acc[3], "{" + reasons + "}")
    return text  # type: ignore[no-any-return]


@lru_cache(maxsize=1024)
def _quoted(reason: str) -> str:
    return json.dumps(reason)  # a not-ready reason is whatever the PBX or the desk wrote


def _merge_agents(into: Acc, part: Acc) -> None:
    reasons = into[0]
    for reason, us in part[0].items():
        reasons[reason] = reasons.get(reason, 0) + us
    into[1] += part[1]
    into[2] += part[2]
    into[3] += part[3]


_CALL_COLUMNS = (
    "grain", "period_start", "period_end", "dim", "queue", "business_line_id", "agent_id", "agent", "tally",
    "orders", "revenue_cents", "csat_answered", "csat_satisfied", "csat_score", "fcr_eligible", "fcr_resolving",
    "fcr_repeats",
)  # fmt: skip
_AGENT_COLUMNS = (
    "grain",
    "period_start",
    "period_end",
    "dim",
    "agent_id",
    "agent",
    "spans",
    "login_us",
    "acw_us",
    "not_ready_us",
)


def _key(model: Any) -> list[str]:
    return [column.name for column in model.__table__.primary_key]


_CALL_FLOOR = ("*", "", NO_ID, NO_ID, "")


def _call_parents(key: Key) -> tuple[Key, ...]:
    dim, queue, line, agent_id, _agent = key
    if dim == "f":
        # A ring at an agent carries no business line: the line rows never count it.
        if agent_id == RING_AGENT_ID:
            return (("q", queue, NO_ID, NO_ID, ""),)
        return (("q", queue, NO_ID, NO_ID, ""), ("l", "", line, NO_ID, ""))
    return (_CALL_FLOOR,) if dim == "q" else ()


def _call_coarse(key: Key) -> Key | None:
    # A quarter hour's queue × line × agent rows make the day's agent rows; the floor is summed again.
    if key[0] == "f":
        return ("a", "", NO_ID, key[3], key[4])
    return None if key[0] == "*" else key


# --- calls -------------------------------------------------------------------------------------------


def _at(column: str, sqlite: bool) -> str:
    """A time of the record as compared here: SQLite keeps times as text and bulk writers leave out
    the microseconds, so one width for all (equal times are then equal text)."""
    return f"substr({column} || '.000000', 1, 26)" if sqlite else column


def _bucket(at: str, sqlite: bool) -> str:
    """The quarter hour of a time from :func:`_at` (``bucket_of``), on SQLite in SQLAlchemy's text form."""
    if sqlite:
        minute = f"substr({at}, 15, 2)"
        return (
            f"substr({at}, 1, 14) || CASE WHEN {minute} < '15' THEN '00' WHEN {minute} < '30' THEN '15'"
            f" WHEN {minute} < '45' THEN '30' ELSE '45' END || ':00.000000'"
        )
    return f"date_trunc('hour', {at}) + INTERVAL '15 minutes' * FLOOR(EXTRACT(MINUTE FROM {at}) / 15)"


def _calls_sql(sqlite: bool) -> str:
    """Every call, newest first: its quarter hour, key, number and line, time, bin, then what it adds to
    a row in the order of the sums (as ``CallTally.add`` and ``eligible_for_fcr`` read it)."""
    when = "COALESCE(c.queued_at, c.offered_at)"
    at = _at(when, sqlite)
    answered = f"c.outcome IN {_in(ANSWERED_OUTCOMES)}"
    # The three histograms of a call's whole-second wait, as one code: 4 × wait + which.
    wait = "CASE WHEN c.wait_seconds > 0 THEN c.wait_seconds ELSE 0 END"
    code = (
        f"CASE WHEN {answered} THEN 4 * {wait} WHEN c.outcome = 'abandoned' THEN 4 * {wait} + 1"
        f" WHEN c.outcome IN {_in(UNANSWERED_OUTCOMES)} THEN 4 * {wait} + 2 ELSE -1 END"
    )
    eligible = (
        f"{answered} AND COALESCE(c.ani_e164, '') <> '' AND COALESCE(c.disposition_code, '') <> ''"
        " AND d.code IS NOT NULL"
    )
    return f"""
        SELECT {_bucket(at, sqlite)},
               COALESCE(c.queue, ''), COALESCE(c.business_line_id, {NO_ID}), COALESCE(c.agent_id, {NO_ID}),
               COALESCE(c.agent_telephony_id, ''), c.ani_e164, COALESCE(bl.code, c.dnis, ''), {at}, {code},
               CASE WHEN COALESCE(c.outcome, '') <> '' AND c.wait_seconds IS NOT NULL THEN {wait} END,
               CASE WHEN c.outcome = 'timeout' THEN 1 ELSE 0 END,
               CASE WHEN c.outcome IN {_in(ANSWERED_OUTCOMES | UNANSWERED_OUTCOMES)} THEN 0 ELSE 1 END,
               CASE WHEN c.outcome = 'transferred' THEN 1 ELSE 0 END,
               0,  -- ring_no_answer: the rings are read apart
               CASE WHEN {answered} THEN COALESCE(c.talk_seconds, 0) ELSE 0 END,
               CASE WHEN {answered} THEN COALESCE(c.hold_seconds, 0) ELSE 0 END,
               CASE WHEN {answered} THEN COALESCE(c.acw_seconds, 0) ELSE 0 END,
               CASE WHEN {answered} THEN {wait} ELSE 0 END,
               COALESCE(o.n, 0), COALESCE(o.revenue, 0),
               COALESCE(f.answered, 0), COALESCE(f.satisfied, 0), COALESCE(f.score, 0),
               CASE WHEN {eligible} THEN 1 ELSE 0 END,
               CASE WHEN {eligible} AND d.resolves THEN 1 ELSE 0 END
        FROM calls c {"NOT INDEXED" if sqlite else ""}
        LEFT JOIN business_lines bl ON bl.id = c.business_line_id
        LEFT JOIN dispositions d ON d.code = c.disposition_code
        LEFT JOIN (SELECT call_id, COUNT(*) AS n, SUM(total_cents) AS revenue FROM orders
                   WHERE call_id IS NOT NULL AND state NOT IN ('draft', 'cancelled') GROUP BY call_id) o
               ON o.call_id = c.id
        LEFT JOIN (SELECT od.call_id, COUNT(*) AS answered,
                          SUM(CASE WHEN fu.satisfaction >= 4 THEN 1 ELSE 0 END) AS satisfied,
                          SUM(fu.satisfaction) AS score
                   FROM followups fu JOIN orders od ON od.id = fu.order_id
                   WHERE fu.satisfaction IS NOT NULL AND od.call_id IS NOT NULL GROUP BY od.call_id) f
               ON f.call_id = c.id
        WHERE {when} IS NOT NULL
        ORDER BY {at} DESC
    """


def _rings_sql(sqlite: bool) -> str:
    """Ring-no-answer events by quarter hour, queue and the PBX's agent, newest first."""
    bucket = _bucket(_at("occurred_at", sqlite), sqlite)
    return f"""
        SELECT {bucket} AS b, COALESCE(queue, '') AS q, COALESCE(agent, '') AS a, COUNT(*)
        FROM contact_events WHERE kind = 'ring_no_answer' AND occurred_at IS NOT NULL
        GROUP BY b, q, a ORDER BY b DESC
    """


def _time(value: Any) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _build_calls(dbapi: Any, sqlite: bool, periods: Periods) -> int:
    out = Writer(dbapi, sqlite, "kpi_call_rollups", _CALL_COLUMNS, _key(KpiCallRollup))
    grains = Grains(
        out, periods, _merge_calls, _call_text, cached(_call_parents), cached(_call_coarse), newest_first=True
    )
    rings: dict[Any, list[tuple[Any, ...]]] = {}
    for bucket, queue, agent, n in raw_rows(dbapi, sqlite, _rings_sql(sqlite), "kpi_rebuild_rings"):
        rings.setdefault(bucket, []).append((queue, agent, n))
    ring_buckets = sorted(rings, reverse=True)  # newest first, as the calls come
    next_ring = 0
    # (number, line) → (the earliest time of its calls seen so far, the next time after that one)
    later: dict[tuple[str, str], tuple[Any, Any]] = {}
    current: Any = None
    finest: dict[Key, Acc] = {}

    def open_bucket(raw: Any) -> dict[Key, Acc]:
        bucket = _time(raw)
        grains.advance(bucket)
        rows = grains.open[bucket] = {}
        for queue, agent, n in rings.pop(raw, ()):
            rows[("f", queue, NO_ID, RING_AGENT_ID, agent)] = [{}, None, 0, 0, 0, n, *(0,) * 11, None]
        return rows

    for row in raw_rows(dbapi, sqlite, _calls_sql(sqlite), "kpi_rebuild_calls"):
        raw = row[0]
        if raw != current:
            while next_ring < len(ring_buckets) and ring_buckets[next_ring] >= raw:
                if ring_buckets[next_ring] > raw:  # a quarter hour with rings and no call
                    open_bucket(ring_buckets[next_ring])
                next_ring += 1
            current, finest = raw, open_bucket(raw)
        number, at, resolving = row[5], row[7], row[24]  # row[9:] are the sums, in order
        within = None
        if number:
            line = (number, row[6])
            seen = later.get(line)
            if seen is None:
                later[line] = (at, None)
            elif at < seen[0]:
                if resolving:
                    within = repeat_days(_time(seen[0]) - _time(at))
                later[line] = (at, seen[0])
            elif resolving and seen[1] is not None:  # a call at the same time is no repeat
                within = repeat_days(_time(seen[1]) - _time(at))
        key = ("f", row[1], row[2], row[3], row[4])
        bins = {row[8]: 1} if row[8] >= 0 else {}
        if within is not None and within <= FCR_MAX_DAYS:
            bins[-1 - within] = 1
        acc = finest.get(key)
        if acc is None:
            finest[key] = [bins, *row[9:], None]
        else:
            _merge_calls(acc, [bins, *row[9:], None])
    for raw in ring_buckets[next_ring:]:
        open_bucket(raw)
    return grains.finish()


# --- agents ------------------------------------------------------------------------------------------


_AGENT_FLOOR = ("*", NO_ID, "")


def _agent_parents(key: Key) -> tuple[Key, ...]:
    return (_AGENT_FLOOR,) if key[0] == "a" else ()


def _agent_coarse(key: Key) -> Key | None:
    return key if key[0] == "a" else None


def _build_agents(dbapi: Any, sqlite: bool, periods: Periods) -> int:
    out = Writer(dbapi, sqlite, "kpi_agent_rollups", _AGENT_COLUMNS, _key(KpiAgentRollup))
    grains = Grains(out, periods, _merge_agents, _agent_text, _agent_parents, _agent_coarse, newest_first=True)
    # Latest end first, by the index the refresh reads them by: no sort of the whole record (which,
    # after the call rows are written, costs SQLite five times what the index does).
    sql = (
        f"SELECT COALESCE(agent_id, {NO_ID}), agent, state, reason, started_at, ended_at FROM agent_state_intervals"
        " WHERE ended_at IS NOT NULL ORDER BY ended_at DESC"
    )
    opened = grains.open
    closed = datetime.max
    kinds = {LOGGED_IN: 2, ACW: 3}
    parse: Callable[[Any], datetime] = datetime.fromisoformat if sqlite else (lambda t: t)
    for agent_id, agent, state, reason, started, ended in raw_rows(dbapi, sqlite, sql, "kpi_rebuild_spans"):
        start, end = (parse(started) - _EPOCH) // _US, (parse(ended) - _EPOCH) // _US
        # Quarter hours after this interval's last get nothing more: every later one ends no later.
        last = _EPOCH + timedelta(microseconds=(end - 1) - (end - 1) % _QUARTER_US)
        if last < closed:
            grains.advance(last)
            closed = last
        key = ("a", agent_id, agent)
        slot = kinds.get(state, 0)
        first = start - start % _QUARTER_US
        for lo in range(first, end, _QUARTER_US):
            us = min(end, lo + _QUARTER_US) - max(start, lo)
            if us <= 0:
                continue  # an interval that ends before it starts: add_span counts nothing
            bucket = _EPOCH + timedelta(microseconds=lo)
            rows = opened.get(bucket)
            if rows is None:
                rows = opened[bucket] = {}
            acc = rows.get(key)
            if acc is None:
                acc = rows[key] = [{}, 0, 0, 0, None]
            acc[1] += 1
            if slot:
                acc[slot] += us
            elif state == NOT_READY:
                acc[0][reason] = acc[0].get(reason, 0) + us
    return grains.finish()


def build(session: Session, periods: Periods) -> int:
    """Write every rollup row of the record into the (empty) rollup tables; returns the rows written."""
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    dbapi: Any = connection.connection.driver_connection
    return _build_calls(dbapi, sqlite, periods) + _build_agents(dbapi, sqlite, periods)


__all__ = ["build"]
