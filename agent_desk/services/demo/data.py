"""Demo and scale data: a TV-shopping call centre with customers, orders in every state, calls.

Reference data comes from :mod:`demo_reference`; volume data is written with :class:`BulkWriter`
(explicit ids, chunked commits) so that 1M customers / 5M orders / 10M calls take minutes on SQLite.
Every generated order carries a valid audit hash chain, as if it had gone through the services; every
call its contact-centre record (queue and agent events, shifts, pauses, after-call work: ``record``).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine

from agent_desk.core.audit_chain import GENESIS, chain_hash
from agent_desk.core.phone import last_four_of
from agent_desk.core.waybill import make_waybill_number
from agent_desk.services.demo.floor import DAYS, Floor, prepare_floor
from agent_desk.services.demo.pools import (
    ACTION_SECONDS,
    LIFECYCLES,
    MOBILE_PREFIXES,
    REASONS,
    STATE_AGE_SECONDS,
    Pools,
    step,
)
from agent_desk.services.demo.record import RecordWriter
from agent_desk.services.demo.reference import (  # noqa: F401 (re-exported for callers of the old module)
    CATALOGUE,
    DEMO_PASSWORD_SUFFIX,
    Reference,
    load_catalogue,
    reference_of,
    seed_reference,
)
from agent_desk.services.knowledge.folder_import import seed_demo_articles
from agent_desk.services.orders.audit_trail import event_fields
from agent_desk.services.supervision.rollups import rebuild as rebuild_rollups
from agent_desk.store.bulk import BulkWriter, analyze, deferred_indexes, foreign_keys_checked_after
from agent_desk.store.clock import utcnow

Progress = Callable[[str, int, int], None]
ORDER_CHUNK = 20_000
# The tables a run fills, parents before children.
VOLUME_TABLES = (
    "customers",
    "customer_phones",
    "addresses",
    "orders",
    "order_lines",
    "order_events",
    "calls",
    "contact_events",
    "agent_state_intervals",
    "followups",
)
BULK_PRAGMAS = {"cache_size": -512 * 1024, "wal_autocheckpoint": 25_000}  # 512 MiB; ~100 MB of WAL

CUSTOMER_COLUMNS = (
    "id",
    "name",
    "gender",
    "notes",
    "vip",
    "vip_note",
    "blacklisted",
    "blacklist_reason",
    "created_at",
    "updated_at",
)
PHONE_COLUMNS = ("id", "customer_id", "e164", "last_four", "label", "is_primary")
ADDRESS_COLUMNS = ("id", "customer_id", "province", "city", "district", "detail", "postcode", "is_default")
ORDER_COLUMNS = (
    "id",
    "order_no",
    "client_uuid",
    "customer_id",
    "business_line_id",
    "state",
    "version",
    "taken_by",
    "reviewed_by",
    "logistics_by",
    "recipient_name",
    "recipient_phone",
    "province",
    "city",
    "district",
    "address_detail",
    "postcode",
    "payment_method",
    "cod_amount_cents",
    "subtotal_cents",
    "discount_cents",
    "total_cents",
    "notes",
    "last_reason",
    "waybill_no",
    "audit_head",
    "created_at",
    "submitted_at",
    "updated_at",
)
LINE_COLUMNS = (
    "id",
    "order_id",
    "product_id",
    "product_name",
    "unit_price_cents",
    "quantity",
    "discount_pct",
    "line_total_cents",
)
EVENT_COLUMNS = (
    "id",
    "order_id",
    "seq",
    "action",
    "from_state",
    "to_state",
    "actor_id",
    "actor_role",
    "reason",
    "changes",
    "at",
    "prev_hash",
    "hash",
)
FOLLOWUP_COLUMNS = (
    "id",
    "customer_id",
    "order_id",
    "due_at",
    "assigned_to",
    "status",
    "satisfaction",
    "notes",
    "completed_at",
)
FOLLOWUP_DELAY = timedelta(days=3)  # as services.orders.transitions plans them after a delivery
FOLLOWUP_BACKLOG = timedelta(days=14)  # follow-ups due longer ago than this have all been called


@dataclass(frozen=True)
class DemoSize:
    customers: int = 2_000
    orders_per_customer: float = 1.5
    calls_per_customer: float = 3.0


@dataclass
class DemoReport:
    business_lines: int = 0
    products: int = 0
    users: int = 0
    customers: int = 0
    phones: int = 0
    orders: int = 0
    order_events: int = 0
    calls: int = 0
    contact_events: int = 0
    agent_intervals: int = 0
    floor_agents: int = 0
    followups: int = 0
    by_state: dict[str, int] = field(default_factory=dict)


def generate(
    engine: Engine,
    size: DemoSize,
    *,
    seed: int | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> DemoReport:
    """Seed reference data, then add ``size`` worth of customers, orders and calls with their record.

    ``now`` (default: the clock) is the moment the data leads up to; the same seed and day give the same rows.
    """
    from agent_desk.store.database import session_factory

    factory = session_factory(engine)
    now = (now or utcnow()).replace(microsecond=0)
    with factory() as session, session.begin():
        seeded = seed_reference(session)
        floor = prepare_floor(session, round(size.customers * size.calls_per_customer), now)
        ref = reference_of(session)
    # The demo knowledge base (resources/kb); importing again changes nothing.
    seed_demo_articles(factory)
    if not ref.agents or not ref.auditors or not ref.logistics:
        raise RuntimeError("demo data needs at least one agent, auditor and logistics user")
    report = DemoReport(
        business_lines=seeded.business_lines,
        products=seeded.products,
        users=seeded.users + floor.added,
        floor_agents=floor.added,
    )
    rng = random.Random(seed)
    # Committed chunk by chunk: a scale run keeps a small WAL, and an interrupted one keeps what it wrote.
    with engine.connect() as conn, _bulk_load(conn):
        run = _Run(
            BulkWriter(conn),
            ref,
            rng,
            Pools(rng, size=max(200, min(4_000, size.customers))),
            size,
            report,
            progress or (lambda _stage, _done, _total: None),
            now,
        )
        with foreign_keys_checked_after(conn, VOLUME_TABLES), deferred_indexes(conn, VOLUME_TABLES):
            run.customers()
            run.orders()
            run.calls(floor)
        run.bulk.reset_sequences(VOLUME_TABLES)
        analyze(conn)
    # The bulk writer goes past the sessions that mark KPI rollups stale: they are built from the record.
    with factory() as session, session.begin():
        rebuild_rollups(session)
    return report


@contextmanager
def _bulk_load(conn: Connection) -> Iterator[None]:
    """SQLite settings for a load of millions of rows, on this connection only and undone after.

    Random-order index inserts (callers' numbers, customers of calls) touch a page each: a bigger
    cache keeps those pages, and a longer WAL writes each back once per checkpoint, not once per commit.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    saved = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in BULK_PRAGMAS}
    try:
        for name, value in BULK_PRAGMAS.items():
            conn.exec_driver_sql(f"PRAGMA {name}={value}")
        yield
    finally:
        for name, before in saved.items():
            conn.exec_driver_sql(f"PRAGMA {name}={before}")


