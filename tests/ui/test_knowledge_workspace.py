"""The Knowledge workspace: search as you type, filters, propose and publish across two desks, the viewer."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

from agent_desk.config import Settings
from agent_desk.services.knowledge.articles import ArticleInput, create_article
from agent_desk.services.knowledge.folder_import import seed_demo_articles
from agent_desk.services.knowledge.search import KnowledgeSearch
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.ui.context import DeskContext
from agent_desk.ui.knowledge import KnowledgeWorkspace, create
from agent_desk.ui.knowledge.html_delegate import HTML_ROLE
from agent_desk.ui.messages import bridge
from agent_desk.ui.tasks import TaskRunner
from tests.services.knowledge_support import user

WAIT = 10_000


@pytest.fixture
def kb_db(ui_db: Database) -> Database:
    seed_demo_articles(ui_db.factory)
    return ui_db


@pytest.fixture
def open_workspace(qtbot, kb_db: Database) -> Iterator[Callable[[str], KnowledgeWorkspace]]:  # type: ignore[no-untyped-def]
    runners: list[TaskRunner] = []
    made: list[KnowledgeWorkspace] = []

    def make(username: str) -> KnowledgeWorkspace:
        runner = TaskRunner()
        runners.append(runner)
        ctx = DeskContext(
            user(kb_db.factory, username), kb_db, runner, Settings(db_url=kb_db.url, hub_url=""), bridge()
        )
        # Each desk its own index, as on separate workstations.
        widget = KnowledgeWorkspace(ctx, KnowledgeSearch.open(None))
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.synced, timeout=WAIT):
            widget.show()
        made.append(widget)
        return widget

    yield make
    for widget in made:
        widget.shutdown()
    for runner in runners:
        runner.shutdown()


def titles(w: KnowledgeWorkspace) -> list[str]:
    return [w.results.item(i).text() for i in range(w.results.count())]


def html(w: KnowledgeWorkspace, row: int) -> str:
    return str(w.results.item(row).data(HTML_ROLE))


def test_typing_searches_as_you_type_with_highlights(qtbot, open_workspace) -> None:  # type: ignore[no-untyped-def]
    w = open_workspace("agent1")
    w.search_box.insert("退")  # what an input method commits; QTest types ASCII only
    qtbot.waitUntil(lambda: w.results.count() > 0, timeout=WAIT)
    assert "<b>退</b>" in html(w, 0)
    w.search_box.insert("货")
    qtbot.waitUntil(lambda: titles(w)[:1] == ["七天无理由退货政策"], timeout=WAIT)
    assert "<b>退货</b>" in html(w, 0)
    assert w.last_search_ms < 1000

    w.search_box.clear()
    qtbot.keyClicks(w.search_box, "refund")
    qtbot.waitUntil(lambda: any("Refund" in t or "refund" in t.lower() for t in titles(w)), timeout=WAIT)


def test_business_line_filter_narrows_the_results(qtbot, open_workspace) -> None:  # type: ignore[no-untyped-def]
    w = open_workspace("agent1")
    expected = [h.title for h in w.search.search("保修", business_line="kitchen", limit=30)]
    everything = [h.title for h in w.search.search("保修", limit=30)]
    assert expected and set(expected) < set(everything)
    w.search_box.insert("保修")
    qtbot.waitUntil(lambda: titles(w) == everything, timeout=WAIT)
    with qtbot.waitSignal(w.results_shown, timeout=WAIT):
        w.line_filter.setCurrentIndex(w.line_filter.findData("kitchen"))
    assert titles(w) == expected


def test_a_clicked_result_stays_picked_when_another_desk_changes_the_base(qtbot, open_workspace, kb_db) -> None:  # type: ignore[no-untyped-def]
    w = open_workspace("agent1")
    w.show()
    w.search_box.insert("退货")
    qtbot.waitUntil(lambda: w.results.count() > 2, timeout=WAIT)
    clicked = w.results.item(2)
    picked = (int(clicked.data(Qt.ItemDataRole.UserRole)), clicked.text())
    with qtbot.waitSignal(w.article_shown, timeout=WAIT):
        qtbot.mouseClick(
            w.results.viewport(), Qt.MouseButton.LeftButton, pos=w.results.visualItemRect(clicked).center()
        )
    assert w.title.text() == picked[1]
    opened: list[int] = []
    w.article_shown.connect(opened.append)

    # Another desk publishes an article: this desk's watcher hears it, re-syncs and runs the query again.
    with transaction(kb_db.factory) as s:
        create_article(s, None, ArticleInput("退货 — 新规", "新的退货规定。"), status="published")
    qtbot.waitUntil(lambda: "退货 — 新规" in titles(w), timeout=WAIT)
    current = w.results.currentItem()
    assert current is not None and (int(current.data(Qt.ItemDataRole.UserRole)), current.text()) == picked
    assert [item.text() for item in w.results.selectedItems()] == [picked[1]]

    # The agent comes back to the list (a click elsewhere, the window raised by a call): no jump.
    w.search_box.setFocus()
    w.results.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    qtbot.waitUntil(w.results.hasFocus, timeout=WAIT)
    # An article opened by the focus change would be read on the one database worker before this.
    behind: list[object] = []
    w.ctx.read(lambda _s: None, behind.append)
    qtbot.waitUntil(lambda: behind == [None], timeout=WAIT)
    assert opened == [] and w.title.text() == picked[1]
    assert w.article is not None and w.article.id == picked[0]
    assert w.results.currentItem() is not None and w.results.currentItem().text() == picked[1]


def test_ctrl_f_focuses_the_search_box(qtbot, open_workspace) -> None:  # type: ignore[no-untyped-def]
    w = open_workspace("agent1")
    w.activateWindow()
    w.results.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(w.search_box.hasFocus, timeout=WAIT)


def test_agent_proposes_and_supervisor_publishes(qtbot, open_workspace) -> None:  # type: ignore[no-untyped-def]
    agent = open_workspace("agent1")
    boss = open_workspace("supervisor1")
    agent.propose_from_call(call_id=None, title="包裹破损怎么办", notes="让客户**拍照**，24 小时内联系快递。")  # type: ignore[arg-type]
    assert not agent.editor.publish_button.isVisibleTo(agent)
    with qtbot.waitSignal(agent.saved, timeout=WAIT) as saved:
        agent.editor.propose_button.click()
    article_id = saved.args[0]

    # The supervisor's desk hears of it through its change watcher and lists it for review.
    qtbot.waitUntil(lambda: boss.proposed.count() == 1, timeout=WAIT)
    with qtbot.waitSignal(boss.article_shown, timeout=WAIT):
        qtbot.mouseClick(
            boss.proposed.viewport(),
            Qt.MouseButton.LeftButton,
            pos=boss.proposed.visualItemRect(boss.proposed.item(0)).center(),
        )
    assert boss.publish_button.isVisibleTo(boss)
    with qtbot.waitSignal(boss.saved, timeout=WAIT):
        boss.publish_button.click()

    # … and the agent's desk finds it published, without being told by this test.
    agent.search_box.setText("破损")
    qtbot.waitUntil(lambda: "包裹破损怎么办" in titles(agent), timeout=WAIT)
    qtbot.waitUntil(lambda: boss.proposed.count() == 0, timeout=WAIT)
    assert article_id > 0


def test_agents_do_not_see_review_buttons(qtbot, open_workspace) -> None:  # type: ignore[no-untyped-def]
    w = open_workspace("agent1")
    article_id = w.search.search("退货")[0].id
    with qtbot.waitSignal(w.article_shown, timeout=WAIT):
        w.open_article(article_id)
    assert not w.proposed.isVisibleTo(w)
    for button in (w.publish_button, w.archive_button, w.edit_button):
        assert not button.isVisibleTo(w)


def test_open_article_shows_the_rendered_body(qtbot, open_workspace) -> None:  # type: ignore[no-untyped-def]
    w = open_workspace("supervisor1")
    article_id = w.search.search("七天无理由退货政策")[0].id
    with qtbot.waitSignal(w.article_shown, timeout=WAIT):
        w.open_article(article_id)
    assert w.title.text() == "七天无理由退货政策"
    text = w.viewer.toPlainText()
    assert "7 天内" in text and "**" not in text and "## " not in text  # rendered, not raw Markdown
    assert w.versions.count() == 1
    assert w.edit_button.isVisibleTo(w) and w.archive_button.isVisibleTo(w)

    w.edit_button.click()
    w.editor.body.setPlainText("## 新标题\n\n**加粗**的正文")
    assert "**" not in w.editor.preview.toPlainText() and "加粗" in w.editor.preview.toPlainText()
    with qtbot.waitSignal(w.article_shown, timeout=WAIT):
        w.editor.save_button.click()
    assert w.versions.count() == 2 and "加粗" in w.viewer.toPlainText()


def test_editor_keeps_the_text_when_the_save_is_refused(qtbot, open_workspace) -> None:  # type: ignore[no-untyped-def]
    w = open_workspace("agent1")
    w.new_article()
    w.editor.body.setPlainText("没有标题的文章")
    w.editor.save_button.click()
    qtbot.waitUntil(lambda: "title" in w.editor.error.text(), timeout=WAIT)
    assert w.pages.currentWidget() is w.editor and w.editor.body.toPlainText() == "没有标题的文章"


def test_destroying_the_workspace_stops_its_watcher(qtbot, kb_db: Database) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    try:
        ctx = DeskContext(
            user(kb_db.factory, "agent1"), kb_db, runner, Settings(db_url=kb_db.url, hub_url=""), bridge()
        )
        widget: QWidget = create(ctx)
        assert isinstance(widget, KnowledgeWorkspace)
        qtbot.waitSignal(widget.synced, timeout=WAIT).wait()
        assert widget.watching and widget.search.path is not None  # the desk's own index on disk
        watcher = widget._res.watcher
        assert watcher is not None
        widget.deleteLater()
        qtbot.waitUntil(lambda: not Shiboken.isValid(widget), timeout=WAIT)
        assert not watcher.running
    finally:
        runner.shutdown()


def test_the_version_header_names_who_saved_it_or_that_it_was_imported(qtbot, open_workspace) -> None:  # type: ignore[no-untyped-def]
    w = open_workspace("supervisor1")
    article_id = w.search.search("七天无理由退货政策")[0].id
    with qtbot.waitSignal(w.article_shown, timeout=WAIT):
        w.open_article(article_id)
    # The demo knowledge base is imported with no author user: say so, not a dash.
    imported = w.versions.itemText(0)
    assert imported.startswith("Version 1 — imported, ") and "— —" not in imported

    w.edit_button.click()
    w.editor.body.setPlainText("新的正文")
    with qtbot.waitSignal(w.article_shown, timeout=WAIT):
        w.editor.save_button.click()
    assert w.versions.itemText(0).startswith(f"Version 2 — {w.ctx.user.display_name}, ")
    assert w.versions.itemText(1) == imported
