"""Import and export a folder of Markdown articles with front matter (title, category, tags, business_lines).

Import updates the article with the same title (case-insensitive) and creates the others as
published; a file whose content equals the article is left alone (no new version), so importing
the same folder twice changes nothing. Files that cannot be imported are listed with the reason:
broken front matter (:mod:`agent_desk.services.knowledge.folder_files`), unknown business lines, invalid
content. Each article is saved in its own transaction, so one bad file never undoes the others.

Images: a Markdown image with a relative path (``![](img/pan.png)``) stays as written in the
article. The file is copied from beside the article into :func:`images_dir` under the same
relative path, and the viewer looks there (then in ``resources/kb``). If a different picture
already has that path, the copy gets a name with its content hash and the article's link is
rewritten to it. Pictures live on the desk that imported them: on a shared database, import
(or copy ``kb-images``) on each desk; a missing picture is shown as a broken image, never an error.

Categories are names people write, in any script: ``category: 售后/退换货`` (levels separated by
``/``) files the article there, creating the levels that are missing, exactly as ``category:
returns`` always did. Export writes each article's category path the same way, names intact, so
exporting and importing again gives the same categories. Folders exported before names were
accepted carry a non-code path as ``category_path``; it is still read, and wins over ``category``.

Export writes published articles (or every status asked for) with their pictures beside them.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from agent_desk import config
from agent_desk.core.frontmatter import MarkdownArticle
from agent_desk.paths import RESOURCES
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.errors import Problem
from agent_desk.services.knowledge.articles import (
    ArticleInput,
    KnowledgeError,
    create_article,
    require_editor,
    update_article,
)
from agent_desk.services.knowledge.folder_files import FolderProblem, read_folder, write_folder
from agent_desk.services.knowledge.reading import category_paths, get_article
from agent_desk.store.db import transaction
from agent_desk.store.models import BusinessLine, KnowledgeArticle

__all__ = [
    "DEMO_DIR",
    "ExportReport",
    "ImportReport",
    "export_folder",
    "image_search_paths",
    "images_dir",
    "import_folder",
    "seed_demo_articles",
]

DEMO_DIR = RESOURCES / "kb"
Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stages are "read" and "save" (import) or "write" (export)."""

_IMAGE = re.compile(r"(!\[[^\]]*\]\()(<[^>]+>|[^)\s]+)((?:\s+\"[^\"]*\")?\))")
_PATH_KEY = "category_path"  # what older exports wrote for a category that was not a code


def images_dir() -> Path:
    return config.data_dir() / "kb-images"


def image_search_paths() -> list[Path]:
    """Where the viewer resolves relative image paths, in order."""
    return [images_dir(), DEMO_DIR]


@dataclass(slots=True)
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[Path, Problem]] = field(default_factory=list)
    warnings: list[tuple[Path, Problem]] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class ExportReport:
    written: list[Path] = field(default_factory=list)
    images: int = 0
    warnings: list[tuple[int, Problem]] = field(default_factory=list)


def _local_target(target: str) -> PurePosixPath | None:
    target = target.strip("<>")
    if "://" in target or target.startswith(("/", "data:", "#")) or ":" in target.split("/")[0]:
        return None
    path = PurePosixPath(target.replace("\\", "/"))
    if ".." in path.parts:
        return None  # never read or write outside the folders involved
    return path


def _copy_images(body: str, source: Path, report: ImportReport) -> str:
    """Copy the pictures an article shows into :func:`images_dir`; returns the body, links adjusted."""

    def one(match: re.Match[str]) -> str:
        rel = _local_target(match.group(2))
        if rel is None:
            return match.group(0)
        src = source.parent / rel
        if not src.is_file():
            report.warnings.append(
                (source, FolderProblem.problem("knowledge_folder.picture_missing", picture=str(rel)))
            )
            return match.group(0)
        data = src.read_bytes()
        dest = images_dir() / rel
        if dest.exists() and dest.read_bytes() != data:
            rel = rel.with_name(f"{rel.stem}-{hashlib.sha256(data).hexdigest()[:8]}{rel.suffix}")
            dest = images_dir() / rel
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
        return f"{match.group(1)}{rel.as_posix()}{match.group(3)}"

    return _IMAGE.sub(one, body)


