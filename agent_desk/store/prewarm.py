"""Bring what the pop reads into the OS page cache at start, so the first pops of the day are warm.

A pop reads a few dozen pages scattered over the file. From the page cache that takes about a
millisecond; from the disk, each page is a seek (measured here: p99 over 40 ms at 1M customers). The
desk reads the tables and indexes the pop uses (a third of the file: the audit trail and the order
rows are not among them) in a low-priority background thread, up to half the free memory, so it never
pushes other programs' pages out. PostgreSQL keeps its own cache on the server (pg_prewarm's
autoprewarm does this job there).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
MEMORY_SHARE = 0.5  # at most this share of the available memory goes to the database file


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL; None for PostgreSQL and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def available_memory() -> int | None:
    """Bytes the kernel says are available (Linux), or None where it does not say."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def worth_prewarming(path: Path, memory: int | None) -> bool:
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return memory is not None and size <= memory * MEMORY_SHARE


def prewarm_file(path: Path) -> int:
    """Read ``path`` once, so the OS keeps it in its page cache; returns the bytes read.

    Read rather than ``posix_fadvise(WILLNEED)``: Linux reads ahead only a few MiB per advice (measured
    here: 32 of 256 MiB cached). The reads release the GIL, and the calling thread may run at low priority.
    """
    buffer = bytearray(CHUNK)
    done = 0
    with open(path, "rb", buffering=0) as f:
        while got := f.readinto(buffer):
            done += got
    return done


def _lower_priority() -> None:
    # On Linux a thread is a task with its own nice value, and the I/O scheduler follows it: the pops'
    # own reads go first.
    with contextlib.suppress(AttributeError, OSError):  # not Linux: the default priority
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def prewarm_objects(path: Path, objects: Sequence[str], budget: int) -> int:
    """Read every page of these tables and indexes, in order, until ``budget`` bytes; returns the bytes read.

    SQLite's dbstat table walks each b-tree page by page, which is the reading we want; it raises
    ``sqlite3.OperationalError`` where SQLite was built without it.
    """
    done = 0
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA query_only=1")
        for name in objects:
            for (size,) in conn.execute("SELECT pgsize FROM dbstat WHERE name = ?", (name,)):
                done += int(size)
                if done >= budget:
                    return done
    finally:
        conn.close()
    return done


def prewarm_in_background(url: str, objects: Sequence[str]) -> threading.Thread | None:
    """Start reading ``objects`` of the embedded database into the OS cache; None for PostgreSQL."""
    path = sqlite_file(url)
    memory = available_memory()
    if path is None or memory is None:
        return None
    budget = int(memory * MEMORY_SHARE)

    def work() -> None:
        _lower_priority()
        try:
            try:
                size = prewarm_objects(path, objects, budget)
            except sqlite3.OperationalError:  # no dbstat in this SQLite: the whole file, if it fits
                size = prewarm_file(path) if worth_prewarming(path, memory) else 0
            log.info("read %.0f MiB of %s into the OS cache for fast pops", size / 2**20, path)
        except (OSError, sqlite3.Error) as exc:
            log.warning("could not prewarm %s: %s", path, exc)

    thread = threading.Thread(target=work, name="prewarm-database", daemon=True)
    thread.start()
    return thread
