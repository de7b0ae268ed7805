"""What goes on a courier label (waybill), and the rules a label must meet.

Pure Python: the label renderers in ``agent_desk.labels`` draw a ``Waybill``;
services build one from an order. Nothing here knows about Qt or storage.

Waybill numbers made here look like ``AD00000012340``: a two-letter carrier
prefix, a 10-digit serial and one check digit computed with the Damm
algorithm over the serial. Damm catches every single-digit error and every
swap of two adjacent digits, the check digit included; Luhn misses
``09`` <-> ``90`` and ISO 7064 MOD 11,10 misses about 2 % of adjacent swaps
(both measured while choosing), and plain mod 11 would need an eleventh
symbol. The prefix is not covered: it is a fixed code per carrier account,
not something typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from agent_desk.core.errors import CodedError
from agent_desk.core.money import format_yuan

__all__ = [
    "MAX_COD_CENTS",
    "Address",
    "LabelFieldError",
    "Waybill",
    "check_waybill_number",
    "damm_check_digit",
    "field_errors",
    "format_money",
    "make_waybill_number",
    "validate",
]

SERIAL_DIGITS = 10
# A label prints at most ¥9,999,999.99; more is a typing error, not an order.
MAX_COD_CENTS = 1_000_000_000
# Code 128 on a 100 mm label: 24 characters still fit at 0.25 mm per module.
_WAYBILL_NO = re.compile(r"[A-Z0-9-]{6,24}")
_OUR_WAYBILL_NO = re.compile(rf"([A-Z]{{2}})(\d{{{SERIAL_DIGITS}}})(\d)")
_PREFIX = re.compile(r"[A-Z]{2}")
# Display forms such as "+86 138 0013 8000", "0755-8888 9999" or a masked
# "138****8000"; the canonical phone number is the services' business.
_PHONE_CHARS = re.compile(r"[0-9+\-() *]+")
_POSTCODE = re.compile(r"\d{6}")


class LabelFieldError(CodedError, ValueError):
    """A waybill field that cannot go on a label; ``field`` names it, ``code`` says what is wrong."""

    messages: ClassVar[Mapping[str, str]] = {
        "label.not_text": "{field}: must be text",
        "label.missing": "{field}: is missing",
        "label.control_character": "{field}: contains a line break or control character",
        "label.waybill_no_invalid": "{field}: must be 6 to 24 characters of A-Z, 0-9 and '-' for Code 128",
        "label.phone_invalid": "{field}: is not a phone number",
        "label.postcode_invalid": "{field}: must be six digits or empty",
        "label.cod_not_cents": "{field}: must be a whole number of cents",
        "label.cod_out_of_range": "{field}: must be 0 (prepaid) up to {max}, not {given}",
        "label.date_invalid": "{field}: must be a date",
    }

    def __init__(self, field: str, code: str, **params: object) -> None:
        super().__init__(code, field=field, **params)
        self.field = field


@dataclass(frozen=True, slots=True)
class Address:
    """A mainland-China postal address, largest unit first."""

    province: str
    city: str
    district: str
    detail: str
    postcode: str = ""

    def region(self) -> str:
        """Province, city and district as one line, without repeats.

        Municipalities repeat themselves ("北京市 北京市 朝阳区"); couriers
        print them once.
        """
        parts: list[str] = []
        for part in (self.province, self.city, self.district):
            part = part.strip()
            if part and (not parts or parts[-1] != part):
                parts.append(part)
        return " ".join(parts)

    def one_line(self) -> str:
        return f"{self.region()} {self.detail.strip()}".strip()


@dataclass(frozen=True, slots=True)
class Waybill:
    """Everything printed on one courier label, and the courier's data behind it.

    ``recipient_phone`` is the full number: the courier's system needs it to reach the recipient.
    A privacy waybill (隐私面单) prints ``privacy_phone`` (``138****8000``) instead, so the parcel
    does not carry the number to everyone who handles it.
    """

    waybill_no: str
    order_no: str
    recipient_name: str
    recipient_phone: str
    recipient_address: Address
    cod_amount_cents: int
    item_summary: str
    sender_name: str
    sender_phone: str
    sender_address: str
    created: date
    privacy_phone: str = ""  # the masked number printed on a privacy waybill; empty: print the full one
    delivery_notes: str = ""  # one line printed as 备注 ("call first", a time window); empty: no notes

    @property
    def is_cod(self) -> bool:
        return self.cod_amount_cents > 0

    @property
    def is_privacy(self) -> bool:
        return bool(self.privacy_phone)

    @property
    def printed_phone(self) -> str:
        """The recipient's number as the label prints it."""
        return self.privacy_phone or self.recipient_phone


