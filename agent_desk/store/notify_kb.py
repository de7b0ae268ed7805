"""Change notification for knowledge articles: every desk's search index follows edits made elsewhere.

Same mechanism as orders (:mod:`agent_desk.store.notify`): the session factory's ``after_flush``
hook announces the ids of flushed articles on :data:`KB_CHANNEL`; PostgreSQL delivers them at
commit to each desk's :class:`~agent_desk.store.notify.ChangeWatcher`, which re-syncs its index.
On SQLite the watcher sees commits by itself and this is a no-op.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from agent_desk.store.notify import notify_changed

KB_CHANNEL = "agent_desk_kb"


def announce_flushed_articles(session: Session, _flush_context: object) -> None:
    """``after_flush`` hook: an article, its tags or its business lines changed → announce its id."""
    from agent_desk.store.models import KnowledgeArticle, KnowledgeArticleLine, KnowledgeTag

    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, KnowledgeArticle) and obj.id:
            ids.add(obj.id)
        elif isinstance(obj, KnowledgeTag | KnowledgeArticleLine) and obj.article_id:
            ids.add(obj.article_id)
    if ids:
        notify_changed(session.connection(), KB_CHANNEL, ids)
