"""The copy on this computer of the calls waiting for an agent, for when the database is away.

One file per agent and database: every call waiting for them as this desk last knew it, each
marked whether the database has it yet. It is written as the agent types (by the desk's file
worker, never the GUI thread), before the database is asked, so a crash or a lost link keeps
what was typed; at the next login what the database lacks is pushed to it, and when the database
cannot be reached the list is read from here. Written like the order forms' copies
(:mod:`agent_desk.services.orders.drafts`): a temporary file, fsync, then an atomic replace, so a
crash mid-write leaves the previous copy whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from agent_desk import config
from agent_desk.services.calls.pending_work import PendingWork

log = logging.getLogger(__name__)

LOCAL_FORMAT = 1


@dataclass(frozen=True, slots=True)
class LocalCopy:
    work: PendingWork
    synced: bool  # the database has this revision (or a newer one)


def copies_dir() -> Path:
    return config.data_dir() / "pending-calls"


def copy_path(user_id: int, database_label: str, directory: Path | None = None) -> Path:
    """The agent's file for one database: the same user id in another database is someone else."""
    db = hashlib.sha256(database_label.encode("utf-8")).hexdigest()[:12]
    return (directory or copies_dir()) / f"user-{int(user_id)}-{db}.json"


def write_copies(path: Path, user_id: int, copies: Iterable[LocalCopy]) -> None:
    """Replace the file with ``copies``, atomically; no copies: no file."""
    items = [_encode(c) for c in copies]
    if not items:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"format": LOCAL_FORMAT, "user_id": user_id, "items": items}
    fd, tmp = tempfile.mkstemp(prefix=".pending-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(body, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_copies(path: Path) -> list[LocalCopy]:
    """The kept copies; none when there is no file. A damaged file is set aside (never deleted) and logged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        body = json.loads(text)
        if body.get("format") != LOCAL_FORMAT:
            raise ValueError(f"unknown format {body.get('format')!r}")
        return [_decode(item) for item in body["items"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        aside = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d%H%M%S%f}")
        with contextlib.suppress(OSError):
            os.replace(path, aside)
        log.warning("set aside a damaged copy of waiting calls (%s): %s", aside.name, exc)
        return []


def _encode(copy: LocalCopy) -> dict[str, Any]:
    work = asdict(copy.work)
    work["offered_at"] = copy.work.offered_at.isoformat()
    return {"synced": copy.synced, "work": work}


def _decode(item: dict[str, Any]) -> LocalCopy:
    work = dict(item["work"])
    work["offered_at"] = datetime.fromisoformat(work["offered_at"])
    return LocalCopy(PendingWork(**work), bool(item["synced"]))


__all__ = ["LOCAL_FORMAT", "LocalCopy", "copies_dir", "copy_path", "read_copies", "write_copies"]
