"""An auditor's queue of 10k / 100k orders: open under 200 ms, scroll without stutter (DESIGN.md §5).

A LazyTableModel behind a QTableView (offscreen), rows fetched by id through the TaskRunner from
a SQLite table of queue rows (``--fake``: from a dict, to isolate the model from the database).
Measured beside floors from the same run: the same view painting an empty model, and painting the
same screenful from Qt's C++ QStandardItemModel (what painting costs without any Python).

- open: ids loaded → set_ids → first page fetched → painted;
- scroll: one screenful per frame, top to bottom: per-frame time (process events + paint),
  frames over 16 ms, frames that showed a placeholder;
- jump: random scrollbar drags: time until the rows on screen are real.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/queue_model.py [--sizes 10000 100000] [--fake]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from agent_desk.ui.lazy_table import Column, LazyTableModel, prepare_table_view
from agent_desk.ui.tasks import TaskRunner

OPEN_BUDGET_MS = 200.0
FRAME_MS = 16.0

COLUMNS = [
    Column("Order", "order_no", sample="AD20261122000001"),
    Column("Submitted", "submitted_at", sample="2026-11-22 10:46"),
    Column("Agent", "agent", sample="王小明"),
    Column("Recipient", "recipient", sample="欧阳娜娜"),
    Column("Phone", "phone", sample="138****8000"),
    Column("Address", "address", sample="浙江省杭州市西湖区文三路 000 号"),
    Column(
        "Total",
        "total_cents",
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        lambda v: f"¥{v / 100:,.2f}",
        sample="¥99,999.00",
    ),
    Column("Payment", "payment", sample="COD"),
]
FIELDS = ["id", *(c.key for c in COLUMNS)]


def make_row(i: int) -> tuple[Any, ...]:
    return (
        i,
        f"AD2026{i:010d}",
        f"2026-11-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}",
        f"坐席{i % 50:02d}",
        f"客户{i % 9973}",
        f"13{i % 10}****{i % 10000:04d}",
        f"浙江省杭州市西湖区文三路 {i % 999} 号",
        1_900 + (i * 37) % 89_900,
        "COD" if i % 5 else "prepaid",
    )


class SqliteRows:
    """Queue rows in a SQLite file; fetched by id on the runner's thread, as the app would."""

    def __init__(self, path: Path, count: int) -> None:
        self.path = path
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"CREATE TABLE queue ({', '.join(FIELDS)}, PRIMARY KEY (id))")
            conn.executemany(f"INSERT INTO queue VALUES ({', '.join('?' * len(FIELDS))})", map(make_row, range(count)))
        self._conn: sqlite3.Connection | None = None

    def load_ids(self, count: int) -> list[int]:
        with sqlite3.connect(self.path) as conn:
            return [r[0] for r in conn.execute("SELECT id FROM queue WHERE id < ? ORDER BY id DESC", (count,))]

    def fetch(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        if self._conn is None:  # opened on the runner's thread, used only there
            self._conn = sqlite3.connect(self.path, check_same_thread=False)
        sql = f"SELECT {', '.join(FIELDS)} FROM queue WHERE id IN ({', '.join('?' * len(ids))})"
        return [dict(zip(FIELDS, r, strict=True)) for r in self._conn.execute(sql, list(ids))]


class DictRows:
    def __init__(self, count: int) -> None:
        self.rows = {i: dict(zip(FIELDS, make_row(i), strict=True)) for i in range(count)}

    def load_ids(self, count: int) -> list[int]:
        return list(range(count - 1, -1, -1))

    def fetch(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        return [self.rows[i] for i in ids]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def paint_ms(view: QTableView, times: int = 50) -> float:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        view.viewport().repaint()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def visible_loaded(view: QTableView, model: LazyTableModel) -> bool:
    first = max(0, view.rowAt(0))
    last = view.rowAt(view.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    return all(model.is_loaded(r) for r in range(first, last + 1))


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("rows never arrived")
        app.processEvents()


def make_view(model: QAbstractItemModel) -> QTableView:
    view = QTableView()
    if isinstance(model, LazyTableModel):
        prepare_table_view(view, model)
    else:
        view.setModel(model)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.resize(1280, 720)
    view.show()
    return view


def cpp_floor(app: QApplication, rows: int) -> float:
    """The same screenful of text from Qt's own C++ model: what painting costs without Python."""
    model = QStandardItemModel(rows, len(COLUMNS))
    for r in range(rows):
        values = dict(zip(FIELDS, make_row(r), strict=True))
        for c, column in enumerate(COLUMNS):
            item = QStandardItem(column.formatter(values[column.key]) if column.formatter else str(values[column.key]))
            item.setTextAlignment(column.align)
            model.setItem(r, c, item)
    view = make_view(model)
    app.processEvents()
    took = paint_ms(view)
    view.close()
    return took


def frame(app: QApplication) -> None:
    # One turn of the event loop: queued row deliveries, then one paint of what changed.
    app.processEvents()


def run(app: QApplication, runner: TaskRunner, source: SqliteRows | DictRows, count: int) -> None:
    empty = LazyTableModel(COLUMNS, source.fetch, runner)
    floor_view = make_view(empty)
    app.processEvents()
    empty_floor = paint_ms(floor_view)
    floor_view.close()
    floor = cpp_floor(app, 60)

    model = LazyTableModel(COLUMNS, source.fetch, runner, page_size=200)
    view = make_view(model)
    app.processEvents()
    first_page: list[float] = []
    model.dataChanged.connect(lambda *_: first_page.append(time.perf_counter()) if not first_page else None)

    start = time.perf_counter()
    ids = source.load_ids(count)
    loaded_ids = time.perf_counter()
    model.set_ids(ids)
    frame(app)  # paints placeholders, which asks for page 0
    placeholder_painted = time.perf_counter()
    wait_until(app, lambda: bool(first_page))
    view.viewport().repaint()
    painted = time.perf_counter()
    open_ms = (painted - start) * 1000

    loaded_paint = paint_ms(view)  # rows on screen loaded: data() cost with nothing to fetch

    # Scroll top to bottom, one screenful per frame (a fast wheel or PageDown held down).
    bar = view.verticalScrollBar()
    step = view.viewport().height()
    frames: list[float] = []
    placeholder_frames = 0
    value = 0
    while value < bar.maximum():
        value = min(bar.maximum(), value + step)
        t0 = time.perf_counter()
        bar.setValue(value)
        frame(app)
        frames.append((time.perf_counter() - t0) * 1000)
        placeholder_frames += not visible_loaded(view, model)
    wait_until(app, lambda: visible_loaded(view, model))

    # Random scrollbar drags into pages never seen: until the rows on screen are real and painted.
    rng = random.Random(20261122)
    jumps: list[float] = []
    model.set_ids(ids)  # forget what the scroll loaded
    app.processEvents()
    for _ in range(100):
        t0 = time.perf_counter()
        bar.setValue(rng.randrange(bar.maximum() + 1))
        frame(app)
        wait_until(app, lambda: visible_loaded(view, model))
        frame(app)
        jumps.append((time.perf_counter() - t0) * 1000)
    view.close()

    slow = sum(f > FRAME_MS for f in frames)
    verdict = "within" if open_ms < OPEN_BUDGET_MS else "OVER"
    ms = [(b - a) * 1000 for a, b in ((start, loaded_ids), (loaded_ids, placeholder_painted),
                                        (placeholder_painted, first_page[0]), (first_page[0], painted))]  # fmt: skip
    print(f"--- {count:,} ids ---")
    print(
        f"floors: paint empty model {empty_floor:5.2f} ms; paint a screenful from QStandardItemModel {floor:5.2f} ms;"
        f"  lazy model, rows loaded {loaded_paint:5.2f} ms ({loaded_paint / floor:.1f}x)"
    )
    print(
        f"open: {open_ms:6.1f} ms  (load ids {ms[0]:.1f}, set_ids + placeholder paint {ms[1]:.1f}, "
        f"first page {ms[2]:.1f}, paint {ms[3]:.1f})  budget {OPEN_BUDGET_MS:.0f} ms: {verdict}"
    )
    print(
        f"scroll: {len(frames)} frames of one screenful  p50 {pct(frames, 50):5.2f} ms  p99 {pct(frames, 99):5.2f} ms"
        f"  max {max(frames):5.2f} ms  >{FRAME_MS:.0f} ms: {slow}  showing placeholders: {placeholder_frames} "
        f"({placeholder_frames / len(frames):.0%});  p50 {pct(frames, 50) / floor:.1f}x floor"
    )
    print(
        f"jump: 100 scrollbar drags, rows real and painted  p50 {pct(jumps, 50):5.2f} ms  p99 {pct(jumps, 99):5.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--fake", action="store_true", help="rows from a dict instead of SQLite")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    runner = TaskRunner()
    with tempfile.TemporaryDirectory() as tmp:
        biggest = max(args.sizes)
        source = DictRows(biggest) if args.fake else SqliteRows(Path(tmp) / "queue.sqlite3", biggest)
        print(
            f"rows from {'a dict' if args.fake else 'SQLite ' + sqlite3.sqlite_version}; PySide6 {PySide6.__version__}"
        )
        print("(warm-up run: fonts, first paint, caches)")
        run(app, runner, source, min(args.sizes))
        for count in args.sizes:
            run(app, runner, source, count)
        runner.shutdown()


if __name__ == "__main__":
    main()
