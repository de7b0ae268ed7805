"""Money as integer cents (分, fen), and order totals.

Amounts are ``int`` cents everywhere below the UI: floats cannot hold 0.10
exactly and a cash-on-delivery amount printed on a label must be exact.
Text is converted at the edges with :func:`parse_yuan` and :func:`format_yuan`.

Line discounts are whole percentages.  A line's total is rounded half-up to
the cent once, per line, so the totals a customer hears on the phone, the
label and the order list all agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Final

from agent_desk.core.errors import CodedError

__all__ = [
    "MAX_QUANTITY",
    "MAX_UNIT_PRICE_CENTS",
    "MIN_QUANTITY",
    "InvalidAmount",
    "LineInput",
    "LineTotal",
    "OrderValidationError",
    "Totals",
    "compute_totals",
    "format_yuan",
    "parse_yuan",
]

MIN_QUANTITY: Final = 1
MAX_QUANTITY: Final = 999
# 999,999.99 yuan: far above anything sold on a hotline, low enough that a
# slipped finger (an extra three zeros) is caught.
MAX_UNIT_PRICE_CENTS: Final = 99_999_999

_THOUSANDS = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
_AMOUNT = re.compile(r"^(?P<sign>-)?(?P<yuan>\d+)(?:\.(?P<fen>\d{1,2}))?$")


class InvalidAmount(CodedError, ValueError):
    """Text that is not an amount of money; ``code`` says why."""

    messages: ClassVar[Mapping[str, str]] = {
        "money.amount_not_text": "An amount must be text, not {kind}.",
        "money.amount_missing": "No amount given; write it like 128 or 128.50.",
        "money.amount_invalid": (
            "“{text}” is not an amount of money; write it like 128 or 128.50 (at most two decimals)."
        ),
    }


class OrderValidationError(CodedError, ValueError):
    """An order's lines break a rule; ``code`` names the rule, ``params`` the line (1-based ``line``).

    ``line_index`` is the 0-based index of the offending line, or ``None``
    when the problem concerns the whole order.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "money.discount_limit_invalid": "The discount limit must be a whole percentage from 0 to 100, not {given}.",
        "money.quantity_invalid": (
            "Line {line} ({product}): the quantity must be a whole number from {min} to {max}, not {given}."
        ),
        "money.unit_price_invalid": (
            "Line {line} ({product}): the unit price must be between 0.00 and {max} yuan, not {given}."
        ),
        "money.discount_invalid": (
            "Line {line} ({product}): the discount must be a whole percentage of 0 or more, not {given}."
        ),
        "money.discount_over_limit": (
            "Line {line} ({product}): a {discount}% discount is more than the {limit}% you may give."
        ),
    }

    def __init__(self, code: str, /, *, line_index: int | None = None, **params: object) -> None:
        super().__init__(code, **params)
        self.line_index = line_index


@dataclass(frozen=True, slots=True)
class LineInput:
    """One order line as entered: price per unit, how many, discount in percent."""

    unit_price_cents: int
    quantity: int
    discount_pct: int = 0
    label: str = ""  # product name, only used to make messages clearer


@dataclass(frozen=True, slots=True)
class LineTotal:
    gross_cents: int  # unit price × quantity
    discount_cents: int
    net_cents: int  # what the customer pays for this line


@dataclass(frozen=True, slots=True)
class Totals:
    lines: tuple[LineTotal, ...]
    gross_cents: int
    discount_cents: int
    total_cents: int  # what the customer pays; the COD amount on the label
    item_count: int  # sum of quantities


def parse_yuan(text: str) -> int:
    """Parse a yuan amount as typed (``12``, ``12.5``, ``¥1,234.50``, ``１２.５``) to cents.

    Rejects more than two decimals instead of rounding: a price typed as
    ``12.505`` is a typo, not an amount.
    """
    if not isinstance(text, str):
        raise InvalidAmount("money.amount_not_text", kind=type(text).__name__)
    cleaned = _normalise_amount_text(text)
    match = _AMOUNT.match(cleaned)
    if not text.strip():
        raise InvalidAmount("money.amount_missing")
    if match is None:
        shown = text.strip()[:32]
        raise InvalidAmount("money.amount_invalid", text=shown)
    cents = int(match["yuan"]) * 100 + int((match["fen"] or "0").ljust(2, "0"))
    return -cents if match["sign"] else cents


