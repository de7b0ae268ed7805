"""The courier's data for a batch of waybills: one CSV row a parcel, for the courier's bulk import.

A privacy waybill (隐私面单) prints the recipient's phone masked; the courier's system still needs
the full number to reach the recipient, so this file carries ``Waybill.recipient_phone``, never the
printed form. Pure text, no Qt, like ``zpl``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from agent_desk.core.waybill import Waybill, validate

__all__ = ["COURIER_COLUMNS", "courier_csv", "courier_record"]

# (key, heading): the headings are the couriers' own words, as their import templates name them.
COURIER_COLUMNS = (
    ("waybill_no", "运单号"),
    ("order_no", "订单号"),
    ("recipient_name", "收件人"),
    ("recipient_phone", "收件人电话"),
    ("province", "省"),
    ("city", "市"),
    ("district", "区"),
    ("address", "详细地址"),
    ("postcode", "邮编"),
    ("cod", "代收货款"),
    ("items", "物品"),
    ("notes", "备注"),
    ("privacy", "隐私面单"),
    ("sender_name", "寄件人"),
    ("sender_phone", "寄件人电话"),
    ("sender_address", "寄件地址"),
)
# Free text a spreadsheet would read as a formula (=HYPERLINK(…) typed as a name) is kept as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FREE_TEXT = frozenset({"recipient_name", "address", "items", "notes", "sender_name", "sender_address"})


def courier_record(waybill: Waybill) -> dict[str, str]:
    """One parcel as the courier's system takes it: the full phone number, whatever the label prints."""
    address = waybill.recipient_address
    return {
        "waybill_no": waybill.waybill_no,
        "order_no": waybill.order_no,
        "recipient_name": waybill.recipient_name,
        "recipient_phone": waybill.recipient_phone,
        "province": address.province,
        "city": address.city,
        "district": address.district,
        "address": address.detail,
        "postcode": address.postcode,
        "cod": f"{waybill.cod_amount_cents // 100}.{waybill.cod_amount_cents % 100:02d}",  # yuan, as imports read it
        "items": waybill.item_summary,
        "notes": waybill.delivery_notes,
        "privacy": "是" if waybill.is_privacy else "否",
        "sender_name": waybill.sender_name,
        "sender_phone": waybill.sender_phone,
        "sender_address": waybill.sender_address,
    }


def _cell(key: str, value: str) -> str:
    return "'" + value if key in _FREE_TEXT and value.startswith(_FORMULA_START) else value


def courier_csv(waybills: Iterable[Waybill]) -> str:
    """The batch as CSV with a heading row; validates every waybill before writing any row.

    Write it with ``encoding="utf-8-sig"``: the couriers' tools and Excel then read the Chinese right.
    """
    batch = list(waybills)
    for waybill in batch:
        validate(waybill)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for _key, heading in COURIER_COLUMNS])
    for waybill in batch:
        record = courier_record(waybill)
        writer.writerow([_cell(key, record[key]) for key, _heading in COURIER_COLUMNS])
    return out.getvalue()
