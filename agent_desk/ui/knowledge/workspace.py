"""The Knowledge workspace: search as you type, read, write, propose, review and publish.

Searching never touches the database: each keystroke queries this desk's index on a search
worker of its own, and a result that arrives after a newer keystroke is dropped. The index is
kept in step by ``KnowledgeSearch.sync`` on the database worker (``ctx.runner``): at start, after
this desk's saves, and when the ChangeWatcher on ``agent_desk_kb`` reports a change made at any
desk. Roles are enforced by the services; the buttons only follow them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection
from html import escape
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_desk.services.knowledge.articles import (
    ArticleInput,
    ArticleView,
    archive_article,
    may_edit_any,
    publish_article,
    save_article,
)
from agent_desk.services.knowledge.folder_import import image_search_paths
from agent_desk.services.knowledge.index import KbHit
from agent_desk.services.knowledge.reading import business_line_choices, get_article, list_articles
from agent_desk.services.knowledge.search import KnowledgeSearch
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import error_text
from agent_desk.ui.knowledge.editor import ArticleEditor
from agent_desk.ui.knowledge.results import ARTICLE_ID, ResultList
from agent_desk.ui.live_queue import Watcher
from agent_desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

_ID = ARTICLE_ID
RESULT_LIMIT = 30


class _Resources:
    """What must be released when the widget goes, held apart so that the release needs no widget."""

    def __init__(self, search: KnowledgeSearch, searcher: TaskRunner, db_runner: TaskRunner) -> None:
        self.search = search
        self.searcher = searcher
        self.db_runner = db_runner
        self.watcher: Watcher | None = None
        self.closed = False

    def release(self, *_args: object) -> None:
        if self.closed:
            return
        self.closed = True
        if self.watcher is not None:
            self.watcher.stop()
        self.searcher.shutdown()
        if self.db_runner.closed:
            self.search.close()
        else:
            # After any sync still queued on the database worker, which writes to the index.
            self.db_runner.run(self.search.close)


class KnowledgeWorkspace(QWidget):
    """Signals:
    results_shown(object): the hits now listed (a list of KbHit) for the current query and filters.
    article_shown(int): an article is shown in the viewer.
    saved(int): this desk saved (or published, archived) the article with this id.
    synced(): the index caught up with the database.
    """

    results_shown = Signal(object)
    article_shown = Signal(int)
    saved = Signal(int)
    synced = Signal()
    _changed = Signal(object)  # from the watcher's thread: ids or None

    def __init__(self, ctx: DeskContext, search: KnowledgeSearch | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor_role = may_edit_any(ctx.user.role)
        self.search = search or KnowledgeSearch.open_for_desk(ctx.database.url)
        self._searcher = TaskRunner(self, name="kb-search")
        self._res = _Resources(self.search, self._searcher, ctx.runner)
        self.destroyed.connect(self._res.release)
        self._generation = 0
        self._syncing = False
        self._pending_sync: set[int] | Literal[False] | None = False  # False: none; None: everything; set: these ids
        self._lines: list[tuple[str, str]] = []
        self.article: ArticleView | None = None
        self.last_search_ms = 0.0
        """How long the index took for the last query (what the agent waits per keystroke)."""

        self._build()
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        self._changed.connect(self._on_change)
        self._start_watcher()
        self._load_lines()
        self._sync(None)

    # --- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setObjectName("kb_search")
        self.search_box.setPlaceholderText(self.tr("Search articles (Ctrl+F) — 退货, refund…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._query)
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("kb_category")
        self.category_filter.addItem(self.tr("All categories"), "")
        self.category_filter.currentIndexChanged.connect(self._query)
        self.line_filter = QComboBox()
        self.line_filter.setObjectName("kb_line")
        self.line_filter.addItem(self.tr("All business lines"), "")
        self.line_filter.currentIndexChanged.connect(self._query)
        self.results = ResultList()
        self.results.setObjectName("kb_results")
        self.results.currentItemChanged.connect(self._on_pick)
        self.results_label = QLabel(self.tr("Type to search the knowledge base."))
        self.proposed = QListWidget()
        self.proposed.setObjectName("kb_proposed")
        self.proposed.itemClicked.connect(lambda item: self.open_article(int(item.data(_ID))))
        new_button = QPushButton(self.tr("&New article") if self.editor_role else self.tr("&New proposal"))
        new_button.clicked.connect(lambda: self.new_article())

        filters = QHBoxLayout()
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.line_filter, 1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.search_box)
        lv.addLayout(filters)
        lv.addWidget(self.results_label)
        lv.addWidget(self.results, 3)
        self.proposed_label = QLabel(self.tr("Proposed — waiting for review"))
        lv.addWidget(self.proposed_label)
        lv.addWidget(self.proposed, 1)
        self.proposed_label.setVisible(self.editor_role)
        self.proposed.setVisible(self.editor_role)
        lv.addWidget(new_button)

        self.title = QLabel()
        self.title.setObjectName("kb_title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600")
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setStyleSheet("color: #555")
        self.versions = QComboBox()
        self.versions.setToolTip(self.tr("Earlier versions of this article"))
        self.versions.activated.connect(self._show_version)
        self.viewer = QTextBrowser()
        self.viewer.setObjectName("kb_viewer")
        self.viewer.setOpenExternalLinks(True)
        self.viewer.setSearchPaths([str(p) for p in image_search_paths()])
        self.viewer.setPlaceholderText(self.tr("Pick an article on the left."))
        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.clicked.connect(self._edit)
        self.publish_button = QPushButton(self.tr("&Publish"))
        self.publish_button.clicked.connect(lambda: self._set_status("publish"))
        self.archive_button = QPushButton(self.tr("&Archive"))
        self.archive_button.setToolTip(self.tr("Withdraw the article, or turn a proposal down"))
        self.archive_button.clicked.connect(lambda: self._set_status("archive"))
        self.propose_button = QPushButton(self.tr("P&ropose"))
        self.propose_button.clicked.connect(self._propose_current)
        actions = QHBoxLayout()
        actions.addWidget(self.versions, 1)
        for button in (self.edit_button, self.propose_button, self.publish_button, self.archive_button):
            button.setVisible(False)
            actions.addWidget(button)
        view_page = QWidget()
        vv = QVBoxLayout(view_page)
        vv.addWidget(self.title)
        vv.addWidget(self.meta)
        vv.addLayout(actions)
        vv.addWidget(self.viewer, 1)

        self.editor = ArticleEditor(editor_role=self.editor_role, image_paths=image_search_paths())
        self.editor.save_requested.connect(self._save)
        self.pages = QStackedWidget()
        self.editor.cancelled.connect(lambda: self.pages.setCurrentIndex(0))
        self.pages.addWidget(view_page)
        self.pages.addWidget(self.editor)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.pages)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def _focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # --- searching --------------------------------------------------------------------------------

    def _query(self, *_args: object) -> None:
        self._generation += 1
        generation = self._generation
        text = self.search_box.text()
        if not text.strip():
            self.results.clear()
            self.results_label.setText(self.tr("Type to search the knowledge base."))
            self.results_shown.emit([])
            return
        category = str(self.category_filter.currentData() or "")
        line = str(self.line_filter.currentData() or "")
        drafts = self.editor_role
        if self._res.closed:
            return

        def job() -> tuple[list[KbHit], float] | None:
            if generation != self._generation:
                return None  # the agent has typed on: skip, the newer query follows
            started = time.perf_counter()
            hits = self.search.search(
                text, category=category, business_line=line, include_drafts=drafts, limit=RESULT_LIMIT
            )
            return hits, (time.perf_counter() - started) * 1000

        self._searcher.run(job, lambda result: self._show_hits(generation, result), self._search_failed)

    def _show_hits(self, generation: int, result: tuple[list[KbHit], float] | None) -> None:
        if result is None or generation != self._generation:
            return
        hits, self.last_search_ms = result
        self.results.show_hits(hits)
        if hits:
            self.results_label.setText(self.tr("%n article(s)", "", len(hits)))
        else:
            self.results_label.setText(self.tr("No articles found for “{0}”.").format(self.search_box.text()))
        self.results_shown.emit(hits)

    def _search_failed(self, exc: BaseException) -> None:
        log.error("knowledge search failed", exc_info=exc)
        self.results_label.setText(self.tr("Search failed: {0}").format(exc))

    def _on_pick(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is not None:
            self.open_article(int(item.data(_ID)))

    # --- keeping the index in step ------------------------------------------------------------------

    def _start_watcher(self) -> None:
        try:
            watcher = self.ctx.database.watch_articles(self._changed.emit)
        except ValueError as exc:  # an in-memory database: nothing else can change it
            log.info("knowledge changes not watched: %s", exc)
            return
        self._res.watcher = watcher
        watcher.start()

    def _on_change(self, ids: set[int] | None) -> None:
        self._sync(ids)

    def _sync(self, ids: Collection[int] | None) -> None:
        if self._res.closed:
            return
        if self._syncing:
            # One sync at a time; what arrives meanwhile is merged into the next.
            if ids is None or self._pending_sync is None:
                self._pending_sync = None
            else:
                self._pending_sync = (self._pending_sync or set()) | set(ids)
            return
        self._syncing = True
        search = self.search
        wanted = None if ids is None else set(ids)
        self.ctx.call(lambda factory: search.sync(factory, wanted), self._synced, self._sync_failed)
        if self.editor_role:
            self._load_proposed()

    def _synced(self, _report: object) -> None:
        self._syncing = False
        if self._res.closed:
            return
        self._fill_categories()
        pending, self._pending_sync = self._pending_sync, False
        if pending is not False:
            self._sync(pending)
            return
        self._query()
        self.synced.emit()

    def _sync_failed(self, exc: BaseException) -> None:
        self._syncing = False
        if not self._res.closed:
            self.ctx.messages.warning.emit(self.tr("The knowledge index could not be updated: {0}").format(exc))

    def _fill_categories(self) -> None:
        current = self.category_filter.currentData()
        paths = self.search.categories
        if [self.category_filter.itemData(i) for i in range(1, self.category_filter.count())] == paths:
            return
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem(self.tr("All categories"), "")
        for path in paths:
            depth = path.count("/")
            self.category_filter.addItem("    " * depth + path.rsplit("/", 1)[-1], path)
        index = self.category_filter.findData(current)
        self.category_filter.setCurrentIndex(max(0, index))
        self.category_filter.blockSignals(False)
        self.editor.set_choices(paths, self._lines)

    def _load_lines(self) -> None:
        self.ctx.read(business_line_choices, self._show_lines)

    def _show_lines(self, lines: list[tuple[str, str]]) -> None:
        self._lines = lines
        for code, name in lines:
            self.line_filter.addItem(f"{name} ({code})", code)
        self.editor.set_choices(self.search.categories, lines)

    def _load_proposed(self) -> None:
        self.ctx.read(lambda s: list_articles(s, "proposed"), self._show_proposed)

    def _show_proposed(self, rows: list[Any]) -> None:
        self.proposed.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.title} — {row.author}")
            item.setData(_ID, row.id)
            self.proposed.addItem(item)
        self.proposed_label.setText(self.tr("Proposed — waiting for review (%n)", "", len(rows)))

    # --- reading ----------------------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        """Show the article (the pop's Knowledge tab opens its suggestions here)."""
        user = self.ctx.user
        self.ctx.read(lambda s: get_article(s, article_id, user), self._show_article, self._failed)

    def _show_article(self, article: ArticleView) -> None:
        self.article = article
        self.pages.setCurrentIndex(0)
        self.title.setText(article.title)
        names = dict(self._lines)
        status = {
            "draft": self.tr("draft"),
            "proposed": self.tr("proposed"),
            "published": self.tr("published"),
            "archived": self.tr("archived"),
        }[article.status]
        parts = [
            escape(article.category) or self.tr("no category"),
            status,
            ", ".join(escape(names.get(c, c)) for c in article.business_lines) or self.tr("all business lines"),
        ]
        if article.tags:
            parts.append(" ".join(f"#{escape(t)}" for t in article.tags))
        self.meta.setText(" · ".join(parts))
        self.versions.clear()
        for v in article.versions:
            # No author user: the version came from a folder import (the command line, the demo).
            author = self.tr("imported") if v.imported else v.author or "—"
            self.versions.addItem(
                self.tr("Version {0} — {1}, {2}").format(v.version, author, v.created_at.strftime("%Y-%m-%d %H:%M")),
                v.version,
            )
        self.viewer.setMarkdown(article.body)
        mine = article.author_id == self.ctx.user.id
        editable = self.editor_role or (mine and article.status in ("draft", "proposed"))
        self.edit_button.setVisible(editable)
        self.propose_button.setVisible(not self.editor_role and mine and article.status == "draft")
        self.publish_button.setVisible(self.editor_role and article.status != "published")
        self.archive_button.setVisible(self.editor_role and article.status != "archived")
        self.article_shown.emit(article.id)

    def _show_version(self, index: int) -> None:
        if self.article is not None and 0 <= index < len(self.article.versions):
            version = self.article.versions[index]
            self.viewer.setMarkdown(version.body)

    def _failed(self, exc: BaseException) -> None:
        self.ctx.messages.warning.emit(error_text(exc))

    # --- writing ----------------------------------------------------------------------------------

    def new_article(self, *, source_call_id: int | None = None, title: str = "", body: str = "") -> None:
        """Open the editor on a new article (from a call: with its id, and the notes as a start)."""
        self.editor.start_new(source_call_id=source_call_id, title=title, body=body)
        self.pages.setCurrentIndex(1)

    def propose_from_call(self, call_id: int | None, title: str = "", notes: str = "") -> None:
        """What the desk's wrap-up offers: turn how a call was solved into a proposed article."""
        self.new_article(source_call_id=call_id, title=title, body=notes)

    def _edit(self) -> None:
        if self.article is not None:
            self.editor.start_edit(self.article)
            self.pages.setCurrentIndex(1)

    def _save(self, data: ArticleInput, action: str) -> None:
        user, editor = self.ctx.user, self.editor
        article_id, expected, call_id = editor.article_id, editor.expected_version, editor.source_call_id

        def job(s: Session) -> int:
            return save_article(
                s,
                user,
                data,
                article_id=article_id,
                action=action,
                expected_version=expected,
                source_call_id=call_id,
            )

        # A refusal keeps the editor open with what was typed.
        self.ctx.write(job, self._after_save, lambda exc: editor.show_error(error_text(exc)))

    def _propose_current(self) -> None:
        if self.article is not None:
            a = self.article
            self.editor.start_edit(a)
            self._save(ArticleInput(a.title, a.body, a.category, a.tags, a.business_lines), "propose")

    def _set_status(self, action: str) -> None:
        if self.article is None:
            return
        user, article_id = self.ctx.user, self.article.id
        change = publish_article if action == "publish" else archive_article

        def job(s: Session) -> int:
            change(s, user, article_id)
            return article_id

        self.ctx.write(job, self._after_save, self._failed)

    def _after_save(self, article_id: int) -> None:
        if self._res.closed:
            return
        self.saved.emit(article_id)
        self._sync(None)
        self.open_article(article_id)

    # --- lifetime ---------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the watcher and the search worker and close the index (also done when destroyed)."""
        self._res.release()

    @property
    def watching(self) -> bool:
        return self._res.watcher is not None and self._res.watcher.running


def create(ctx: DeskContext) -> QWidget:
    return KnowledgeWorkspace(ctx)
