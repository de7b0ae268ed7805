"""The logistics workspace: the second check (recipient against the customer record), labels
(printer, PDF, ZPL; one order or a batch), then hand over, delivered or refused.

Display only: the actions this user may take come from services (core.orders decides), every
action carries the version the user saw, and the database is reached through ``ctx.runner``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from agent_desk.core.orders import OrderAction, OrderState
from agent_desk.services.errors import Problem
from agent_desk.services.orders.logistics import CheckItem, LabelBatch, compare_with_record
from agent_desk.services.orders.review import OrderBeside
from agent_desk.services.orders.transitions import bulk_act
from agent_desk.services.orders.types import BulkResult
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_detail, error_text
from agent_desk.ui.logistics.label_actions import PDF, PRINTER, LabelOutput
from agent_desk.ui.order_panes.order_workspace import KEY_CONTEXT, OrderWorkspace
from agent_desk.ui.order_panes.reason_panel import OTHER

_OK = QColor("#2e7d32")
_BAD = QColor("#c62828")
_PRINT = OrderAction.PRINT_LABEL.value


class LogisticsWorkspace(OrderWorkspace):
    """Signals (besides OrderWorkspace's, whose action_failed also reports failed label jobs):
    labels_done(object): labels came out and were recorded: the BulkResult.
    """

    labels_done = Signal(object)

    def __init__(self, ctx: DeskContext, *, watch: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(ctx, name="logistics", parent=parent)
        self._make_queue(
            [
                (OrderState.PENDING_LOGISTICS.value, self.tr("To check")),
                (OrderState.LABEL_PRINTED.value, self.tr("Label printed")),
                (OrderState.SHIPPED.value, self.tr("Shipped")),
            ],
            watch=watch,
        )

        self.labels = LabelOutput(ctx, self)
        self.labels.finished.connect(self._on_labels)
        self.labels.failed.connect(self._on_labels_failed)
        self.labels.cancelled.connect(lambda: self._say(False, self.tr("No labels made; nothing was recorded.")))

        self.check = QTableWidget(3, 4)
        self.check.setObjectName("logistics_check")
        self.check.setHorizontalHeaderLabels(["", self.tr("On the order"), self.tr("Customer record"), ""])
        self.check.verticalHeader().hide()
        self.check.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.check.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.check.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        rows_height = self.check.verticalHeader().defaultSectionSize() * 3 + header.sizeHint().height() + 4
        self.check.setFixedHeight(rows_height)

        self.print_button = self._button(self.tr("Accept && &print label…"), "print_label")
        self.print_button.clicked.connect(lambda: self._labels_for_current(PRINTER))
        self.pdf_button = self._button(self.tr("Accept && label to P&DF…"), "label_pdf")
        self.pdf_button.clicked.connect(lambda: self._labels_for_current(PDF))
        self.return_button = self._button(self.tr("Re&turn to agent…"), "return")
        self.return_button.clicked.connect(self.ask_return)
        self.handover_button = self._button(self.tr("&Hand over"), "handover")
        self.handover_button.clicked.connect(lambda: self._act_current(OrderAction.HANDOVER.value))
        self.deliver_button = self._button(self.tr("D&elivered"), "deliver")
        self.deliver_button.clicked.connect(lambda: self._act_current(OrderAction.DELIVER.value))
        self.refuse_button = self._button(self.tr("Re&fused…"), "refuse")
        self.refuse_button.clicked.connect(self.ask_refuse)

        self.batch_print = self._button(self.tr("Print selected…"), "batch_print")
        self.batch_print.clicked.connect(lambda: self.labels.to_printer(self.queue.selected_ids()))
        self.batch_pdf = self._button(self.tr("Selected to one PDF…"), "batch_pdf")
        self.batch_pdf.clicked.connect(lambda: self.labels.to_pdf(self.queue.selected_ids()))
        self.batch_zpl = self._button(self.tr("Export ZPL…"), "batch_zpl")
        self.batch_zpl.setToolTip(self.tr("Labels as ZPL II for 203 dpi thermal printers"))
        self.batch_zpl.clicked.connect(lambda: self.labels.to_zpl(self.queue.selected_ids()))
        self.batch_courier = self._button(self.tr("Courier file…"), "batch_courier")
        self.batch_courier.setToolTip(
            self.tr("The selected orders' waybills for the courier's system, full phone numbers included (CSV)")
        )
        self.batch_courier.clicked.connect(lambda: self.labels.to_courier(self.queue.selected_ids()))
        self.labels.courier_written.connect(
            lambda count: self._say(True, self.tr("Courier file written for %n order(s).", "", count))
        )
        self.batch_handover = self._button(self.tr("Hand over selected"), "batch_handover")
        self.batch_handover.clicked.connect(self.hand_over_selected)

        self._build_layout()
        self._queue_keys()
        QShortcut(QKeySequence("Ctrl+P"), self, lambda: self._labels_for_current(PRINTER), context=KEY_CONTEXT)
        self.destroyed.connect(self.labels.shutdown)
        self._start()

    def _build_layout(self) -> None:
        single = QHBoxLayout()
        for button in (self.print_button, self.pdf_button, self.return_button):
            single.addWidget(button)
        single.addStretch(1)
        for button in (self.handover_button, self.deliver_button, self.refuse_button):
            single.addWidget(button)
        batch = QHBoxLayout()
        batch.addWidget(QLabel(self.tr("Selected orders:")))
        for button in (self.batch_print, self.batch_pdf, self.batch_zpl, self.batch_courier, self.batch_handover):
            batch.addWidget(button)
        batch.addStretch(1)

        detail = QWidget()
        grid = QGridLayout(detail)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.header, 0, 0)
        grid.addWidget(self.banner, 1, 0)
        grid.addWidget(self.check, 2, 0)
        grid.addWidget(self._beside(), 3, 0)
        grid.addWidget(self.reason, 4, 0)
        grid.addLayout(single, 5, 0)
        grid.addLayout(batch, 6, 0)
        grid.setRowStretch(3, 1)

        self._place_under_queue(detail)

    # --- public actions ---------------------------------------------------------------------------

    def ask_return(self) -> None:
        self._ask_return(
            OrderAction.REJECT_LOGISTICS.value,
            [
                ("address", self.tr("Address incomplete or wrong")),
                ("recipient", self.tr("Recipient name or phone wrong")),
                ("unreachable", self.tr("Customer unreachable")),
                ("area", self.tr("Courier does not deliver there")),
                (OTHER, self.tr("Other")),
            ],
        )

    def ask_refuse(self) -> None:
        if self._shown is None or OrderAction.REFUSE.value not in self._shown.order.actions:
            return
        self.reason.ask(
            OrderAction.REFUSE.value,
            self.tr("Parcel {0} refused by the customer").format(self._shown.order.order_no),
            self.tr("Mark refused (Ctrl+Enter)"),
            [
                ("unwanted", self.tr("Customer no longer wants it")),
                ("damaged", self.tr("Parcel damaged")),
                ("absent", self.tr("Customer not reachable at delivery")),
                ("price", self.tr("Disputes the price")),
                (OTHER, self.tr("Other")),
            ],
        )

    def hand_over_selected(self) -> None:
        items, _unseen = self.queue.selected_items()
        if not items or self._busy:
            return
        self._busy = True
        factory, user = self.ctx.database.factory, self.ctx.user
        self.ctx.runner.run(
            lambda: bulk_act(factory, user, OrderAction.HANDOVER.value, items),
            self._on_bulk_handover,
            self._on_act_failed_any,
        )

    def shutdown(self) -> None:
        """Stop the watcher thread and any label job; also done when the widget is destroyed."""
        super().shutdown()
        self.labels.shutdown()

    # --- detail -----------------------------------------------------------------------------------

    @staticmethod
    def _with_detail(beside: OrderBeside) -> list[CheckItem]:
        return compare_with_record(beside.order, beside.customer)

    def _show_extra(self, beside: OrderBeside, extra: list[CheckItem]) -> None:
        names = {"name": self.tr("Name"), "phone": self.tr("Phone"), "address": self.tr("Address")}
        for row, item in enumerate(extra):
            cells = [
                names.get(item.field, item.field),
                item.on_order,
                item.on_record,
                self.tr("✓ matches") if item.matches else self.tr("✗ differs"),
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 3:
                    cell.setForeground(_OK if item.matches else _BAD)
                self.check.setItem(row, column, cell)

    def _clear_detail(self) -> None:
        self.check.clearContents()
        super()._clear_detail()

    def _set_actions(self, actions: tuple[str, ...]) -> None:
        pending = self._shown is not None and self._shown.order.state == OrderState.PENDING_LOGISTICS.value
        self.print_button.setText(self.tr("Accept && &print label…") if pending else self.tr("Re&print label…"))
        self.pdf_button.setText(self.tr("Accept && label to P&DF…") if pending else self.tr("Label to P&DF…"))
        self.print_button.setEnabled(_PRINT in actions)
        self.pdf_button.setEnabled(_PRINT in actions)
        self.return_button.setEnabled(OrderAction.REJECT_LOGISTICS.value in actions)
        self.handover_button.setEnabled(OrderAction.HANDOVER.value in actions)
        self.deliver_button.setEnabled(OrderAction.DELIVER.value in actions)
        self.refuse_button.setEnabled(OrderAction.REFUSE.value in actions)

    def _on_selection_count(self, count: int) -> None:
        labelled = self.queue.state in (OrderState.PENDING_LOGISTICS.value, OrderState.LABEL_PRINTED.value)
        for button in (self.batch_print, self.batch_pdf, self.batch_zpl, self.batch_courier):
            button.setEnabled(count > 0 and labelled)
        self.batch_handover.setEnabled(count > 0 and self.queue.state == OrderState.LABEL_PRINTED.value)

    # --- acting -----------------------------------------------------------------------------------

    def _labels_for_current(self, kind: str) -> None:
        if self._shown is None or _PRINT not in self._shown.order.actions:
            return
        ids = [self._shown.order.id]
        (self.labels.to_printer if kind == PRINTER else self.labels.to_pdf)(ids)

    def _done_texts(self) -> dict[str, str]:
        return {
            OrderAction.HANDOVER.value: self.tr("{0} handed over to the courier."),
            OrderAction.DELIVER.value: self.tr("{0} delivered; a follow-up call is scheduled."),
            OrderAction.REFUSE.value: self.tr("{0} marked refused."),
            OrderAction.REJECT_LOGISTICS.value: self.tr("{0} returned to the agent."),
        }

    def _save_error_text(self, exc: BaseException) -> str:
        return self.tr("Nothing was changed: {0}").format(error_detail(exc))

    def _on_act_failed_any(self, exc: BaseException) -> None:
        self._busy = False
        self._say(False, error_text(exc))
        self.action_failed.emit(error_text(exc))

    def _on_bulk_handover(self, result: BulkResult) -> None:
        self._busy = False
        self._report(result, self.tr("Handed over {0} of {1} orders."))
        self.queue.reload(set(result.approved))

    def _on_labels(self, result: BulkResult, batch: LabelBatch) -> None:
        self._report(result, self.tr("Labels made and recorded for {0} of {1} orders."), batch.refused)
        self.queue.reload(set(result.approved) | {i for i, _m in batch.refused})
        self._on_current(self.queue.current_id())
        self.labels_done.emit(result)

    def _on_labels_failed(self, message: str) -> None:
        self._say(False, message)
        self.action_failed.emit(message)

    def _report(self, result: BulkResult, template: str, refused: list[tuple[int, Problem]] | None = None) -> None:
        problems = list(result.failed) + list(refused or [])
        summary = template.format(len(result.approved), len(result.approved) + len(problems))
        self._say_with_details(self.tr("Logistics"), summary, problems)


def create(ctx: DeskContext) -> QWidget:
    return LogisticsWorkspace(ctx)
