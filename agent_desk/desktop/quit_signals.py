"""SIGTERM and SIGINT end the desktop like File > Quit (a session logout, Ctrl-C in a terminal, a test).

Python runs its signal handlers only between bytecodes, and the Qt event loop is C++: without help a
signal waits until the next mouse move. The C-level handler writes to a socket that Qt watches, which
brings control back to Python at once (qutebrowser's SignalHandler does the same).
"""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

QUIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class QuitOnSignals(QObject):
    """While alive, the signals above quit ``app``; :meth:`restore` gives back the previous handlers."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._asked = False
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {sig: signal.signal(sig, self._quit) for sig in QUIT_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        # The Python handler has run by the time this slot does. Quitting here, from the event loop,
        # and not in the handler: Qt 6 closes the windows inside quit(), and a handler runs wherever
        # the main thread happened to be, e.g. inside ThreadPoolExecutor.submit holding its lock,
        # which the close then waits for (seen: the e2e desktop hung on SIGTERM one run in ten).
        with contextlib.suppress(BlockingIOError):
            self._reader.recv(64)
        if self._asked:
            self._asked = False
            self._app.quit()

    def _quit(self, _signum: int, _frame: FrameType | None) -> None:
        self._asked = True

    def restore(self) -> None:
        self._notifier.setEnabled(False)
        for sig, handler in self._previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()


def quit_on_signals(app: QApplication) -> QuitOnSignals | None:
    """Install :class:`QuitOnSignals`; None off the main thread, where Python allows no signal handlers."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return QuitOnSignals(app)
