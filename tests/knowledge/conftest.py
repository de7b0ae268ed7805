"""Fixtures for the knowledge-base search tests: the demo articles and fresh indexes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agent_desk.core.frontmatter import MarkdownArticle
from agent_desk.services.knowledge.folder_files import read_folder
from agent_desk.services.knowledge.index import IndexedArticle, KnowledgeIndex

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "kb"
T0 = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def _as_indexed(article_id: int, article: MarkdownArticle, status: str = "published") -> IndexedArticle:
    return IndexedArticle(
        id=article_id,
        title=article.title,
        body=article.body,
        tags=list(article.tags),
        category=article.category,
        business_lines=list(article.business_lines),
        status=status,
        updated_at=T0,
    )


def _make_article(
    article_id: int,
    title: str,
    body: str = "",
    *,
    tags: tuple[str, ...] = (),
    category: str = "general",
    business_lines: tuple[str, ...] = (),
    status: str = "published",
    updated_at: datetime = T0,
) -> IndexedArticle:
    return IndexedArticle(
        id=article_id,
        title=title,
        body=body,
        tags=list(tags),
        category=category,
        business_lines=list(business_lines),
        status=status,
        updated_at=updated_at,
    )


ArticleFactory = Callable[..., IndexedArticle]


@pytest.fixture
def make_article() -> ArticleFactory:
    """``make_article(id, title, body="", *, tags=(), category=..., business_lines=(), ...)``"""
    return _make_article


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO_DIR


@pytest.fixture(scope="session")
def demo_articles() -> list[tuple[int, MarkdownArticle]]:
    """The shipped demo articles with the ids the demo index gives them (file-name order)."""
    result = read_folder(DEMO_DIR)
    assert not result.skipped, result.skipped
    return [(i, article) for i, (_path, article) in enumerate(result.articles, 1)]


@pytest.fixture(scope="module")
def demo_index(demo_articles: list[tuple[int, MarkdownArticle]]) -> Iterator[KnowledgeIndex]:
    """The shipped demo articles, all published."""
    index = KnowledgeIndex.open(None)
    index.upsert_many([_as_indexed(i, a) for i, a in demo_articles])
    yield index
    index.close()


@pytest.fixture
def index() -> Iterator[KnowledgeIndex]:
    index = KnowledgeIndex.open(None)
    yield index
    index.close()
