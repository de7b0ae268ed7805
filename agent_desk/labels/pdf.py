"""Waybills to a PDF file, one 100 × 150 mm label per page."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

from agent_desk.core.waybill import Waybill, validate
from agent_desk.labels.layout import LABEL_HEIGHT_MM, LABEL_WIDTH_MM, draw_label

__all__ = ["PDF_DPI", "ensure_gui_app", "label_page_layout", "render_pdf"]

# 20 device units per millimetre: every millimetre measure of the layout,
# barcode modules included, lands on a whole unit.
PDF_DPI = 508

_cli_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication, or a new offscreen one for CLI use.

    Fonts and QPainter need a QGuiApplication; a headless `agent-desk` run has
    no display, hence the offscreen platform.
    """
    global _cli_app
    app = QCoreApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if app is not None:
        raise RuntimeError("label rendering needs a QGuiApplication, not a QCoreApplication")
    _cli_app = QGuiApplication(["agent-desk", "-platform", "offscreen"])
    return _cli_app


def label_page_layout() -> QPageLayout:
    """A portrait 100 × 150 mm page with no margins."""
    size = QPageSize(QSizeF(LABEL_WIDTH_MM, LABEL_HEIGHT_MM), QPageSize.Unit.Millimeter, "Label 100x150")
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def render_pdf(
    waybills: Sequence[Waybill],
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write ``waybills`` to ``path``, one label per page; return the page count.

    All or nothing: every waybill is validated before the first page
    (``LabelFieldError`` names the bad field), the PDF is written beside
    ``path`` and moved into place only when complete, and a cancel leaves any
    existing file untouched and returns 0. ``progress(done, total)`` is called
    once before the first label and after each one; ``cancelled()`` is asked
    before each label. Safe to run on a worker thread (no widgets involved);
    the callbacks then run on that thread too.
    """
    if not waybills:
        raise ValueError("no waybills to render")
    for waybill in waybills:
        validate(waybill)
    ensure_gui_app()
    total = len(waybills)
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    done = 0
    try:
        writer = QPdfWriter(tmp_name)
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(label_page_layout())
        writer.setTitle("AgentDesk waybills")
        writer.setCreator("AgentDesk")
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write PDF to {path}")
        try:
            if progress:
                progress(0, total)
            for waybill in waybills:
                if cancelled and cancelled():
                    break
                if done:
                    writer.newPage()
                draw_label(painter, waybill)
                done += 1
                if progress:
                    progress(done, total)
        finally:
            painter.end()
        if done < total:
            return 0
        # mkstemp makes the file private; a label PDF is an ordinary document.
        os.chmod(tmp_name, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp_name, path)
        return done
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
