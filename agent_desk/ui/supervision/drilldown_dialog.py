"""The calls behind a figure, and the record of the one picked: its events in order, recording, orders.

A dialog of its own (shown with ``show()``, never ``exec()``), so the report stays usable beside
it and a second drill-down can be compared with the first.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.money import format_yuan
from agent_desk.services.supervision.drilldown import CallLine, CallRecord, CallsBehind, call_record, calls_behind
from agent_desk.services.supervision.kpi_report import ReportRequest
from agent_desk.ui import labels
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_text
from agent_desk.ui.supervision.columns import Column, Kind, event_kind, outcome
from agent_desk.ui.supervision.report_model import RowsModel, compact_header, fit_columns

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_UTC = ZoneInfo("UTC")
CALL_ID = "id"


def local_text(moment: datetime | None, zone: tzinfo) -> str:
    if moment is None:
        return "—"
    return moment.replace(tzinfo=_UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


class CallsDialog(QDialog):
    """Signals:
    calls_shown(object): the CallsBehind now listed.
    record_shown(object): the CallRecord of the call picked.
    """

    calls_shown = Signal(object)
    record_shown = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        request: ReportRequest,
        key: str,
        figure: str | None,
        heading: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.request = request
        self.zone = request.zone
        self.setWindowTitle(self.tr("Calls behind the figure"))
        self.resize(1000, 640)
        self.heading = QLabel(heading)
        self.heading.setObjectName("drilldown_heading")
        self.heading.setWordWrap(True)
        self.count = QLabel(self.tr("Loading…"))
        self.count.setObjectName("drilldown_count")
        self.model = RowsModel(self)
        self.model.set_rows(self._columns(), [])
        self.table = QTableView()
        self.table.setObjectName("drilldown_calls")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # in the order they came
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        compact_header(self.table)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._open_index(current))
        QShortcut(
            QKeySequence("Return"), self.table, lambda: self._open_index(self.table.currentIndex()),
            context=Qt.ShortcutContext.WidgetShortcut,
        )  # fmt: skip
        self.record = QTextBrowser()
        self.record.setObjectName("drilldown_record")
        self.record.setOpenExternalLinks(True)
        self.record.setPlaceholderText(self.tr("Pick a call to see its record, recording and orders."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.record)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.count)
        layout.addWidget(split, 1)

        user, region = ctx.user, ctx.settings.phone_region

        def job(s: Session) -> CallsBehind:
            return calls_behind(s, request, key, figure=figure, viewer=user, region=region)

        ctx.read(job, self._show_calls, self._failed)

    def _columns(self) -> list[Column]:
        return [
            Column("time", Kind.TEXT, self.tr("Time")),
            Column("queue", Kind.TEXT, self.tr("Queue")),
            Column("line", Kind.TEXT, self.tr("Business line")),
            Column("agent", Kind.TEXT, self.tr("Agent")),
            Column("caller", Kind.TEXT, self.tr("Caller")),
            Column("wait_s", Kind.SECONDS, self.tr("Wait")),
            Column("outcome", Kind.TEXT, self.tr("Outcome")),
            Column("talk_s", Kind.SECONDS, self.tr("Talk")),
            Column("disposition", Kind.TEXT, self.tr("Disposition")),
            Column("orders", Kind.TEXT, self.tr("Orders")),
        ]

    def _row(self, call: CallLine) -> dict[str, Any]:
        chinese = QLocale().language() == QLocale.Language.Chinese
        disposition = (call.disposition_label_zh if chinese else "") or call.disposition_label or call.disposition
        return {
            CALL_ID: call.id,
            "time": local_text(call.at, self.zone),
            "queue": call.queue,
            "line": call.line,
            "agent": call.agent or (self.tr("another team") if call.agent_withheld else ""),
            "caller": call.caller or self.tr("withheld"),
            "wait_s": call.wait_s,
            "outcome": outcome(call.outcome),
            "talk_s": call.talk_s,
            "disposition": disposition,
            "orders": ", ".join(call.orders),
        }

    def _show_calls(self, behind: CallsBehind) -> None:
        self.model.set_rows(self._columns(), [self._row(c) for c in behind.calls])
        fit_columns(self.table, widest=160)
        if behind.truncated:
            self.count.setText(
                self.tr("The first {0} of {1} calls (narrow the range to see the others).").format(
                    len(behind.calls), behind.total
                )
            )
        else:
            self.count.setText(self.tr("%n call(s)", "", behind.total))
        self.calls_shown.emit(behind)

    def _failed(self, exc: BaseException) -> None:
        self.count.setText(error_text(exc))
        self.count.setStyleSheet("color: #c62828;")

    # --- one call's record ----------------------------------------------------------------------------

    def open_row(self, row: int) -> None:
        self._open_index(self.model.index(row, 0))

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        call_id = int(self.model.row(index.row())[CALL_ID])
        user, region = self.ctx.user, self.ctx.settings.phone_region
        self.ctx.read(
            lambda s: call_record(s, call_id, viewer=user, region=region), self._show_record, self._record_failed
        )

    def _show_record(self, record: CallRecord) -> None:
        self.record.setHtml(self.record_html(record))
        self.record_shown.emit(record)

    def _record_failed(self, exc: BaseException) -> None:
        self.record.setPlainText(error_text(exc))

    def record_html(self, record: CallRecord) -> str:
        call = record.call
        head = self.tr("Call {0} at {1}: {2}").format(
            escape(call.platform_call_id), local_text(call.at, self.zone), escape(outcome(call.outcome))
        )
        parts = [f"<h3>{head}</h3>"]
        if record.recording_url:
            link = escape(record.recording_url, quote=True)
            label = escape(self.tr("Recording:"))
            parts.append(f'<p>{label} <a href="{link}">{escape(record.recording_url)}</a></p>')
        else:
            parts.append("<p>" + escape(self.tr("No recording for this call.")) + "</p>")
        if record.notes:
            parts.append("<p><b>" + escape(self.tr("Notes:")) + "</b> " + escape(record.notes) + "</p>")
        parts.append("<h4>" + escape(self.tr("Record")) + "</h4>")
        if record.events:
            rows = "".join(
                f"<tr><td>{local_text(e.at, self.zone)}</td><td>{escape(event_kind(e.kind))}</td>"
                f"<td>{escape(e.queue)}</td><td>{escape(e.agent)}</td></tr>"
                for e in record.events
            )
            parts.append(f'<table cellspacing="0" cellpadding="3">{rows}</table>')
        else:
            parts.append("<p>" + escape(self.tr("The record has no events for this call.")) + "</p>")
        parts.append("<h4>" + escape(self.tr("Orders")) + "</h4>")
        if record.orders:
            items = "".join(
                f"<li>{escape(o.order_no)} — {escape(labels.order_state(o.state))}, "
                f"{escape(format_yuan(o.total_cents, symbol=True))}</li>"
                for o in record.orders
            )
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>" + escape(self.tr("No orders were taken on this call.")) + "</p>")
        return "".join(parts)