def format_yuan(cents: int, *, symbol: bool = False) -> str:
    """``123450`` → ``1,234.50`` (``¥1,234.50`` with ``symbol=True``)."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError(f"cents must be an int, not {type(cents).__name__}")
    sign = "-" if cents < 0 else ""
    yuan, fen = divmod(abs(cents), 100)
    return f"{sign}{'¥' if symbol else ''}{yuan:,}.{fen:02d}"


def compute_totals(lines: Sequence[LineInput], max_discount_pct: int) -> Totals:
    """Validate the lines and add them up.

    ``max_discount_pct`` is the most an agent may give on a line (0–100,
    from the business line's or the agent's limits).  An empty order totals
    zero; whether it may be submitted is the caller's decision.
    """
    if not _is_int(max_discount_pct) or not 0 <= max_discount_pct <= 100:
        raise OrderValidationError("money.discount_limit_invalid", given=repr(max_discount_pct))
    totals = [_line_total(i, line, max_discount_pct) for i, line in enumerate(lines)]
    return Totals(
        lines=tuple(totals),
        gross_cents=sum(t.gross_cents for t in totals),
        discount_cents=sum(t.discount_cents for t in totals),
        total_cents=sum(t.net_cents for t in totals),
        item_count=sum(line.quantity for line in lines),
    )


def _line_total(index: int, line: LineInput, max_discount_pct: int) -> LineTotal:
    # Lines from the order form always carry the product's name; "—" stands in for a nameless one.
    number, product = index + 1, line.label or "—"
    if not _is_int(line.quantity) or not MIN_QUANTITY <= line.quantity <= MAX_QUANTITY:
        raise OrderValidationError(
            "money.quantity_invalid",
            line_index=index,
            line=number,
            product=product,
            min=MIN_QUANTITY,
            max=MAX_QUANTITY,
            given=repr(line.quantity),
        )
    if not _is_int(line.unit_price_cents) or not (0 <= line.unit_price_cents <= MAX_UNIT_PRICE_CENTS):
        shown = format_yuan(line.unit_price_cents) if _is_int(line.unit_price_cents) else repr(line.unit_price_cents)
        raise OrderValidationError(
            "money.unit_price_invalid",
            line_index=index,
            line=number,
            product=product,
            max=format_yuan(MAX_UNIT_PRICE_CENTS),
            given=shown,
        )
    if not _is_int(line.discount_pct) or line.discount_pct < 0:
        raise OrderValidationError(
            "money.discount_invalid", line_index=index, line=number, product=product, given=repr(line.discount_pct)
        )
    if line.discount_pct > max_discount_pct:
        raise OrderValidationError(
            "money.discount_over_limit",
            line_index=index,
            line=number,
            product=product,
            discount=line.discount_pct,
            limit=max_discount_pct,
        )
    gross = line.unit_price_cents * line.quantity
    # Half-up rounding in integers: + 50 before the floor division by 100.
    net = (gross * (100 - line.discount_pct) + 50) // 100
    return LineTotal(gross_cents=gross, discount_cents=gross - net, net_cents=net)


def _is_int(value: object) -> bool:
    # bool is an int subclass; True as a quantity is a bug upstream, not "1".
    return isinstance(value, int) and not isinstance(value, bool)


def _normalise_amount_text(text: str) -> str:
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for token in ("¥", "元", "RMB", "CNY", " ", "\u00a0"):
        cleaned = cleaned.replace(token, "")
    cleaned = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in cleaned)
    if "," in cleaned:
        # Only thousands separators: "12,50" is a European decimal comma and
        # must not become 1,250 yuan.
        if not _THOUSANDS.match(cleaned):
            return "invalid"
        cleaned = cleaned.replace(",", "")
    return cleaned
