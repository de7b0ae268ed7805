"""ZPL II for thermal printers: the barcode field, the money, the text fitting."""

from __future__ import annotations

import re

import pytest

from agent_desk.core.waybill import LabelFieldError, make_waybill_number
from agent_desk.labels.zpl import batch_zpl, waybill_zpl, wrap_for_zpl

from .conftest import sample_waybill


def field_data(zpl: str) -> list[str]:
    return re.findall(r"\^FD(.*?)\^FS", zpl)


def test_barcode_field_carries_the_waybill_number() -> None:
    waybill = sample_waybill()
    zpl = waybill_zpl(waybill)
    match = re.search(r"\^BY(\d+),3,(\d+)\^FO(\d+),(\d+)\^BCN,\d+,N,N,N,A\^FD([^^]+)\^FS", zpl)
    assert match, zpl
    assert match[5] == waybill.waybill_no
    module, x = int(match[1]), int(match[3])
    assert module >= 2  # at least 0.25 mm at 203 dpi
    assert x >= 10 * module  # quiet zone inside the 800-dot label


def test_cod_amount_is_printed_large() -> None:
    zpl = waybill_zpl(sample_waybill(cod_amount_cents=129_800))
    line = next(ln for ln in zpl.splitlines() if "^FD¥1,298.00^FS" in ln)
    height = int(re.search(r"\^A@N,(\d+),", line)[1])
    assert height >= 48  # 6 mm and up
    assert "代收货款" in field_data(zpl)
    assert "已付款 PREPAID" not in field_data(zpl)


def test_prepaid_label_has_no_amount() -> None:
    zpl = waybill_zpl(sample_waybill(cod_amount_cents=0))
    assert "已付款 PREPAID" in field_data(zpl)
    assert not any("¥" in data for data in field_data(zpl))


def test_label_is_utf8_with_a_named_cjk_font() -> None:
    zpl = waybill_zpl(sample_waybill(), cjk_font="E:SIMSUN.FNT")
    assert zpl.startswith("^XA\n^CI28\n^PW800\n^LL1200\n")
    assert zpl.rstrip().endswith("^XZ")
    assert "^A@N,52,52,E:SIMSUN.FNT^FH^FD欧阳晓明^FS" in zpl


def test_command_characters_in_text_cannot_break_the_label() -> None:
    zpl = waybill_zpl(sample_waybill(item_summary="^XZ~JR 礼盒_A"))
    assert "^FH^FD_5EXZ_7EJR 礼盒_5FA^FS" in zpl
    assert zpl.count("^XZ") == 1


def test_batch_holds_one_label_per_waybill() -> None:
    waybills = [sample_waybill(waybill_no=make_waybill_number("AD", n)) for n in range(5)]
    zpl = batch_zpl(waybills)
    assert zpl.count("^XA") == zpl.count("^XZ") == 5
    assert [m for m in re.findall(r"\^BC[^\^]*\^FD([^^]+)", zpl)] == [w.waybill_no for w in waybills]


def test_bad_waybill_is_refused() -> None:
    with pytest.raises(LabelFieldError, match="recipient_name"):
        waybill_zpl(sample_waybill(recipient_name=""))


def width(text: str, h: int) -> float:
    import unicodedata

    return sum(h if unicodedata.east_asian_width(c) in "WFA" else 0.6 * h for c in text)


def test_long_text_shrinks_before_it_is_cut() -> None:
    text = "广东省 深圳市 南山区 粤海街道科技园南区高新南一道 6 号 TCL 大厦 B 座 1203 室"
    size, lines = wrap_for_zpl(text, 600, 200, 40, 20, max_lines=7)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(width(line, size) <= 600 for line in lines)
    assert len(lines) * size <= 200


def test_text_that_cannot_fit_ends_in_an_ellipsis() -> None:
    text = "智能颈椎按摩仪豪华版 ×1；" * 40
    size, lines = wrap_for_zpl(text, 600, 120, 40, 26, max_lines=3)
    assert size == 26
    assert len(lines) <= 3
    assert lines[-1].endswith("…")
    assert all(width(line, size) <= 600 for line in lines)
    assert "".join(lines).startswith("智能颈椎按摩仪豪华版")


def test_closing_punctuation_never_starts_a_line() -> None:
    # Ten characters fit per line; the eleventh is a bracket and takes 十 with it.
    _size, lines = wrap_for_zpl("一二三四五六七八九十）", 10 * 30, 300, 30, 30, max_lines=5)
    assert lines == ["一二三四五六七八九", "十）"]
