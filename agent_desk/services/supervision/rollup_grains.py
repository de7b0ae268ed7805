"""The machinery of a rebuild (``rollup_build``): quarter-hour rows arriving in time order, the days,
weeks and months of the rollup zone they make, and the driver calls that read the record and write rows.

A row's sums are a plain list whose first item is a dict (histograms, reasons) and whose last is the
row's text form once made (None before): what lies between, how two are added and how the text reads
is the caller's. Lists, not objects: a rebuild handles a few rows per call of the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from agent_desk.services.supervision.rollup_sums import Periods
from agent_desk.store.kpi_rollups import BUCKET

BATCH = 5_000
Key = tuple[Any, ...]
Acc = list[Any]


def copy(acc: Acc) -> Acc:
    """Sums of one's own to add to (their text is made again)."""
    mine = acc.copy()
    mine[0] = dict(acc[0])
    mine[-1] = None
    return mine


class Writer:
    """Rows written by the driver itself (executemany on SQLite, COPY on PostgreSQL): SQLAlchemy's
    per-row parameter handling would cost more than computing them.

    On SQLite each batch goes in the order of the table's primary key (``key``, the key's columns):
    the rows live in that key's tree, and inserting a batch in order costs half what the order they
    are made in does (newest quarter hours first, the day's rows among them).
    """

    def __init__(self, dbapi: Any, sqlite: bool, table: str, columns: tuple[str, ...], key: Iterable[str]) -> None:
        self.dbapi, self.sqlite = dbapi, sqlite
        self.sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        self.copy = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        self.order = itemgetter(*(columns.index(name) for name in key))
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> int:
        if self.rows:
            cursor = self.dbapi.cursor()
            try:
                if self.sqlite:
                    self.rows.sort(key=self.order)
                    cursor.executemany(self.sql, self.rows)
                else:
                    with cursor.copy(self.copy) as load:
                        for row in self.rows:
                            load.write_row(row)
            finally:
                cursor.close()
            self.written += len(self.rows)
            self.rows = []
        return self.written


class Groups:
    """Rows of one period by key, each the sum of its parts. A row with one part is that part itself,
    text included (a quarter hour's only call is also its queue's and its floor's), and is never changed
    through it: a second part makes it a copy of its own first."""

    __slots__ = ("merge", "owned", "rows")

    def __init__(self, merge: Callable[[Acc, Acc], None]) -> None:
        self.rows: dict[Key, Acc] = {}
        self.owned: set[Key] = set()
        self.merge = merge

    def add(self, key: Key, part: Acc) -> None:
        rows = self.rows
        acc = rows.get(key)
        if acc is None:
            rows[key] = part
            return
        if key not in self.owned:
            acc = rows[key] = copy(acc)
            self.owned.add(key)
        self.merge(acc, part)


class Grains:
    """Quarter-hour rows arriving in time order (oldest or newest first), written with the day, ISO
    week and month rows of the rollup zone they make.

    Each period's rows are its base rows (a quarter hour's finest keys; a day's, week's or month's
    sums of the base rows below it, by ``coarse``) and the rows summed from those within the period
    by ``parents``, level by level: the floor from the queues, not from every agent's row again.
    """

    def __init__(
        self,
        out: Writer,
        periods: Periods,
        merge: Callable[[Acc, Acc], None],
        text: Callable[[Acc], tuple[Any, ...]],
        parents: Callable[[Key], tuple[Key, ...]],
        coarse: Callable[[Key], Key | None],
        *,
        newest_first: bool,
    ) -> None:
        self.out, self.periods, self.merge, self.text = out, periods, merge, text
        self.parents, self.coarse, self.newest_first = parents, coarse, newest_first
        self.open: dict[datetime, dict[Key, Acc]] = {}  # quarter hour → finest key → sums
        self.days: dict[date, Groups] = {}
        self.spans: dict[tuple[str, datetime, datetime], Groups] = {}
        # On SQLite a period in SQLAlchemy's own text form, so that its comparisons and reads agree.
        self.stored: Callable[[datetime], Any] = (
            (lambda t: t.isoformat(" ", "microseconds")) if out.sqlite else (lambda t: t)
        )

    def _done(self, start: datetime, end: datetime, moment: datetime) -> bool:
        return start > moment if self.newest_first else end <= moment

    def advance(self, moment: datetime) -> None:
        """No more sums will come for quarter hours past ``moment`` (before it, reading newest first):
        write the quarter hours, days, weeks and months that are finished."""
        for bucket in [b for b in self.open if self._done(b, b + BUCKET, moment)]:
            rows = self._close("q", bucket, bucket + BUCKET, self.open.pop(bucket))
            self._add_to(self.days, self.periods.day_of(bucket), rows)
        for day in [d for d in self.days if self._done(*self.periods.span("d", d), moment)]:
            rows = self._close("d", *self.periods.span("d", day), self.days.pop(day).rows)
            for grain in ("w", "m"):
                self._add_to(self.spans, (grain, *self.periods.span(grain, day)), rows)
        for period in [p for p in self.spans if self._done(p[1], p[2], moment)]:
            self._close(*period, self.spans.pop(period).rows)

    def finish(self) -> int:
        self.advance(datetime.min if self.newest_first else datetime.max)
        return self.out.flush()

    def _close(self, grain: str, start: datetime, end: datetime, base: dict[Key, Acc]) -> dict[Key, Acc]:
        """Write a finished period's rows: its base rows and those summed from them."""
        rows = dict(base)  # done changing: shared from here on
        level, parents = base, self.parents
        while level:
            groups = Groups(self.merge)
            for key, acc in level.items():
                for parent in parents(key):
                    groups.add(parent, acc)
            rows.update(groups.rows)
            level = groups.rows
        head = (grain, self.stored(start), self.stored(end))
        add, text = self.out.add, self.text
        for key, acc in rows.items():
            add(head + key + text(acc))
        return rows

    def _add_to(self, periods: dict[Any, Groups], period: Any, rows: dict[Key, Acc]) -> None:
        into = periods.get(period)
        if into is None:
            into = periods[period] = Groups(self.merge)
        coarse = self.coarse
        for key, acc in rows.items():
            above = coarse(key)
            if above is not None:
                into.add(above, acc)


def cached(function: Callable[[Key], Any]) -> Callable[[Key], Any]:
    """The few keys of a floor come back every quarter hour: what they make is worked out once."""
    seen: dict[Key, Any] = {}

    def cached(key: Key) -> Any:
        try:
            return seen[key]
        except KeyError:
            value = seen[key] = function(key)
            return value

    return cached


def raw_rows(dbapi: Any, sqlite: bool, sql: str, name: str) -> Iterator[tuple[Any, ...]]:
    """A query's rows straight from the driver, a batch at a time (on PostgreSQL a server-side cursor)."""
    if sqlite:
        cursor = dbapi.cursor()
    else:
        cursor = dbapi.cursor(name=name)
        cursor.itersize = BATCH
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(BATCH):
            yield from rows
    finally:
        cursor.close()


__all__ = ["BATCH", "Acc", "Grains", "Groups", "Key", "Writer", "cached", "copy", "raw_rows"]
