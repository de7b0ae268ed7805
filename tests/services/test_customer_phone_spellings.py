"""A number written on a form with its country code in parentheses files and finds one customer."""

from __future__ import annotations

import pytest

from agent_desk.services.customers.editing import CustomerError, CustomerInput, create_customer
from agent_desk.services.customers.search import search_customers
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import Customer
from tests.services.conftest import BEIJING


def test_a_customer_typed_with_the_country_code_in_parentheses(ref_db: Database) -> None:
    phones = [("(+86) 139 0013 9000", "mobile"), ("（+86）010-1234-5678", "home")]
    with transaction(ref_db.factory) as s:
        customer_id = create_customer(s, CustomerInput("赵敏", phones, [BEIJING]))
    with ref_db.factory() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        assert [p.e164 for p in customer.phones] == ["+8613900139000", "+861012345678"]
        for query in ("(+86)13900139000", "(0086) 139-0013-9000", "13900139000"):
            assert [m.id for m in search_customers(s, query)] == [customer_id]


def test_garbage_in_parentheses_is_still_refused_on_the_form(ref_db: Database) -> None:
    with pytest.raises(CustomerError, match=r"\(\+86\) 123"), transaction(ref_db.factory) as s:
        create_customer(s, CustomerInput("赵敏", [("(+86) 123", "mobile")], [BEIJING]))
