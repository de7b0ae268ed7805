"""The id-backed lazy table and the live queue on top of it: what an auditor sees in a 10k queue."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import text

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QTableView

from agent_desk.store.database import Database
from agent_desk.store.notify import ChangeWatcher
from agent_desk.ui.lazy_table import PLACEHOLDER, ROW_ID_ROLE, Column, LazyTableModel, prepare_table_view
from agent_desk.ui.live_queue import LiveQueue
from agent_desk.ui.tasks import TaskRunner

N = 10_000
PAGE = 200
COLUMNS = [
    Column("Order", "order_no", sample="AD20261122000001"),
    Column("Recipient", "recipient"),
    Column("Total", "total", Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, lambda v: f"¥{v / 100:.2f}"),
]


class FakeOrders:
    """Rows in a dict; records every fetch. ``gate`` holds a fetch after it read its rows."""

    def __init__(self, n: int = N) -> None:
        # Ids not equal to row numbers, so a row/id mix-up shows.
        self.rows: dict[int, dict[str, Any]] = {
            1000 + i: {"id": 1000 + i, "order_no": f"AD{i:06d}", "recipient": f"客户{i}", "total": i * 100}
            for i in range(n)
        }
        self.fetches: list[list[int]] = []
        self.gate: threading.Event | None = None
        self.fail = False
        self._lock = threading.Lock()

    @property
    def ids(self) -> list[int]:
        return list(self.rows)

    def fetch(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        with self._lock:
            self.fetches.append(list(ids))
        if self.fail:
            raise ConnectionError("database unreachable")
        found = [dict(self.rows[i]) for i in ids if i in self.rows]
        if self.gate is not None:
            assert self.gate.wait(10)
        return found

    def fetched_ids(self) -> set[int]:
        with self._lock:
            return {i for f in self.fetches for i in f}


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def orders() -> FakeOrders:
    return FakeOrders()


@pytest.fixture
def model(runner: TaskRunner, orders: FakeOrders) -> LazyTableModel:
    m = LazyTableModel(COLUMNS, orders.fetch, runner, page_size=PAGE)
    m.set_ids(orders.ids)
    return m


@pytest.fixture
def view(qtbot, model: LazyTableModel) -> QTableView:  # type: ignore[no-untyped-def]
    v = QTableView()
    qtbot.addWidget(v)
    prepare_table_view(v, model)
    v.resize(700, 400)
    v.show()
    qtbot.waitExposed(v)
    return v


def text_at(model: LazyTableModel, row: int, column: int = 0) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def visible_rows(view: QTableView) -> range:
    first = view.rowAt(0)
    last = view.rowAt(view.viewport().height() - 1)
    last = view.model().rowCount() - 1 if last < 0 else last
    return range(first, last + 1)


def test_an_open_queue_loads_only_the_page_on_screen(qtbot, model: LazyTableModel, orders, view) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: all(model.is_loaded(r) for r in visible_rows(view)))

    assert text_at(model, 0) == "AD000000"
    assert len(orders.fetches) == 1
    assert orders.fetched_ids() <= set(orders.ids[:PAGE]), "only the first page, not 10k rows"


def test_a_row_shows_a_placeholder_then_its_data(qtbot, model: LazyTableModel) -> None:  # type: ignore[no-untyped-def]
    index = model.index(5000, 2)
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as changed:
        assert model.data(index) == PLACEHOLDER
        assert model.data(index, ROW_ID_ROLE) == 6000  # the id is known before the row is loaded

    first, last = changed.args[0], changed.args[1]
    assert first.row() <= 5000 <= last.row()
    assert last.row() - first.row() + 1 == PAGE
    assert model.data(index) == "¥5000.00"
    assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) == model.headerData(
        2, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole
    )


def test_requests_of_one_paint_become_one_fetch(qtbot, model: LazyTableModel, orders: FakeOrders) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignals([model.dataChanged, model.dataChanged], timeout=5000):
        for row in range(150, 250):  # straddles pages 0 and 1, asked for many times over
            for column in range(3):
                model.data(model.index(row, column))
                model.data(model.index(row, column))

    assert len(orders.fetches) == 1
    assert set(orders.fetches[0]) == set(orders.ids[: 2 * PAGE])


def test_rows_fetched_before_a_reset_are_never_shown_after_it(
    qtbot, model: LazyTableModel, orders: FakeOrders, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    orders.gate = threading.Event()
    assert text_at(model, 0, 1) == PLACEHOLDER
    qtbot.waitUntil(lambda: len(orders.fetches) == 1)  # read the old name, now held at the gate

    orders.rows[1000]["recipient"] = "改过的名字"  # changed and committed meanwhile
    model.set_ids(list(reversed(orders.ids)))  # the queue reloads
    assert text_at(model, N - 1, 1) == PLACEHOLDER

    with qtbot.waitSignal(runner.finished, timeout=5000):
        orders.gate.set()
    assert text_at(model, N - 1, 1) == PLACEHOLDER, "the stale page was dropped"

    qtbot.waitUntil(lambda: text_at(model, N - 1, 1) != PLACEHOLDER)
    assert text_at(model, N - 1, 1) == "改过的名字"


def test_invalidate_refetches_a_changed_row_in_place(qtbot, model: LazyTableModel, orders, view) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: model.is_loaded(3))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    before = len(orders.fetches)

    orders.rows[1003]["recipient"] = "王五"
    model.invalidate([1003])
    assert text_at(model, 3, 1) == "客户3", "the old value stays on screen until the new one arrives"

    qtbot.waitUntil(lambda: text_at(model, 3, 1) == "王五")  # the repaint asks, nobody else
    assert orders.fetches[before:] == [[1003]]
    assert resets == []


def test_a_change_during_a_fetch_is_fetched_again(qtbot, model: LazyTableModel, orders, runner) -> None:  # type: ignore[no-untyped-def]
    orders.gate = threading.Event()
    assert text_at(model, 3, 1) == PLACEHOLDER
    qtbot.waitUntil(lambda: len(orders.fetches) == 1)  # it has read 客户3 and is held at the gate

    orders.rows[1003]["recipient"] = "王五"
    model.invalidate([1003])
    with qtbot.waitSignal(runner.finished, timeout=5000):
        orders.gate.set()

    qtbot.waitUntil(lambda: text_at(model, 3, 1) == "王五")
    assert orders.fetches[1] == [1003]


def test_scrolling_to_the_bottom_shows_real_rows(qtbot, model: LazyTableModel, orders, view) -> None:  # type: ignore[no-untyped-def]
    view.scrollToBottom()

    qtbot.waitUntil(lambda: all(model.is_loaded(r) for r in visible_rows(view)))
    bottom = view.indexAt(QPoint(5, view.viewport().height() - 5))
    assert bottom.row() == N - 1
    assert model.data(bottom) == f"AD{N - 1:06d}"
    assert len(orders.fetched_ids()) <= 4 * PAGE, "the rows scrolled past are never loaded"


def test_a_failed_fetch_is_reported_and_retried_on_the_next_look(qtbot, model: LazyTableModel, orders) -> None:  # type: ignore[no-untyped-def]
    orders.fail = True
    with qtbot.waitSignal(model.fetch_failed, timeout=5000) as failed:
        assert text_at(model, 0) == PLACEHOLDER
    assert isinstance(failed.args[0], ConnectionError)
    assert text_at(model, 0) == PLACEHOLDER

    orders.fail = False
    qtbot.waitUntil(lambda: text_at(model, 0) == "AD000000")


def test_a_row_deleted_since_the_ids_were_loaded_shows_empty(qtbot, model: LazyTableModel, orders) -> None:  # type: ignore[no-untyped-def]
    del orders.rows[1001]
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        text_at(model, 1)
    assert text_at(model, 1) == ""
    assert text_at(model, 2) == "AD000002"


def test_a_reload_keeping_rows_shows_them_without_placeholders(qtbot, model: LazyTableModel) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        text_at(model, 0)
    new_ids = [999, *model.ids()]
    model.set_ids(new_ids, keep_rows=True)
    assert text_at(model, 1) == "AD000000"
    assert text_at(model, 0) == PLACEHOLDER


def test_model_passes_the_qt_model_tester(qtbot, qtmodeltester, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    orders = FakeOrders(500)
    model = LazyTableModel(COLUMNS, orders.fetch, runner, page_size=50)
    model.set_ids(orders.ids)
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: model.is_loaded(0))
    model.invalidate(None)
    model.set_ids(orders.ids[::2], keep_rows=True)
    model.set_ids([])
    model.set_ids(orders.ids)
    qtbot.waitUntil(lambda: model.is_loaded(0))


# --- the live queue ----------------------------------------------------------------------------------


class FakeWatcher:
    """Calls back from a thread of its own, as ChangeWatcher does."""

    def __init__(self, on_change, on_link) -> None:  # type: ignore[no-untyped-def]
        self.on_change, self.on_link = on_change, on_link
        self.started = self.stopped = False

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.stopped = True

    def fire(self, ids: set[int] | None) -> None:
        thread = threading.Thread(target=self.on_change, args=(ids,))
        thread.start()
        thread.join()


@pytest.fixture
def queue_parts(qtbot, runner: TaskRunner, orders: FakeOrders, model: LazyTableModel, view: QTableView):  # type: ignore[no-untyped-def]
    listed = {"ids": orders.ids[:500]}
    made: list[FakeWatcher] = []

    def factory(on_change, on_link) -> FakeWatcher:  # type: ignore[no-untyped-def]
        made.append(FakeWatcher(on_change, on_link))
        return made[-1]

    queue = LiveQueue(runner, lambda: list(listed["ids"]), factory, model, view)
    with qtbot.waitSignal(queue.reloaded, timeout=5000):
        queue.start()
    yield queue, listed, made[0]
    queue.stop()
    assert made[0].stopped


def select_id(view: QTableView, model: LazyTableModel, order_id: int) -> None:
    row = model.row_of(order_id)
    assert row is not None
    flags = QItemSelectionModel.SelectionFlag
    view.selectionModel().setCurrentIndex(model.index(row, 1), flags.ClearAndSelect | flags.Rows)


def selected_ids(view: QTableView, model: LazyTableModel) -> list[int]:
    return [model.row_id(i.row()) for i in view.selectionModel().selectedRows()]


def test_a_new_order_arriving_keeps_the_auditors_selection(qtbot, queue_parts, model, view) -> None:  # type: ignore[no-untyped-def]
    queue, listed, watcher = queue_parts
    assert watcher.started and model.rowCount() == 500
    select_id(view, model, 1010)

    listed["ids"] = [77, *listed["ids"]]  # submitted by an agent: sorts first
    with qtbot.waitSignal(queue.reloaded, timeout=5000):
        watcher.fire({77})

    assert model.row_id(0) == 77
    assert selected_ids(view, model) == [1010]
    current = view.selectionModel().currentIndex()
    assert (model.row_id(current.row()), current.column()) == (1010, 1)


def test_an_order_taken_by_someone_else_clears_the_selection(qtbot, queue_parts, model, view) -> None:  # type: ignore[no-untyped-def]
    queue, listed, watcher = queue_parts
    select_id(view, model, 1010)

    lost: list[set[int]] = []
    queue.selection_lost.connect(lost.append)

    listed["ids"] = [i for i in listed["ids"] if i != 1010]  # approved by another auditor
    with qtbot.waitSignal(queue.reloaded, timeout=5000):
        watcher.fire({1010})

    assert lost == [{1010}]
    assert selected_ids(view, model) == [], "never silently moved to the neighbouring order"
    assert model.row_of(1010) is None


def test_a_changed_order_still_listed_is_refreshed_without_a_reset(qtbot, queue_parts, model, orders, view) -> None:  # type: ignore[no-untyped-def]
    _queue, _listed, watcher = queue_parts
    qtbot.waitUntil(lambda: model.is_loaded(2))
    select_id(view, model, 1002)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    orders.rows[1002]["recipient"] = "赵六"
    watcher.fire({1002})

    qtbot.waitUntil(lambda: text_at(model, 2, 1) == "赵六")
    assert resets == []
    assert selected_ids(view, model) == [1002]


def test_a_burst_of_changes_during_a_load_costs_one_more_load(qtbot, runner, model, view) -> None:  # type: ignore[no-untyped-def]
    loads: list[int] = []
    gate = threading.Event()

    def load_ids() -> list[int]:
        loads.append(1)
        assert gate.wait(10)
        return [1, 2, 3]

    queue = LiveQueue(runner, load_ids, None, model, view)
    queue.start()
    for _ in range(10):
        queue.reload({1})
    with qtbot.waitSignals([queue.reloaded, queue.reloaded], timeout=5000):
        gate.set()
    assert len(loads) == 2
    queue.stop()


def test_a_commit_elsewhere_reaches_the_queue_through_a_real_watcher(
    qtbot, runner: TaskRunner, sqlite_database: Database
) -> None:  # type: ignore[no-untyped-def]
    db = sqlite_database

    def load_ids() -> list[int]:
        with db.engine.connect() as conn:
            return list(conn.execute(text("SELECT id FROM kb_categories ORDER BY id")).scalars())

    def fetch(ids: Sequence[int]) -> list[dict[str, Any]]:
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, name FROM kb_categories")).mappings()
            return [dict(r) for r in rows if r["id"] in set(ids)]

    model = LazyTableModel([Column("Name", "name")], fetch, runner)
    queue = LiveQueue(
        runner,
        load_ids,
        lambda on_change, on_link: ChangeWatcher(db.engine, on_change=on_change, on_link=on_link, poll_interval=0.05),
        model,
    )
    with qtbot.waitSignal(queue.live_changed, timeout=5000) as live:
        queue.start()
    assert live.args == [True, ""]
    try:
        with (
            qtbot.waitSignal(queue.reloaded, timeout=5000, check_params_cb=lambda n: n == 1),
            db.engine.begin() as conn,
        ):
            conn.execute(text("INSERT INTO kb_categories (name) VALUES ('退货')"))
        with qtbot.waitSignal(model.dataChanged, timeout=5000):
            text_at(model, 0)
        assert text_at(model, 0) == "退货"
    finally:
        queue.stop()


def test_header_shows_titles_and_the_view_is_sized_by_header(model: LazyTableModel, view: QTableView) -> None:
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Order", "Recipient", "Total"]
    assert view.horizontalHeader().sectionSize(0) >= view.fontMetrics().horizontalAdvance("AD20261122000001")
    assert model.rowCount(model.index(0, 0)) == 0 and model.rowCount(QModelIndex()) == N
