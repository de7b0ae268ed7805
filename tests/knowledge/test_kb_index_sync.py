"""The index follows every edit and delete, filters by category and business line, and persists."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agent_desk.services.knowledge.index import (
    SCHEMA_VERSION,
    IndexedArticle,
    KbIndexError,
    KbIndexLockedError,
    KnowledgeIndex,
)


def ids(index: KnowledgeIndex, query: str, **kw: object) -> list[int]:
    return [h.id for h in index.search(query, **kw)]  # type: ignore[arg-type]


def test_edit_is_visible_to_the_next_search(index: KnowledgeIndex, make_article) -> None:
    index.upsert(make_article(1, "配送时效", "一般三天送达"))
    assert ids(index, "配送") == [1]
    index.upsert(make_article(1, "发货时间", "审核后24小时内发出"))
    assert ids(index, "配送") == []
    assert ids(index, "发货") == [1]
    assert index.count() == 1  # replaced, not duplicated
    assert index.search("发货")[0].title == "发货时间"


def test_delete_is_visible_to_the_next_search(index: KnowledgeIndex, make_article) -> None:
    index.upsert_many([make_article(1, "退货政策"), make_article(2, "退货地址")])
    index.delete(1)
    assert ids(index, "退货") == [2]
    assert index.count() == 1
    index.delete(1)  # deleting twice is harmless
    index.delete(999)
    assert index.count() == 1


def test_unpublishing_hides_an_article_from_agents(index: KnowledgeIndex, make_article) -> None:
    index.upsert(make_article(1, "VIP权益", status="published"))
    index.upsert(make_article(1, "VIP权益", status="draft"))
    assert ids(index, "VIP") == []
    assert ids(index, "VIP", include_drafts=True) == [1]


def test_drafts_only_with_include_drafts(index: KnowledgeIndex, make_article) -> None:
    index.upsert_many([make_article(1, "发票说明"), make_article(2, "发票草稿", status="draft")])
    assert ids(index, "发票") == [1]
    assert sorted(ids(index, "发票", include_drafts=True)) == [1, 2]


def test_filters_by_category_and_business_line(index: KnowledgeIndex, make_article) -> None:
    index.upsert_many(
        [
            make_article(1, "保修政策", category="warranty", business_lines=("kitchen",)),
            make_article(2, "保修期查询", category="warranty", business_lines=("electronics", "kitchen")),
            make_article(3, "保修发票", category="invoices", business_lines=("electronics",)),
        ]
    )
    assert sorted(ids(index, "保修")) == [1, 2, 3]
    assert sorted(ids(index, "保修", category="warranty")) == [1, 2]
    assert sorted(ids(index, "保修", business_line="electronics")) == [2, 3]
    assert ids(index, "保修", category="warranty", business_line="electronics") == [2]
    assert ids(index, "保修", business_line="beauty") == []
    # Filters are exact codes, not words.
    assert ids(index, "保修", category="warrant") == []


def test_filters_do_not_change_the_ranking(demo_index: KnowledgeIndex) -> None:
    unfiltered = [h for h in demo_index.search("退货", limit=50)]
    filtered = demo_index.search("退货", business_line="health", limit=50)
    assert [h.score for h in filtered] == [h.score for h in unfiltered if h.id in {f.id for f in filtered}]


def test_clear_removes_everything(index: KnowledgeIndex, make_article) -> None:
    index.upsert_many([make_article(i, f"文章 {i}") for i in range(1, 6)])
    assert index.count() == 5
    index.clear()
    assert index.count() == 0
    assert index.search("文章") == []


def test_upsert_many_reports_progress(index: KnowledgeIndex, make_article) -> None:
    seen: list[tuple[int, int | None]] = []
    docs = [make_article(i, f"title {i}") for i in range(1, 1201)]
    assert index.upsert_many(docs, progress=lambda done, total: seen.append((done, total))) == 1200
    assert seen == [(500, 1200), (1000, 1200), (1200, 1200)]
    seen.clear()
    index.upsert_many(docs[:1000], progress=lambda done, total: seen.append((done, total)))
    assert seen == [(500, 1000), (1000, 1000)]
    assert index.count() == 1200


def test_reconcile_brings_index_in_step_with_database(index: KnowledgeIndex, make_article) -> None:
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    index.upsert_many([make_article(i, f"旧标题{i}", updated_at=t0) for i in (1, 2, 3)])
    # The database after other desks worked: 2 edited, 3 deleted, 4 created.
    database = {
        1: make_article(1, "旧标题1", updated_at=t0),
        2: make_article(2, "新标题2", updated_at=t0 + timedelta(minutes=5)),
        4: make_article(4, "新标题4", updated_at=t0 + timedelta(minutes=6)),
    }
    loaded: list[list[int]] = []

    def load(wanted: list[int]) -> list[IndexedArticle]:
        loaded.append(sorted(wanted))
        return [database[i] for i in wanted]

    report = index.reconcile({i: a.updated_at for i, a in database.items()}, load)
    assert (report.upserted, report.deleted) == (2, 1)
    assert loaded == [[2, 4]]
    assert sorted(ids(index, "新标题")) == [2, 4]
    assert ids(index, "旧标题") == [1]
    # In step now: a second pass loads nothing.
    again = index.reconcile({i: a.updated_at for i, a in database.items()}, load)
    assert (again.upserted, again.deleted) == (0, 0)


def test_naive_and_aware_timestamps_compare_equal(index: KnowledgeIndex, make_article) -> None:
    naive = datetime(2025, 1, 1, 8, 0)
    index.upsert(make_article(1, "x", updated_at=naive))
    report = index.reconcile({1: naive.replace(tzinfo=UTC)}, lambda wanted: [])
    assert report.upserted == 0


def test_index_on_disk_survives_reopening(tmp_path: Path, make_article) -> None:
    path = tmp_path / "kb"
    with KnowledgeIndex.open(path) as index:
        assert index.needs_rebuild
        index.upsert(make_article(7, "按摩椅安装"))
    with KnowledgeIndex.open(path) as index:
        assert not index.needs_rebuild
        assert ids(index, "按摩") == [7]


def test_index_from_another_version_is_rebuilt(tmp_path: Path, make_article) -> None:
    path = tmp_path / "kb"
    with KnowledgeIndex.open(path) as index:
        index.upsert(make_article(7, "按摩椅安装"))
    (path / "agentdesk-kb.version").write_text("agentdesk-kb-0\n")
    with KnowledgeIndex.open(path) as index:
        assert index.needs_rebuild
        assert index.count() == 0
    assert (path / "agentdesk-kb.version").read_text().strip() == SCHEMA_VERSION


def test_refuses_to_wipe_a_folder_that_is_not_an_index(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("precious")
    with pytest.raises(KbIndexError, match="holds no knowledge index"):
        KnowledgeIndex.open(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "precious"


def test_second_writer_on_same_folder_gets_a_clear_error(tmp_path: Path) -> None:
    with KnowledgeIndex.open(tmp_path / "kb"), pytest.raises(KbIndexLockedError, match="in use"):
        KnowledgeIndex.open(tmp_path / "kb")


def test_closed_index_refuses_writes(make_article) -> None:
    index = KnowledgeIndex.open(None)
    index.close()
    index.close()  # idempotent
    with pytest.raises(KbIndexError, match="closed"):
        index.upsert(make_article(1, "x"))


def test_searches_on_a_worker_thread_while_articles_are_written(index: KnowledgeIndex, make_article) -> None:
    index.upsert_many([make_article(i, f"退货政策 {i}") for i in range(1, 51)])
    stop = threading.Event()
    errors: list[BaseException] = []
    counts: list[int] = []

    def searcher() -> None:
        try:
            while not stop.is_set():
                counts.append(len(index.search("退货", limit=200)))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=searcher)
    worker.start()
    try:
        for i in range(51, 101):
            index.upsert(make_article(i, f"退货政策 {i}"))
        for i in range(1, 51):
            index.delete(i)
    finally:
        stop.set()
        worker.join(timeout=30)
    assert not worker.is_alive()
    assert not errors
    assert counts and all(0 < c <= 100 for c in counts)
    assert sorted(ids(index, "退货", limit=200)) == list(range(51, 101))


def test_cjk_phrases_match_adjacent_characters_only(index: KnowledgeIndex, make_article) -> None:
    index.upsert_many(
        [
            make_article(1, "政策说明", "退货政策。策略调整"),
            make_article(2, "退款", "货到付款的退款"),
            make_article(3, "新规", "执行新政策略有不同"),
        ]
    )
    assert sorted(ids(index, "政策")) == [1, 3]
    assert sorted(ids(index, "策略")) == [1, 3]
    assert ids(index, "货政策") == [1]
    assert ids(index, "政策略") == [3]  # in 1, 政策 and 策略 are in different sentences
    assert ids(index, "货退") == []  # both characters occur, never side by side
    assert sorted(ids(index, "退")) == [1, 2]


def test_published_articles_are_found_behind_many_better_drafts(index: KnowledgeIndex, make_article) -> None:
    drafts = [make_article(i, f"退货草稿 {i}", "退货 退货 退货", status="draft") for i in range(1, 61)]
    published = [make_article(i, f"说明 {i}", "关于退货的说明") for i in range(101, 104)]
    index.upsert_many(drafts + published)
    assert sorted(ids(index, "退货", limit=5)) == [101, 102, 103]
    assert len(ids(index, "退货", limit=5, include_drafts=True)) == 5
    assert set(ids(index, "退货", limit=200, include_drafts=True)) == set(range(1, 61)) | {101, 102, 103}


def test_a_failed_batch_leaves_the_index_as_it_was(index: KnowledgeIndex, make_article) -> None:
    index.upsert(make_article(1, "原有文章"))

    def articles():
        yield make_article(2, "新增条目")
        raise OSError("database connection lost")

    with pytest.raises(OSError, match="connection lost"):
        index.upsert_many(articles())
    index.upsert(make_article(3, "另一篇"))  # the next commit must not carry article 2
    assert ids(index, "新增") == []
    assert sorted(h.id for h in index.search("文章")) == [1]
    assert index.count() == 2
