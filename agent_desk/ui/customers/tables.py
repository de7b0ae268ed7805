"""Table helpers of the customer panes: read-only lists, and editable cells held to the database's widths."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

RED = "#c62828"  # errors and the blacklist, the same red on every customer pane


def make_table(headers: list[str], *, editable: bool = False) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


def commit_open_editor(table: QTableWidget) -> None:
    """A cell still being typed in when Save is pressed by shortcut would otherwise be lost."""
    if table.state() != QAbstractItemView.State.EditingState:
        return
    editor = table.indexWidget(table.currentIndex()) or table.focusWidget()
    if editor is not None and editor is not table:
        table.commitData(editor)
        table.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)


class LimitedDelegate(QStyledItemDelegate):
    """Cell editors that stop at the column's width in the database; the label column suggests labels."""

    def __init__(self, limits: dict[int, int], suggestions: dict[int, tuple[str, ...]], parent: QWidget) -> None:
        super().__init__(parent)
        self._limits = limits
        self._suggestions = suggestions

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            if index.column() in self._limits:
                editor.setMaxLength(self._limits[index.column()])
            if index.column() in self._suggestions:
                completer = QCompleter(list(self._suggestions[index.column()]), editor)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                editor.setCompleter(completer)
        return editor