def import_folder(
    factory: sessionmaker[Session],
    user: CurrentUser | None,
    folder: Path,
    progress: Progress | None = None,
) -> ImportReport:
    """Import every Markdown article under ``folder``; ``user`` None is the command line.

    Raises ``NotADirectoryError`` for a missing folder and ``KnowledgeNotAllowed`` for a role
    that may not publish; everything else wrong is reported per file.
    """
    require_editor(user, "import")
    read = read_folder(folder, None if progress is None else lambda d, t: progress("read", d, t))
    report = ImportReport(skipped=[(s.path, s.reason) for s in read.skipped])
    with factory() as session:
        known_lines = set(session.scalars(select(BusinessLine.code)))
        rows = session.execute(select(KnowledgeArticle.id, KnowledgeArticle.title)).all()
        by_title = {title.casefold(): article_id for article_id, title in rows}
    total = len(read.articles)
    for done, (path, parsed) in enumerate(read.articles, 1):
        unknown = [c for c in parsed.business_lines if c not in known_lines]
        if unknown:
            reason = FolderProblem.problem(
                "knowledge_folder.business_line_unknown",
                unknown=", ".join(unknown),
                known=", ".join(sorted(known_lines)),
            )
            report.skipped.append((path, reason))
        else:
            _import_one(factory, user, path, parsed, by_title, report)
        if progress is not None:
            progress("save", done, total)
    report.skipped.sort(key=lambda s: str(s[0]))
    return report


def _import_one(
    factory: sessionmaker[Session],
    user: CurrentUser | None,
    path: Path,
    parsed: MarkdownArticle,
    by_title: dict[str, int],
    report: ImportReport,
) -> None:
    category = parsed.extra.get(_PATH_KEY) if isinstance(parsed.extra.get(_PATH_KEY), str) else parsed.category
    try:
        body = _copy_images(parsed.body, path, report)
    except OSError as exc:
        reason = FolderProblem.problem("knowledge_folder.pictures_not_copied", detail=str(exc.strerror or exc))
        report.skipped.append((path, reason))
        return
    data = ArticleInput(parsed.title, body, category or "", parsed.tags, parsed.business_lines)
    existing = by_title.get(parsed.title.casefold())
    try:
        with transaction(factory) as session:
            if existing is None:
                article_id = create_article(session, user, data, status="published")
                by_title[parsed.title.casefold()] = article_id
                report.created += 1
            else:
                article_id = existing
                if _same(session, article_id, data):
                    report.unchanged += 1
                else:
                    update_article(session, user, article_id, data)
                    report.updated += 1
    except KnowledgeError as exc:
        report.skipped.append((path, exc.as_problem()))
        return
    report.article_ids.append(article_id)


def _same(session: Session, article_id: int, data: ArticleInput) -> bool:
    current = get_article(session, article_id)
    return (
        current.title == data.title
        and current.body == data.body.strip("\n")
        and current.category == (data.category or "")
        and sorted(current.tags) == sorted(data.tags)
        and current.business_lines == sorted(data.business_lines)
    )


def seed_demo_articles(factory: sessionmaker[Session], user: CurrentUser | None = None) -> ImportReport:
    """The demo knowledge base (``resources/kb``), published; importing again changes nothing."""
    return import_folder(factory, user, DEMO_DIR)


# --- export ---------------------------------------------------------------------------------------


def export_folder(
    factory: sessionmaker[Session],
    folder: Path,
    progress: Progress | None = None,
    *,
    statuses: Sequence[str] = ("published",),
) -> ExportReport:
    """Write the articles in ``statuses`` as Markdown files (with their pictures) into ``folder``."""
    report = ExportReport()
    with factory() as session:
        paths = category_paths(session)
        codes = dict(session.execute(select(BusinessLine.id, BusinessLine.code)).all())
        articles = session.scalars(
            select(KnowledgeArticle)
            .where(KnowledgeArticle.status.in_(list(statuses)))
            .order_by(KnowledgeArticle.id)
            .options(selectinload(KnowledgeArticle.tags), selectinload(KnowledgeArticle.business_lines))
        ).all()
        out: list[tuple[int, MarkdownArticle]] = []
        for a in articles:
            out.append(
                (
                    a.id,
                    MarkdownArticle(
                        title=a.title,
                        body=a.body,
                        category=paths.get(a.category_id, "") if a.category_id is not None else "",
                        tags=tuple(sorted(t.tag for t in a.tags)),
                        business_lines=tuple(sorted(codes[line.business_line_id] for line in a.business_lines)),
                    ),
                )
            )
    report.written = write_folder(folder, out, None if progress is None else lambda d, t: progress("write", d, t))
    for article_id, article in out:
        for match in _IMAGE.finditer(article.body):
            rel = _local_target(match.group(2))
            if rel is None:
                continue
            src = next((base / rel for base in image_search_paths() if (base / rel).is_file()), None)
            if src is None:
                report.warnings.append(
                    (article_id, FolderProblem.problem("knowledge_folder.picture_not_on_desk", picture=str(rel)))
                )
                continue
            dest = folder / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
            report.images += 1
    return report
