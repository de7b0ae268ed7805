"""Waybills to a real printer (the QPrinter comes from the print dialog in ui/)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from agent_desk.core.waybill import Waybill, validate
from agent_desk.labels.layout import LABEL_HEIGHT_MM, LABEL_WIDTH_MM, draw_label
from agent_desk.labels.pdf import label_page_layout

__all__ = ["configure_label_printer", "label_rect_mm", "print_labels"]


def configure_label_printer(printer: QPrinter) -> None:
    """Preset 100 × 150 mm, no margins: call before showing the print dialog.

    The dialog then offers the label size, and the user may still choose
    another paper (an office printer with A4), which ``print_labels`` honours.
    """
    printer.setPageLayout(label_page_layout())
    printer.setDocName("AgentDesk waybills")


def label_rect_mm(printer: QPrinter) -> QRectF:
    """Where the label goes on the printer's page, in millimetres.

    Full size at the top-left of the printable area when it fits (A4 paper
    included); scaled down uniformly, never cropped, when the printer's
    margins leave less than 100 × 150 mm.
    """
    paint = printer.pageLayout().paintRect(QPageLayout.Unit.Millimeter)
    scale = min(1.0, paint.width() / LABEL_WIDTH_MM, paint.height() / LABEL_HEIGHT_MM)
    return QRectF(0, 0, LABEL_WIDTH_MM * scale, LABEL_HEIGHT_MM * scale)


def _abort(printer: QPrinter, painter: QPainter) -> None:
    if printer.abort():
        return
    # Qt's own PDF output ("print to file") cannot abort; the half-written
    # file is ours, so it goes rather than pass for a complete batch.
    painter.end()
    output = printer.outputFileName()
    if output:
        Path(output).unlink(missing_ok=True)


def print_labels(
    waybills: Sequence[Waybill],
    printer: QPrinter,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Print one label per page; return the number printed (0 if cancelled).

    Every waybill is validated first, so a bad field stops the job before a
    single label comes out. A cancel aborts the whole print job, so the
    printer never receives half a batch.
    """
    if not waybills:
        raise ValueError("no waybills to print")
    for waybill in waybills:
        validate(waybill)
    total = len(waybills)
    target = label_rect_mm(printer)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"cannot start printing on {printer.printerName() or 'the printer'}")
    done = 0
    try:
        if progress:
            progress(0, total)
        for waybill in waybills:
            if cancelled and cancelled():
                _abort(printer, painter)
                return 0
            if done:
                printer.newPage()
            draw_label(painter, waybill, target)
            done += 1
            if progress:
                progress(done, total)
    finally:
        if painter.isActive():
            painter.end()
    return done
