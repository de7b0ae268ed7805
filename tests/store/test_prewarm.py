"""The embedded database is read into the OS page cache at start, when it fits in memory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from agent_desk.store import prewarm


def test_only_a_sqlite_file_is_prewarmed(tmp_path: Path) -> None:
    assert prewarm.sqlite_file(f"sqlite:///{tmp_path}/a.sqlite3") == tmp_path / "a.sqlite3"
    assert prewarm.sqlite_file("sqlite://") is None
    assert prewarm.sqlite_file("sqlite:///:memory:") is None
    assert prewarm.sqlite_file("postgresql://postgres@127.0.0.1/test") is None
    assert prewarm.prewarm_in_background("postgresql://postgres@127.0.0.1/test", ["calls"]) is None


def test_a_file_too_big_for_the_free_memory_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "big.sqlite3"
    db.write_bytes(b"x" * 10_000)
    assert prewarm.worth_prewarming(db, memory=1_000_000)
    assert not prewarm.worth_prewarming(db, memory=15_000)  # would take more than half of it
    assert not prewarm.worth_prewarming(db, memory=None)  # no way to know: leave it
    assert not prewarm.worth_prewarming(tmp_path / "missing.sqlite3", memory=1_000_000)


def test_prewarming_reads_the_whole_file_and_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prewarm, "CHUNK", 4096)
    db = tmp_path / "small.sqlite3"
    content = bytes(range(256)) * 70  # 17,920 bytes: four whole chunks and a part
    db.write_bytes(content)
    assert prewarm.prewarm_file(db) == len(content)
    assert db.read_bytes() == content


def _resident_share(path: Path) -> float:
    """The share of the file's pages in the OS page cache (Linux mincore)."""
    import ctypes
    import mmap

    libc = ctypes.CDLL(None, use_errno=True)
    libc.mmap.restype = ctypes.c_void_p
    libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
    libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p]
    libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    size = path.stat().st_size
    pages = (size + mmap.PAGESIZE - 1) // mmap.PAGESIZE
    with open(path, "rb") as f:
        address = libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, f.fileno(), 0)
        assert address not in (None, ctypes.c_void_p(-1).value)
        try:
            vector = ctypes.create_string_buffer(pages)
            assert libc.mincore(address, size, vector) == 0, ctypes.get_errno()
            return sum(b & 1 for b in vector.raw[:pages]) / pages
        finally:
            libc.munmap(address, size)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mincore and fadvise: Linux")
def test_after_prewarming_the_whole_file_is_in_the_page_cache(tmp_path: Path) -> None:
    db = tmp_path / "cold.sqlite3"
    db.write_bytes(os.urandom(32 * 1024 * 1024))
    with open(db, "rb") as f:
        os.fsync(f.fileno())
        os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)  # clean pages leave the cache
    if _resident_share(db) > 0.5:
        pytest.skip("this file system keeps the file cached (tmpfs?)")
    prewarm.prewarm_file(db)
    assert _resident_share(db) > 0.95


def test_the_desk_prewarms_what_the_pop_reads_in_the_background(
    sqlite_templates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from agent_desk.services.calls.screen_pop import POP_RELATIONS

    db = tmp_path / "desk.sqlite3"
    shutil.copyfile(sqlite_templates["demo"], db)
    everything = prewarm.prewarm_objects(db, POP_RELATIONS, budget=1 << 40)
    assert 0 < everything < db.stat().st_size  # the pop's share, not the audit trail and the rest
    assert prewarm.prewarm_objects(db, POP_RELATIONS, budget=8192) == 8192  # stops at the budget (two pages)
    monkeypatch.setattr(prewarm, "available_memory", lambda: 1 << 30)
    thread = prewarm.prewarm_in_background(f"sqlite:///{db}", POP_RELATIONS)
    assert thread is not None and thread.daemon
    thread.join(timeout=30)
    assert not thread.is_alive()


def test_every_relation_the_pop_prewarms_exists(db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import inspect

    from agent_desk.services.calls.screen_pop import POP_RELATIONS

    inspector = inspect(db.engine)
    names = set(inspector.get_table_names())
    for table in list(names):
        names.update(ix["name"] for ix in inspector.get_indexes(table))
    assert set(POP_RELATIONS) <= names, set(POP_RELATIONS) - names
