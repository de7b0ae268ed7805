"""The KPI rollups always give the report a recompute from the record gives.

A random record (seeded: each seed is one reproducible floor) is written the way the hub and the
desks write it: events appended in batches in random order, some replayed, some ends arriving after
reports were read, wrap-ups, orders taken and cancelled, follow-up scores. After every stage each
report (by queue, line, agent, team, day, ISO week, month and interval; in the rollup zone, in UTC and
at +05:45; with other thresholds; as an agent and as a supervisor) is made from the rollups and from
the record (``source="raw"``), and the two must be equal. The rollups keep days, weeks and months of
Asia/Shanghai here, so the range (a whole April and the days around it, a Friday to a Monday) is read
from months, weeks, days and quarter hours, and its first and last weeks and months are cut by it.
The demo's teams: agent1 and agent2 in 销售一组, agent3 in 销售二组; SIP/9999 is in none.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text

from agent_desk.core.contact_events import ContactEventIn, EventKind
from agent_desk.core.kpi import KpiSettings, SlDefinition
from agent_desk.core.protocol import CallEvent, EventType
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.calls.contact_record import agent_ids, append_events, derive_agent_intervals, derive_calls
from agent_desk.services.calls.records import record_event, wrap_up
from agent_desk.services.followups.tasks import complete_followup
from agent_desk.services.supervision.kpi_report import GroupBy, ReportRequest, kpi_report
from agent_desk.services.supervision.rollups import rebuild, refresh
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.kpi_rollups import KpiCallRollup, KpiDirtyBucket
from agent_desk.store.models import Call, Customer, FollowUp, Order, User

SHANGHAI, UTC, KATHMANDU = ZoneInfo("Asia/Shanghai"), ZoneInfo("UTC"), ZoneInfo("Asia/Kathmandu")
FIRST, LAST = date(2026, 3, 27), date(2026, 5, 4)
START = datetime(2026, 3, 28, 10, 0)  # UTC; the record runs 36 days from here
NOW = START + timedelta(days=37)
AGENTS = ("SIP/8001", "SIP/8002", "PJSIP/801", "SIP/9999")  # the last is no AgentDesk user
NUMBERS = ("13800138000", "13900139000", "13700137001", "13600136002")
DNIS = ("4008001001", "4008001002", "8008001004", "4000000000")  # the last belongs to no line
CODES = ("sale", "enquiry", "return", "complaint", "wrong_number")


def write(db: Database, events: list[ContactEventIn]) -> None:
    """As the hub's writer does: append, then derive the calls and agents the append touched."""
    with transaction(db.factory) as s:
        users = agent_ids(s)
        appended = append_events(s, events, users)
        derive_calls(s, appended.calls, users)
        derive_agent_intervals(s, appended.agents, users)


def event(key: str, at: datetime, kind: EventKind, call: str = "", agent: str = "", **data: object) -> ContactEventIn:
    return ContactEventIn(key, at, kind, "hub", call, "sales" if call else "", agent, dict(data))


