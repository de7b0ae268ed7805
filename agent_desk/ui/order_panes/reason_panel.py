"""The inline "why" panel for returning or refusing an order: a reason code and words for the agent."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from agent_desk.services.orders.transitions import MAX_REASON_LENGTH

_RED = "#c62828"
OTHER = "other"


class ReasonPanel(QFrame):
    """Signals:
    submitted(str, str): the action asked for and the reason as it goes into the audit trail
        ("Address incomplete: 缺门牌号").
    closed(): the panel was dismissed without acting.
    open_changed(bool): the panel was shown or hidden; while it is open, the workspace's own
        Ctrl+Enter (approve, accept) must be off, or Qt finds the key ambiguous and neither fires.
    """

    submitted = Signal(str, str)
    closed = Signal()
    open_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reason_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._action = ""
        self.title = QLabel()
        self.code = QComboBox()
        self.code.setObjectName("reason_code")
        self.text = QPlainTextEdit()
        self.text.setObjectName("reason_text")
        self.text.setPlaceholderText(self.tr("What should be fixed? The agent reads this."))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.error = QLabel()
        self.error.setObjectName("reason_error")
        self.error.setStyleSheet(f"color: {_RED};")
        self.error.setWordWrap(True)
        self.confirm = QPushButton()
        self.confirm.setObjectName("reason_confirm")
        self.confirm.clicked.connect(self._submit)
        self.cancel = QPushButton(self.tr("Cancel (Esc)"))
        self.cancel.clicked.connect(self.dismiss)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._submit, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Escape"), self, self.dismiss, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        grid = QGridLayout(self)
        grid.addWidget(self.title, 0, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Reason:")), 1, 0)
        grid.addWidget(self.code, 1, 1)
        grid.addWidget(QLabel(self.tr("Details:")), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.text, 2, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.confirm)
        grid.addLayout(buttons, 3, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.open_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.open_changed.emit(False)

    @property
    def action(self) -> str:
        return self._action

    def ask(self, action: str, title: str, confirm: str, codes: Sequence[tuple[str, str]]) -> None:
        """Open for ``action`` with reason ``codes`` as (code, translated label); "other" needs words."""
        self._action = action
        self.title.setText(f"<b>{title}</b>")
        self.confirm.setText(confirm)
        self.code.clear()
        self.code.addItem(self.tr("Choose a reason…"), "")
        for code, label in codes:
            self.code.addItem(label, code)
        self.text.clear()
        self.error.clear()
        self.show()
        self.code.setFocus()

    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def _submit(self) -> None:
        code = self.code.currentData()
        words = self.text.toPlainText().strip()
        if not code:
            self.show_error(self.tr("Please choose a reason: the agent and the audit trail need to know why."))
            self.code.setFocus()
            return
        if code == OTHER and not words:
            self.show_error(self.tr("Please describe the reason in a few words."))
            self.text.setFocus()
            return
        reason = self.code.currentText() + (f": {words}" if words else "")
        if len(reason) > MAX_REASON_LENGTH:
            self.show_error(self.tr("The reason is too long: at most {0} characters.").format(MAX_REASON_LENGTH))
            return
        self.error.clear()
        self.submitted.emit(self._action, reason)
