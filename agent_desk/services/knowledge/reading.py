"""Reading knowledge articles: one article with its versions, lists, the category tree."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.knowledge.articles import (
    SEPARATOR,
    ArticleSummary,
    ArticleView,
    CategoryNode,
    KnowledgeNotAllowed,
    VersionView,
    article_row,
    may_edit_any,
)
from agent_desk.store.models import BusinessLine, KnowledgeArticle, KnowledgeCategory, KnowledgeVersion, User

__all__ = ["business_line_choices", "category_paths", "category_tree", "get_article", "list_articles"]


def category_paths(session: Session) -> dict[int, str]:
    """Every category id → its full path, e.g. ``退换货/退货``."""
    rows = session.execute(select(KnowledgeCategory.id, KnowledgeCategory.parent_id, KnowledgeCategory.name)).all()
    by_id = {r.id: (r.parent_id, r.name) for r in rows}
    paths: dict[int, str] = {}

    def path_of(cid: int, depth: int = 0) -> str:
        if cid in paths:
            return paths[cid]
        parent, name = by_id[cid]
        # depth guards against a cycle written by hand into the table
        if parent is None or parent not in by_id or depth > 50:
            paths[cid] = name
        else:
            paths[cid] = path_of(parent, depth + 1) + SEPARATOR + name
        return paths[cid]

    for cid in by_id:
        path_of(cid)
    return paths


def category_tree(session: Session) -> list[CategoryNode]:
    """The categories as a tree, children sorted by name."""
    rows = session.execute(
        select(KnowledgeCategory.id, KnowledgeCategory.parent_id, KnowledgeCategory.name).order_by(
            KnowledgeCategory.name
        )
    ).all()
    paths = category_paths(session)
    nodes = {r.id: CategoryNode(r.id, r.name, paths[r.id]) for r in rows}
    roots: list[CategoryNode] = []
    for r in rows:
        parent = nodes.get(r.parent_id) if r.parent_id is not None else None
        (parent.children if parent is not None else roots).append(nodes[r.id])
    return roots


def business_line_choices(session: Session) -> list[tuple[str, str]]:
    """(code, name) of every active business line, for filters and the editor."""
    rows = session.execute(
        select(BusinessLine.code, BusinessLine.name).where(BusinessLine.active).order_by(BusinessLine.id)
    )
    return [(r.code, r.name) for r in rows]


def _names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(wanted))).all())


def get_article(session: Session, article_id: int, user: CurrentUser | None = None) -> ArticleView:
    """The article with its versions (newest first). Others' drafts are for editors only."""
    article = article_row(session, article_id)
    if (
        user is not None
        and not may_edit_any(user.role)
        and article.status != "published"
        and article.author_id != user.id
    ):
        raise KnowledgeNotAllowed("knowledge.not_published")
    versions = list(
        session.scalars(
            select(KnowledgeVersion)
            .where(KnowledgeVersion.article_id == article_id)
            .order_by(KnowledgeVersion.version.desc())
        )
    )
    names = _names(session, [article.author_id, *(v.author_id for v in versions)])
    codes = dict(session.execute(select(BusinessLine.id, BusinessLine.code)).all())
    return ArticleView(
        id=article.id,
        title=article.title,
        body=article.body,
        category=category_paths(session).get(article.category_id, "") if article.category_id else "",
        tags=sorted(t.tag for t in article.tags),
        business_lines=sorted(codes[line.business_line_id] for line in article.business_lines),
        status=article.status,
        version=article.version,
        author=names.get(article.author_id or 0, ""),
        author_id=article.author_id,
        source_call_id=article.source_call_id,
        created_at=article.created_at,
        updated_at=article.updated_at,
        versions=[
            VersionView(v.version, v.title, v.body, names.get(v.author_id or 0, ""), v.created_at, v.author_id)
            for v in versions
        ],
    )


def list_articles(session: Session, status: str, *, limit: int = 500) -> list[ArticleSummary]:
    """Articles in one status, most recently changed first (e.g. the reviewers' "Proposed" list)."""
    rows = session.execute(
        select(
            KnowledgeArticle.id,
            KnowledgeArticle.title,
            KnowledgeArticle.status,
            KnowledgeArticle.author_id,
            KnowledgeArticle.updated_at,
        )
        .where(KnowledgeArticle.status == status)
        .order_by(KnowledgeArticle.updated_at.desc(), KnowledgeArticle.id.desc())
        .limit(limit)
    ).all()
    names = _names(session, (r.author_id for r in rows))
    return [ArticleSummary(r.id, r.title, r.status, names.get(r.author_id or 0, ""), r.updated_at) for r in rows]
