"""Privacy waybills (隐私面单) and delivery notes: what the label prints, and what the courier's data keeps.

Issue 16 (14). The PDF is read back by poppler (text) and zbar (barcode), the ZPL by its field data,
the courier's file by the csv module: the printed phone is masked, the courier's phone is whole.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from PySide6.QtWidgets import QApplication

from agent_desk.core.waybill import LabelFieldError
from agent_desk.labels.courier import COURIER_COLUMNS, courier_csv
from agent_desk.labels.pdf import render_pdf
from agent_desk.labels.zpl import waybill_zpl

from .conftest import decode_barcodes, need_tools, run, sample_waybill

FULL, MASKED = "138 0013 8000", "138****8000"
NOTES = "请先打电话；工作日 18:00 后送达"


def _private(**changes: object):  # type: ignore[no-untyped-def]
    return sample_waybill(privacy_phone=MASKED, delivery_notes=NOTES, **changes)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_privacy_label_prints_the_masked_phone_and_the_notes(qapp: QApplication, tmp_path: Path) -> None:
    need_tools("pdftotext")
    waybill = _private()
    pdf = tmp_path / "private.pdf"
    render_pdf([waybill], pdf)
    text = run("pdftotext", "-layout", pdf, "-")
    assert MASKED in text
    assert "13800138000" not in _squash(text), "the full number is not on the parcel"
    assert "备注" in text and "请先打电话" in _squash(text) and "18:00后送达" in _squash(text)
    assert decode_barcodes(pdf) == [waybill.waybill_no]


def test_an_ordinary_label_prints_the_full_phone_and_no_empty_notes(qapp: QApplication, tmp_path: Path) -> None:
    need_tools("pdftotext")
    pdf = tmp_path / "plain.pdf"
    render_pdf([sample_waybill()], pdf)
    text = run("pdftotext", "-layout", pdf, "-")
    assert FULL in text and "****" not in text
    assert "备注" not in text


def test_zpl_prints_the_masked_phone_and_the_notes() -> None:
    fields = re.findall(r"\^FD(.*?)\^FS", waybill_zpl(_private()))
    assert MASKED in fields and FULL not in fields
    assert "备注" in fields and "请先打电话" in "".join(fields)
    plain = re.findall(r"\^FD(.*?)\^FS", waybill_zpl(sample_waybill()))
    assert FULL in plain and "备注" not in plain


def test_the_courier_file_keeps_the_full_phone_of_a_privacy_waybill() -> None:
    text = courier_csv([_private(), sample_waybill(cod_amount_cents=0)])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [heading for _key, heading in COURIER_COLUMNS]
    header = rows[0]
    private, prepaid = (dict(zip(header, row, strict=True)) for row in rows[1:])
    assert private["收件人电话"] == FULL and MASKED not in text
    assert (private["隐私面单"], prepaid["隐私面单"]) == ("是", "否")
    assert private["备注"] == NOTES and private["代收货款"] == "1298.00" and prepaid["代收货款"] == "0.00"
    assert private["运单号"] == sample_waybill().waybill_no


def test_a_formula_typed_as_a_name_stays_text_in_the_courier_file() -> None:
    rows = list(csv.reader(io.StringIO(courier_csv([sample_waybill(recipient_name="=HYPERLINK(1)")]))))
    assert rows[1][2] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"privacy_phone": "call me"}, "privacy_phone"), ({"delivery_notes": "先打电话\n再送"}, "delivery_notes")],
)
def test_a_bad_privacy_phone_or_notes_is_refused(changes: dict[str, str], field: str) -> None:
    with pytest.raises(LabelFieldError) as caught:
        waybill_zpl(sample_waybill(**changes))
    assert caught.value.field == field
