"""The embedded database is read into the OS page cache at start, when it fits in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent_desk.store import prewarm


def test_only_a_sqlite_file_is_prewarmed(tmp_path: Path) -> None:
    assert prewarm.sqlite_file(f"sqlite:///{tmp_path}/a.sqlite3") == tmp_path / "a.sqlite3"
    assert prewarm.sqlite_file("sqlite://") is None
    assert prewarm.sqlite_file("sqlite:///:memory:") is None
    assert prewarm.sqlite_file("postgresql://postgres@127.0.0.1/test") is None
    assert prewarm.prewarm_in_background("postgresql://postgres@127.0.0.1/test") is None


def test_a_file_too_big_for_the_free_memory_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "big.sqlite3"
    db.write_bytes(b"x" * 10_000)
    assert prewarm.worth_prewarming(db, memory=1_000_000)
    assert not prewarm.worth_prewarming(db, memory=15_000)  # would take more than half of it
    assert not prewarm.worth_prewarming(db, memory=None)  # no way to know: leave it
    assert not prewarm.worth_prewarming(tmp_path / "missing.sqlite3", memory=1_000_000)
    monkeypatch.setattr(prewarm, "available_memory", lambda: 15_000)
    assert prewarm.prewarm_in_background(f"sqlite:///{db}") is None


@pytest.mark.parametrize("wait", [False, True])
def test_prewarming_reads_the_whole_file_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wait: bool
) -> None:
    monkeypatch.setattr(prewarm, "CHUNK", 4096)
    db = tmp_path / "small.sqlite3"
    content = bytes(range(256)) * 70  # 17,920 bytes: four whole chunks and a part
    db.write_bytes(content)
    assert prewarm.prewarm_file(db, wait=wait) == len(content)
    assert db.read_bytes() == content


def test_the_desk_prewarms_its_embedded_database_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "desk.sqlite3"
    db.write_bytes(b"\0" * 8192)
    monkeypatch.setattr(prewarm, "available_memory", lambda: 1 << 30)
    thread = prewarm.prewarm_in_background(f"sqlite:///{db}")
    assert thread is not None and thread.daemon
    thread.join(timeout=10)
    assert not thread.is_alive()
