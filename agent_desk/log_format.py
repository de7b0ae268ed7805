"""Structured logs: one JSON object per line, extras included, so logs can be parsed and searched.

Used by the hub (its default log format) and by the desktop app with ``--log-json`` (the end-to-end
test waits on those lines).
"""

from __future__ import annotations

import json
import logging
from typing import Any

_STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line, extras included, so logs can be parsed and searched."""

    def format(self, record: logging.LogRecord) -> str:
        obj: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                obj[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info:
            obj["exc"] = self.formatException(record.exc_info)
        return json.dumps(obj, ensure_ascii=False)
