"""Order forms kept on this computer and never submitted, offered back and reopened as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from agent_desk.services.orders.drafts import LocalDraft
from agent_desk.ui.context import DeskContext
from agent_desk.ui.orders.entry_window import OrderEntry
from agent_desk.ui.orders.local_copies import LocalCopies


def pending_local_drafts(ctx: DeskContext, local_copies: LocalCopies) -> list[LocalDraft]:
    """Forms of this user kept on this computer and never submitted, newest first (copies on their way included)."""
    return local_copies.kept(ctx.user.id)


def restore(
    ctx: DeskContext, draft: LocalDraft, local_copies: LocalCopies, parent: QWidget | None = None
) -> OrderEntry:
    """Reopen a kept form exactly as typed; works with the database away (it is saved when it is back)."""
    entry = OrderEntry(ctx, draft.form, local_copies, parent)
    entry.show()
    entry.resume_kept()
    return entry


class RestoreOffer(QWidget):
    """Forms kept on this computer, offered back: after a crash, or when the agent opens a new order.

    Signals:
        restore_requested(LocalDraft), discard_requested(LocalDraft), new_requested().
    """

    restore_requested = Signal(object)
    discard_requested = Signal(object)
    new_requested = Signal()

    def __init__(self, drafts: list[LocalDraft], *, offer_new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("restore_offer")
        self.setWindowTitle(self.tr("Unfinished orders"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.list = QListWidget()
        self.list.setObjectName("restore_list")
        self._drafts = list(drafts)
        for draft in drafts:
            when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            number = f" {draft.form.order_no}" if draft.form.order_no else ""
            item = QListWidgetItem(
                self.tr("{0}{1} — {2} — kept {3}").format(
                    draft.form.customer_name, number, draft.summary or self.tr("no products yet"), when
                )
            )
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setObjectName("restore_restore")
        self.discard_button = QPushButton(self.tr("&Discard"))
        self.discard_button.setObjectName("restore_discard")
        self.new_button = QPushButton(self.tr("Start a &new order") if offer_new else self.tr("&Later"))
        self.new_button.setObjectName("restore_new")
        self.restore_button.clicked.connect(self._restore)
        self.list.itemActivated.connect(lambda _item: self._restore())
        self.discard_button.clicked.connect(self._discard)
        self.new_button.clicked.connect(self._new)
        self._offer_new = offer_new
        QShortcut(QKeySequence("Escape"), self, self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.restore_button, self.discard_button, self.new_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("These orders were not finished; they are kept on this computer. Restore one?"))
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.resize(620, 300)

    def _current(self) -> LocalDraft | None:
        row = self.list.currentRow()
        return self._drafts[row] if 0 <= row < len(self._drafts) else None

    def _restore(self) -> None:
        draft = self._current()
        if draft is not None:
            self.restore_requested.emit(draft)
            self.close()

    def _discard(self) -> None:
        draft = self._current()
        if draft is None:
            return
        self.discard_requested.emit(draft)
        row = self.list.currentRow()
        del self._drafts[row]
        self.list.takeItem(row)
        if not self._drafts:
            if self._offer_new:
                self.new_requested.emit()
            self.close()

    def _new(self) -> None:
        if self._offer_new:
            self.new_requested.emit()
        self.close()
