"""One path for messages to the user, and a crash dialog instead of a dead app (STYLE.md: qutebrowser)."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


class MessageBridge(QObject):
    """Signals:
    info(str), warning(str), error(str): shown by the main window (status bar or a non-modal box).
    """

    info = Signal(str)
    warning = Signal(str)
    error = Signal(str)


_bridge: MessageBridge | None = None
# Parentless dialogs live only as long as a Python reference does: keep crash boxes until closed.
_crash_boxes: list[QMessageBox] = []


def bridge() -> MessageBridge:
    global _bridge
    if _bridge is None:
        _bridge = MessageBridge()
    return _bridge


def show_box(parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon) -> QMessageBox:
    """Non-modal (``open()``, never ``exec()``), so tests never hang on it."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def install_crash_handler(log_file: Path) -> None:
    """Unexpected exceptions are logged and shown with the log's location; the app keeps running.

    ``AGENT_DESK_NO_CRASH_DIALOG=1`` (tests) re-raises to the default hook instead.
    """
    if os.environ.get("AGENT_DESK_NO_CRASH_DIALOG"):
        return

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.critical("unexpected error", exc_info=(kind, value, tb))
        detail = "".join(traceback.format_exception(kind, value, tb))
        # No widget owns this box: the texts keep the "QObject" context they have in the translation.
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("QObject", "AgentDesk: unexpected error"),
            QCoreApplication.translate(
                "QObject",
                "Something went wrong that AgentDesk did not expect. Your work is kept; "
                "please send the log file to support:\n{0}",
            ).format(log_file),
            QMessageBox.StandardButton.Ok,
        )
        box.setDetailedText(detail)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _crash_boxes.append(box)
        box.finished.connect(lambda _result: _crash_boxes.remove(box))
        box.open()

    sys.excepthook = hook
