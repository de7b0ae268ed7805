"""What plans and forecasts are made from: the shift templates, and the days marked as holidays
or campaign days (a TV advert airing on a line) that the forecast treats apart."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from agent_desk.services.staffing.rota import TemplateView, add_template, remove_template, templates
from agent_desk.services.staffing.special_days import (
    SpecialDayView,
    add_special_day,
    list_special_days,
    remove_special_day,
)
from agent_desk.ui.staffing.tables import Cell, RowsModel

if TYPE_CHECKING:
    from agent_desk.ui.staffing.workspace import StaffingWorkspace


def parse_breaks(text: str) -> list[tuple[int, int]]:
    """ "120:15, 240:30" → [(120, 15), (240, 30)]: minutes after the start, and how long."""
    breaks = []
    for part in filter(None, (p.strip() for p in text.replace("，", ",").split(","))):
        offset, _, length = part.partition(":")
        if not (offset.strip().isdigit() and length.strip().isdigit()):
            raise ValueError(part)
        breaks.append((int(offset), int(length)))
    return breaks


def _view(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return view


class SetupPane(QWidget):
    def __init__(self, ws: StaffingWorkspace) -> None:
        super().__init__()
        self.ws = ws
        self.template_rows: list[TemplateView] = []
        self.day_rows: list[SpecialDayView] = []
        # Templates
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Name, e.g. Early"))
        self.start = QTimeEdit(QTime(8, 0))
        self.start.setDisplayFormat("HH:mm")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, 16)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(9)
        self.hours.setSuffix(" h")
        self.breaks = QLineEdit("180:15, 270:45")
        self.breaks.setToolTip(self.tr("Breaks as minutes after the start : minutes long, e.g. 180:15, 270:45"))
        add_t = QPushButton(self.tr("Add template"))
        add_t.clicked.connect(self.add_template)
        remove_t = QPushButton(self.tr("Remove selected"))
        remove_t.clicked.connect(self.remove_template)
        self.templates = RowsModel(self)
        self.templates_view = _view(self.templates)
        form = QHBoxLayout()
        for widget in (self.name, self.start, self.hours, self.breaks, add_t, remove_t):
            form.addWidget(widget)
        box_t = QGroupBox(self.tr("Shift templates"))
        vt = QVBoxLayout(box_t)
        vt.addLayout(form)
        vt.addWidget(self.templates_view)
        # Marked days
        today = ws.clock().date()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Holiday"), "holiday")
        self.kind.addItem(self.tr("Campaign day"), "campaign")
        self.line = QLineEdit()
        self.line.setPlaceholderText(self.tr("Business line code (empty: every line)"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note, e.g. 双十一 advert on CCTV"))
        add_d = QPushButton(self.tr("Mark the day"))
        add_d.clicked.connect(self.add_day)
        remove_d = QPushButton(self.tr("Remove selected"))
        remove_d.clicked.connect(self.remove_day)
        self.days = RowsModel(self)
        self.days_view = _view(self.days)
        day_form = QHBoxLayout()
        day_widgets: list[QWidget] = [self.day, self.kind, self.line, self.note, add_d, remove_d]
        for day_widget in day_widgets:
            day_form.addWidget(day_widget)
        box_d = QGroupBox(self.tr("Holidays and campaign days"))
        vd = QVBoxLayout(box_d)
        vd.addLayout(day_form)
        vd.addWidget(self.days_view)
        layout = QVBoxLayout(self)
        layout.addWidget(box_t, 1)
        layout.addWidget(box_d, 1)
        self.reload()

    def reload(self) -> None:
        user = self.ws.ctx.user
        self.ws.read(lambda s: (templates(s, user), list_special_days(s, viewer=user)), self._show)

    def _show(self, found: tuple[list[TemplateView], list[SpecialDayView]]) -> None:
        self.template_rows, self.day_rows = found
        self.templates.set_rows(
            [self.tr("Template"), self.tr("Starts"), self.tr("Hours"), self.tr("Breaks (after the start : minutes)")],
            [[Cell(t.name), Cell(t.start), Cell(f"{t.length_minutes / 60:g}", t.length_minutes),
              Cell(", ".join(f"{a}:{b}" for a, b in t.breaks))] for t in self.template_rows],
        )  # fmt: skip
        kinds = {"holiday": self.tr("Holiday"), "campaign": self.tr("Campaign day")}
        self.days.set_rows(
            [self.tr("Day"), self.tr("Kind"), self.tr("Line"), self.tr("Note")],
            [[Cell(d.day.isoformat(), d.day), Cell(kinds.get(d.kind, d.kind)), Cell(d.line or self.tr("every line")),
              Cell(d.note)] for d in self.day_rows],
        )  # fmt: skip

    def _selected(self, view: QTableView) -> int | None:
        rows = view.selectionModel().selectedRows()
        current = view.currentIndex()
        return rows[0].row() if rows else current.row() if current.isValid() else None

    def _then_reload(self, _result: Any) -> None:
        self.ws.say("")
        self.reload()

    def add_template(self) -> None:
        try:
            breaks = parse_breaks(self.breaks.text())
        except ValueError as exc:
            self.ws.say(self.tr("A break is written minutes:minutes, e.g. 180:15; not '{0}'.").format(exc), error=True)
            return
        name, user = self.name.text(), self.ws.ctx.user
        start = self.start.time().hour() * 60 + self.start.time().minute()
        length = round(self.hours.value() * 60)
        self.ws.write(
            lambda s: add_template(s, user, name, start_minute=start, length_minutes=length, breaks=breaks),
            self._then_reload,
        )

    def remove_template(self) -> None:
        row = self._selected(self.templates_view)
        if row is not None:
            template_id, user = self.template_rows[row].id, self.ws.ctx.user
            self.ws.write(lambda s: remove_template(s, user, template_id), self._then_reload)

    def add_day(self) -> None:
        d = self.day.date()
        day, kind, user = date(d.year(), d.month(), d.day()), str(self.kind.currentData()), self.ws.ctx.user
        line, note = self.line.text().strip() or None, self.note.text()
        self.ws.write(lambda s: add_special_day(s, day, kind, line=line, note=note, viewer=user), self._then_reload)

    def remove_day(self) -> None:
        row = self._selected(self.days_view)
        if row is not None:
            mark, user = self.day_rows[row], self.ws.ctx.user
            self.ws.write(
                lambda s: remove_special_day(s, mark.day, mark.kind, line=mark.line, viewer=user), self._then_reload
            )


__all__ = ["SetupPane", "parse_breaks"]