def _hash_time(value: datetime) -> str:
    """The exact text core.audit_chain writes for a whole-second UTC time, without its per-value hook:
    the hash is identical (the demo tests verify every chain), and 20M events hash minutes faster."""
    return value.isoformat() + ".000000Z"


class _Run:
    """One generation run: explicit ids continue after what the database already holds."""

    def __init__(
        self,
        bulk: BulkWriter,
        ref: Reference,
        rng: random.Random,
        pools: Pools,
        size: DemoSize,
        report: DemoReport,
        tick: Progress,
        now: datetime,
    ) -> None:
        self.bulk, self.ref, self.rng, self.pools, self.size = bulk, ref, rng, pools, size
        self.report, self.tick = report, tick
        self.sqlite = bulk.dialect == "sqlite"
        self.now = now
        self.first = {
            t: bulk.next_id(t)
            for t in (
                "customers",
                "customer_phones",
                "addresses",
                "orders",
                "order_lines",
                "order_events",
                "followups",
            )
        }
        # Per generated customer (by position): name index, address index, primary phone.
        self.names: list[int] = []
        self.places: list[int] = []
        self.phones: list[str] = []

    def ts(self, value: datetime) -> Any:
        # sqlite3's implicit datetime adapter is deprecated; SQLAlchemy reads this text form back.
        return value.isoformat(" ") if self.sqlite else value

    def ago(self, max_days: int, min_days: int = 0) -> datetime:
        return self.now - timedelta(days=self.rng.randint(min_days, max_days), seconds=self.rng.randint(0, 86_399))

    # --- customers, phones, addresses -------------------------------------------------------------

    def customers(self) -> None:
        self.report.customers = self.bulk.insert("customers", CUSTOMER_COLUMNS, self._customer_rows())
        self.report.phones = self.bulk.insert("customer_phones", PHONE_COLUMNS, self._phone_rows())
        self.bulk.insert("addresses", ADDRESS_COLUMNS, self._address_rows())

    def _customer_rows(self) -> Iterator[tuple[Any, ...]]:
        rng, total = self.rng, self.size.customers
        # One affine permutation of 8-digit suffixes: unique numbers without a set of 1M strings.
        stride, offset = 48_271, rng.randrange(10**8)
        for i in range(total):
            name_idx = rng.randrange(len(self.pools.names))
            self.names.append(name_idx)
            self.places.append(rng.randrange(len(self.pools.addresses)))
            self.phones.append(f"+86{MOBILE_PREFIXES[i % len(MOBILE_PREFIXES)]}{(stride * i + offset) % 10**8:08d}")
            vip = rng.random() < 0.03
            black = not vip and rng.random() < 0.005
            # Before the year of orders and calls drawn for them: no customer's history predates the customer.
            created = self.ts(self.ago(DAYS + 540, DAYS + 1))
            yield (
                self.first["customers"] + i,
                self.pools.names[name_idx],
                self.pools.genders[name_idx],
                "",
                vip,
                "年消费满万元" if vip else "",
                black,
                "多次恶意拒收" if black else "",
                created,
                created,
            )
            if i % 10_000 == 0:
                self.tick("customers", i, total)
        self.tick("customers", total, total)

    def _phone_rows(self) -> Iterator[tuple[Any, ...]]:
        rng, pid = self.rng, self.first["customer_phones"]
        for i, phone in enumerate(self.phones):
            cid = self.first["customers"] + i
            yield (pid, cid, phone, last_four_of(phone), "mobile", True)
            pid += 1
            if rng.random() < 0.15:  # a home landline as well
                home = f"+8610{rng.randint(5, 8)}{rng.randrange(10**7):07d}"
                yield (pid, cid, home, last_four_of(home), "home", False)
                pid += 1
            if i and rng.random() < 0.01:  # family members sharing a phone: the pop shows a picker
                shared = self.phones[rng.randrange(i)]
                yield (pid, cid, shared, last_four_of(shared), "family", False)
                pid += 1

    def _address_rows(self) -> Iterator[tuple[Any, ...]]:
        for i, place in enumerate(self.places):
            yield (self.first["addresses"] + i, self.first["customers"] + i, *self.pools.addresses[place], True)

    # --- orders with lines, audit chains and follow-ups -------------------------------------------

    def orders(self) -> None:
        total = round(self.size.customers * self.size.orders_per_customer)
        self.ids = {
            "line": self.first["order_lines"],
            "event": self.first["order_events"],
            "followup": self.first["followups"],
        }
        self.by_state: dict[str, int] = {}
        rows = (self._order(self.first["orders"] + k) for k in range(total))
        done = 0
        # Orders go in chunks so that their lines and events (which reference them) follow each chunk.
        while chunk := list(islice(rows, ORDER_CHUNK)):
            orders = [order for order, _lines, _events, _followup in chunk]
            self.report.orders += self.bulk.insert("orders", ORDER_COLUMNS, orders)
            self.bulk.insert("order_lines", LINE_COLUMNS, [line for c in chunk for line in c[1]])
            self.report.order_events += self.bulk.insert(
                "order_events", EVENT_COLUMNS, [e for c in chunk for e in c[2]]
            )
            self.report.followups += self.bulk.insert("followups", FOLLOWUP_COLUMNS, [c[3] for c in chunk if c[3]])
            done += len(chunk)
            self.tick("orders", done, total)
        self.report.by_state = dict(sorted(self.by_state.items()))

    def _order(self, oid: int) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]], Any]:
        rng, ref = self.rng, self.ref
        pos = rng.randrange(self.size.customers)
        cid = self.first["customers"] + pos
        line_id, _code, _dnis = rng.choice(ref.lines)
        products = ref.products.get(line_id) or next(iter(ref.products.values()))
        _weight, state, actions = rng.choices(LIFECYCLES, [w for w, _s, _a in LIFECYCLES])[0]
        self.by_state[state] = self.by_state.get(state, 0) + 1
        agent_id, _tel = rng.choice(ref.agents)
        # Laid out back from now: the order reached its state a state-typical while ago, after its steps.
        gaps = [rng.randint(*ACTION_SECONDS[action]) for action in actions]
        created = self.now - timedelta(seconds=rng.randint(*STATE_AGE_SECONDS[state]) + sum(gaps))

        lines, subtotal, discount = [], 0, 0
        for product_id, name, price, max_discount in rng.sample(products, min(len(products), rng.randint(1, 3))):
            quantity = rng.choice((1, 1, 1, 2, 2, 3))
            pct = rng.choice((0, 0, 0, min(5, max_discount), max_discount))
            gross = price * quantity
            off = gross * pct // 100
            subtotal, discount = subtotal + gross, discount + off
            lines.append((self.ids["line"], oid, product_id, name, price, quantity, pct, gross - off))
            self.ids["line"] += 1
        total = subtotal - discount

        reviewer = rng.choice(ref.auditors) if len(actions) > 1 else None
        shipper = rng.choice(ref.logistics) if "print_label" in actions else None
        waybill = make_waybill_number("AD", oid) if shipper else None
        events, head, at, last_reason, state_now = [], GENESIS, created, "", "draft"
        submitted: datetime | None = None
        for seq, (action, gap) in enumerate(zip(actions, gaps, strict=True), start=1):
            from_state, state_now, role = step(state_now, action)
            actor = {"agent": agent_id, "auditor": reviewer, "logistics": shipper}[role]
            assert actor is not None  # a reviewer and a shipper are drawn for every order that reaches them
            reason = rng.choice(REASONS[action]) if action in REASONS else ""
            last_reason = reason or last_reason
            at += timedelta(seconds=gap)
            if action == "submit":
                submitted = at
            changes = {"waybill_no": [None, waybill]} if action == "print_label" else {}
            fields = event_fields(
                order_id=oid,
                seq=seq,
                action=action,
                from_state=from_state,
                to_state=state_now,
                actor_id=actor,
                actor_role=role,
                reason=reason,
                changes=changes,
                at=_hash_time(at),
            )
            digest = chain_hash(head, fields)
            events.append(
                (
                    self.ids["event"],
                    oid,
                    seq,
                    action,
                    from_state,
                    state_now,
                    actor,
                    role,
                    reason,
                    json.dumps(changes, ensure_ascii=False, sort_keys=True),
                    self.ts(at),
                    head,
                    digest,
                )
            )
            head = digest
            self.ids["event"] += 1

        followup = None
        if state == "delivered":
            due = at + FOLLOWUP_DELAY
            overdue = int((self.now - due).total_seconds())
            # The last two weeks' follow-ups are still being worked through; older ones were all called.
            done = overdue > 0 and (overdue > FOLLOWUP_BACKLOG.total_seconds() or rng.random() < 0.6)
            completed = due + timedelta(seconds=rng.randint(0, min(overdue, 2 * 86_400))) if done else None
            followup = (
                self.ids["followup"],
                cid,
                oid,
                self.ts(due),
                agent_id,
                "done" if done else "open",
                rng.choice((3, 4, 5, 5, 5, 2)) if done else None,
                "",
                self.ts(completed) if completed else None,
            )
            self.ids["followup"] += 1

        cod = rng.random() < 0.75
        province, city, district, detail, postcode = self.pools.addresses[self.places[pos]]
        order = (
            oid,
            f"SO{created:%y%m%d}{oid:08d}",
            f"demo-{oid:012d}",
            cid,
            line_id,
            state,
            1,
            agent_id,
            reviewer,
            shipper,
            self.pools.names[self.names[pos]],
            self.phones[pos],
            province,
            city,
            district,
            detail,
            postcode,
            "cod" if cod else "prepaid",
            total if cod else 0,
            subtotal,
            discount,
            total,
            "",
            last_reason,
            waybill,
            head,
            self.ts(created),
            self.ts(submitted) if submitted else None,
            self.ts(at),
        )
        return order, lines, events, followup

    # --- calls and their contact-centre record ---------------------------------------------------

    def calls(self, floor: Floor) -> None:
        writer = RecordWriter(self.bulk, self.ref, floor, self.rng, (self.first["customers"], self.phones), self.tick)
        written = writer.write(round(self.size.customers * self.size.calls_per_customer))
        self.report.calls = written["calls"]
        self.report.contact_events = written["contact_events"]
        self.report.agent_intervals = written["agent_state_intervals"]
