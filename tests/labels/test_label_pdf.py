"""Labels to PDF, checked with independent tools: poppler renders, zbar reads."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from agent_desk.core.waybill import Address, LabelFieldError, make_waybill_number
from agent_desk.labels.layout import FONT_FAMILIES
from agent_desk.labels.pdf import ensure_gui_app, render_pdf

from .conftest import decode_barcodes, need_tools, pdf_page_count, run, sample_waybill


def test_barcode_on_a_chinese_label_decodes_to_the_waybill_number(qapp: QApplication, tmp_path: Path) -> None:
    waybill = sample_waybill()
    pdf = tmp_path / "label.pdf"
    assert render_pdf([waybill], pdf) == 1
    assert decode_barcodes(pdf) == [waybill.waybill_no]


def test_chinese_text_is_real_text_in_a_cjk_font(qapp: QApplication, tmp_path: Path) -> None:
    installed = set(QFontDatabase.families())
    if not installed.intersection(FONT_FAMILIES):
        message = f"no CJK font from {FONT_FAMILIES} installed (Debian: fonts-noto-cjk)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    need_tools("pdftotext", "pdffonts")
    pdf = tmp_path / "label.pdf"
    render_pdf([sample_waybill()], pdf)
    text = run("pdftotext", "-layout", pdf, "-")
    for expected in (
        "欧阳晓明",
        "138 0013 8000",
        "代收货款",
        "¥1,298.00",
        "颈椎按摩仪",
        "邮编 518057",
    ):
        assert expected in text
    fonts = run("pdffonts", pdf)
    assert any(
        family.replace(" ", "") in fonts.replace(" ", "")
        for family in ("NotoSansCJK", "WenQuanYi", "MicrosoftYaHei", "PingFang")
    ), fonts


def test_prepaid_label_says_so_instead_of_an_amount(qapp: QApplication, tmp_path: Path) -> None:
    need_tools("pdftotext")
    pdf = tmp_path / "prepaid.pdf"
    render_pdf([sample_waybill(cod_amount_cents=0)], pdf)
    text = run("pdftotext", pdf, "-")
    assert "已付款 PREPAID" in text
    assert "代收货款" not in text


def test_text_too_long_ends_in_an_ellipsis_and_keeps_its_start(qapp: QApplication, tmp_path: Path) -> None:
    need_tools("pdftotext")
    items = "；".join(f"商品{i}号 智能颈椎按摩仪豪华版 ×{i}" for i in range(1, 60))
    pdf = tmp_path / "long.pdf"
    render_pdf([sample_waybill(item_summary=items)], pdf)
    text = run("pdftotext", pdf, "-")
    assert "商品1号" in text
    assert "…" in text
    assert "商品59号" not in text
    # The barcode stays readable however much text there is.
    assert decode_barcodes(pdf) == [sample_waybill().waybill_no]


def test_batch_gives_one_page_per_label_in_order(qapp: QApplication, tmp_path: Path) -> None:
    waybills = [
        sample_waybill(waybill_no=make_waybill_number("AD", serial), recipient_name=name)
        for serial, name in ((101, "张伟"), (202, "王芳"), (303, "李娜"))
    ]
    pdf = tmp_path / "batch.pdf"
    assert render_pdf(waybills, pdf) == 3
    assert pdf_page_count(pdf) == 3
    assert decode_barcodes(pdf) == [w.waybill_no for w in waybills]


def test_progress_is_reported_for_every_label(qapp: QApplication, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    render_pdf([sample_waybill()] * 4, tmp_path / "p.pdf", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_cancel_stops_and_leaves_an_existing_file_untouched(qapp: QApplication, tmp_path: Path) -> None:
    pdf = tmp_path / "labels.pdf"
    pdf.write_bytes(b"yesterday's labels")
    seen: list[int] = []
    written = render_pdf(
        [sample_waybill()] * 50,
        pdf,
        progress=lambda done, total: seen.append(done),
        cancelled=lambda: len(seen) > 3,
    )
    assert written == 0
    assert seen == [0, 1, 2, 3]
    assert pdf.read_bytes() == b"yesterday's labels"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels.pdf"]


def test_one_bad_waybill_stops_the_batch_before_any_file(qapp: QApplication, tmp_path: Path) -> None:
    bad = replace(sample_waybill(), recipient_address=Address("广东省", "深圳市", "南山区", " "))
    pdf = tmp_path / "labels.pdf"
    with pytest.raises(LabelFieldError, match=r"recipient_address\.detail"):
        render_pdf([sample_waybill(), bad], pdf)
    assert list(tmp_path.iterdir()) == []


def test_nothing_to_render_is_an_error(qapp: QApplication, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no waybills"):
        render_pdf([], tmp_path / "empty.pdf")


def test_ensure_gui_app_reuses_the_running_application(qapp: QApplication) -> None:
    assert ensure_gui_app() is qapp
