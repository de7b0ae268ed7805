"""The database worker: results come back on the GUI thread, failures go to their handler."""

from __future__ import annotations

import threading

import pytest

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel

from agent_desk.ui.tasks import TaskRunner


@pytest.fixture
def runner():  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    r.shutdown()


def test_work_runs_off_the_gui_thread_and_answers_on_it(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run(work, lambda result: seen.update(result=result, answer=threading.get_ident()))
    assert seen["worker"] != gui and seen["answer"] == gui and seen["result"] == 42


def test_failures_reach_their_handler_or_the_failed_signal(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("no database")

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run(boom, on_failure=errors.append)
    assert [str(e) for e in errors] == ["no database"]
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.run(boom)
    assert str(blocker.args[0]) == "no database"


def test_an_answer_for_a_closed_widget_is_dropped_quietly(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    label = QLabel()
    runner.run(lambda: gate.wait(5) and "late", label.setText)
    runner.run(lambda: gate.wait(5) and "late", lambda text: label.setText(text))  # a lambda, no __self__
    label.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    with qtbot.waitSignals([runner.finished, runner.finished], timeout=5000):
        gate.set()


def test_work_after_shutdown_is_dropped_not_raised(runner: TaskRunner) -> None:
    runner.shutdown()
    assert runner.closed
    future = runner.run(lambda: 1)
    assert future.cancelled()


def test_work_queued_before_shutdown_still_runs(runner: TaskRunner) -> None:
    """A window's last autosave, queued as it closes, must still reach the database."""
    gate = threading.Event()
    done: list[str] = []
    runner.run(lambda: gate.wait(5))
    runner.run(lambda: done.append("saved"))
    gate.set()
    runner.shutdown()
    assert done == ["saved"]
