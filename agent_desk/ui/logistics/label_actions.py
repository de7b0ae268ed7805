"""Labels out of the logistics desk: to PDF, to a printer through Qt's print dialog, or as ZPL; and
the courier's file (CSV: the same waybills with full phone numbers, recorded as nothing).

Order of work, so that nothing is recorded for a label that never came out: ask where (file or
print dialog, shown with ``open()``), prepare the labels on the DB worker (waybill numbers
assigned), render on a thread of our own (a 1,000-label batch must not hold the shared DB worker)
with a cancellable progress dialog, and only then record ``print_label`` for each order.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QProgressDialog, QWidget

from agent_desk.core.waybill import Waybill
from agent_desk.labels.courier import courier_csv
from agent_desk.labels.pdf import render_pdf
from agent_desk.labels.printer import configure_label_printer, print_labels
from agent_desk.labels.zpl import batch_zpl
from agent_desk.services.orders.logistics import LabelBatch, prepare_labels, record_labels_printed
from agent_desk.services.orders.types import BulkResult
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_detail, error_text

PDF, PRINTER, ZPL = "pdf", "printer", "zpl"
COURIER = "courier"  # the courier's data (full phone numbers), no label: nothing is recorded as printed


class RenderWorker(QObject):
    """Renders on its own QThread. Signals:
    progress(int, int): labels done, total.
    done(int): labels rendered (0 when cancelled).
    failed(str): rendering failed; nothing was recorded.
    """

    progress = Signal(int, int)
    done = Signal(int)
    failed = Signal(str)

    def __init__(self, kind: str, waybills: Sequence[Waybill], target: Path | QPrinter) -> None:
        super().__init__()
        self._kind = kind
        self._waybills = list(waybills)
        self._target = target
        self.cancel_requested = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            cancelled = self.cancel_requested.is_set
            if self._kind == PRINTER:
                assert isinstance(self._target, QPrinter)
                count = print_labels(self._waybills, self._target, self.progress.emit, cancelled)
            elif self._kind == ZPL:
                assert isinstance(self._target, Path)
                self._target.write_text(batch_zpl(self._waybills), encoding="utf-8")
                count = len(self._waybills)
            elif self._kind == COURIER:
                assert isinstance(self._target, Path)
                self._target.write_text(courier_csv(self._waybills), encoding="utf-8-sig")
                count = len(self._waybills)
            else:
                assert isinstance(self._target, Path)
                count = render_pdf(self._waybills, self._target, self.progress.emit, cancelled)
        except Exception as exc:  # shown to the user; the labels are not recorded as printed
            self.failed.emit(error_detail(exc))
        else:
            self.done.emit(count)


class LabelOutput(QObject):
    """One label job at a time for a workspace. Signals:
    started(str): the labels are being made ("pdf", "printer" or "zpl").
    finished(object, object): the labels came out and were recorded: the BulkResult and the
        LabelBatch (its ``refused`` orders were left out).
    cancelled(): nothing came out and nothing was recorded (dialog or progress cancelled).
    failed(str): the job failed, the message says why; nothing was recorded.
    dialog_opened(object): a file or print dialog is open (tests drive it through this).
    render_started(object): the RenderWorker is about to run on its thread.
    courier_written(int): the courier's file was written for this many orders (nothing recorded).
    """

    started = Signal(str)
    finished = Signal(object, object)
    courier_written = Signal(int)
    cancelled = Signal()
    failed = Signal(str)
    dialog_opened = Signal(object)
    render_started = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self._thread: QThread | None = None
        self._worker: RenderWorker | None = None
        self._progress: QProgressDialog | None = None
        self._printer: QPrinter | None = None
        self._batch = LabelBatch([], [], [])
        self._kind = PDF
        self.last_directory = Path.home()

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._progress

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def to_pdf(self, order_ids: Sequence[int]) -> None:
        self._ask_file(list(order_ids), PDF, self.tr("Save labels as PDF"), self.tr("PDF files (*.pdf)"), ".pdf")

    def to_zpl(self, order_ids: Sequence[int]) -> None:
        self._ask_file(list(order_ids), ZPL, self.tr("Export labels as ZPL"), self.tr("ZPL files (*.zpl)"), ".zpl")

    def to_courier(self, order_ids: Sequence[int]) -> None:
        """The courier's file for these orders: their waybills with the full phone numbers, as CSV."""
        self._ask_file(
            list(order_ids), COURIER, self.tr("Save the courier's file"), self.tr("CSV files (*.csv)"), ".csv"
        )

    def to_printer(self, order_ids: Sequence[int]) -> None:
        if self.busy or not order_ids:
            return
        ids = list(order_ids)
        printer = self._printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer = printer  # kept: the next job starts with the printer chosen last time
        configure_label_printer(printer)
        dialog = QPrintDialog(printer, self._parent)
        dialog.setWindowTitle(self.tr("Print %n label(s)", "", len(ids)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._prepare(ids, PRINTER, printer))
        dialog.rejected.connect(self.cancelled)
        # QDialog.open(): PySide6's stubs list only QPrintDialog's open(receiver, member) overload.
        window_modal: QDialog = dialog
        window_modal.open()
        self.dialog_opened.emit(dialog)

    def shutdown(self) -> None:
        """Cancel a running job and wait for its thread: no thread outlives the workspace."""
        if self._worker is not None:
            self._worker.cancel_requested.set()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    # --- steps ------------------------------------------------------------------------------------

    def _ask_file(self, ids: list[int], kind: str, title: str, filter_: str, suffix: str) -> None:
        if self.busy or not ids:
            return
        name = f"{'courier' if kind == COURIER else 'labels'}-{date.today():%Y%m%d}-{len(ids)}{suffix}"
        dialog = QFileDialog(self._parent, title, str(self.last_directory / name), filter_)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix.lstrip("."))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self._prepare(ids, kind, Path(path)))
        dialog.rejected.connect(self.cancelled)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _prepare(self, ids: list[int], kind: str, target: Path | QPrinter) -> None:
        if isinstance(target, Path):
            self.last_directory = target.parent
        factory, user = self.ctx.database.factory, self.ctx.user
        self.started.emit(kind)
        self.ctx.runner.run(
            lambda: prepare_labels(factory, user, ids),
            lambda batch: self._render(batch, kind, target),
            lambda exc: self.failed.emit(error_detail(exc)),
        )

    def _render(self, batch: LabelBatch, kind: str, target: Path | QPrinter) -> None:
        if not batch.items:
            reasons = "\n".join(error_text(problem) for _id, problem in batch.refused)
            self.failed.emit(self.tr("None of these orders can get a label now.") + "\n" + reasons)
            return
        total = len(batch.waybills)
        progress = QProgressDialog(self.tr("Making %n label(s)…", "", total), self.tr("Cancel"), 0, total, self._parent)
        progress.setWindowTitle(self.tr("Labels"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0 if total > 1 else 800)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self._progress = progress

        worker = RenderWorker(kind, batch.waybills, target)
        thread = QThread(self)
        thread.setObjectName("agent-desk-labels")
        worker.moveToThread(thread)
        # QPainter on a QPdfWriter or QPrinter is supported off the GUI thread; the slots below are
        # methods of this GUI-thread object, so Qt queues the worker's signals to them.
        self._batch = batch
        self._kind = kind
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_rendered)
        worker.failed.connect(self._on_render_failed)
        progress.canceled.connect(worker.cancel_requested.set)
        self._thread, self._worker = thread, worker
        self.render_started.emit(worker)
        thread.start()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(total)
            self._progress.setValue(done)

    def _finish_thread(self) -> None:
        thread, self._thread, self._worker = self._thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait()
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    @Slot(int)
    def _on_rendered(self, count: int) -> None:
        batch = self._batch
        self._finish_thread()
        if count == 0:
            self.cancelled.emit()
            return
        if self._kind == COURIER:
            self.courier_written.emit(count)
            return
        factory, user = self.ctx.database.factory, self.ctx.user
        self.ctx.runner.run(
            lambda: record_labels_printed(factory, user, batch.items),
            lambda result: self._on_recorded(result, batch),
            lambda exc: self.failed.emit(
                self.tr("The labels came out but could not be recorded: {0}").format(error_detail(exc))
            ),
        )

    def _on_recorded(self, result: BulkResult, batch: LabelBatch) -> None:
        self.finished.emit(result, batch)

    @Slot(str)
    def _on_render_failed(self, message: str) -> None:
        self._finish_thread()
        self.failed.emit(message)