def format_money(cents: int) -> str:
    """``123450`` -> ``"¥1,234.50"``, as the label prints it (one formatter: core.money)."""
    return format_yuan(cents, symbol=True)


# H. Michael Damm's totally anti-symmetric quasigroup of order 10 (2004).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def damm_check_digit(digits: str) -> int:
    """The Damm check digit of a decimal string (``"572"`` -> ``4``)."""
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][int(ch)]
    return interim


def make_waybill_number(prefix: str, serial: int) -> str:
    """``make_waybill_number("AD", 1234)`` -> ``"AD00000012340"``."""
    if not _PREFIX.fullmatch(prefix):
        raise ValueError(f"waybill prefix must be two capital letters A-Z, not {prefix!r}")
    if isinstance(serial, bool) or not 0 <= serial < 10**SERIAL_DIGITS:
        raise ValueError(f"waybill serial must be 0..{10**SERIAL_DIGITS - 1}, not {serial!r}")
    body = f"{serial:0{SERIAL_DIGITS}d}"
    return f"{prefix}{body}{damm_check_digit(body)}"


def check_waybill_number(number: str) -> bool:
    """True if ``number`` is one of ours and its check digit is right."""
    match = _OUR_WAYBILL_NO.fullmatch(number)
    return match is not None and damm_check_digit(match[2] + match[3]) == 0


def _text_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return "label.not_text"
    if not value.strip():
        return "label.missing"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in value):
        return "label.control_character"
    return None


def field_errors(waybill: Waybill) -> list[LabelFieldError]:
    """Every problem with ``waybill``, in label order (empty when printable)."""
    errors: list[LabelFieldError] = []

    def need_text(name: str, value: object, *, required: bool = True) -> bool:
        if not required and value == "":
            return False
        problem = _text_problem(value)
        if problem:
            errors.append(LabelFieldError(name, problem))
            return False
        return True

    if need_text("waybill_no", waybill.waybill_no) and not _WAYBILL_NO.fullmatch(waybill.waybill_no):
        errors.append(LabelFieldError("waybill_no", "label.waybill_no_invalid"))
    need_text("order_no", waybill.order_no)
    need_text("recipient_name", waybill.recipient_name)
    for name, phone, required in (
        ("recipient_phone", waybill.recipient_phone, True),
        ("privacy_phone", waybill.privacy_phone, False),
    ):
        if need_text(name, phone, required=required) and (
            not _PHONE_CHARS.fullmatch(phone) or sum(ch.isdigit() for ch in phone) < 5
        ):
            errors.append(LabelFieldError(name, "label.phone_invalid"))

    address = waybill.recipient_address
    if not isinstance(address, Address):
        errors.append(LabelFieldError("recipient_address", "label.missing"))
    else:
        # Some prefecture-level cities (东莞, 中山, 儋州) have no district.
        need_text("recipient_address.province", address.province)
        need_text("recipient_address.city", address.city)
        need_text("recipient_address.district", address.district, required=False)
        need_text("recipient_address.detail", address.detail)
        if address.postcode and not _POSTCODE.fullmatch(address.postcode):
            errors.append(LabelFieldError("recipient_address.postcode", "label.postcode_invalid"))

    cod = waybill.cod_amount_cents
    if isinstance(cod, bool) or not isinstance(cod, int):
        errors.append(LabelFieldError("cod_amount_cents", "label.cod_not_cents"))
    elif not 0 <= cod < MAX_COD_CENTS:
        errors.append(
            LabelFieldError(
                "cod_amount_cents",
                "label.cod_out_of_range",
                max=format_money(MAX_COD_CENTS - 1),
                given=format_money(cod),
            )
        )
    need_text("item_summary", waybill.item_summary)
    need_text("delivery_notes", waybill.delivery_notes, required=False)
    need_text("sender_name", waybill.sender_name)
    need_text("sender_phone", waybill.sender_phone)
    need_text("sender_address", waybill.sender_address)
    if not isinstance(waybill.created, date):
        errors.append(LabelFieldError("created", "label.date_invalid"))
    return errors


def validate(waybill: Waybill) -> None:
    """Raise ``LabelFieldError`` for the first field that cannot be printed."""
    errors = field_errors(waybill)
    if errors:
        raise errors[0]
