"""Waybill numbers, money and the field rules a printable label must meet."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent_desk.core.waybill import (
    Address,
    LabelFieldError,
    check_waybill_number,
    damm_check_digit,
    field_errors,
    format_money,
    make_waybill_number,
    validate,
)

from .conftest import sample_waybill


def test_check_digit_matches_the_published_damm_example() -> None:
    # The worked example in Damm's algorithm description: 572 -> 4.
    assert damm_check_digit("572") == 4
    assert make_waybill_number("AD", 572) == "AD00000005724"


def test_number_has_prefix_ten_digits_and_check_digit() -> None:
    number = make_waybill_number("SF", 1234)
    assert number.startswith("SF0000001234")
    assert len(number) == 13
    assert check_waybill_number(number)


@given(st.integers(min_value=0, max_value=10**10 - 1))
def test_every_single_digit_error_and_adjacent_swap_is_caught(serial: int) -> None:
    number = make_waybill_number("AD", serial)
    assert check_waybill_number(number)
    digits = number[2:]
    for i, digit in enumerate(digits):
        for other in "0123456789":
            if other != digit:
                typo = number[:2] + digits[:i] + other + digits[i + 1 :]
                assert not check_waybill_number(typo), typo
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
            assert not check_waybill_number(number[:2] + swapped), swapped


@pytest.mark.parametrize(
    "text",
    ["", "AD0000001234", "AD000000123445", "ad00000012344", "AD0000001234X", "AD00000005725"],
)
def test_malformed_numbers_are_rejected(text: str) -> None:
    assert not check_waybill_number(text)


@pytest.mark.parametrize(
    ("prefix", "serial"), [("A", 1), ("ad", 1), ("A1", 1), ("AD", -1), ("AD", 10**10), ("AD", True)]
)
def test_bad_prefix_or_serial_is_refused(prefix: str, serial: int) -> None:
    with pytest.raises(ValueError):
        make_waybill_number(prefix, serial)


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "¥0.00"),
        (5, "¥0.05"),
        (123_450, "¥1,234.50"),
        (99_999_999_999, "¥999,999,999.99"),
        (-1_050, "-¥10.50"),
    ],
)
def test_money_is_formatted_from_integer_cents(cents: int, text: str) -> None:
    assert format_money(cents) == text


def test_a_complete_waybill_is_valid() -> None:
    validate(sample_waybill())
    assert field_errors(sample_waybill()) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"recipient_name": ""}, "recipient_name"),
        ({"recipient_name": "   "}, "recipient_name"),
        ({"recipient_name": "张三\n李四"}, "recipient_name"),
        ({"recipient_phone": "call me"}, "recipient_phone"),
        (
            {"recipient_address": Address("广东省", "深圳市", "南山区", "")},
            "recipient_address.detail",
        ),
        (
            {"recipient_address": Address("广东省", "", "南山区", "科技园")},
            "recipient_address.city",
        ),
        (
            {"recipient_address": Address("", "深圳市", "南山区", "科技园")},
            "recipient_address.province",
        ),
        (
            {"recipient_address": Address("广东省", "深圳市", "", "科技园", "51805")},
            "recipient_address.postcode",
        ),
        ({"recipient_address": None}, "recipient_address"),
        ({"cod_amount_cents": -1}, "cod_amount_cents"),
        ({"cod_amount_cents": 12.5}, "cod_amount_cents"),
        ({"cod_amount_cents": True}, "cod_amount_cents"),
        ({"cod_amount_cents": 10**9}, "cod_amount_cents"),
        ({"waybill_no": "AD 123"}, "waybill_no"),
        ({"waybill_no": "单号123456"}, "waybill_no"),
        ({"item_summary": ""}, "item_summary"),
        ({"sender_name": ""}, "sender_name"),
        ({"order_no": ""}, "order_no"),
        ({"created": "2026-11-22"}, "created"),
    ],
)
def test_bad_field_is_named_in_the_error(changes: dict[str, object], field: str) -> None:
    waybill = sample_waybill(**changes)
    with pytest.raises(LabelFieldError) as caught:
        validate(waybill)
    assert caught.value.field == field
    assert field in str(caught.value)


def test_all_problems_are_listed_for_the_form() -> None:
    waybill = sample_waybill(recipient_name="", recipient_address=Address("", "", "", ""))
    fields = [error.field for error in field_errors(waybill)]
    assert fields == [
        "recipient_name",
        "recipient_address.province",
        "recipient_address.city",
        "recipient_address.detail",
    ]


def test_masked_phone_and_missing_district_are_printable() -> None:
    # 东莞 has no districts; privacy labels mask the middle digits.
    validate(
        sample_waybill(
            recipient_phone="138****8000",
            recipient_address=Address("广东省", "东莞市", "", "松山湖园区新竹路 4 号"),
        )
    )


def test_municipality_is_not_repeated_in_the_address_line() -> None:
    address = Address("北京市", "北京市", "朝阳区", "建国路 88 号")
    assert address.one_line() == "北京市 朝阳区 建国路 88 号"


def test_prepaid_is_zero_cod() -> None:
    assert not sample_waybill(cod_amount_cents=0).is_cod
    assert replace(sample_waybill(), cod_amount_cents=1).is_cod
