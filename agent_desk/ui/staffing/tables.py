"""A read-only table of rows of cells, with a colour per row: the staffing screens' tables.

The screens hand in text already formatted; the model only shows it, sorts by the raw value kept
beside each cell, and paints a row the screen marked (a short interval, a low adherence).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()
SHORT = QColor("#ffcdd2")  # fewer agents than needed
OVER = QColor("#fff9c4")  # more than needed


class Cell:
    __slots__ = ("sort", "text")

    def __init__(self, text: str, sort: Any = None) -> None:
        self.text, self.sort = text, text if sort is None else sort


class RowsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[list[Cell]] = []
        self.colours: list[QColor | None] = []

    def set_rows(
        self, headers: Sequence[str], rows: Sequence[Sequence[Cell]], colours: Sequence[QColor | None] = ()
    ) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [list(r) for r in rows]
        self.colours = list(colours) or [None] * len(self.rows)
        self.endResetModel()

    def cells(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        cell = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == SORT_ROLE:
            return cell.sort
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.colours[index.row()]
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def day_label(day: date | datetime, pattern: str = "ddd yyyy-MM-dd") -> str:
    """A day (and time) with its weekday in the desk's language: 周一 2026-12-07, Mon 2026-12-07."""
    text = QLocale().toString(QDate(day.year, day.month, day.day), pattern)
    return f"{text} {day:%H:%M}" if isinstance(day, datetime) else text


def number(value: float | None, digits: int = 0) -> Cell:
    return Cell("—" if value is None else f"{value:,.{digits}f}", -1e18 if value is None else value)


def percent(value: float | None) -> Cell:
    return Cell("—" if value is None else f"{value * 100:.1f} %", -1.0 if value is None else value)


__all__ = ["OVER", "SHORT", "SORT_ROLE", "Cell", "RowsModel", "day_label", "number", "percent"]
