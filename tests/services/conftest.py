from __future__ import annotations

import pytest

from agent_desk.services.customers.editing import AddressInput, CustomerInput, create_customer
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import BlacklistEntry, Customer

BEIJING = AddressInput("北京市", "北京市", "海淀区", "中关村大街1号3栋502室", "100080")


def make_people(database: Database) -> dict[str, int]:
    """A known cast on top of the reference data: a VIP, a blacklisted one, a family sharing one phone."""
    with transaction(database.factory) as s:
        ids = {
            "vip": create_customer(s, CustomerInput("张伟", [("13800138000", "mobile")], [BEIJING])),
            "plain": create_customer(
                s, CustomerInput("Li Na", [("+86 139 0013 9000", "mobile"), ("010-12345678", "home")], [BEIJING])
            ),
            "black": create_customer(s, CustomerInput("刘骗", [("13700137000", "mobile")], [])),
            "family_a": create_customer(s, CustomerInput("王芳", [("13600136000", "mobile")], [BEIJING])),
            "family_b": create_customer(s, CustomerInput("王强", [("136-0013-6000", "family")], [BEIJING])),
        }
        vip = s.get(Customer, ids["vip"])
        assert vip is not None
        vip.vip, vip.vip_note = True, "年消费满万元"
        black = s.get(Customer, ids["black"])
        assert black is not None
        black.blacklisted, black.blacklist_reason = True, "多次恶意拒收"
        s.add(BlacklistEntry(e164="+8613500135000", reason="骚扰电话"))
    return ids


@pytest.fixture
def people(ref_db: Database) -> dict[str, int]:
    return make_people(ref_db)
