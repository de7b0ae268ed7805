"""Where the desktop's log lines go: a rotating file in the user log dir, and on request JSON lines on stderr."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from agent_desk.config import log_dir
from agent_desk.log_format import JsonLogFormatter

LOG_FILE_NAME = "agent-desk.log"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(*, json_to_stderr: bool = False) -> Path:
    """Log INFO and above to the log file (kept for support); returns its path.

    ``json_to_stderr`` adds one JSON object per line on stderr (``--log-json``), for programs that
    watch the desktop, such as the end-to-end test.
    """
    directory = log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE_NAME
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    # A terminal handler already there (the CLI's, when `agent-desk demo` starts the desktop) keeps
    # the level it was set up for: raising the root to INFO below is for the file, not the terminal.
    for existing in root.handlers:
        if existing.level == logging.NOTSET:
            existing.setLevel(root.getEffectiveLevel())
    root.addHandler(handler)
    if json_to_stderr:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(JsonLogFormatter())
        root.addHandler(stream)
    root.setLevel(logging.INFO)
    return path
