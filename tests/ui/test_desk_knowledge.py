"""The desk and the knowledge base: suggested articles on the pop, proposals from a call."""

from __future__ import annotations

from agent_desk.core.roles import Workspace
from agent_desk.services.knowledge.folder_import import seed_demo_articles
from tests.ui.conftest import frame, login_window

TIMEOUT = 5000


def test_the_pop_suggests_articles_that_open_in_the_knowledge_workspace(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    seed_demo_articles(desktop.database.factory)
    window = login_window(desktop, qtbot, "agent1")
    desk, kb = window.workspaces[Workspace.DESK], window.workspaces[Workspace.KNOWLEDGE]
    with qtbot.waitSignal(desk.controller.pop_ready, timeout=TIMEOUT):
        desk.controller.on_frame(frame("call.offered", ani="13800138000", dnis="4008001001"))
    assert desk.view.articles.count() > 0  # health line articles, e.g. fish oil
    item = desk.view.articles.item(0)
    desk.view.articles.itemActivated.emit(item)
    assert window.tabs.currentWidget() is kb
    qtbot.waitUntil(lambda: kb.title.text() == item.text(), timeout=TIMEOUT)
    assert kb.viewer.toPlainText().strip()


def test_an_agent_proposes_an_article_from_the_call_notes(desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    desk, kb = window.workspaces[Workspace.DESK], window.workspaces[Workspace.KNOWLEDGE]
    with qtbot.waitSignal(desk.controller.pop_ready, timeout=TIMEOUT):
        desk.controller.on_frame(frame("call.offered", call_id="kb-call", ani="13800138000", dnis="4008001001"))
    desk.wrap_up.notes.setPlainText("客户问鱼油能否和降压药同服：建议间隔两小时并咨询医生。")
    with qtbot.waitSignal(desk.article_proposed, timeout=TIMEOUT) as blocker:
        desk.wrap_up.propose.click()
    call_id, _notes = blocker.args
    assert call_id is not None  # the call was recorded, so the article can point back at it
    assert window.tabs.currentWidget() is kb and kb.pages.currentIndex() == 1
    assert "降压药" in kb.editor.body.toPlainText()
