from __future__ import annotations

import pytest
from sqlalchemy import select

from agent_desk.services.customers.editing import AddressInput, CustomerError, CustomerInput, update_customer
from agent_desk.services.customers.search import log_access, search_customers
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import Customer, CustomerAccess
from tests.services.conftest import BEIJING


@pytest.mark.parametrize("query", ["13800138000", "+86 138-0013-8000", "张", "张伟"])
def test_find_by_phone_in_any_format_or_name(ref_db: Database, people: dict[str, int], query: str) -> None:
    with ref_db.factory() as s:
        assert [m.id for m in search_customers(s, query)] == [people["vip"]]


def test_find_by_order_number(demo_db: Database) -> None:
    from agent_desk.store.models import Order

    with demo_db.factory() as s:
        order = s.scalars(select(Order).where(Order.waybill_no.is_not(None))).first()
        assert order is not None
        assert order.customer_id in [m.id for m in search_customers(s, order.order_no)]
        assert order.customer_id in [m.id for m in search_customers(s, order.waybill_no.lower())]


def test_search_odd_input_returns_nothing(ref_db: Database, people: dict[str, int]) -> None:
    with ref_db.factory() as s:
        for query in ["", "   ", "'; DROP TABLE customers; --", "%", "_", "x" * 5000]:
            assert search_customers(s, query) == []


def test_invalid_edit_leaves_the_customer_as_it_was(ref_db: Database, people: dict[str, int]) -> None:
    bad = CustomerInput("张伟伟", [("12", "mobile")], [BEIJING])
    with pytest.raises(CustomerError, match="12"), transaction(ref_db.factory) as s:
        update_customer(s, people["vip"], bad)
    no_city = CustomerInput("张伟伟", [("13800138000", "mobile")], [AddressInput("北京市", "", "", "x")])
    with pytest.raises(CustomerError, match="city"), transaction(ref_db.factory) as s:
        update_customer(s, people["vip"], no_city)
    with ref_db.factory() as s:
        assert s.get(Customer, people["vip"]).name == "张伟"


def test_edit_phones_and_addresses(ref_db: Database, people: dict[str, int]) -> None:
    data = CustomerInput("张伟", [("13800138000", "mobile"), ("021-61001001", "work")], [BEIJING, BEIJING])
    with transaction(ref_db.factory) as s:
        update_customer(s, people["vip"], data)
    with ref_db.factory() as s:
        customer = s.get(Customer, people["vip"])
        assert [p.e164 for p in customer.phones] == ["+8613800138000", "+862161001001"]
        assert len(customer.addresses) == 2
        assert [m.id for m in search_customers(s, "02161001001")] == [people["vip"]]


def test_opening_a_record_is_logged(ref_db: Database, people: dict[str, int]) -> None:
    with transaction(ref_db.factory) as s:
        log_access(s, user_id=1, customer_id=people["vip"], context="pop")
    with ref_db.factory() as s:
        row = s.scalars(select(CustomerAccess)).one()
    assert (row.user_id, row.customer_id, row.context) == (1, people["vip"], "pop")
