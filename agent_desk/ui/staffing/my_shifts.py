"""My shifts: the agent's own published shifts for the coming two weeks (what the rota says)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_text
from agent_desk.ui.staffing.tables import Cell, RowsModel, day_label

if TYPE_CHECKING:
    from agent_desk.services.staffing.plans import ShiftView

# Imported when used, on the database worker: the staffing services load numpy, pandas and
# OR-Tools, which would otherwise add half a second to opening the main window.

DAYS_AHEAD = 14


class MyShiftsPane(QWidget):
    def __init__(self, ctx: DeskContext, today: date, zone: ZoneInfo | None = None) -> None:
        super().__init__()
        self.ctx, self.today, self.zone = ctx, today, zone or ZoneInfo("UTC")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.model = RowsModel(self)
        self.table = QTableView()
        self.table.setObjectName("my_shifts")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        user, first, last = self.ctx.user, self.today, self.today + timedelta(days=DAYS_AHEAD - 1)

        def op(session: Any) -> list[ShiftView]:
            from agent_desk.services.staffing.plans import my_shifts

            return my_shifts(session, user, first, last)

        self.ctx.read(op, self.show_shifts, lambda e: self.note.setText(error_text(e)))

    def show_shifts(self, shifts: list[ShiftView]) -> None:
        def local(moment: datetime) -> datetime:
            return moment.replace(tzinfo=UTC).astimezone(self.zone)

        rows = []
        for s in shifts:
            breaks = ", ".join(f"{local(a):%H:%M}–{local(b):%H:%M}" for a, b in s.breaks)
            rows.append([Cell(day_label(s.day), s.day), Cell(f"{local(s.start):%H:%M}"),
                         Cell(f"{local(s.end):%H:%M}"), Cell(s.template_name), Cell(breaks)])  # fmt: skip
        self.model.set_rows([self.tr("Day"), self.tr("Starts"), self.tr("Ends"), self.tr("Shift"), self.tr("Breaks")],
                            rows)  # fmt: skip
        self.table.resizeColumnsToContents()
        self.note.setText(
            self.tr("Your published shifts for the next %n day(s).", "", DAYS_AHEAD) if rows
            else self.tr("No published shift for you in the next %n day(s).", "", DAYS_AHEAD)
        )  # fmt: skip


__all__ = ["MyShiftsPane"]
