"""The report table's model: one row per key, sorted on the figures themselves, not on their text.

A figure without meaning ("—") sorts last whichever way the column is sorted: a queue with no
calls is neither the best nor the worst. The model also serves the exports, which write the
table as shown (these columns, this order).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from agent_desk.ui.supervision.columns import Column, Kind, show

_Index = QModelIndex | QPersistentModelIndex
RAW_ROLE = Qt.ItemDataRole.UserRole  # the figure itself (for sorting, exports and drill-down)


class RowsModel(QAbstractTableModel):
    """Rows of dicts under a list of :class:`Column`; ``sort`` keeps None last."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns: list[Column] = []
        self.rows: list[Mapping[str, Any]] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, columns: Sequence[Column], rows: Sequence[Mapping[str, Any]]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self.rows = list(rows)
        self.endResetModel()
        if self._sorted is not None and self._sorted[0] < len(self.columns):
            self.sort(*self._sorted)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = self.rows[index.row()].get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return show(column.kind, value)
        if role == RAW_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind not in (Kind.TEXT, Kind.KEY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return column.tip
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sorted = (column, order)  # kept for the next rows, even before the first arrive
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        known = [r for r in self.rows if r.get(key) is not None]
        unknown = [r for r in self.rows if r.get(key) is None]
        known.sort(key=lambda r: _sort_key(r.get(key)), reverse=descending)
        self.layoutAboutToBeChanged.emit()
        self.rows = known + unknown
        self.layoutChanged.emit()

    def cells(self) -> list[list[str]]:
        """The table as shown: the text of every cell, row by row."""
        return [[show(c.kind, row.get(c.key)) for c in self.columns] for row in self.rows]

    def row(self, index: int) -> Mapping[str, Any]:
        return self.rows[index]


def _sort_key(value: Any) -> tuple[int, Any]:
    # Numbers before text, so a key column of days or names sorts as text and figures as numbers.
    return (0, value) if isinstance(value, int | float) else (1, str(value))


def compact_header(view: QTableView) -> None:
    """Titles wrap onto two lines, so a table of twenty figures fits more of them on the screen."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    header.setMinimumHeight(header.fontMetrics().lineSpacing() * 2 + 8)


def fit_columns(view: QTableView, widest: int = 80) -> None:
    """Each column as wide as its figures, the title wrapping rather than widening a column of numbers."""
    view.resizeColumnsToContents()
    model = view.model()
    metrics = view.fontMetrics()
    sample = range(min(model.rowCount(), 300))  # a month by quarter hour need not be measured row by row
    for column in range(1, model.columnCount()):
        cells = max((metrics.horizontalAdvance(str(model.index(row, column).data())) for row in sample), default=0)
        view.setColumnWidth(column, max(min(view.columnWidth(column), widest), cells + 16))
