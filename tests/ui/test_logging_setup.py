"""The desktop's INFO lines go to its log file, not to the terminal the CLI set up for warnings."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent_desk.desktop.logging_setup import LOG_FILE_NAME, setup_logging


@pytest.fixture
def clean_root() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    levels = {h: h.level for h in root.handlers}
    yield root
    for h in root.handlers:
        if h not in saved[0]:
            h.close()
    root.handlers, root.level = saved
    for h, level in levels.items():
        h.setLevel(level)


def _cli_terminal(root: logging.Logger, level: int) -> io.StringIO:
    """What ``logging.basicConfig(level=…)`` in ``agent-desk`` sets up (pytest's own handlers are there
    already, so basicConfig itself would do nothing here)."""
    terminal = io.StringIO()
    root.addHandler(logging.StreamHandler(terminal))
    root.setLevel(level)
    return terminal


def test_info_lines_reach_the_file_but_not_the_terminal(
    clean_root: logging.Logger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENT_DESK_LOG_DIR", str(tmp_path))
    terminal = _cli_terminal(clean_root, logging.WARNING)
    setup_logging()
    logging.getLogger("logging_setup_probe").info("hub connected")
    logging.getLogger("logging_setup_probe").warning("hub lost")
    for h in clean_root.handlers:
        h.flush()
    assert terminal.getvalue().count("hub") == 1 and "hub lost" in terminal.getvalue()
    log = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "hub connected" in log and "hub lost" in log


def test_verbose_keeps_the_terminal_verbose(
    clean_root: logging.Logger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENT_DESK_LOG_DIR", str(tmp_path))
    terminal = _cli_terminal(clean_root, logging.DEBUG)  # `agent-desk -v demo`
    setup_logging()
    logging.getLogger("logging_setup_probe").info("hub connected")
    assert "hub connected" in terminal.getvalue()