class Floor:
    """One random record, and its parts in the order a test writes them."""

    def __init__(self, seed: int, calls: int = 70) -> None:
        rng = self.rng = random.Random(seed)
        self.calls: list[tuple[str, datetime, str, str]] = []  # call id, queued, number, dnis
        self.events: list[ContactEventIn] = []
        self.late: list[ContactEventIn] = []  # ends held back until reports were read
        self.answered: list[str] = []
        for i in range(calls):
            cid = f"seed{seed}-c{i}"
            # Whole seconds, and now and then exactly on a quarter hour or a Shanghai midnight (16:00Z).
            at = START + timedelta(seconds=rng.randrange(36 * 86_400))
            if rng.random() < 0.1:
                at = at.replace(minute=at.minute // 15 * 15, second=0)
            if rng.random() < 0.05:
                at = at.replace(hour=16, minute=0, second=0)
            number, dnis = rng.choice(NUMBERS), rng.choice(DNIS)
            if rng.random() < 0.3 and self.calls:  # the same caller again soon: a repeat for FCR
                _, before, number, dnis = rng.choice(self.calls)
                at = before + timedelta(hours=rng.choice((2, 30, 24 * 6, 24 * 7, 24 * 9)))
            self.calls.append((cid, at, number, dnis))
            self._call(cid, at, number)
        for n, agent in enumerate(AGENTS):
            self._shift(n, agent)

    def _call(self, cid: str, at: datetime, number: str) -> None:
        rng = self.rng
        add = self.events.append
        add(event(f"{cid}:enter", at, EventKind.ENTERED_QUEUE, cid, ani=number))
        wait = rng.choice((0, 3, 4, 5, 12, 20, 21, 40, 300))
        outcome = rng.choices(("answered", "transferred", "abandoned", "timeout", "open"), (6, 1, 2, 1, 1))[0]
        agent = rng.choice(AGENTS)
        if rng.random() < 0.3:
            add(event(f"{cid}:rna", at + timedelta(seconds=1), EventKind.RING_NO_ANSWER, cid, rng.choice(AGENTS)))
        if outcome in ("abandoned", "timeout"):
            kind = EventKind.ABANDONED if outcome == "abandoned" else EventKind.EXIT_TIMEOUT
            add(event(f"{cid}:left", at + timedelta(seconds=wait), kind, cid, wait=wait))
            return
        answered = at + timedelta(seconds=wait)
        add(event(f"{cid}:answer", answered, EventKind.ANSWERED, cid, agent, wait=wait, ring=3))
        if outcome == "open":
            return
        talk = rng.randrange(20, 900)
        kind = EventKind.TRANSFERRED if outcome == "transferred" else EventKind.ENDED
        end = event(
            f"{cid}:end", answered + timedelta(seconds=talk), kind, cid, agent, talk=talk, hold=rng.choice((0, 15))
        )
        (self.late if rng.random() < 0.25 else self.events).append(end)
        acw = rng.randrange(5, 90)
        ended = answered + timedelta(seconds=talk)
        add(event(f"{cid}:acw", ended, EventKind.ACW_STARTED, cid, agent))
        add(event(f"{cid}:acw-end", ended + timedelta(seconds=acw), EventKind.ACW_ENDED, cid, agent, acw=acw))
        self.answered.append(cid)

    def _shift(self, n: int, agent: str) -> None:
        rng = self.rng
        for day in range(0, 36, 2):
            login = START + timedelta(days=day, hours=n, seconds=rng.randrange(3600))
            self.events.append(event(f"{agent}:{day}:in", login, EventKind.AGENT_LOGIN, agent=agent))
            pause = login + timedelta(seconds=rng.randrange(600, 20_000))
            reason = rng.choice(("break", "lunch", "training", "acw", ""))
            self.events.append(event(f"{agent}:{day}:p", pause, EventKind.PAUSED, agent=agent, reason=reason))
            if day < 34:  # the last pause stays open: the agent is on it now
                back = pause + timedelta(seconds=rng.randrange(60, 4000))
                self.events.append(event(f"{agent}:{day}:up", back, EventKind.UNPAUSED, agent=agent))
                out = back + timedelta(seconds=rng.randrange(600, 30_000))
                self.events.append(event(f"{agent}:{day}:out", out, EventKind.AGENT_LOGOUT, agent=agent))

    def batches(self, events: list[ContactEventIn], size: int = 40) -> Iterator[list[ContactEventIn]]:
        shuffled = list(events)
        self.rng.shuffle(shuffled)
        for i in range(0, len(shuffled), size):
            yield shuffled[i : i + size]


def requests() -> Iterator[ReportRequest]:
    other = KpiSettings(sl_seconds=4, short_abandon_seconds=12, sl_definition=SlDefinition.QUEUED, fcr_days=1)
    for zone in (SHANGHAI, UTC, KATHMANDU):
        for by in (
            GroupBy.QUEUE,
            GroupBy.LINE,
            GroupBy.AGENT,
            GroupBy.TEAM,
            GroupBy.DAY,
            GroupBy.WEEK,
            GroupBy.MONTH,
        ):
            yield ReportRequest(FIRST, LAST, by, zone=zone)
        yield ReportRequest(date(2026, 3, 31), date(2026, 4, 2), GroupBy.INTERVAL, interval_minutes=30, zone=zone)
    yield ReportRequest(date(2026, 4, 1), date(2026, 4, 30), GroupBy.AGENT, other, zone=SHANGHAI)
    yield ReportRequest(FIRST, LAST, GroupBy.DAY, other, zone=SHANGHAI)
    yield ReportRequest(date(2026, 4, 6), date(2026, 4, 26), GroupBy.WEEK, other, zone=SHANGHAI)  # whole weeks
    yield ReportRequest(date(2026, 4, 1), date(2026, 4, 30), GroupBy.MONTH, other, zone=SHANGHAI)  # a whole month
    yield ReportRequest(date(2026, 4, 1), date(2026, 4, 30), GroupBy.TEAM, other, zone=SHANGHAI)
    yield ReportRequest(
        date(2026, 4, 6), date(2026, 4, 6), GroupBy.INTERVAL, other, interval_minutes=15, zone=KATHMANDU
    )


def assert_rollups_equal_the_record(db: Database, viewer: CurrentUser | None = None) -> int:
    compared = 0
    for req in requests():
        with db.factory() as s:
            rolled = kpi_report(s, req, now=NOW, viewer=viewer).rows
        with db.factory() as s:
            raw = kpi_report(s, req, now=NOW, viewer=viewer, source="raw").rows
        assert rolled == raw, (req.by, req.zone, req.settings)
        compared += len(raw)
    return compared


def marked_in_range(db: Database) -> int:
    """Quarter hours still marked that every report above reads (the range in each of its zones)."""
    start, end = datetime(2026, 3, 27), datetime(2026, 5, 4, 16)
    with db.factory() as s:
        return (
            s.scalar(
                select(func.count()).where(KpiDirtyBucket.bucket_start >= start, KpiDirtyBucket.bucket_start < end)
            )
            or 0
        )


def users(db: Database) -> dict[str, CurrentUser]:
    with db.factory() as s:
        return {
            u.username: CurrentUser(u.id, u.username, u.display_name, u.role, u.telephony_id)
            for u in s.scalars(select(User))
        }


@pytest.mark.parametrize("seed", [1, 2])
def test_the_rollups_equal_a_recompute_through_every_kind_of_write(ref_db: Database, seed: int) -> None:
    db, floor = ref_db, Floor(seed)
    with transaction(db.factory) as s:
        rebuild(s, SHANGHAI)  # an empty record; the rollups keep Shanghai's days from here on
    # The desk's or hub's call rows first (they carry the caller's number), then the record, in random batches.
    for cid, at, number, dnis in floor.calls:
        record_event(
            db.factory, CallEvent(EventType.CALL_QUEUED, call_id=cid, ani=number, dnis=dnis, queue="sales"), at
        )
    batches = list(floor.batches(floor.events))
    for batch in batches[: len(batches) // 2]:
        write(db, batch)
    assert assert_rollups_equal_the_record(db) > 0
    assert marked_in_range(db) == 0  # the reports recomputed every quarter hour they read
    for batch in batches[len(batches) // 2 :]:
        write(db, batch)
    for batch in floor.rng.sample(batches, 3):
        write(db, batch)  # replayed: every key is already recorded, nothing counts twice
    assert_rollups_equal_the_record(db)
    for batch in floor.batches(floor.late, 7):
        write(db, batch)  # the ends that came late, after the reports above were read
    people = users(db)
    for cid in floor.rng.sample(floor.answered, len(floor.answered) * 2 // 3):
        wrap_up(db.factory, cid, disposition=floor.rng.choice(CODES), notes="", agent_user_id=people["agent1"].id)
    _orders_and_follow_ups(db, floor.rng, people["agent1"])
    assert_rollups_equal_the_record(db)
    assert assert_rollups_equal_the_record(db, viewer=people["agent2"]) > 0
    assert assert_rollups_equal_the_record(db, viewer=people["supervisor1"]) > 0
    # A rebuild from scratch (the bulk path: one ordered pass, next calls by a window function) agrees
    # with the quarter hours recomputed one by one, and with the days, weeks and months changed by difference.
    with transaction(db.factory) as s:
        refresh(s)  # the quarter hours no report above read, too
    with db.factory() as s:
        before = sorted(tuple(r) for r in s.execute(select(KpiCallRollup.__table__)))
    with transaction(db.factory) as s:
        rebuild(s)
    with db.factory() as s:
        assert sorted(tuple(r) for r in s.execute(select(KpiCallRollup.__table__))) == before


def _orders_and_follow_ups(db: Database, rng: random.Random, taker: CurrentUser) -> None:
    with transaction(db.factory) as s:
        customer = Customer(name="张三")
        s.add(customer)
        s.flush()
        call_ids = list(s.scalars(select(Call.id)))
        orders = []
        for call_id in rng.sample(call_ids, min(12, len(call_ids))):
            order = _order(customer.id, call_id, taker.id, rng.choice(("pending_review", "delivered", "draft")))
            s.add(order)
            orders.append(order)
        s.flush()
        for order in orders[:6]:
            s.add(FollowUp(customer_id=customer.id, order_id=order.id, due_at=START))
        s.flush()
        follow_up_ids = list(s.scalars(select(FollowUp.id)))
    for followup_id in follow_up_ids[:4]:
        complete_followup(db.factory, taker, followup_id, satisfaction=rng.randint(1, 5))
    with transaction(db.factory) as s:  # taken back, moved to another call, repriced
        moved = s.scalars(select(Order).order_by(Order.id)).all()
        moved[0].state = "cancelled"
        moved[1].call_id = moved[2].call_id
        moved[3].total_cents += 500


def _order(customer_id: int, call_id: int, taker: int, state: str) -> Order:
    return Order(
        order_no=uuid.uuid4().hex[:20],
        client_uuid=str(uuid.uuid4()),
        customer_id=customer_id,
        call_id=call_id,
        state=state,
        taken_by=taker,
        recipient_name="张三",
        recipient_phone="+8613800138000",
        province="北京市",
        city="北京市",
        address_detail="中关村大街1号",
        total_cents=12_800,
    )


def _queue_row(db: Database, day: date) -> dict[str, object]:
    with db.factory() as s:
        [row] = kpi_report(s, ReportRequest(day, day, GroupBy.QUEUE, zone=UTC), now=NOW).rows
    return row


def test_an_end_that_arrives_after_a_report_shows_in_the_next_one(ref_db: Database) -> None:
    at = datetime(2026, 4, 1, 9, 59, 50)
    write(ref_db, [event("late:enter", at, EventKind.ENTERED_QUEUE, "late", ani="13800138000")])
    write(ref_db, [event("late:answer", at + timedelta(seconds=8), EventKind.ANSWERED, "late", "SIP/8001", wait=8)])
    first = _queue_row(ref_db, at.date())
    assert (first["offered"], first["answered"], first["unfinished"]) == (0, 0, 1)
    end = event("late:end", at + timedelta(seconds=128), EventKind.ENDED, "late", "SIP/8001", talk=120, hold=0)
    write(ref_db, [end])
    again = _queue_row(ref_db, at.date())
    assert (again["offered"], again["answered"], again["unfinished"], again["talk_s"]) == (1, 1, 0, 120.0)
    assert again["service_level"] == 1.0 and again["asa_s"] == 8.0
    write(ref_db, [end])  # the same end told twice (a hub replaying its frames)
    assert _queue_row(ref_db, at.date()) == again


def test_orders_and_follow_up_scores_change_the_figures_of_their_call(ref_db: Database) -> None:
    at = datetime(2026, 4, 1, 9, 0)
    record_event(ref_db.factory, CallEvent(EventType.CALL_QUEUED, call_id="o1", ani="13800138000", queue="sales"), at)
    write(
        ref_db,
        [
            event("o1:enter", at, EventKind.ENTERED_QUEUE, "o1"),
            event("o1:answer", at + timedelta(seconds=5), EventKind.ANSWERED, "o1", "SIP/8001", wait=5),
            event("o1:end", at + timedelta(seconds=65), EventKind.ENDED, "o1", "SIP/8001", talk=60),
        ],
    )
    assert _queue_row(ref_db, at.date())["orders"] == 0
    taker = users(ref_db)["agent1"]
    with transaction(ref_db.factory) as s:
        customer = Customer(name="李四")
        s.add(customer)
        s.flush()
        call_id = s.scalars(select(Call.id)).one()
        order = _order(customer.id, call_id, taker.id, "delivered")
        s.add(order)
        s.flush()
        followup = FollowUp(customer_id=customer.id, order_id=order.id, due_at=at)
        s.add(followup)
        s.flush()
        followup_id = followup.id
    row = _queue_row(ref_db, at.date())
    assert (row["orders"], row["conversion"], row["revenue_cents"], row["csat"]) == (1, 1.0, 12_800, None)
    complete_followup(ref_db.factory, taker, followup_id, satisfaction=5)
    assert _queue_row(ref_db, at.date())["csat"] == 1.0
    with transaction(ref_db.factory) as s:
        s.scalars(select(Order)).one().state = "cancelled"
    assert (_queue_row(ref_db, at.date())["orders"], _queue_row(ref_db, at.date())["revenue_cents"]) == (0, 0)


def test_demo_data_written_in_bulk_gets_rollups_that_equal_the_record(demo_db: Database) -> None:
    with demo_db.factory() as s:
        assert s.scalar(select(func.count()).select_from(KpiCallRollup)), "the demo build fills the rollups"
        last = s.scalar(select(func.max(Call.queued_at)))
    assert last is not None
    end = last.date()
    for by in GroupBy:
        for zone in (SHANGHAI, UTC):
            req = ReportRequest(end - timedelta(days=60), end, by, zone=zone)
            with demo_db.factory() as s:
                rolled = kpi_report(s, req, now=last).rows
            with demo_db.factory() as s:
                raw = kpi_report(s, req, now=last, source="raw").rows
            assert rolled and rolled == raw, (by, zone)


def test_a_call_written_in_bulk_at_local_midnight_counts_on_the_day_it_begins(ref_db: Database) -> None:
    # Bulk writers (the demo) leave out the microseconds; SQLite compares times as text, and
    # "2026-04-01 16:00:00" sorts before the report's first bound "2026-04-01 16:00:00.000000".
    with ref_db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO calls (platform_call_id, ani, dnis, queue, agent_telephony_id, end_reason, notes,"
                " recording_url, outcome, queued_at, offered_at, wait_seconds)"
                " VALUES ('midnight', '', '', 'sales', '', 'abandoned', '', '', 'abandoned',"
                " '2026-04-01 16:00:00', '2026-04-01 16:00:00', 30)"
            )
        )
    with transaction(ref_db.factory) as s:
        rebuild(s, SHANGHAI)
    req = ReportRequest(date(2026, 4, 2), date(2026, 4, 2), GroupBy.DAY, zone=SHANGHAI)  # from 16:00 UTC
    for source in ("rollups", "raw"):
        with ref_db.factory() as s:
            rows = kpi_report(s, req, now=NOW, source=source).rows  # type: ignore[arg-type]
        assert [(r["day"], r["abandoned"]) for r in rows] == [("2026-04-02", 1)], source
