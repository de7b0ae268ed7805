"""The screen pop: everything the agent needs about a caller, from ANI and DNIS, in a few milliseconds.

Runs without Qt (the desk calls it on its worker thread; ``agent-desk pop`` prints it). Built on
the customer record of :mod:`agent_desk.services.customers.records`, which it fills after a unique
match; queries are prebuilt Core statements with bind parameters, as there.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, select

from agent_desk.core.phone import InvalidPhoneNumber, is_withheld, normalize
from agent_desk.services.customers.records import (
    CustomerMatch,
    CustomerRecord,
    Db,
    as_connection,
    fill_history,
    phone_views,
)
from agent_desk.store.models import (
    BlacklistEntry,
    BusinessLine,
    BusinessLineNumber,
    Customer,
    CustomerPhone,
    KnowledgeArticle,
    KnowledgeArticleLine,
)

#: The tables and indexes a pop reads, most used first: what a desk prewarms at start.
POP_RELATIONS = (
    "ix_customer_phones_e164_customer",
    "ix_customer_phones_customer_id",
    "customer_phones",
    "customers",
    "addresses",
    "ix_addresses_customer_id",
    "ix_orders_customer_returned",
    "ix_orders_customer_history",
    "ix_order_lines_order_items",
    "ix_followups_customer_status_due",
    "followups",
    "ix_calls_customer_offered",
    "calls",
)


@dataclass(frozen=True)
class BusinessLineView:
    id: int
    code: str
    name: str
    product_line: str
    advert_name: str
    call_script: str
    acw_limit_seconds: int | None = None  # after-call work on this line; None: the desk's default


@dataclass(frozen=True)
class ArticleLink:
    id: int
    title: str


@dataclass(kw_only=True)
class PopResult(CustomerRecord):
    """What the pop shows: the caller's number and line, and the customer record when exactly one
    customer matches (``card`` and the histories)."""

    ani: str
    dnis: str
    ani_e164: str | None = None
    withheld: bool = False
    invalid_reason: str = ""
    lookup_error: str = ""  # the database could not be read: the desk shows the number and retries
    business_line: BusinessLineView | None = None
    matches: list[CustomerMatch] = field(default_factory=list)
    number_blacklisted: bool = False
    number_blacklist_reason: str = ""
    suggested_articles: list[ArticleLink] = field(default_factory=list)

    @property
    def is_unknown(self) -> bool:
        return not self.withheld and not self.invalid_reason and not self.lookup_error and not self.matches

    @property
    def needs_picker(self) -> bool:
        return len(self.matches) > 1

    @property
    def blacklisted(self) -> bool:
        return self.number_blacklisted or any(m.blacklisted for m in self.matches)

    @property
    def vip(self) -> bool:
        return any(m.vip for m in self.matches)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["unknown"] = self.is_unknown
        data["blacklisted"] = self.blacklisted
        data["vip"] = self.vip
        return data


# --- prebuilt statements ---------------------------------------------------------------------------

_customers_by_phone = (
    select(Customer.id, Customer.name, Customer.vip, Customer.blacklisted)
    .join(CustomerPhone, CustomerPhone.customer_id == Customer.id)
    .where(CustomerPhone.e164 == bindparam("e164"))
    .distinct()
    .order_by(Customer.id)
)
_blacklisted_number = select(BlacklistEntry.reason).where(BlacklistEntry.e164 == bindparam("e164"))
_line_by_dnis = (
    select(
        BusinessLine.id,
        BusinessLine.code,
        BusinessLine.name,
        BusinessLine.product_line,
        BusinessLine.advert_name,
        BusinessLine.call_script,
        BusinessLine.acw_limit_seconds,
    )
    .join(BusinessLineNumber, BusinessLineNumber.business_line_id == BusinessLine.id)
    .where(BusinessLineNumber.dnis == bindparam("dnis"), BusinessLine.active)
)
_line_articles = (
    select(KnowledgeArticle.id, KnowledgeArticle.title)
    .join(KnowledgeArticleLine, KnowledgeArticleLine.article_id == KnowledgeArticle.id)
    .where(KnowledgeArticleLine.business_line_id == bindparam("line"), KnowledgeArticle.status == "published")
    .order_by(KnowledgeArticle.updated_at.desc())
    .limit(5)
)


def dnis_key(dnis: str) -> str:
    """Platforms report the dialled number with or without +86 / 0086: compare digits, national form."""
    digits = "".join(ch for ch in dnis if ch.isdigit())
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 10:
            return digits[len(prefix) :]
    return digits


class _LineCache:
    """Business lines and their suggested articles change a few times a day; a pop needs them every call."""

    TTL = 60.0

    def __init__(self) -> None:
        self._entries: dict[tuple[int, str], tuple[float, BusinessLineView | None, list[ArticleLink]]] = {}

    def get(self, conn: Connection, dnis: str) -> tuple[BusinessLineView | None, list[ArticleLink]]:
        key = (id(conn.engine), dnis_key(dnis))
        hit = self._entries.get(key)
        if hit is not None and time.monotonic() - hit[0] < self.TTL:
            return hit[1], hit[2]
        row = conn.execute(_line_by_dnis, {"dnis": key[1]}).first()
        line = BusinessLineView(*row) if row else None
        articles = [ArticleLink(*r) for r in conn.execute(_line_articles, {"line": line.id})] if line else []
        self._entries[key] = (time.monotonic(), line, articles)
        return line, articles

    def clear(self) -> None:
        self._entries.clear()


line_cache = _LineCache()


def lookup_business_line(db: Db, dnis: str) -> BusinessLineView | None:
    if not dnis:
        return None
    row = as_connection(db).execute(_line_by_dnis, {"dnis": dnis_key(dnis)}).first()
    return BusinessLineView(*row) if row else None


def screen_pop(db: Db, ani: str, dnis: str = "", *, region: str = "CN") -> PopResult:
    """Everything the pop shows for a caller. Never raises for odd numbers: the result says what was wrong."""
    conn = as_connection(db)
    result = PopResult(ani=ani, dnis=dnis)
    if dnis:
        result.business_line, result.suggested_articles = line_cache.get(conn, dnis)
    if is_withheld(ani):
        result.withheld = True
        return result
    try:
        e164 = normalize(ani, region)
    except InvalidPhoneNumber as exc:
        result.invalid_reason = str(exc)
        return result
    result.ani_e164 = e164
    reason = conn.execute(_blacklisted_number, {"e164": e164}).scalar()
    if reason is not None:
        result.number_blacklisted, result.number_blacklist_reason = True, reason
    rows = list(conn.execute(_customers_by_phone, {"e164": e164}))
    if rows:
        phones = phone_views(conn, [r.id for r in rows], region)
        result.matches = [CustomerMatch(r.id, r.name, r.vip, r.blacklisted, phones.get(r.id, [])) for r in rows]
        if len(rows) == 1:
            fill_history(conn, result, rows[0].id, region, phones.get(rows[0].id, []))
    return result
