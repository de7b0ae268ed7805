"""The real programs in real processes: ``agent-desk`` commands, the hub and the desktop.

Like qutebrowser's end-to-end fixture, a test starts the installed programs as a user would and
follows them through their structured log lines (``--log-json``; the hub logs JSON by default).
Waiting is on those lines, with a deadline; never on the clock alone.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

BIN = Path(sys.executable).parent

Record = dict[str, Any]
FAULT_LEVELS = ("error", "critical")


def program(name: str, module: str) -> list[str]:
    """The installed command (as ``make test`` installs it), or its module when it is not installed."""
    script = BIN / name
    return [str(script)] if script.exists() else [sys.executable, "-m", module]


@dataclass
class Workstation:
    """A temporary data, config and log dir, and the environment of every program started on it."""

    root: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.root / 'data' / 'agent-desk.sqlite3'}"

    def cli(self, *args: str, timeout: float = 60) -> str:
        """Run an ``agent-desk`` command to its end; its output, or the test fails with it."""
        done = subprocess.run(
            [*program("agent-desk", "agent_desk.cli"), *args],
            env=self.env, capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"agent-desk {' '.join(args)} failed ({done.returncode}):\n{done.stderr}"
        return done.stdout


@pytest.fixture
def workstation(tmp_path: Path) -> Workstation:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENT_DESK_")}
    env.update(
        AGENT_DESK_CONFIG_DIR=str(tmp_path / "config"),
        AGENT_DESK_DATA_DIR=str(tmp_path / "data"),
        AGENT_DESK_LOG_DIR=str(tmp_path / "log"),
        QT_QPA_PLATFORM="offscreen",
        # Never the user's own keyring: "remember me" is simply unavailable, as on a bare server.
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PYTHONUNBUFFERED="1",
    )
    return Workstation(tmp_path, env)


class Process:
    """A program running in the background whose output lines are read as they come."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        self.name = name
        self.lines: list[str] = []
        self.records: list[Record] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self.popen = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, encoding="utf-8", errors="replace",
        )  # fmt: skip
        self._reader = threading.Thread(target=self._read, name=f"read-{name}", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def _take(self, line: str) -> Record | None:
        self.lines.append(line)
        try:
            record = json.loads(line)
        except ValueError:
            return None  # Qt's own warnings are plain text
        if not isinstance(record, dict):
            return None
        self.records.append(record)
        return record

    def wait_for(self, what: str, matches: Callable[[Record], bool], timeout: float) -> Record:
        """The first log record from now on that ``matches``; fails after ``timeout`` seconds or at exit."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                line = self._queue.get(timeout=max(left, 0))
            except queue.Empty:
                pytest.fail(f"{self.name}: no {what} within {timeout:.0f} s\n{self.output()}")
            if line is None:
                pytest.fail(f"{self.name} exited ({self.popen.wait()}) before {what}\n{self.output()}")
            record = self._take(line)
            if record is not None and record.get("level") in FAULT_LEVELS:
                pytest.fail(f"{self.name} reported a fault while the test waited for {what}\n{self.output()}")
            if record is not None and matches(record):
                return record

    def stop(self, timeout: float = 15) -> int:
        """SIGTERM, as a logout or service manager sends it; the exit status, after all output is read."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
        try:
            code = self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
            pytest.fail(f"{self.name} did not stop within {timeout:.0f} s of SIGTERM\n{self.output()}")
        self._reader.join(timeout)
        while True:
            try:
                line = self._queue.get_nowait()
            except queue.Empty:
                break
            if line is None:
                break
            self._take(line)
        self.close()
        return code

    def close(self) -> None:
        """Kill the program if it still runs, and let go of its output pipe."""
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait()
        self._reader.join(5)
        if self.popen.stdout is not None:
            self.popen.stdout.close()

    def problems(self) -> list[str]:
        """Lines that report a fault: records at error level or above, and tracebacks."""
        bad = [r["msg"] + (f"\n{r['exc']}" if "exc" in r else "") for r in self.records
               if r.get("level") in FAULT_LEVELS]  # fmt: skip
        bad += [line for line in self.lines if "Traceback" in line]
        return bad

    def output(self) -> str:
        return "\n".join(f"  {self.name}| {line}" for line in self.lines[-60:])


@pytest.fixture
def processes() -> Iterator[list[Process]]:
    """Programs a test starts; any still running at the end is killed, so no test leaves one behind."""
    started: list[Process] = []
    yield started
    for proc in started:
        proc.close()
