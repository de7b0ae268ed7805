"""Knowledge articles: writing, proposing, reviewing and reading them.

Who may do what is decided here, never only in widgets:

- anyone signed in may write a draft and propose it (agents propose an
  article from a call they handled, with its ``source_call_id``); the author
  may keep editing their own draft or proposal;
- supervisors and admins edit any article, publish, archive and delete.

Every save of the content appends a :class:`KnowledgeVersion` (author, time)
and bumps ``updated_at``, which is what keeps each desk's search index in step
(see :mod:`agent_desk.services.knowledge.search`). Functions take a session
whose transaction the caller owns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from agent_desk.core.roles import edits_any_article
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.errors import ServiceError
from agent_desk.store.clock import utcnow
from agent_desk.store.models import (
    BusinessLine,
    Call,
    KnowledgeArticle,
    KnowledgeArticleLine,
    KnowledgeCategory,
    KnowledgeTag,
    KnowledgeVersion,
)

__all__ = [
    "INDEXED_STATUSES",
    "ArticleConflict",
    "ArticleInput",
    "ArticleNotFound",
    "ArticleSummary",
    "ArticleView",
    "CategoryNode",
    "KnowledgeError",
    "KnowledgeNotAllowed",
    "VersionView",
    "archive_article",
    "article_row",
    "create_article",
    "delete_article",
    "may_edit_any",
    "propose_article",
    "publish_article",
    "require_editor",
    "save_article",
    "update_article",
]

# Archived articles leave the index; drafts and proposals stay in it for reviewers.
INDEXED_STATUSES = ("draft", "proposed", "published")
SEPARATOR = "/"
TITLE_MAX = 300
TAG_MAX = 60
CATEGORY_MAX = 100


class KnowledgeError(ServiceError, ValueError):
    """An article that cannot be saved as given; ``code`` and ``params`` say why."""

    messages: ClassVar[Mapping[str, str]] = {
        "knowledge.title_missing": "an article needs a title",
        "knowledge.title_too_long": "the title is longer than {limit} characters",
        "knowledge.tag_too_long": "the tag '{tag}'… is longer than {limit} characters",
        "knowledge.category_too_long": "the category '{category}'… is longer than {limit} characters",
        "knowledge.business_line_unknown": "unknown business line {unknown}; known: {known}",
        "knowledge.new_status_invalid": "a new article cannot be '{status}'",
        "knowledge.call_not_found": "call {call_id} does not exist",
        "knowledge.action_unknown": "unknown action '{given}'",
    }


class KnowledgeNotAllowed(KnowledgeError):
    """The user's role may not do this to this article."""

    messages: ClassVar[Mapping[str, str]] = {
        "knowledge.editors_only": "only a supervisor or an admin may {kb_action} knowledge articles",
        "knowledge.edit_not_allowed": (
            "you may edit only your own drafts and proposals; a supervisor edits published articles"
        ),
        "knowledge.not_published": "this article is not published",
    }


class ArticleNotFound(KnowledgeError):
    messages: ClassVar[Mapping[str, str]] = {
        "knowledge.article_not_found": "knowledge article {article_id} does not exist (deleted at another desk?)"
    }


