"""Money in cents and order totals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent_desk.core.money import (
    MAX_QUANTITY,
    MAX_UNIT_PRICE_CENTS,
    InvalidAmount,
    LineInput,
    OrderValidationError,
    compute_totals,
    format_yuan,
    parse_yuan,
)


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("12.50", 1250),
        ("0.01", 1),
        ("0", 0),
        ("¥1,234.50", 123450),
        ("￥199", 19900),
        ("199元", 19900),
        (" 1 234.00 ", 123400),
        ("１２.５", 1250),  # full-width from a Chinese IME
        ("-3.2", -320),
        ("1,000,000", 100000000),
    ],
)
def test_parse_yuan(text: str, cents: int) -> None:
    assert parse_yuan(text) == cents


@pytest.mark.parametrize(
    "text",
    ["", "  ", "abc", "12.505", "12,50", "1,2,3", "1.2.3", "12.", ".5", "--1", "1e3", "NaN"],
)
def test_parse_yuan_refuses_what_is_no_amount(text: str) -> None:
    with pytest.raises(InvalidAmount) as info:
        parse_yuan(text)
    message = str(info.value)
    assert "128.50" in message  # tells the user how to write it
    if text.strip():
        assert text.strip() in message


def test_european_decimal_comma_is_not_a_thousand_times_the_price() -> None:
    with pytest.raises(InvalidAmount):
        parse_yuan("12,50")


def test_format_yuan() -> None:
    assert format_yuan(0) == "0.00"
    assert format_yuan(5) == "0.05"
    assert format_yuan(123450) == "1,234.50"
    assert format_yuan(123450, symbol=True) == "¥1,234.50"
    assert format_yuan(-5) == "-0.05"
    with pytest.raises(TypeError):
        format_yuan(1.5)  # type: ignore[arg-type]


@given(st.integers(-(10**12), 10**12))
def test_format_then_parse_round_trips(cents: int) -> None:
    assert parse_yuan(format_yuan(cents)) == cents
    assert parse_yuan(format_yuan(cents, symbol=True)) == cents


def test_totals_of_a_typical_order() -> None:
    totals = compute_totals(
        [
            LineInput(unit_price_cents=19900, quantity=3, discount_pct=10, label="Massage pillow"),
            LineInput(unit_price_cents=5990, quantity=1),
            LineInput(unit_price_cents=0, quantity=2, label="Gift towel"),
        ],
        max_discount_pct=20,
    )
    assert totals.gross_cents == 59700 + 5990
    assert totals.discount_cents == 5970
    assert totals.total_cents == 53730 + 5990
    assert totals.item_count == 6
    assert [t.net_cents for t in totals.lines] == [53730, 5990, 0]


def test_line_discount_rounds_half_up_to_the_cent() -> None:
    # 0.05 yuan at 50% is 2.5 fen: the customer pays 3 fen, once, per line.
    totals = compute_totals([LineInput(5, 1, 50)], max_discount_pct=50)
    assert totals.total_cents == 3
    assert totals.discount_cents == 2
    # 0.33 × 3 at 10% = 89.1 fen → 89.
    assert compute_totals([LineInput(33, 3, 10)], 10).total_cents == 89


def test_empty_order_totals_zero() -> None:
    totals = compute_totals([], max_discount_pct=0)
    assert (totals.total_cents, totals.item_count, totals.lines) == (0, 0, ())


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        (LineInput(100, 0), "quantity must be a whole number from 1 to 999, not 0"),
        (LineInput(100, MAX_QUANTITY + 1), "not 1000"),
        (LineInput(100, -1), "quantity"),
        (LineInput(100, True), "quantity"),  # type: ignore[arg-type]
        (LineInput(100, 1.5), "quantity"),  # type: ignore[arg-type]
        (LineInput(-1, 1), "unit price must be between 0.00 and 999,999.99 yuan, not -0.01"),
        (LineInput(MAX_UNIT_PRICE_CENTS + 1, 1), "unit price"),
        (LineInput(12.5, 1), "unit price"),  # type: ignore[arg-type]
        (LineInput(100, 1, -5), "discount must be a whole percentage"),
        (LineInput(100, 1, 25), "a 25% discount is more than the 20% you may give"),
    ],
)
def test_invalid_lines_are_named_in_the_message(line: LineInput, fragment: str) -> None:
    good = LineInput(100, 1)
    with pytest.raises(OrderValidationError) as info:
        compute_totals([good, line], max_discount_pct=20)
    assert fragment in str(info.value)
    assert str(info.value).startswith("Line 2")
    assert info.value.line_index == 1


def test_message_names_the_product() -> None:
    with pytest.raises(OrderValidationError, match=r"^Line 1 \(Foot spa\): the quantity"):
        compute_totals([LineInput(100, 0, label="Foot spa")], max_discount_pct=0)


@pytest.mark.parametrize("limit", [-1, 101, True, 10.0])
def test_discount_limit_itself_is_checked(limit: object) -> None:
    with pytest.raises(OrderValidationError, match="discount limit"):
        compute_totals([LineInput(100, 1)], max_discount_pct=limit)  # type: ignore[arg-type]


def test_limits_are_inclusive() -> None:
    totals = compute_totals([LineInput(MAX_UNIT_PRICE_CENTS, MAX_QUANTITY, 20), LineInput(0, 1, 0)], 20)
    assert totals.item_count == MAX_QUANTITY + 1


_LINES = st.builds(
    LineInput,
    unit_price_cents=st.integers(0, MAX_UNIT_PRICE_CENTS),
    quantity=st.integers(1, MAX_QUANTITY),
    discount_pct=st.integers(0, 30),
)


@given(st.lists(_LINES, max_size=20))
def test_totals_add_up(lines: list[LineInput]) -> None:
    totals = compute_totals(lines, max_discount_pct=30)
    assert totals.gross_cents == totals.discount_cents + totals.total_cents
    assert totals.total_cents == sum(t.net_cents for t in totals.lines)
    for line, result in zip(lines, totals.lines, strict=True):
        assert 0 <= result.net_cents <= result.gross_cents
        # Never more than half a fen away from the exact discounted price.
        exact = line.unit_price_cents * line.quantity * (100 - line.discount_pct)
        assert abs(result.net_cents * 100 - exact) <= 50
