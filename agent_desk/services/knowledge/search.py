"""This desk's search index of the knowledge base, kept in step with the database.

The index is local (tantivy, DESIGN.md) and the database may be shared, so the
index is never trusted to be current: :meth:`KnowledgeSearch.sync` compares
every article's ``updated_at`` with what the index holds and re-indexes what
differs. The desk calls it at start, after its own saves, and whenever a
:class:`~agent_desk.store.notify.ChangeWatcher` on :data:`KB_CHANNEL` reports
a change (an edit at another desk on PostgreSQL; any commit on SQLite).

Archived articles are not indexed; drafts and proposals are, flagged, and only
``include_drafts`` searches (reviewers) return them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Self

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from agent_desk import config
from agent_desk.services.knowledge.articles import INDEXED_STATUSES, SEPARATOR
from agent_desk.services.knowledge.index import (
    IndexedArticle,
    KbHit,
    KbIndexLockedError,
    KnowledgeIndex,
    ReconcileReport,
    _micros,
)
from agent_desk.services.knowledge.reading import category_paths
from agent_desk.store.models import BusinessLine, KnowledgeArticle

__all__ = ["KnowledgeSearch", "default_index_path"]

log = logging.getLogger(__name__)


def default_index_path(db_url: str) -> Path:
    """``data_dir()/kb-index/<database>``: one index per database this machine has opened.

    Keyed by the database so that switching between a demo file and the shared
    server does not re-index everything each time.
    """
    from agent_desk.store.db import describe

    key = hashlib.sha256(describe(db_url).encode("utf-8")).hexdigest()[:16]
    return config.data_dir() / "kb-index" / key


class KnowledgeSearch:
    """Owns the desk's :class:`KnowledgeIndex`; thread-safe as the index is (search anywhere)."""

    def __init__(self, index: KnowledgeIndex, path: Path | None = None) -> None:
        self.index = index
        self.path = path
        """Where the index lives; None when it is in memory."""
        self._categories: list[str] = []

    @classmethod
    def open(cls, path: Path | None) -> Self:
        """The index at ``path`` (None: in memory). Raises ``KbIndexLockedError`` if another process holds it."""
        return cls(KnowledgeIndex.open(path), path)

    @classmethod
    def open_for_desk(cls, db_url: str, path: Path | None = None) -> Self:
        """The desk's index on disk, or a private one in memory when another window holds it."""
        path = path or default_index_path(db_url)
        try:
            return cls.open(path)
        except KbIndexLockedError:
            log.warning("knowledge index %s in use by another window; this one searches from memory", path)
            return cls.open(None)

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- keeping in step ------------------------------------------------------------------------

    def sync(self, factory: sessionmaker[Session], ids: Collection[int] | None = None) -> ReconcileReport:
        """Bring the index in step with the database: all articles, or only ``ids`` (from a notification)."""
        with factory() as session:
            paths = category_paths(session)
            self._categories = sorted(set(paths.values()))
            stmt = select(KnowledgeArticle.id, KnowledgeArticle.updated_at).where(
                KnowledgeArticle.status.in_(INDEXED_STATUSES)
            )
            if ids is not None:
                stmt = stmt.where(KnowledgeArticle.id.in_(list(ids)))
            current = dict(session.execute(stmt).all())
            if ids is None:
                return self.index.reconcile(current, lambda batch: _load(session, batch, paths))
            indexed = self.index.indexed_versions()
            stale = [i for i, at in current.items() if indexed.get(i) != _micros(at)]
            gone = [i for i in ids if i not in current and i in indexed]
            for article_id in gone:
                self.index.delete(article_id)
            upserted = self.index.upsert_many(_load(session, stale, paths)) if stale else 0
            return ReconcileReport(upserted=upserted, deleted=len(gone))

    def rebuild(self, factory: sessionmaker[Session]) -> ReconcileReport:
        """Empty the index and fill it again from the database."""
        self.index.clear()
        return self.sync(factory)

    # --- searching ------------------------------------------------------------------------------

    @property
    def categories(self) -> list[str]:
        """Every category path known at the last sync."""
        return list(self._categories)

    def search(
        self,
        query: str,
        *,
        category: str | None = None,
        business_line: str | None = None,
        include_drafts: bool = False,
        limit: int = 20,
    ) -> list[KbHit]:
        """Best hits first. A ``category`` takes in its sub-categories (``退换货`` finds ``退换货/退货``)."""
        kwargs = {"business_line": business_line or None, "include_drafts": include_drafts, "limit": limit}
        if not category:
            return self.index.search(query, **kwargs)  # type: ignore[arg-type]
        prefix = category + SEPARATOR
        paths = [p for p in self._categories if p == category or p.startswith(prefix)] or [category]
        if len(paths) == 1:
            return self.index.search(query, category=paths[0], **kwargs)  # type: ignore[arg-type]
        # One query per sub-category: scores come from one index and one query, so they merge.
        hits = [h for p in paths for h in self.index.search(query, category=p, **kwargs)]  # type: ignore[arg-type]
        return sorted(hits, key=lambda h: -h.score)[:limit]


def _load(session: Session, ids: Iterable[int], paths: dict[int, str]) -> list[IndexedArticle]:
    ids = list(ids)
    if not ids:
        return []
    codes = dict(session.execute(select(BusinessLine.id, BusinessLine.code)).all())
    articles = session.scalars(
        select(KnowledgeArticle)
        .where(KnowledgeArticle.id.in_(ids))
        .options(selectinload(KnowledgeArticle.tags), selectinload(KnowledgeArticle.business_lines))
    )
    return [
        IndexedArticle(
            id=a.id,
            title=a.title,
            body=a.body,
            tags=[t.tag for t in a.tags],
            category=paths.get(a.category_id, "") if a.category_id is not None else "",
            business_lines=[codes[line.business_line_id] for line in a.business_lines],
            status=a.status,
            updated_at=a.updated_at,
        )
        for a in articles
    ]
