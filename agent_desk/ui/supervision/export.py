"""The report out of the desk: CSV and XLSX of the table as shown, and a printable PDF.

Written on a thread of its own (a month by quarter hour is thousands of rows; the shared
database worker and the GUI stay free), to a temporary file beside the target that replaces it
only when complete: a full disk or a refused folder leaves no half-written report behind, and
the user is told why in words.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QSizeF, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from agent_desk.ui.errors import error_detail
from agent_desk.ui.supervision.columns import Column, Kind, show
from agent_desk.ui.tasks import TaskRunner

translate = QCoreApplication.translate
FORMATS = ("csv", "xlsx", "pdf")


@dataclass(frozen=True)
class ReportTable:
    """A table as shown: its heading, the definitions it was computed with, columns and rows in order."""

    title: str
    definitions: str
    columns: Sequence[Column]
    rows: Sequence[Mapping[str, Any]]

    def cells(self) -> list[list[str]]:
        return [[show(c.kind, row.get(c.key)) for c in self.columns] for row in self.rows]


def write_report(path: Path, table: ReportTable) -> Path:
    """Write ``table`` to ``path`` in the format its suffix names; returns the path written."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ValueError(f"unknown export format: {path.suffix}")
    part = path.with_name(f".{path.name}.part")
    try:
        {"csv": _csv, "xlsx": _xlsx, "pdf": _pdf}[kind](part, table)
        os.replace(part, path)
    except OSError as exc:
        # Name the file the user chose, not the temporary one beside it.
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    finally:
        part.unlink(missing_ok=True)
    return path


def _csv(path: Path, table: ReportTable) -> None:
    # With a BOM: Excel opens UTF-8 Chinese text correctly only with it.
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow([c.title for c in table.columns])
        writer.writerows(table.cells())


_XLSX_FORMATS = {Kind.RATE: "0.0%", Kind.SECONDS: "[m]:ss", Kind.MONEY: "#,##0.00", Kind.SCORE: "0.00"}


def _xlsx_value(kind: Kind, value: Any) -> Any:
    # Figures stay numbers (a spreadsheet sums and charts them), formatted as the table shows them;
    # a figure without meaning stays empty, not "—" in a column of numbers.
    if value is None:
        return None
    match kind:
        case Kind.SECONDS:
            return timedelta(seconds=round(float(value)))
        case Kind.MONEY:
            return int(value) / 100
        case Kind.COUNT:
            return int(value)
        case Kind.RATE | Kind.SCORE:
            return float(value)
        case Kind.KEY:
            return show(kind, value)
        case _:
            return str(value)


def _xlsx(path: Path, table: ReportTable) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = translate("Supervision", "Report")
    sheet.append([c.title for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_value(c.kind, row.get(c.key)) for c in table.columns])
    for index, column in enumerate(table.columns, start=1):
        number_format = _XLSX_FORMATS.get(column.kind)
        if number_format is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = number_format
    sheet.freeze_panes = "B2"
    about = book.create_sheet(translate("Supervision", "Definitions"))
    about.append([table.title])
    about.append([table.definitions])
    book.save(path)


def report_html(table: ReportTable) -> str:
    head = "".join(f"<th>{escape(c.title)}</th>" for c in table.columns)
    right = {i for i, c in enumerate(table.columns) if c.kind not in (Kind.TEXT, Kind.KEY)}
    body = "".join(
        "<tr>"
        + "".join(f'<td align="{"right" if i in right else "left"}">{escape(text)}</td>' for i, text in enumerate(row))
        + "</tr>"
        for row in table.cells()
    )
    return (
        f"<h2>{escape(table.title)}</h2><p>{escape(table.definitions)}</p>"
        f'<table border="1" cellspacing="0" cellpadding="2" width="100%"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _pdf(path: Path, table: ReportTable) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(table.title)
    writer.setCreator("AgentDesk")
    writer.setResolution(300)
    # Landscape A4: a report by agent has some twenty columns.
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, QMarginsF(12, 12, 12, 12))
    )
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-size: 7pt; } th { background: #eeeeee; } h2 { font-size: 12pt; }")
    document.setHtml(report_html(table))
    layout = writer.pageLayout()
    size = layout.paintRectPixels(writer.resolution()).size()
    document.setPageSize(QSizeF(size))
    document.print_(writer)
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"the PDF writer produced nothing at {path}")


def failure_text(exc: BaseException) -> str:
    """Why a file could not be written, in the user's words: the system's reason and the file."""
    if isinstance(exc, OSError) and exc.strerror:
        where = exc.filename or ""
        return translate("Supervision", "{0} ({1})").format(exc.strerror, where) if where else exc.strerror
    return error_detail(exc)


class Exporter(QObject):
    """One export at a time, on a thread of its own. Signals:
    started(str): writing to this path began.
    exported(str): the file is complete at this path.
    failed(str): nothing was written; the text says why.
    """

    started = Signal(str)
    exported = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Parentless: it must outlive the widgets long enough to finish a file being written.
        self.runner = TaskRunner(None, name="export")
        self.busy = False

    def export(self, path: Path, table: ReportTable) -> None:
        if self.busy:
            return
        self.busy = True
        self.started.emit(str(path))
        self.runner.run(lambda: write_report(path, table), self._done, self._failed)

    def _done(self, path: Path) -> None:
        self.busy = False
        self.exported.emit(str(path))

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.failed.emit(failure_text(exc))

    def shutdown(self) -> None:
        self.runner.shutdown()
