"""The hub keeps the KPI rollups up to date as the record grows: what it writes is refreshed by the
keeper within its period, so a report finds nothing left to recompute, and its figures equal the
record's; a database that fails now and then costs a refresh, never the keeper."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from agent_desk.services.supervision.rollup_keeper import RollupKeeper
from agent_desk.services.supervision.rollups import Refreshed, rebuild
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.kpi_rollups import KpiDirtyBucket

from .test_kpi_rollups import SHANGHAI, Floor, assert_rollups_equal_the_record, write


def marks(db: Database) -> int:
    with db.factory() as s:
        return s.scalar(select(func.count()).select_from(KpiDirtyBucket)) or 0


def test_what_the_hub_writes_is_refreshed_by_the_keeper_and_equals_the_record(ref_db: Database) -> None:
    db, floor = ref_db, Floor(3, calls=30)
    with transaction(db.factory) as s:
        rebuild(s, SHANGHAI)
    refreshed = threading.Event()
    seen: list[Refreshed] = []

    def told(done: Refreshed) -> None:
        seen.append(done)
        if done.calls or done.agents:
            refreshed.set()

    keeper = RollupKeeper(db.factory, every_s=0.05, on_refresh=told).start()
    try:
        write(db, floor.events)
        assert marks(db) > 0 or refreshed.is_set()
        assert refreshed.wait(30), "the keeper never refreshed what was written"
        keeper.stop()
        keeper.refresh_now()  # whatever the last write marked after the keeper's last turn
        assert marks(db) == 0
        assert assert_rollups_equal_the_record(db) > 0
    finally:
        keeper.stop()
    assert sum(d.calls for d in seen) > 0


def test_a_failing_database_costs_a_refresh_not_the_keeper(ref_db: Database) -> None:
    from sqlalchemy.exc import OperationalError

    calls = {"n": 0}
    real = ref_db.factory
    ok = threading.Event()

    class Flaky:
        def __call__(self):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] <= 2:
                raise OperationalError("SELECT 1", {}, Exception("database is locked"))
            return real()

    keeper = RollupKeeper(Flaky(), every_s=0.02, on_refresh=lambda _d: ok.set())  # type: ignore[arg-type]
    keeper.start()
    try:
        assert ok.wait(30)
    finally:
        keeper.stop()
    assert keeper.failures == 2 and keeper.refreshes >= 1


def test_the_period_must_be_positive(ref_db: Database) -> None:
    import pytest

    with pytest.raises(ValueError, match="positive"):
        RollupKeeper(ref_db.factory, every_s=0)
