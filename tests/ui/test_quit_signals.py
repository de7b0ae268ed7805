"""SIGTERM / SIGINT quit the desktop from the event loop, never inside the signal handler."""

from __future__ import annotations

import signal
import threading

from PySide6.QtCore import QObject

from agent_desk.desktop.quit_signals import QuitOnSignals


class _App(QObject):
    """Stands in for the QApplication: counts quits (a real quit would end the test session's app)."""

    def __init__(self) -> None:
        super().__init__()
        self.quits = 0

    def quit(self) -> None:
        self.quits += 1


def test_a_signal_quits_from_the_event_loop_not_where_it_interrupted(qtbot) -> None:  # type: ignore[no-untyped-def]
    # Quitting inside the handler closed the windows wherever the main thread was interrupted, e.g.
    # inside ThreadPoolExecutor.submit holding its lock: the desktop then hung on SIGTERM.
    app = _App()
    guard = QuitOnSignals(app)  # type: ignore[arg-type]
    try:
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGTERM)
        interrupted_code_went_on = True  # the Python handler has run before this line
        assert interrupted_code_went_on and app.quits == 0
        qtbot.waitUntil(lambda: app.quits == 1)
    finally:
        guard.restore()
    assert signal.getsignal(signal.SIGTERM) is not guard._quit
