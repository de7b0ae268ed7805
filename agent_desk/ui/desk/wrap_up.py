"""Wrap-up: disposition code and notes for the call that just ended (or is still going)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

from agent_desk.services.calls.records import DispositionView


class WrapUpPanel(QWidget):
    """Signals:
    save_requested(str, str): disposition code and notes (Ctrl+Return).
    propose_requested(str): the notes, to become a proposed knowledge article.
    draft_changed(): the agent changed the notes or the disposition (not :meth:`start` showing a call).
    """

    save_requested = Signal(str, str)
    propose_requested = Signal(str)
    draft_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel(self.tr("No call"))
        self.status.setObjectName("call_status")
        self.disposition = QComboBox()
        self.disposition.setObjectName("disposition")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("wrap_notes")
        self.notes.setPlaceholderText(self.tr("What did the caller want? What was agreed?"))
        self.save = QPushButton(self.tr("Save wrap-up (Ctrl+Enter)"))
        self.save.setObjectName("wrap_save")
        self.save.setEnabled(False)
        self.save.clicked.connect(self._submit)
        self.error = QLabel()  # why the last save failed; what was typed stays for another try
        self.error.setObjectName("wrap_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        QShortcut(QKeySequence("Ctrl+Return"), self, self._submit)
        form = QFormLayout(self)
        form.addRow(self.status)
        form.addRow(self.tr("&Disposition:"), self.disposition)
        form.addRow(self.tr("&Notes:"), self.notes)
        form.addRow(self.save)
        form.addRow(self.error)
        self.propose = QPushButton(self.tr("Propose as knowledge article…"))
        self.propose.setToolTip(self.tr("Solved something others will be asked too? Turn your notes into an article."))
        self.propose.clicked.connect(lambda: self.propose_requested.emit(self.notes.toPlainText()))
        form.addRow(self.propose)
        self._showing = False  # start() or the dispositions are filling the panel: not the agent typing
        self.notes.textChanged.connect(self._changed)
        self.disposition.currentIndexChanged.connect(self._changed)

    def set_dispositions(self, items: list[DispositionView]) -> None:
        chinese = QLocale().language() == QLocale.Language.Chinese
        self._showing = True
        try:
            self.disposition.clear()
            for d in items:
                self.disposition.addItem(d.label_zh if chinese and d.label_zh else d.label, d.code)
        finally:
            self._showing = False

    def start(self, status: str, *, notes: str = "", disposition: str = "", can_save: bool = True) -> None:
        """Show one call's wrap-up: a fresh one, or the draft the agent left when another call popped."""
        self._showing = True
        try:
            self.status.setText(status)
            self.notes.setPlainText(notes)
            index = self.disposition.findData(disposition) if disposition else -1
            self.disposition.setCurrentIndex(max(index, 0))
            self.save.setEnabled(can_save)
            self.show_error("")
        finally:
            self._showing = False

    def _changed(self) -> None:
        if not self._showing:
            self.draft_changed.emit()

    def draft(self) -> tuple[str, str]:
        """The disposition code and notes as typed so far."""
        return self.disposition.currentData() or "", self.notes.toPlainText()

    def set_status(self, status: str) -> None:
        self.status.setText(status)

    def saved(self) -> None:
        self.save.setEnabled(False)
        self.status.setText(self.tr("Wrap-up saved"))
        self.show_error("")

    def show_error(self, text: str) -> None:
        """Why the save failed (empty: no error); Save stays as it was, for another try."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _submit(self) -> None:
        if self.save.isEnabled() and self.disposition.currentData():
            self.show_error("")
            self.save_requested.emit(self.disposition.currentData(), self.notes.toPlainText())
