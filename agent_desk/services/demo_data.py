"""Demo and scale data: a TV-shopping call centre with customers, orders in every state, calls.

Reference data (business lines, catalogue, dispositions, users) comes from
``resources/demo/catalogue.toml``. Volume data is written with :class:`BulkWriter`
so that 1M customers / 5M orders / 10M calls take minutes on SQLite.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from faker import Faker
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agent_desk.core.audit_chain import GENESIS, chain_hash
from agent_desk.core.orders import TRANSITIONS, OrderAction, OrderState, Stage, stage_of
from agent_desk.services.audit_trail import event_fields
from agent_desk.services.auth import create_user
from agent_desk.store.bulk import BulkWriter
from agent_desk.store.clock import utcnow
from agent_desk.store.models import (
    BusinessLine,
    BusinessLineNumber,
    Disposition,
    Product,
    User,
)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CATALOGUE = RESOURCES / "demo" / "catalogue.toml"
DEMO_PASSWORD_SUFFIX = "123"

Progress = Callable[[str, int, int], None]

# (final state, the actions that lead there): every state of the life cycle appears.
_LIFECYCLES: list[tuple[float, str, list[str]]] = [
    (0.04, "draft", []),
    (0.08, "pending_review", ["submit"]),
    (0.04, "returned", ["submit", "reject_review"]),
    (0.06, "pending_logistics", ["submit", "approve"]),
    (0.04, "label_printed", ["submit", "approve", "print_label"]),
    (0.14, "shipped", ["submit", "approve", "print_label", "handover"]),
    (0.50, "delivered", ["submit", "approve", "print_label", "handover", "deliver"]),
    (0.06, "refused", ["submit", "approve", "print_label", "handover", "refuse"]),
    (0.04, "cancelled", ["submit", "cancel"]),
]
# Who acts at each stage of the one transition table (core.orders); stage-less actions are the agent's.
_STAGE_ROLE = {Stage.REVIEW: "auditor", Stage.LOGISTICS: "logistics", None: "agent"}


@cache
def _step(state: str, action: str) -> tuple[str, str, str]:
    target = TRANSITIONS[(OrderState(state), OrderAction(action))]
    return state, target.value, _STAGE_ROLE[stage_of(OrderAction(action))]


_REASONS = {
    "reject_review": [
        "地址缺少门牌号，请与客户确认",
        "客户要求改为预付款",
        "折扣超出权限，请重新核价",
    ],
    "cancel": ["客户来电取消", "重复下单", "客户不接电话，无法确认"],
    "refuse": ["客户拒收：不想要了", "客户拒收：包装破损"],
}
_CALL_NOTES = [
    "咨询鱼油用法，已解答",
    "下单两盒，货到付款",
    "询问物流进度，已告知单号",
    "要求退货，已登记",
    "投诉快递员态度，已记录并安抚",
    "Asked about warranty on the vacuum; explained two years on the motor",
    "客户想比价，稍后回电",
    "",
]
_MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "198",
    "199",
]


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
    followups: int = 0
    by_state: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Reference:
    lines: list[tuple[int, str, list[str]]]  # id, code, dnis numbers
    products: dict[int, list[tuple[int, str, int, int]]]  # line id -> (id, name, price, max discount)
    agents: list[tuple[int, str | None]]
    auditors: list[int]
    logistics: list[int]
    dispositions: list[str]


def load_catalogue(path: Path = CATALOGUE) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def seed_reference(session: Session, catalogue: dict[str, Any] | None = None) -> DemoReport:
    """Business lines, products, dispositions and demo users; existing rows are kept as they are."""
    catalogue = catalogue or load_catalogue()
    report = DemoReport()
    lines: dict[str, BusinessLine] = {bl.code: bl for bl in session.scalars(select(BusinessLine))}
    for entry in catalogue["business_line"]:
        bl = lines.get(entry["code"])
        if bl is None:
            bl = BusinessLine(
                code=entry["code"],
                name=entry["name"],
                product_line=entry["product_line"],
                advert_name=entry["advert_name"],
                call_script=entry["call_script"].strip(),
            )
            session.add(bl)
            session.flush()
            lines[bl.code] = bl
            report.business_lines += 1
        known = set(session.scalars(select(BusinessLineNumber.dnis)))
        for dnis in entry["dnis"]:
            if dnis not in known:
                session.add(BusinessLineNumber(business_line_id=bl.id, dnis=dnis))
    skus = set(session.scalars(select(Product.sku)))
    for entry in catalogue["product"]:
        if entry["sku"] in skus:
            continue
        session.add(
            Product(
                sku=entry["sku"],
                name=entry["name"],
                business_line_id=lines[entry["line"]].id,
                price_cents=round(entry["price"] * 100),
                max_discount_pct=entry["max_discount_pct"],
            )
        )
        report.products += 1
    codes = set(session.scalars(select(Disposition.code)))
    for order, entry in enumerate(catalogue["disposition"]):
        if entry["code"] not in codes:
            session.add(Disposition(sort_order=order, **entry))
    usernames = set(session.scalars(select(User.username)))
    for entry in catalogue["user"]:
        if entry["username"] in usernames:
            continue
        create_user(session, password=entry["username"] + DEMO_PASSWORD_SUFFIX, **entry)
        report.users += 1
    session.flush()
    return report


def _reference(session: Session) -> Reference:
    lines = [
        (bl.id, bl.code, [n.dnis for n in bl.numbers])
        for bl in session.scalars(select(BusinessLine).order_by(BusinessLine.id))
    ]
    products: dict[int, list[tuple[int, str, int, int]]] = {}
    for p in session.scalars(select(Product).where(Product.active)):
        products.setdefault(p.business_line_id or 0, []).append((p.id, p.name, p.price_cents, p.max_discount_pct))
    users = list(session.scalars(select(User).where(User.active)))
    return Reference(
        lines=lines,
        products=products,
        agents=[(u.id, u.telephony_id) for u in users if u.role == "agent"],
        auditors=[u.id for u in users if u.role == "auditor"],
        logistics=[u.id for u in users if u.role == "logistics"],
        dispositions=list(session.scalars(select(Disposition.code))),
    )


class _Pools:
    """Faker is ~50 µs a call; a few thousand real values recombined keep 1M rows fast and realistic."""

    def __init__(self, rng: random.Random, size: int = 4_000) -> None:
        fake = Faker("zh_CN")
        fake.seed_instance(rng.randrange(1 << 30))
        self.names = [fake.name() for _ in range(size)]
        self.genders = ["M" if fake.boolean() else "F" for _ in range(size)]
        self.addresses: list[tuple[str, str, str, str, str]] = []
        for _ in range(size):
            province, city, districts, postcode = rng.choice(_PLACES)
            self.addresses.append(
                (
                    province,
                    city,
                    rng.choice(districts),
                    f"{fake.street_name()}{rng.randint(1, 999)}号"
                    f"{rng.randint(1, 30)}栋{rng.randint(1, 30)}0{rng.randint(1, 4)}室",
                    postcode,
                )
            )


# Real province / city / district combinations (Faker draws each on its own, giving 新疆…哈尔滨).
_PLACES: list[tuple[str, str, list[str], str]] = [
    ("北京市", "北京市", ["海淀区", "朝阳区", "东城区", "西城区", "丰台区"], "100000"),
    ("上海市", "上海市", ["浦东新区", "徐汇区", "静安区", "黄浦区", "闵行区"], "200000"),
    ("天津市", "天津市", ["和平区", "南开区", "河西区"], "300000"),
    ("重庆市", "重庆市", ["渝中区", "江北区", "沙坪坝区"], "400000"),
    ("广东省", "广州市", ["天河区", "越秀区", "海珠区", "白云区"], "510000"),
    ("广东省", "深圳市", ["南山区", "福田区", "宝安区", "龙岗区"], "518000"),
    ("广东省", "东莞市", [""], "523000"),
    ("浙江省", "杭州市", ["西湖区", "上城区", "拱墅区", "滨江区"], "310000"),
    ("浙江省", "宁波市", ["海曙区", "鄞州区"], "315000"),
    ("江苏省", "南京市", ["鼓楼区", "玄武区", "秦淮区"], "210000"),
    ("江苏省", "苏州市", ["姑苏区", "吴中区", "工业园区"], "215000"),
    ("四川省", "成都市", ["武侯区", "锦江区", "青羊区", "成华区"], "610000"),
    ("湖北省", "武汉市", ["武昌区", "江汉区", "洪山区"], "430000"),
    ("湖南省", "长沙市", ["岳麓区", "芙蓉区", "天心区"], "410000"),
    ("山东省", "济南市", ["历下区", "市中区", "槐荫区"], "250000"),
    ("山东省", "青岛市", ["市南区", "市北区", "崂山区"], "266000"),
    ("河南省", "郑州市", ["金水区", "中原区", "二七区"], "450000"),
    ("陕西省", "西安市", ["雁塔区", "碑林区", "未央区"], "710000"),
    ("辽宁省", "沈阳市", ["和平区", "沈河区", "皇姑区"], "110000"),
    ("黑龙江省", "哈尔滨市", ["南岗区", "道里区", "香坊区"], "150000"),
    ("福建省", "厦门市", ["思明区", "湖里区"], "361000"),
    ("云南省", "昆明市", ["五华区", "盘龙区"], "650000"),
]


def _ts(value: datetime, sqlite: bool) -> Any:
    # sqlite3's implicit datetime adapter is deprecated; SQLAlchemy reads this text form back.
    return value.isoformat(" ") if sqlite else value


def _hash_time(value: datetime) -> str:
    """The exact text core.audit_chain writes for a whole-second UTC time, without its per-value hook:
    the hash is identical (the demo tests verify every chain), and 20M events hash minutes faster."""
    return value.isoformat() + ".000000Z"


def generate(
    engine: Engine,
    size: DemoSize,
    *,
    seed: int | None = None,
    progress: Progress | None = None,
) -> DemoReport:
    """Seed reference data, then add ``size`` worth of customers, orders and calls."""
    from agent_desk.store.db import session_factory

    rng = random.Random(seed)
    tick: Progress = progress or (lambda _stage, _done, _total: None)
    factory = session_factory(engine)
    with factory() as session, session.begin():
        report = seed_reference(session)
        ref = _reference(session)
    if not ref.agents or not ref.auditors or not ref.logistics:
        raise RuntimeError("demo data needs at least one agent, auditor and logistics user")
    pools = _Pools(rng, size=max(200, min(4_000, size.customers)))
    sqlite = engine.dialect.name == "sqlite"
    now = utcnow().replace(microsecond=0)

    # Committed chunk by chunk: a scale run keeps a small WAL, and an interrupted one keeps what it wrote.
    with engine.connect() as conn:
        bulk = BulkWriter(conn)
        first_customer = bulk.next_id("customers")
        first_phone = bulk.next_id("customer_phones")
        first_address = bulk.next_id("addresses")
        first_order = bulk.next_id("orders")
        first_line = bulk.next_id("order_lines")
        first_event = bulk.next_id("order_events")
        first_call = bulk.next_id("calls")
        first_followup = bulk.next_id("followups")

        # One affine permutation of 8-digit suffixes gives unique numbers without a set of 1M strings.
        stride, offset = 48_271, rng.randrange(10**8)
        customers: list[tuple[int, str, int]] = []  # name idx, primary phone, address idx (by position)
        phones_of: list[str] = []

        def customer_rows() -> Iterator[tuple[Any, ...]]:
            for i in range(size.customers):
                cid = first_customer + i
                name_idx = rng.randrange(len(pools.names))
                addr_idx = rng.randrange(len(pools.addresses))
                phone = f"+86{_MOBILE_PREFIXES[i % len(_MOBILE_PREFIXES)]}{(stride * i + offset) % 10**8:08d}"
                customers.append((name_idx, i, addr_idx))
                phones_of.append(phone)
                vip = rng.random() < 0.03
                black = not vip and rng.random() < 0.005
                created = now - timedelta(days=rng.randint(30, 900), seconds=rng.randint(0, 86_399))
                yield (
                    cid,
                    pools.names[name_idx],
                    pools.genders[name_idx],
                    "",
                    vip,
                    "年消费满万元" if vip else "",
                    black,
                    "多次恶意拒收" if black else "",
                    _ts(created, sqlite),
                    _ts(created, sqlite),
                )
                if i % 10_000 == 0:
                    tick("customers", i, size.customers)
            tick("customers", size.customers, size.customers)

        report.customers = bulk.insert(
            "customers",
            [
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
            ],
            customer_rows(),
        )

        def phone_rows() -> Iterator[tuple[Any, ...]]:
            pid = first_phone
            for i, phone in enumerate(phones_of):
                cid = first_customer + i
                yield (pid, cid, phone, "mobile", True)
                pid += 1
                if rng.random() < 0.15:  # a home landline as well
                    yield (pid, cid, f"+8610{rng.randint(5, 8)}{rng.randrange(10**7):07d}", "home", False)
                    pid += 1
                if i and rng.random() < 0.01:  # family members sharing a phone: the pop shows a picker
                    yield (pid, cid, phones_of[rng.randrange(i)], "family", False)
                    pid += 1

        report.phones = bulk.insert(
            "customer_phones", ["id", "customer_id", "e164", "label", "is_primary"], phone_rows()
        )
        report.phones and tick("phones", report.phones, report.phones)

        def address_rows() -> Iterator[tuple[Any, ...]]:
            for i, (_n, _p, addr_idx) in enumerate(customers):
                province, city, district, detail, postcode = pools.addresses[addr_idx]
                yield (
                    first_address + i,
                    first_customer + i,
                    province,
                    city,
                    district,
                    detail,
                    postcode,
                    True,
                )

        bulk.insert(
            "addresses",
            [
                "id",
                "customer_id",
                "province",
                "city",
                "district",
                "detail",
                "postcode",
                "is_default",
            ],
            address_rows(),
        )

        n_orders = round(size.customers * size.orders_per_customer)
        weights = [w for w, _s, _a in _LIFECYCLES]
        lines_rows: list[tuple[Any, ...]] = []
        event_rows: list[tuple[Any, ...]] = []
        followup_rows: list[tuple[Any, ...]] = []
        line_id = first_line
        event_id = first_event
        followup_id = first_followup
        state_counts: dict[str, int] = {}

        def order_rows() -> Iterator[tuple[Any, ...]]:
            nonlocal line_id, event_id, followup_id
            for k in range(n_orders):
                oid = first_order + k
                pos = rng.randrange(size.customers)
                name_idx, phone_pos, addr_idx = customers[pos]
                cid = first_customer + pos
                line_id_, _code, _dnis = rng.choice(ref.lines)
                catalogue = ref.products.get(line_id_) or next(iter(ref.products.values()))
                _w, state, actions = rng.choices(_LIFECYCLES, weights)[0]
                state_counts[state] = state_counts.get(state, 0) + 1
                agent_id, _tel = rng.choice(ref.agents)
                created = now - timedelta(days=rng.randint(0, 360), seconds=rng.randint(0, 86_399))
                subtotal = discount = 0
                for product_id, pname, price, max_disc in rng.sample(catalogue, min(len(catalogue), rng.randint(1, 3))):
                    qty = rng.choice((1, 1, 1, 2, 2, 3))
                    pct = rng.choice((0, 0, 0, min(5, max_disc), max_disc))
                    gross = price * qty
                    off = gross * pct // 100
                    subtotal += gross
                    discount += off
                    lines_rows.append((line_id, oid, product_id, pname, price, qty, pct, gross - off))
                    line_id += 1
                total = subtotal - discount
                cod = rng.random() < 0.75
                reviewer = rng.choice(ref.auditors) if len(actions) > 1 else None
                shipper = rng.choice(ref.logistics) if "print_label" in actions else None
                head, at, last_reason, walked = GENESIS, created, "", "draft"
                for seq, action in enumerate(actions, start=1):
                    from_state, to_state, role = _step(walked, action)
                    walked = to_state
                    actor = agent_id if role == "agent" else reviewer if role == "auditor" else shipper
                    assert actor is not None
                    reason = rng.choice(_REASONS[action]) if action in _REASONS else ""
                    last_reason = reason or last_reason
                    at = at + timedelta(minutes=rng.randint(3, 600))
                    changes = {"waybill_no": f"AD{oid:010d}"} if action == "print_label" else {}
                    fields = event_fields(
                        order_id=oid,
                        seq=seq,
                        action=action,
                        from_state=from_state,
                        to_state=to_state,
                        actor_id=actor,
                        actor_role=role,
                        reason=reason,
                        changes=changes,
                        at=_hash_time(at),  # type: ignore[arg-type]
                    )
                    digest = chain_hash(head, fields)
                    event_rows.append(
                        (
                            event_id,
                            oid,
                            seq,
                            action,
                            from_state,
                            to_state,
                            actor,
                            role,
                            reason,
                            _json(changes),
                            _ts(at, sqlite),
                            head,
                            digest,
                        )
                    )
                    head = digest
                    event_id += 1
                if state == "delivered":
                    due = at + timedelta(days=3)
                    done = due < now and rng.random() < 0.7
                    followup_rows.append(
                        (
                            followup_id,
                            cid,
                            oid,
                            _ts(due, sqlite),
                            agent_id,
                            "done" if done else "open",
                            rng.choice((3, 4, 5, 5, 5, 2)) if done else None,
                            "",
                        )
                    )
                    followup_id += 1
                province, city, district, detail, postcode = pools.addresses[addr_idx]
                yield (
                    oid,
                    f"SO{created:%y%m%d}{oid:08d}",
                    f"demo-{oid:012d}",
                    cid,
                    line_id_,
                    state,
                    1,
                    agent_id,
                    reviewer,
                    shipper,
                    pools.names[name_idx],
                    phones_of[phone_pos],
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
                    f"AD{oid:010d}" if shipper else None,
                    head,
                    _ts(created, sqlite),
                    _ts(created + timedelta(minutes=2), sqlite) if actions else None,
                    _ts(at, sqlite),
                )
                if len(lines_rows) > 50_000:
                    flush_children()
                if k % 10_000 == 0:
                    tick("orders", k, n_orders)
            tick("orders", n_orders, n_orders)

        def flush_children() -> None:
            report.order_events += len(event_rows)
            pending_children.append((list(lines_rows), list(event_rows), list(followup_rows)))
            lines_rows.clear()
            event_rows.clear()
            followup_rows.clear()

        pending_children: list[tuple[list[Any], list[Any], list[Any]]] = []
        order_columns = [
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
        ]
        # Orders go in chunks so their lines and events (which reference them) can follow each chunk.
        orders_iter = order_rows()
        while True:
            chunk = [row for _, row in zip(range(20_000), orders_iter, strict=False)]
            if not chunk:
                break
            report.orders += bulk.insert("orders", order_columns, chunk)
            flush_children()
            for lines_chunk, events_chunk, followups_chunk in pending_children:
                bulk.insert(
                    "order_lines",
                    [
                        "id",
                        "order_id",
                        "product_id",
                        "product_name",
                        "unit_price_cents",
                        "quantity",
                        "discount_pct",
                        "line_total_cents",
                    ],
                    lines_chunk,
                )
                bulk.insert(
                    "order_events",
                    [
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
                    ],
                    events_chunk,
                )
                report.followups += bulk.insert(
                    "followups",
                    [
                        "id",
                        "customer_id",
                        "order_id",
                        "due_at",
                        "assigned_to",
                        "status",
                        "satisfaction",
                        "notes",
                    ],
                    followups_chunk,
                )
            pending_children.clear()
        report.by_state = dict(sorted(state_counts.items()))

        n_calls = round(size.customers * size.calls_per_customer)

        def call_rows() -> Iterator[tuple[Any, ...]]:
            for k in range(n_calls):
                call_id = first_call + k
                pos = rng.randrange(size.customers)
                line_id_, _code, dnis_list = rng.choice(ref.lines)
                agent_id, tel = rng.choice(ref.agents)
                offered = now - timedelta(days=rng.randint(0, 360), seconds=rng.randint(0, 86_399))
                abandoned = rng.random() < 0.08
                answered = None if abandoned else offered + timedelta(seconds=rng.randint(2, 40))
                ended = (
                    (offered + timedelta(seconds=rng.randint(5, 60)))
                    if abandoned
                    else (
                        answered + timedelta(seconds=rng.randint(30, 900))  # type: ignore[operator]
                    )
                )
                phone = phones_of[pos]
                yield (
                    call_id,
                    f"demo-call-{call_id}",
                    phone[3:],
                    phone,
                    rng.choice(dnis_list) if dnis_list else "",
                    line_id_,
                    "sales",
                    None if abandoned else agent_id,
                    "" if abandoned else (tel or ""),
                    first_customer + pos,
                    _ts(offered, sqlite),
                    _ts(answered, sqlite) if answered else None,
                    _ts(ended, sqlite),
                    "abandoned" if abandoned else "completed",
                    None if abandoned else rng.choice(ref.dispositions),
                    "" if abandoned else rng.choice(_CALL_NOTES),
                    "",
                    None if abandoned else _ts(ended + timedelta(seconds=30), sqlite),
                )
                if k % 20_000 == 0:
                    tick("calls", k, n_calls)
            tick("calls", n_calls, n_calls)

        report.calls = bulk.insert(
            "calls",
            [
                "id",
                "platform_call_id",
                "ani",
                "ani_e164",
                "dnis",
                "business_line_id",
                "queue",
                "agent_id",
                "agent_telephony_id",
                "customer_id",
                "offered_at",
                "answered_at",
                "ended_at",
                "end_reason",
                "disposition_code",
                "notes",
                "recording_url",
                "wrapped_up_at",
            ],
            call_rows(),
        )
        bulk.reset_sequences(
            [
                "customers",
                "customer_phones",
                "addresses",
                "orders",
                "order_lines",
                "order_events",
                "calls",
                "followups",
            ]
        )
    return report


def _json(value: dict[str, Any]) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)
