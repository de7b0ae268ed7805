"""Fast inserts for generated data: sqlite3 executemany on SQLite, COPY on PostgreSQL.

The ORM costs ~20x more per row; scale data sets (1M customers, 10M calls) need the raw path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from sqlalchemy import Connection, func, literal, select, text

from agent_desk.store.models import Base

CHUNK = 20_000


class BulkWriter:
    """Writes and commits chunk by chunk: generated data needs no all-or-nothing, and one
    transaction over 40M rows would grow SQLite's WAL to gigabytes."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name

    def next_id(self, table: str) -> int:
        t = Base.metadata.tables[table]
        return int(self.connection.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one()) + 1

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert ``rows`` (tuples in ``columns`` order); returns how many were written."""
        raw = self.connection.connection.dbapi_connection
        assert raw is not None
        count = 0
        if self.dialect == "postgresql":
            import psycopg  # the PostgreSQL extra's driver, imported only where PostgreSQL is used

            assert isinstance(raw, psycopg.Connection)  # COPY is psycopg's, not DB-API's
            sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with raw.cursor() as cur, cur.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            raw.commit()
            return count
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        cur = raw.cursor()
        iterator = iter(rows)
        while chunk := list(islice(iterator, CHUNK)):
            cur.executemany(sql, chunk)
            count += len(chunk)
            # On the DB-API connection the rows went through: SQLAlchemy's commit() is a no-op
            # when no transaction was begun through SQLAlchemy itself.
            raw.commit()
        cur.close()
        return count

    def reset_sequences(self, tables: Iterable[str]) -> None:
        """After explicit ids, PostgreSQL's sequences must move past them."""
        if self.dialect != "postgresql":
            return
        for table in tables:
            self.connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                )
            )
        self.connection.commit()  # setval ran through SQLAlchemy


@contextmanager
def deferred_indexes(connection: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Build the secondary indexes of the ``tables`` that start empty once, after the load.

    One sort per index instead of millions of B-tree inserts (on SQLite the record's three indexes
    on contact_events cost a third of a demo build). Tables that already hold rows keep their indexes:
    other writers may be using them. The indexes are recreated from the models, which the migrations
    match (tests/store/test_migrations.py); unique constraints and primary keys stay throughout.
    A run killed mid-load leaves indexes missing: the next run creates any missing index first.
    """
    metadata = Base.metadata.tables
    for table in tables:
        for index in metadata[table].indexes:
            index.create(connection, checkfirst=True)
    empty = [
        t for t in tables if connection.execute(select(literal(1)).select_from(metadata[t]).limit(1)).first() is None
    ]
    indexes = sorted((index for t in empty for index in metadata[t].indexes), key=lambda index: str(index.name))
    for index in indexes:
        index.drop(connection)
    connection.commit()
    try:
        yield
    finally:
        for index in indexes:
            index.create(connection, checkfirst=True)
        connection.commit()


@contextmanager
def foreign_keys_checked_after(connection: Connection, tables: Sequence[str]) -> Iterator[None]:
    """SQLite: no per-row parent lookups during the load, one ``foreign_key_check`` of ``tables`` after.

    PostgreSQL's COPY keeps its constraints (they cannot be paused without superuser rights)."""
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
    for table in tables:
        broken = connection.exec_driver_sql(f"PRAGMA foreign_key_check({table})").fetchmany(5)
        if broken:
            raise RuntimeError(f"generated rows break foreign keys of {table}: {broken}")


def analyze(connection: Connection) -> None:
    """Fresh planner statistics after a bulk load: without them SQLite may walk the wrong index."""
    if connection.dialect.name == "sqlite":
        # Sampled statistics: seconds on a 10 GB file instead of a full scan.
        connection.exec_driver_sql("PRAGMA analysis_limit=1000")
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
        return
    # PostgreSQL: VACUUM too, so the visibility map lets the pop read its covering indexes without
    # visiting the table (autovacuum would get there, minutes later). VACUUM refuses transactions.
    connection.commit()
    raw = connection.connection.dbapi_connection
    assert raw is not None
    autocommit = raw.autocommit
    raw.autocommit = True
    try:
        raw.execute("VACUUM (ANALYZE)")
    finally:
        raw.autocommit = autocommit
