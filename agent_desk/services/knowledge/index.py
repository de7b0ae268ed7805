"""Full-text index of knowledge articles (tantivy), searched as the agent types.

One index per desk, kept in step with the database (SQLite or a shared
PostgreSQL) by the knowledge service: it calls :meth:`KnowledgeIndex.upsert` /
:meth:`KnowledgeIndex.delete` after each change it makes, and
:meth:`KnowledgeIndex.reconcile` at start-up and on change notifications to
pick up edits made at other desks.

Commit policy: every mutating call (``upsert``, ``upsert_many``, ``delete``,
``clear``, ``reconcile``) commits before it returns, so the next ``search``
sees it. ``commit()`` exists for callers that want to be explicit; it is
cheap when nothing is pending.

Threads: writes are serialised by a lock (tantivy allows one writer);
``search`` only reads an immutable searcher snapshot and may run on any
thread, concurrently with writes.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar, Self

import tantivy

from agent_desk.services.errors import ServiceError
from agent_desk.services.knowledge.query import PAIR_SUFFIX, build_query, relaxed_segments, split_query
from agent_desk.services.knowledge.snippet import Highlighter
from agent_desk.services.knowledge.text import (
    ANALYZER_NAME,
    BIGRAM_ANALYZER_NAME,
    build_analyzer,
    build_bigram_analyzer,
    cjk_bigram_text,
    clean_text,
    markdown_to_text,
)

__all__ = [
    "IndexedArticle",
    "KbHit",
    "KbIndexError",
    "KbIndexLockedError",
    "KnowledgeIndex",
    "ProgressCallback",
    "ReconcileReport",
]

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int | None], None]
"""Called as ``progress(done, total)``; ``total`` is None when not known in advance."""

PUBLISHED = "published"

# Bump when the schema or the tokenizer changes: an index on disk written with
# another version is wiped and must be rebuilt from the database.
SCHEMA_VERSION = "agentdesk-kb-7"
_VERSION_FILE = "agentdesk-kb.version"
_SNIPPET_CHARS = 160
_MAX_LIMIT = 200
_PROGRESS_EVERY = 500


class KbIndexError(ServiceError, RuntimeError):
    """The knowledge index could not be opened or written."""

    messages: ClassVar[Mapping[str, str]] = {
        "knowledge.index_unwritable": "cannot write the knowledge index {path}: {detail}",
        "knowledge.index_foreign_folder": "{path} is not empty and holds no knowledge index",
        "knowledge.index_closed": "the knowledge index is closed",
    }


class KbIndexLockedError(KbIndexError):
    """Another AgentDesk process on this machine holds the index for writing."""

    messages: ClassVar[Mapping[str, str]] = {
        "knowledge.index_locked": "the knowledge index {path} is in use by another AgentDesk window"
    }


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """What the index needs of an article; ``body`` is Markdown."""

    id: int
    title: str
    body: str
    tags: list[str]
    category: str
    business_lines: list[str]
    status: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class KbHit:
    """A search result.

    ``snippet`` and ``title_highlight`` are HTML-escaped text in which the
    matched parts are wrapped in ``<b>…</b>`` (show in a rich-text label, or
    strip the tags for a terminal).
    """

    id: int
    title: str
    snippet: str
    score: float
    title_highlight: str


@dataclass(frozen=True, slots=True)
class ReconcileReport:
    """What :meth:`KnowledgeIndex.reconcile` changed."""

    upserted: int
    deleted: int


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("id", stored=True, indexed=True, fast=True)
    for field, stored in (("title", True), ("tags", False), ("body", True)):
        sb.add_text_field(field, stored=stored, tokenizer_name=ANALYZER_NAME)
        sb.add_text_field(f"{field}{PAIR_SUFFIX}", tokenizer_name=BIGRAM_ANALYZER_NAME)
    sb.add_text_field("category", stored=False, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("business_line", stored=False, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("status", stored=False, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("published", fast=True)
    sb.add_integer_field("updated_us", stored=True, fast=True)
    return sb.build()


def _micros(moment: datetime) -> int:
    # Naive datetimes are taken as UTC, which is how the store writes them.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1_000_000)


class KnowledgeIndex:
    """The tantivy index of knowledge articles. Use :meth:`open` to get one."""

    def __init__(
        self,
        index: tantivy.Index,
        schema: tantivy.Schema,
        writer: tantivy.IndexWriter,
        *,
        rebuilt: bool,
    ) -> None:
        self._index = index
        self._schema = schema
        self._writer: tantivy.IndexWriter | None = writer
        self._lock = threading.RLock()
        self._pending = False
        self._searcher = index.searcher()
        self.needs_rebuild = rebuilt
        """True when the index was (re)created empty and must be filled from the database."""

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(
        cls,
        path: Path | None,
        *,
        writer_heap_bytes: int = 64_000_000,
        writer_threads: int = 1,
    ) -> Self:
        """Open (or create) the index in ``path``; ``None`` = in memory (tests, benchmarks).

        An index written by another schema version, or one that cannot be
        read, is wiped and recreated with ``needs_rebuild`` set. Raises
        :class:`KbIndexLockedError` if another process writes to ``path``.
        """
        schema = _schema()
        if path is None:
            index = tantivy.Index(schema)
            rebuilt = True
        else:
            index, rebuilt = cls._open_on_disk(schema, path)
        index.register_tokenizer(ANALYZER_NAME, build_analyzer())
        index.register_tokenizer(BIGRAM_ANALYZER_NAME, build_bigram_analyzer())
        index.config_reader(reload_policy="manual")
        try:
            writer = index.writer(writer_heap_bytes, writer_threads)
        except ValueError as exc:
            if "lock" in str(exc).lower():
                raise KbIndexLockedError("knowledge.index_locked", path=str(path)) from exc
            raise KbIndexError("knowledge.index_unwritable", path=str(path), detail=str(exc)) from exc
        return cls(index, schema, writer, rebuilt=rebuilt)

    @staticmethod
    def _open_on_disk(schema: tantivy.Schema, path: Path) -> tuple[tantivy.Index, bool]:
        path.mkdir(parents=True, exist_ok=True)
        version_file = path / _VERSION_FILE
        stamp = version_file.read_text("utf-8").strip() if version_file.exists() else None
        if stamp is None and any(path.iterdir()) and not (path / "meta.json").exists():
            # Never wipe a folder that is not ours (a mistyped data path).
            raise KbIndexError("knowledge.index_foreign_folder", path=str(path))
        if stamp != SCHEMA_VERSION and any(path.iterdir()):
            log.warning("knowledge index at %s is from %s; rebuilding", path, stamp)
            _wipe(path)
        rebuilt = not tantivy.Index.exists(str(path))
        try:
            index = tantivy.Index(schema, path=str(path), reuse=True)
        except ValueError as exc:
            log.warning("knowledge index at %s unreadable (%s); rebuilding", path, exc)
            _wipe(path)
            index = tantivy.Index(schema, path=str(path), reuse=True)
            rebuilt = True
        version_file.write_text(SCHEMA_VERSION + "\n", "utf-8")
        return index, rebuilt

    def close(self) -> None:
        """Commit and release the writer lock; the index can then be opened again."""
        with self._lock:
            if self._writer is None:
                return
            self.commit()
            writer, self._writer = self._writer, None
            writer.wait_merging_threads()
            del writer

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def upsert(self, doc: IndexedArticle) -> None:
        """Add or replace one article; visible to the next search."""
        with self._lock:
            self._add(doc)
            self.commit()

    def upsert_many(self, docs: Iterable[IndexedArticle], progress: ProgressCallback | None = None) -> int:
        """Add or replace many articles in one commit; returns how many."""
        total = len(docs) if isinstance(docs, list | tuple) else None
        done = 0
        with self._lock, self._all_or_nothing():
            for doc in docs:
                self._add(doc)
                done += 1
                if progress is not None and done % _PROGRESS_EVERY == 0:
                    progress(done, total)
            self.commit()
        if progress is not None and (done == 0 or done % _PROGRESS_EVERY):
            progress(done, total if total is not None else done)
        return done

    def delete(self, article_id: int) -> None:
        """Remove an article (no error if it was not indexed)."""
        with self._lock:
            self._require_writer().delete_documents_by_term("id", article_id)
            self._pending = True
            self.commit()

    def clear(self) -> None:
        """Remove every article."""
        with self._lock:
            self._require_writer().delete_all_documents()
            self._pending = True
            self.commit()

    def commit(self) -> None:
        """Make pending changes durable and visible to searches."""
        with self._lock:
            if not self._pending:
                return
            self._require_writer().commit()
            self._pending = False
            self._index.reload()
            self._searcher = self._index.searcher()

    def reconcile(
        self,
        current: Mapping[int, datetime],
        load: Callable[[list[int]], Iterable[IndexedArticle]],
        progress: ProgressCallback | None = None,
    ) -> ReconcileReport:
        """Bring the index in step with the database.

        ``current`` maps every article id in the database to its
        ``updated_at`` (one cheap query); ``load`` returns the full articles
        for the ids that are missing or stale. Articles no longer in the
        database are removed. This is how edits made at other desks on a
        shared PostgreSQL reach this desk's index.
        """
        indexed = self.indexed_versions()
        stale = [i for i, at in current.items() if indexed.get(i) != _micros(at)]
        gone = [i for i in indexed if i not in current]
        with self._lock, self._all_or_nothing():
            writer = self._require_writer()
            for article_id in gone:
                writer.delete_documents_by_term("id", article_id)
                self._pending = True
            upserted = 0
            for start in range(0, len(stale), 1000):
                for doc in load(stale[start : start + 1000]):
                    self._add(doc)
                    upserted += 1
                if progress is not None:
                    progress(min(start + 1000, len(stale)), len(stale))
            self.commit()
            self.needs_rebuild = False
        return ReconcileReport(upserted=upserted, deleted=len(gone))

    @contextmanager
    def _all_or_nothing(self) -> Iterator[None]:
        # A failure half-way (a bad article, a loader error, a progress
        # callback that cancels by raising) must not leave half a batch
        # waiting for the next commit.
        try:
            yield
        except BaseException:
            if self._writer is not None and self._pending:
                self._writer.rollback()
                self._pending = False
            raise

    def _add(self, doc: IndexedArticle) -> None:
        writer = self._require_writer()
        writer.delete_documents_by_term("id", doc.id)
        tdoc = tantivy.Document()
        tdoc.add_integer("id", doc.id)
        title = clean_text(doc.title)
        body = clean_text(markdown_to_text(doc.body))
        tdoc.add_text("title", title)
        tdoc.add_text("title" + PAIR_SUFFIX, cjk_bigram_text(title))
        tdoc.add_text("body", body)
        tdoc.add_text("body" + PAIR_SUFFIX, cjk_bigram_text(body))
        for tag in doc.tags:
            tag = clean_text(tag)
            tdoc.add_text("tags", tag)
            tdoc.add_text("tags" + PAIR_SUFFIX, cjk_bigram_text(tag))
        tdoc.add_text("category", clean_text(doc.category))
        for code in doc.business_lines:
            tdoc.add_text("business_line", clean_text(code))
        tdoc.add_text("status", clean_text(doc.status))
        tdoc.add_integer("published", int(doc.status == PUBLISHED))
        tdoc.add_integer("updated_us", _micros(doc.updated_at))
        writer.add_document(tdoc)
        self._pending = True

    def _require_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            raise KbIndexError("knowledge.index_closed")
        return self._writer

    # ------------------------------------------------------------------ reading

    def count(self) -> int:
        """Number of indexed articles, drafts included."""
        return self._searcher.num_docs

    def indexed_versions(self) -> dict[int, int]:
        """Every indexed article id → its ``updated_at`` in microseconds since the epoch."""
        searcher = self._searcher
        n = searcher.num_docs
        if n == 0:
            return {}
        hits = searcher.search(tantivy.Query.all_query(), limit=n, count=False).hits
        addresses = [address for _score, address in hits]
        ids = searcher.fast_field_values("id", addresses)
        stamps = searcher.fast_field_values("updated_us", addresses)
        return {int(i): int(s) for i, s in zip(ids, stamps, strict=True) if i is not None and s is not None}

    def search(
        self,
        query: str,
        *,
        category: str | None = None,
        business_line: str | None = None,
        limit: int = 20,
        include_drafts: bool = False,
    ) -> list[KbHit]:
        """Best matches for what the user typed, title matches first.

        Never raises for any ``query``: the text is searched for as words,
        never interpreted as query syntax. An empty or blank query returns
        no hits.
        """
        segments = split_query(query if isinstance(query, str) else "")
        if not segments:
            return []
        limit = max(1, min(int(limit), _MAX_LIMIT))
        searcher = self._searcher  # one snapshot for the whole search
        filters = self._filters(category, business_line)
        text_query = build_query(self._schema, segments)
        hits = self._top(searcher, text_query, filters, include_drafts, limit)
        if not hits and (len(segments) > 1 or len(segments[0].tokens) > 2):
            # Nothing has every part: rank what has most of them instead.
            segments = relaxed_segments(segments)
            text_query = build_query(self._schema, segments, relaxed=True)
            hits = self._top(searcher, text_query, filters, include_drafts, limit)
        if not hits:
            return []
        highlighter = Highlighter(segments, _SNIPPET_CHARS)
        out = []
        for score, address in hits:
            doc = searcher.doc(address)
            article_id = doc.get_first("id")
            if article_id is None:  # every document is written with its id: nothing to open without one
                continue
            title = doc.get_first("title") or ""
            out.append(
                KbHit(
                    id=int(article_id),
                    title=title,
                    snippet=highlighter.snippet(doc.get_first("body") or ""),
                    score=float(score),
                    title_highlight=highlighter.title(title),
                )
            )
        return out

    def _top(
        self,
        searcher: tantivy.Searcher,
        query: tantivy.Query,
        filters: list[tantivy.Query],
        include_drafts: bool,
        limit: int,
    ) -> list[tuple[float, tantivy.DocAddress]]:
        if include_drafts:
            return searcher.search(self._filtered(query, filters), limit, count=False).hits
        # Drafts are few. Filtering them inside the query would make tantivy
        # score every match instead of skipping low-scoring blocks (~1 ms more
        # on common terms at 100k), so fetch a few extra and drop them here.
        wide = limit * 2
        hits = searcher.search(self._filtered(query, filters), wide, count=False).hits
        flags = searcher.fast_field_values("published", [address for _score, address in hits])
        kept = [hit for hit, published in zip(hits, flags, strict=True) if published]
        if len(kept) >= limit or len(hits) < wide:
            return kept[:limit]
        published = tantivy.Query.term_query(self._schema, "status", PUBLISHED)
        return searcher.search(self._filtered(query, [*filters, published]), limit, count=False).hits

    def _filters(self, category: str | None, business_line: str | None) -> list[tantivy.Query]:
        filters = []
        if category:
            filters.append(tantivy.Query.term_query(self._schema, "category", clean_text(category)))
        if business_line:
            filters.append(tantivy.Query.term_query(self._schema, "business_line", clean_text(business_line)))
        return filters

    @staticmethod
    def _filtered(query: tantivy.Query, filters: list[tantivy.Query]) -> tantivy.Query:
        if not filters:
            return query
        # Filters decide membership only; a zero score keeps them out of the ranking.
        clauses = [(tantivy.Occur.Must, query)]
        clauses += [(tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0)) for f in filters]
        return tantivy.Query.boolean_query(clauses)


def _wipe(path: Path) -> None:
    for child in path.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