class ArticleConflict(KnowledgeError):
    """Someone else saved the article since it was opened."""

    messages: ClassVar[Mapping[str, str]] = {
        "knowledge.article_changed": (
            "“{title}” was changed by someone else (now version {version}); reopen it to see their changes"
        )
    }


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """What an author types. ``category`` is a path such as ``退换货/退货``; ``business_lines`` are codes."""

    title: str
    body: str
    category: str = ""
    tags: Sequence[str] = ()
    business_lines: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class VersionView:
    """One saved version. ``author`` is the display name of who saved it; a version saved by no
    user (``author_id`` None, ``author`` empty) came from a folder import run without an author:
    ``agent-desk kb import`` without ``--author``, or the demo knowledge base."""

    version: int
    title: str
    body: str
    author: str
    created_at: datetime
    author_id: int | None = None

    @property
    def imported(self) -> bool:
        return self.author_id is None


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: int
    title: str
    body: str
    category: str
    tags: list[str]
    business_lines: list[str]
    status: str
    version: int
    author: str
    author_id: int | None
    source_call_id: int | None
    created_at: datetime
    updated_at: datetime
    versions: list[VersionView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    title: str
    status: str
    author: str
    updated_at: datetime


@dataclass(slots=True)
class CategoryNode:
    id: int
    name: str
    path: str
    children: list[CategoryNode] = field(default_factory=list)


def may_edit_any(role: str) -> bool:
    """Supervisors and admins review, edit, publish, archive and delete any article."""
    return edits_any_article(role)


def require_editor(user: CurrentUser | None, what: str) -> None:
    # None is the command line: whoever holds the database URL administers it.
    if user is not None and not may_edit_any(user.role):
        raise KnowledgeNotAllowed("knowledge.editors_only", kb_action=what)


def article_row(session: Session, article_id: int, *, lock: bool = False) -> KnowledgeArticle:
    stmt = select(KnowledgeArticle).where(KnowledgeArticle.id == article_id)
    if lock:
        stmt = stmt.with_for_update()
    article = session.scalars(stmt).one_or_none()
    if article is None:
        raise ArticleNotFound("knowledge.article_not_found", article_id=article_id)
    return article


# --- validation -----------------------------------------------------------------------------------


def _clean(data: ArticleInput) -> ArticleInput:
    title = " ".join(data.title.split())
    if not title:
        raise KnowledgeError("knowledge.title_missing")
    if len(title) > TITLE_MAX:
        raise KnowledgeError("knowledge.title_too_long", limit=TITLE_MAX)
    tags: list[str] = []
    for tag in data.tags:
        tag = " ".join(str(tag).split())
        if len(tag) > TAG_MAX:
            raise KnowledgeError("knowledge.tag_too_long", tag=tag[:20], limit=TAG_MAX)
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return ArticleInput(
        title=title,
        body=data.body.replace("\r\n", "\n").strip("\n"),
        category=_category_path(data.category),
        tags=tuple(tags),
        business_lines=tuple(dict.fromkeys(c.strip() for c in data.business_lines if c.strip())),
    )


def _category_path(path: str) -> str:
    parts = [" ".join(p.split()) for p in path.replace("\\", SEPARATOR).split(SEPARATOR)]
    parts = [p for p in parts if p]
    for part in parts:
        if len(part) > CATEGORY_MAX:
            raise KnowledgeError("knowledge.category_too_long", category=part[:20], limit=CATEGORY_MAX)
    return SEPARATOR.join(parts)


def _line_ids(session: Session, codes: Iterable[str]) -> list[int]:
    codes = list(codes)
    if not codes:
        return []
    known = dict(session.execute(select(BusinessLine.code, BusinessLine.id)).all())
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise KnowledgeError(
            "knowledge.business_line_unknown",
            unknown=", ".join(repr(c) for c in unknown),
            known=", ".join(sorted(known)) or "—",
        )
    return [known[c] for c in codes]


def _category_id(session: Session, path: str) -> int | None:
    """The id of the category at ``path``, creating the missing levels of the tree."""
    parent: int | None = None
    for name in path.split(SEPARATOR) if path else []:
        parent = _find_category(session, parent, name) or _add_category(session, parent, name)
    return parent


def _find_category(session: Session, parent: int | None, name: str) -> int | None:
    return session.scalars(
        select(KnowledgeCategory.id).where(
            KnowledgeCategory.parent_id.is_(None) if parent is None else KnowledgeCategory.parent_id == parent,
            KnowledgeCategory.name == name,
        )
    ).first()


def _add_category(session: Session, parent: int | None, name: str) -> int:
    try:
        # Another desk may create the same category at the same moment: keep theirs.
        with session.begin_nested():
            category = KnowledgeCategory(parent_id=parent, name=name)
            session.add(category)
        return category.id
    except IntegrityError:
        found = _find_category(session, parent, name)
        if found is None:
            raise
        return found


# --- writing --------------------------------------------------------------------------------------


def _apply(
    session: Session,
    article: KnowledgeArticle,
    data: ArticleInput,
    line_ids: list[int],
    author_id: int | None,
    now: datetime,
) -> None:
    article.title = data.title
    article.body = data.body
    article.category_id = _category_id(session, data.category)
    article.updated_at = now  # always, so that a change of tags alone still reaches every index
    article.tags = [KnowledgeTag(tag=t) for t in data.tags]
    article.business_lines = [KnowledgeArticleLine(business_line_id=i) for i in line_ids]
    session.add(
        KnowledgeVersion(
            article_id=article.id,
            version=article.version,
            title=data.title,
            body=data.body,
            author_id=author_id,
            created_at=now,
        )
    )


def create_article(
    session: Session,
    user: CurrentUser | None,
    data: ArticleInput,
    *,
    status: str = "draft",
    source_call_id: int | None = None,
) -> int:
    """Save a new article (version 1); only editors may create it already published."""
    if status not in ("draft", "proposed"):
        require_editor(user, "publish")
    if status not in INDEXED_STATUSES:
        raise KnowledgeError("knowledge.new_status_invalid", status=status)
    data = _clean(data)
    line_ids = _line_ids(session, data.business_lines)
    if source_call_id is not None and session.get(Call, source_call_id) is None:
        raise KnowledgeError("knowledge.call_not_found", call_id=source_call_id)
    now = utcnow()
    article = KnowledgeArticle(
        title=data.title,
        body=data.body,
        status=status,
        version=1,
        author_id=user.id if user else None,
        source_call_id=source_call_id,
        created_at=now,
        updated_at=now,
    )
    session.add(article)
    session.flush()
    _apply(session, article, data, line_ids, article.author_id, now)
    session.flush()
    return article.id


def _may_edit(user: CurrentUser | None, article: KnowledgeArticle) -> bool:
    if user is None or may_edit_any(user.role):
        return True
    return article.author_id == user.id and article.status in ("draft", "proposed")


def update_article(
    session: Session,
    user: CurrentUser | None,
    article_id: int,
    data: ArticleInput,
    *,
    expected_version: int | None = None,
) -> int:
    """Save new content as the next version; returns it.

    ``expected_version`` is the version the author opened: if another desk
    saved in between, :class:`ArticleConflict` is raised and nothing changes.
    """
    article = article_row(session, article_id, lock=True)
    if not _may_edit(user, article):
        raise KnowledgeNotAllowed("knowledge.edit_not_allowed")
    if expected_version is not None and article.version != expected_version:
        raise ArticleConflict("knowledge.article_changed", title=article.title, version=article.version)
    data = _clean(data)
    line_ids = _line_ids(session, data.business_lines)
    article.version += 1
    _apply(session, article, data, line_ids, user.id if user else None, utcnow())
    session.flush()
    return article.version


def propose_article(
    session: Session,
    user: CurrentUser,
    data: ArticleInput,
    *,
    article_id: int | None = None,
    source_call_id: int | None = None,
) -> int:
    """Submit an article for review: a new one, or the author's own draft (saved first)."""
    if article_id is None:
        return create_article(session, user, data, status="proposed", source_call_id=source_call_id)
    update_article(session, user, article_id, data)
    _mark_proposed(session, article_id, source_call_id)
    return article_id


def _mark_proposed(session: Session, article_id: int, source_call_id: int | None) -> None:
    article = article_row(session, article_id)
    if article.status == "draft":
        article.status = "proposed"
    if source_call_id is not None:
        article.source_call_id = source_call_id
    session.flush()


def _set_status(session: Session, user: CurrentUser | None, article_id: int, status: str, verb: str) -> None:
    require_editor(user, verb)
    article = article_row(session, article_id, lock=True)
    if article.status != status:
        article.status = status
        article.updated_at = utcnow()
        session.flush()


def publish_article(session: Session, user: CurrentUser | None, article_id: int) -> None:
    _set_status(session, user, article_id, "published", "publish")


def archive_article(session: Session, user: CurrentUser | None, article_id: int) -> None:
    """Withdraw an article (or turn a proposal down): it leaves every search, its versions stay."""
    _set_status(session, user, article_id, "archived", "archive")


def delete_article(session: Session, user: CurrentUser | None, article_id: int) -> None:
    require_editor(user, "delete")
    article = article_row(session, article_id, lock=True)
    # Explicit, not ON DELETE CASCADE: SQLite enforces it, but the ORM's flush order must not rely on it.
    session.execute(delete(KnowledgeVersion).where(KnowledgeVersion.article_id == article_id))
    session.delete(article)
    session.flush()


def save_article(
    session: Session,
    user: CurrentUser,
    data: ArticleInput,
    *,
    article_id: int | None = None,
    action: str = "save",
    expected_version: int | None = None,
    source_call_id: int | None = None,
) -> int:
    """What the editor's buttons do: ``save`` (a draft, or the article as it is), ``propose``, ``publish``."""
    if action not in ("save", "propose", "publish"):
        raise KnowledgeError("knowledge.action_unknown", given=action)
    if action == "publish":
        require_editor(user, "publish")
    if article_id is None:
        status = {"save": "draft", "propose": "proposed", "publish": "published"}[action]
        return create_article(session, user, data, status=status, source_call_id=source_call_id)
    update_article(session, user, article_id, data, expected_version=expected_version)
    if action == "propose":
        _mark_proposed(session, article_id, source_call_id)
    elif action == "publish":
        publish_article(session, user, article_id)
    return article_id
