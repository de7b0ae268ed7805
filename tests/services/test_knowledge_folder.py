"""Import and export a folder of Markdown articles; the demo knowledge base; change notifications (both databases)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import event

from agent_desk.services.knowledge.articles import ArticleInput, KnowledgeNotAllowed, update_article
from agent_desk.services.knowledge.folder_import import (
    DEMO_DIR,
    export_folder,
    images_dir,
    import_folder,
    seed_demo_articles,
)
from agent_desk.services.knowledge.reading import get_article, list_articles
from agent_desk.services.knowledge.search import KnowledgeSearch
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.notify import ChangeWatcher
from agent_desk.store.notify_kb import KB_CHANNEL, announce_flushed_articles
from tests.services.knowledge_support import found, user

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e221bc330000000049454e44ae426082"
)


def _article(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_folder_gives_41_searchable_articles_and_a_second_import_changes_nothing(ref_db: Database) -> None:
    report = seed_demo_articles(ref_db.factory)
    assert (report.created, report.updated, report.skipped) == (41, 0, [])
    with ref_db.factory() as s:
        assert len(list_articles(s, "published")) == 41
    again = seed_demo_articles(ref_db.factory)
    assert (again.created, again.updated, again.unchanged, again.skipped) == (0, 0, 41, [])


def test_broken_file_and_unknown_business_line_are_skipped_with_reasons(ref_db: Database, tmp_path: Path) -> None:
    tmp_path = tmp_path / "kb"
    good = _article(
        tmp_path, "good.md", "---\ntitle: 发票开具\ncategory: invoice\nbusiness_lines: [health]\n---\n电子发票。\n"
    )
    broken = _article(tmp_path, "broken.md", "title: 没有头\n正文\n")
    toys = _article(tmp_path, "toys.md", "---\ntitle: 玩具退货\nbusiness_lines: [toys, health]\n---\n玩具。\n")
    steps: list[tuple[str, int, int]] = []
    assert good.exists()
    report = import_folder(ref_db.factory, None, tmp_path, lambda *a: steps.append(a))
    assert report.created == 1
    reasons = dict(report.skipped)
    assert set(reasons) == {broken, toys}
    assert "front matter" in reasons[broken]
    assert "unknown business line toys" in reasons[toys] and "health" in reasons[toys]
    assert steps[-1] == ("save", 2, 2) and ("read", 3, 3) in steps
    with ref_db.factory() as s:
        assert [a.title for a in list_articles(s, "published")] == ["发票开具"]


def test_an_import_records_its_author_or_says_it_had_none(ref_db: Database, tmp_path: Path) -> None:
    _article(tmp_path / "a", "a.md", "---\ntitle: 发票开具\n---\n电子发票。\n")
    _article(tmp_path / "b", "b.md", "---\ntitle: 发票抬头\n---\n公司抬头。\n")
    boss = user(ref_db.factory, "supervisor1")
    anonymous = import_folder(ref_db.factory, None, tmp_path / "a").article_ids[0]  # agent-desk kb import
    by_boss = import_folder(ref_db.factory, boss, tmp_path / "b").article_ids[0]  # … --author supervisor1
    with ref_db.factory() as s:
        first, second = get_article(s, anonymous).versions[0], get_article(s, by_boss).versions[0]
    assert (first.imported, first.author) == (True, "")
    assert (second.imported, second.author, second.author_id) == (False, boss.display_name, boss.id)


def test_agents_may_not_import(ref_db: Database, tmp_path: Path) -> None:
    with pytest.raises(KnowledgeNotAllowed):
        import_folder(ref_db.factory, user(ref_db.factory, "agent1"), tmp_path)


def test_export_then_import_round_trips(ref_db: Database, tmp_path: Path) -> None:
    seed_demo_articles(ref_db.factory)
    boss = user(ref_db.factory, "supervisor1")
    with transaction(ref_db.factory) as s:
        zh = next(a.id for a in list_articles(s, "published") if a.title == "七天无理由退货政策")
        update_article(
            s, boss, zh, ArticleInput("七天无理由退货政策", "新的正文", "售后/退换货/退货", ["退货"], ["health"])
        )
    out = tmp_path / "export"
    report = export_folder(ref_db.factory, out)
    assert len(report.written) == 41
    again = import_folder(ref_db.factory, boss, out)
    assert (again.created, again.updated, again.unchanged, again.skipped) == (0, 0, 41, [])

    # An edit made in the exported files comes back as a new version of the same article.
    target = next(p for p in report.written if "七天无理由退货政策" in p.read_text("utf-8"))
    target.write_text(target.read_text("utf-8").replace("新的正文", "修改后的正文"), "utf-8")
    again = import_folder(ref_db.factory, boss, out)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 40)
    with ref_db.factory() as s:
        view = get_article(s, zh)
    assert (view.body, view.category, view.version) == ("修改后的正文", "售后/退换货/退货", 3)


def test_pictures_beside_articles_are_copied_and_exported(ref_db: Database, tmp_path: Path) -> None:
    src = tmp_path / "in"
    _article(src, "pan.md", "---\ntitle: 不粘锅清洁\n---\n![锅](img/pan.png)\n\n![缺](img/missing.png)\n")
    (src / "img").mkdir()
    (src / "img" / "pan.png").write_bytes(PNG)
    report = import_folder(ref_db.factory, None, src)
    assert report.created == 1
    assert (images_dir() / "img" / "pan.png").read_bytes() == PNG
    assert [w[1] for w in report.warnings] == ["picture img/missing.png not found beside the article"]

    out = tmp_path / "out"
    exported = export_folder(ref_db.factory, out)
    assert exported.images == 1 and (out / "img" / "pan.png").read_bytes() == PNG


def test_each_article_change_is_announced_on_its_channel(ref_db: Database) -> None:
    """On PostgreSQL the ids travel with the notification; SQLite watchers see commits by themselves."""
    event.listen(ref_db.factory, "after_flush", announce_flushed_articles)  # what session_factory will do
    heard: list[set[int] | None] = []
    live = threading.Event()
    changed = threading.Event()

    def on_change(ids: set[int] | None) -> None:
        heard.append(ids)
        (changed if live.is_set() else live).set()

    watcher = ChangeWatcher(ref_db.engine, KB_CHANNEL, on_change=on_change, poll_interval=0.05, coalesce=0)
    watcher.start()
    try:
        assert live.wait(10)
        with transaction(ref_db.factory) as s:
            from agent_desk.services.knowledge.articles import create_article

            article_id = create_article(s, None, ArticleInput("Invoice", "PDF invoice"), status="published")
        assert changed.wait(10)
    finally:
        watcher.stop()
        event.remove(ref_db.factory, "after_flush", announce_flushed_articles)
    assert heard[-1] == ({article_id} if ref_db.dialect == "postgresql" else None)


def test_search_finds_chinese_and_english_demo_articles(ref_db: Database) -> None:
    seed_demo_articles(ref_db.factory)
    with KnowledgeSearch.open(None) as search:
        search.sync(ref_db.factory)
        assert found(search, "退货")[0] == "七天无理由退货政策"
        assert found(search, "退")  # one character already answers
        assert "Cash on delivery (COD) — how it works" in found(search, "cash on delivery")[:2]
        assert found(search, "退货", business_line="beauty")
        assert DEMO_DIR.is_dir()
