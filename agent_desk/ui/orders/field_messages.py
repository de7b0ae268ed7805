"""The messages beside an order form's fields: what is wrong (red) or worth knowing (amber), right where it is."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from agent_desk.ui.orders.formatting import AMBER, RED


class FieldMessages:
    """One message label per name (a field, the lines, the search, "general"), hidden until there is something to say.

    A field registered with ``outline`` also gets a red border while its message is an error.
    """

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._outlined: dict[str, QWidget] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._labels

    def label(self, name: str) -> QLabel:
        """The label for ``name``, made on first use; the caller places it."""
        label = self._labels.get(name)
        if label is None:
            label = QLabel()
            label.setObjectName(f"error_{name}")
            label.setWordWrap(True)
            label.hide()
            self._labels[name] = label
        return label

    def beside(self, name: str, widget: QWidget, *, outline: bool = False) -> QWidget:
        """``widget`` with its message right under it."""
        if outline:
            self._outlined[name] = widget
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        layout.addWidget(self.label(name))
        return box

    def show(self, name: str, message: str, *, hint: bool = False) -> None:
        label = self._labels[name]
        label.setText(message)
        label.setStyleSheet(f"color: {AMBER if hint else RED};")
        label.setProperty("hint", hint)
        label.show()
        field = self._outlined.get(name)
        if field is not None and not hint:
            field.setStyleSheet(f"border: 1px solid {RED};")

    def clear(self, name: str) -> None:
        label = self._labels.get(name)
        if label is not None:
            label.hide()
            label.clear()
        field = self._outlined.get(name)
        if field is not None:
            field.setStyleSheet("")

    def text(self, name: str) -> str:
        """The message shown for ``name``; empty when none."""
        label = self._labels[name]
        return "" if label.isHidden() else label.text()
