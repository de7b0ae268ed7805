"""Demo reference data: business lines with their DNIS, catalogue, wrap-up codes, users and teams.

Read from ``resources/demo/catalogue.toml``; seeding keeps whatever already exists.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.paths import RESOURCES
from agent_desk.services.access.auth import create_user
from agent_desk.services.supervision.teams import add_team
from agent_desk.store.models import BusinessLine, BusinessLineNumber, Disposition, Product, Team, User

CATALOGUE = RESOURCES / "demo" / "catalogue.toml"
DEMO_PASSWORD_SUFFIX = "123"


@dataclass
class SeedReport:
    business_lines: int = 0
    products: int = 0
    users: int = 0
    teams: int = 0


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


def seed_reference(session: Session, catalogue: dict[str, Any] | None = None) -> SeedReport:
    """Business lines, products, dispositions, demo users and teams; existing rows are kept as they are
    (a member already in a team stays in it)."""
    catalogue = catalogue or load_catalogue()
    report = SeedReport()
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
    names = set(session.scalars(select(Team.name)))
    for entry in catalogue.get("team", []):
        if entry["name"] in names:
            continue
        team = add_team(session, entry["name"], leader=entry.get("leader"))
        for user in session.scalars(
            select(User).where(User.username.in_(entry.get("members", [])), User.team_id.is_(None))
        ):
            user.team_id = team.id
        report.teams += 1
    session.flush()
    return report


def reference_of(session: Session) -> Reference:
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
