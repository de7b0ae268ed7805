"""Behind a KPI figure: the calls a report row counted, and one call's record, recording and orders.

A row's calls are chosen by the very key :func:`~agent_desk.services.supervision.kpi_report.kpi_report`
gives it (queue, business line, agent, team, local day, week, month or interval), so a drill-down
lists the calls the figure was computed from and no others. A figure that counts calls (answered,
abandoned…) narrows the list to the calls it counted, decided by the core's own tally of each call:
the threshold for a short abandon is the report's. Roles as in the report (``scope``): everything for
admins; for a supervisor the centre's rows whole, but agents and teams only of the teams they lead,
other teams' agents unnamed on the calls listed and their calls' records closed; an agent's own
calls for an agent. Numbers are masked for roles that see masked lists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from agent_desk.core.kpi import CallFact, CallTally
from agent_desk.core.phone import DEFAULT_REGION, display_number, is_withheld, mask_stored
from agent_desk.core.roles import sees_full_numbers
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.supervision.kpi_report import NO_KEY, GroupBy, KpiError, ReportRequest
from agent_desk.services.supervision.report_request import (
    CALENDAR,
    NO_TEAM,
    TEXT_TIME_SLACK,
    Keys,
    naive_utc,
    period_days,
)
from agent_desk.services.supervision.scope import Scope, scope_of
from agent_desk.store.contact_record import ContactEvent
from agent_desk.store.models import Call, Disposition, Order

#: Figures that count calls: a drill-down from one of them lists only the calls it counted.
CALL_COUNTS = frozenset({"offered", "answered", "abandoned", "short_abandoned", "timeout", "unfinished", "transferred"})
DEFAULT_LIMIT = 1000


@dataclass(frozen=True)
class CallLine:
    """One call as a drill-down lists it. ``at`` is naive UTC (queued, else offered)."""

    id: int
    platform_call_id: str
    at: datetime | None
    queue: str
    line: str  # the business line's code, or the dialled number where no line is known
    agent: str  # the user name, or the PBX's name for an agent AgentDesk does not know
    caller: str  # masked for roles that see masked numbers
    wait_s: int | None
    outcome: str  # "" while the record has no final event
    talk_s: int | None
    disposition: str
    disposition_label: str
    disposition_label_zh: str
    orders: tuple[str, ...]  # order numbers
    agent_withheld: bool = False  # taken by another team's agent: ``agent`` is "" for this viewer


@dataclass(frozen=True)
class CallsBehind:
    key: str
    figure: str | None
    calls: list[CallLine]
    total: int  # how many calls the figure has; ``calls`` holds the first ``limit``

    @property
    def truncated(self) -> bool:
        return self.total > len(self.calls)


@dataclass(frozen=True)
class RecordEvent:
    at: datetime  # naive UTC
    kind: str  # core.contact_events.EventKind
    queue: str
    agent: str  # "" where none, or withheld (another team's agent)
    data: dict[str, Any]


@dataclass(frozen=True)
class CallOrder:
    id: int
    order_no: str
    state: str
    total_cents: int
    created_at: datetime


@dataclass(frozen=True)
class CallRecord:
    call: CallLine
    events: list[RecordEvent]  # in the order they happened
    recording_url: str
    notes: str
    orders: list[CallOrder]


def calls_behind(
    session: Session,
    request: ReportRequest,
    key: str,
    *,
    figure: str | None = None,
    viewer: CurrentUser | None = None,
    region: str = DEFAULT_REGION,
    limit: int = DEFAULT_LIMIT,
) -> CallsBehind:
    """The calls of ``request``'s range in the row ``key``; with ``figure``, those it counted.

    A supervisor asking for an agent or team outside the teams they lead is refused (``kpi.other_team``).
    """
    scope = scope_of(session, viewer)
    only = scope.only
    ctx = _Lookups.read(session, request, scope)
    if not scope.shows_row(request.by, key, ctx.keys):
        raise KpiError("kpi.other_team", key=key)
    start, end = _window(request, key)
    when = func.coalesce(Call.queued_at, Call.offered_at)
    query = (
        select(Call)
        .where(when >= start - TEXT_TIME_SLACK, when < end, _narrow(request.by, key, ctx))
        .order_by(when, Call.id)
    )
    if only is not None:
        query = query.where(Call.agent_id == only.id)
    chosen = [
        call
        for call in session.scalars(query)
        if start <= (call.queued_at or call.offered_at or start) < end
        and _key_of(call, ctx) == key
        and _counted(request, call, figure)
    ]
    shown = chosen[:limit]
    orders = _order_numbers(session, [c.id for c in shown])
    full = viewer is None or sees_full_numbers(viewer.role)
    lines = [_line(call, ctx, orders.get(call.id, ()), full, region) for call in shown]
    return CallsBehind(key, figure, lines, len(chosen))


def call_record(
    session: Session, call_id: int, *, viewer: CurrentUser | None = None, region: str = DEFAULT_REGION
) -> CallRecord:
    """One call as the record has it: its events in order, its recording link and its orders."""
    scope = scope_of(session, viewer)
    only = scope.only
    call = session.get(Call, call_id)
    ctx = _Lookups.read(session, None, scope)
    if call is None or (only is not None and call.agent_id != only.id) or _withheld(call, ctx):
        # An agent asking for a colleague's call, or a supervisor for another team's, learns no more
        # than that there is none for them.
        raise KpiError("order.call_not_found", call_id=call_id)
    orders = [
        CallOrder(o.id, o.order_no, o.state, o.total_cents, o.created_at)
        for o in session.scalars(select(Order).where(Order.call_id == call.id).order_by(Order.created_at, Order.id))
    ]
    events = [
        RecordEvent(
            e.occurred_at,
            e.kind,
            e.queue,
            ctx.agent_name(e.agent_id, e.agent) if e.agent_id is not None or e.agent else "",  # withheld: ""
            dict(e.data or {}),
        )
        for e in session.scalars(
            select(ContactEvent)
            .where(ContactEvent.call_id == call.platform_call_id, ContactEvent.call_id != "")
            .order_by(ContactEvent.occurred_at, ContactEvent.id)
        )
    ]
    full = viewer is None or sees_full_numbers(viewer.role)
    line = _line(call, ctx, tuple(o.order_no for o in orders), full, region)
    return CallRecord(line, events, call.recording_url, call.notes, orders)


# --- choosing the calls of a row -----------------------------------------------------------------


@dataclass(frozen=True)
class _Lookups:
    """The report's keys (one rule for the report and the calls behind it), disposition labels, and
    whose names the viewer may see."""

    keys: Keys
    dispositions: dict[str, tuple[str, str]]
    scope: Scope

    @classmethod
    def read(cls, session: Session, request: ReportRequest | None, scope: Scope) -> _Lookups:
        labels = select(Disposition.code, Disposition.label, Disposition.label_zh)
        dispositions = {code: (label, zh) for code, label, zh in session.execute(labels)}
        return cls(Keys(session, request), dispositions, scope)

    def shows(self, agent_id: int | None, pbx_name: str) -> bool:
        return self.scope.shows_user(self.keys.user(agent_id, pbx_name))

    def agent_name(self, agent_id: int | None, pbx_name: str) -> str:
        """The agent's name, or "" where the viewer does not see that agent's figures."""
        return self.keys.agent(agent_id, pbx_name) if self.shows(agent_id, pbx_name) else ""


def _withheld(call: Call, ctx: _Lookups) -> bool:
    """Taken by an agent whose figures this viewer does not see (a call nobody took is the centre's)."""
    answered_by = call.agent_id is not None or bool(call.agent_telephony_id)
    return answered_by and not ctx.shows(call.agent_id, call.agent_telephony_id)


def _window(request: ReportRequest, key: str) -> tuple[datetime, datetime]:
    """The report's range in naive UTC, cut down to the day, week, month or interval a time key names."""
    start, end = request.utc_window()
    moment: tuple[datetime, datetime] | None = None
    try:
        if request.by in CALENDAR and key != NO_KEY:
            first, after = period_days(request.by, key)
            moment = _day_bounds(first, after, request.zone)
        elif request.by is GroupBy.INTERVAL and key != NO_KEY:
            local = datetime.strptime(key, "%Y-%m-%d %H:%M").replace(tzinfo=request.zone)
            moment = (naive_utc(local), naive_utc(local + timedelta(minutes=request.interval_minutes)))
    except ValueError:
        return start, start  # a key no report makes: no calls
    if moment is not None:
        # An hour either side: a clock change inside the window must not cut off a call the key holds.
        start, end = max(start, moment[0] - timedelta(hours=1)), min(end, moment[1] + timedelta(hours=1))
    return start, end


def _day_bounds(first: date, after: date, zone: tzinfo) -> tuple[datetime, datetime]:
    return naive_utc(datetime.combine(first, time(), zone)), naive_utc(datetime.combine(after, time(), zone))


def _narrow(by: GroupBy, key: str, ctx: _Lookups) -> ColumnElement[bool]:
    """A WHERE that keeps at least the row's calls (the key itself is checked per call after)."""
    none = key == NO_KEY
    if by is GroupBy.QUEUE:
        return Call.queue.in_(("", key)) if none else Call.queue == key
    if by is GroupBy.LINE:
        ids = [i for i, code in ctx.keys.lines.items() if code == key]
        return Call.business_line_id.is_(None) if none else Call.business_line_id.in_(ids)
    if by is GroupBy.AGENT:
        users = [u for u in ctx.keys.users.values() if u.username == key]
        known = [u.id for u in users]
        names = {key, *(u.telephony_id for u in users if u.telephony_id)} | ({""} if none else set())
        return or_(Call.agent_id.in_(known), and_(Call.agent_id.is_(None), Call.agent_telephony_id.in_(names)))
    if by is GroupBy.TEAM and not none and key != NO_TEAM:  # (no team) and (none): the key decides, call by call
        teams = {i for i, name in ctx.keys.teams.items() if name == key}
        members = [u for u in ctx.keys.users.values() if u.team_id in teams]
        pbx = {u.telephony_id for u in members if u.telephony_id}
        return or_(
            Call.agent_id.in_([u.id for u in members]), and_(Call.agent_id.is_(None), Call.agent_telephony_id.in_(pbx))
        )
    return true()


def _key_of(call: Call, ctx: _Lookups) -> str:
    return ctx.keys.call(
        call.queued_at or call.offered_at, call.queue, call.business_line_id, call.agent_id, call.agent_telephony_id
    )


def _counted(request: ReportRequest, call: Call, figure: str | None) -> bool:
    if figure not in CALL_COUNTS:
        return True
    fact = CallFact(
        call.queued_at or call.offered_at,
        call.outcome,
        call.wait_seconds,
        call.talk_seconds,
        call.hold_seconds,
        call.acw_seconds,
    )
    # The core's tally of this one call decides, so the list and the figure can never disagree.
    figures = CallTally.of([fact]).figures(request.settings)
    return bool(getattr(figures, figure))


def _order_numbers(session: Session, call_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = defaultdict(list)
    ids = list(call_ids)
    for i in range(0, len(ids), 500):
        for call_id, order_no in session.execute(
            select(Order.call_id, Order.order_no)
            .where(Order.call_id.in_(ids[i : i + 500]))
            .order_by(Order.created_at, Order.id)
        ):
            if call_id is not None:
                found[call_id].append(order_no)
    return {k: tuple(v) for k, v in found.items()}


def _line(call: Call, ctx: _Lookups, orders: tuple[str, ...], full: bool, region: str) -> CallLine:
    number = call.ani_e164 or call.ani
    if not number or is_withheld(number):
        caller = ""  # withheld: the desk says so in its own words
    elif full:
        caller = display_number(number, region)
    else:
        caller = mask_stored(number, region)
    label, label_zh = ctx.dispositions.get(call.disposition_code or "", ("", ""))
    line = ctx.keys.lines.get(call.business_line_id, "") if call.business_line_id is not None else ""
    answered_by = call.agent_id is not None or bool(call.agent_telephony_id)
    withheld = _withheld(call, ctx)
    return CallLine(
        id=call.id,
        platform_call_id=call.platform_call_id,
        at=call.queued_at or call.offered_at,
        queue=call.queue,
        line=line or call.dnis,
        agent=ctx.agent_name(call.agent_id, call.agent_telephony_id) if answered_by else "",
        caller=caller,
        wait_s=call.wait_seconds,
        outcome=call.outcome,
        talk_s=call.talk_seconds,
        disposition=call.disposition_code or "",
        disposition_label=label,
        disposition_label_zh=label_zh,
        orders=orders,
        agent_withheld=withheld,
    )


__all__ = [
    "CALL_COUNTS",
    "CallLine",
    "CallOrder",
    "CallRecord",
    "CallsBehind",
    "RecordEvent",
    "call_record",
    "calls_behind",
]
