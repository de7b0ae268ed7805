"""Printing through QPrinter: the same layout, on whatever paper the user picked."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from agent_desk.core.waybill import make_waybill_number
from agent_desk.labels.printer import configure_label_printer, label_rect_mm, print_labels

from .conftest import decode_barcodes, sample_waybill


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_printed_labels_carry_readable_barcodes(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    configure_label_printer(printer)
    waybills = [sample_waybill(waybill_no=make_waybill_number("AD", n)) for n in (7, 8)]
    seen: list[tuple[int, int]] = []
    assert print_labels(waybills, printer, progress=lambda d, t: seen.append((d, t))) == 2
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert decode_barcodes(out) == [w.waybill_no for w in waybills]


def test_label_prints_full_size_on_a4(qapp: QApplication, tmp_path: Path) -> None:
    printer = pdf_printer(tmp_path / "a4.pdf")
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    rect = label_rect_mm(printer)
    assert (rect.width(), rect.height()) == pytest.approx((100, 150))


def test_label_shrinks_rather_than_being_cropped_on_small_paper(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "small.pdf"
    printer = pdf_printer(out)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A6),  # 105 x 148 mm
            QPageLayout.Orientation.Portrait,
            QMarginsF(3, 3, 3, 3),
            QPageLayout.Unit.Millimeter,
        )
    )
    rect = label_rect_mm(printer)
    assert rect.height() == pytest.approx(142)
    assert rect.width() == pytest.approx(100 * 142 / 150)
    waybill = sample_waybill()
    assert print_labels([waybill], printer) == 1
    assert decode_barcodes(out) == [waybill.waybill_no]


def test_cancel_leaves_no_half_batch(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    printer = pdf_printer(out)
    configure_label_printer(printer)
    seen: list[int] = []
    done = print_labels(
        [sample_waybill()] * 20,
        printer,
        progress=lambda d, t: seen.append(d),
        cancelled=lambda: len(seen) > 2,
    )
    assert done == 0
    assert seen == [0, 1, 2]
    assert not out.exists()
